package io.mimic.linuxuser.syscall;

import io.mimic.syscalls.linux.StructLayout;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Copies a structure between two ABIs' layouts, field by field by name: each element is read
 * with the source's width, sign and byte order and written with the destination's (widening
 * keeps the sign, narrowing truncates). The destination is zeroed first, so fields the source
 * lacks, and padding, read as zero.
 */
public final class StructConverter {
    private StructConverter() {}

    public static void copy(MemorySegment src, long srcOff, StructLayout from, ByteOrder fromOrder,
                            MemorySegment dst, long dstOff, StructLayout to, ByteOrder toOrder) {
        dst.asSlice(dstOff, to.size()).fill((byte) 0);
        for (StructLayout.Field t : to.fields()) {
            StructLayout.Field f = from.field(t.name());
            if (f == null) continue;
            int n = Math.min(f.count(), t.count());
            for (int i = 0; i < n; i++) {
                long v = get(src, srcOff + f.offset() + (long) i * f.width(), f.width(), f.signed(), fromOrder);
                put(dst, dstOff + t.offset() + (long) i * t.width(), t.width(), v, toOrder);
            }
        }
    }

    /** Reads one integer of 1, 2, 4 or 8 bytes, sign- or zero-extended. */
    public static long get(MemorySegment m, long off, int width, boolean signed, ByteOrder order) {
        return switch (width) {
            case 1 -> signed ? m.get(ValueLayout.JAVA_BYTE, off) : m.get(ValueLayout.JAVA_BYTE, off) & 0xffL;
            case 2 -> {
                short s = m.get(ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(order), off);
                yield signed ? s : s & 0xffffL;
            }
            case 4 -> {
                int x = m.get(ValueLayout.JAVA_INT_UNALIGNED.withOrder(order), off);
                yield signed ? x : x & 0xffffffffL;
            }
            case 8 -> m.get(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(order), off);
            default -> throw new IllegalArgumentException("width " + width);
        };
    }

    /** Writes the low {@code width} bytes of {@code v}. */
    public static void put(MemorySegment m, long off, int width, long v, ByteOrder order) {
        switch (width) {
            case 1 -> m.set(ValueLayout.JAVA_BYTE, off, (byte) v);
            case 2 -> m.set(ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(order), off, (short) v);
            case 4 -> m.set(ValueLayout.JAVA_INT_UNALIGNED.withOrder(order), off, (int) v);
            case 8 -> m.set(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(order), off, v);
            default -> throw new IllegalArgumentException("width " + width);
        }
    }

    /** Reads a named field (element 0) of a structure. */
    public static long field(MemorySegment m, long base, StructLayout l, String name, ByteOrder order) {
        StructLayout.Field f = l.field(name);
        if (f == null) throw new IllegalArgumentException(l.name() + " has no field " + name);
        return get(m, base + f.offset(), f.width(), f.signed(), order);
    }

    /** Writes a named field (element 0) of a structure. */
    public static void setField(MemorySegment m, long base, StructLayout l, String name, long v, ByteOrder order) {
        StructLayout.Field f = l.field(name);
        if (f == null) throw new IllegalArgumentException(l.name() + " has no field " + name);
        put(m, base + f.offset(), f.width(), v, order);
    }
}
