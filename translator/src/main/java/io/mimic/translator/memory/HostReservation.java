package io.mimic.translator.memory;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * One contiguous host reservation that backs the whole guest address space: guest address A
 * lives at host address base + A. Every guest access goes through {@link #SPACE}, a segment
 * bounded by the reservation, so even a bug in the permission checks cannot reach host memory
 * outside it. The reservation is readable and writable on the host for its whole life (pages
 * are materialised lazily by the kernel, MAP_NORESERVE keeps it out of the commit charge):
 * guest permissions are enforced in software, never by host page faults, which the JVM could
 * not turn into guest signals.
 */
public final class HostReservation {
    /** Guest addresses are below 2^40 (1 TiB), more than any supported user-mode layout needs. */
    public static final int ADDRESS_BITS = 40;
    public static final long SIZE = 1L << ADDRESS_BITS;

    private static final int PROT_READ = 1, PROT_WRITE = 2;
    private static final int MAP_PRIVATE = 0x02, MAP_FIXED = 0x10, MAP_ANONYMOUS = 0x20, MAP_NORESERVE = 0x4000;
    private static final int MADV_DONTNEED = 4;

    private static final MethodHandle MMAP, MADVISE;

    /** The guest address space as one host segment; offset = guest address. */
    public static final MemorySegment SPACE;

    static {
        Linker linker = Linker.nativeLinker();
        var libc = linker.defaultLookup();
        MMAP = linker.downcallHandle(libc.find("mmap").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG,
                        ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG));
        MADVISE = linker.downcallHandle(libc.find("madvise").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT));
        try {
            MemorySegment base = (MemorySegment) MMAP.invokeExact(MemorySegment.NULL, SIZE, PROT_READ | PROT_WRITE,
                    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0L);
            if (base.address() == -1L) {
                throw new ExceptionInInitializerError("cannot reserve " + (SIZE >> 30) + " GiB of address space for the guest");
            }
            SPACE = base.reinterpret(SIZE, Arena.global(), null);
        } catch (Throwable t) {
            throw t instanceof Error e ? e : new ExceptionInInitializerError(t);
        }
    }

    private HostReservation() {}

    /** Host address of a guest address, for handing buffers to host system calls. */
    public static long hostAddress(long guestAddress) {
        return SPACE.address() + guestAddress;
    }

    /** Gives pages back to the host and makes them read as zero again. */
    public static void discard(long guestAddress, long length) {
        if (length <= 0) return;
        try {
            int rc = (int) MADVISE.invokeExact(MemorySegment.ofAddress(hostAddress(guestAddress)), length, MADV_DONTNEED);
            if (rc != 0) SPACE.asSlice(guestAddress, length).fill((byte) 0);
        } catch (Throwable t) {
            SPACE.asSlice(guestAddress, length).fill((byte) 0);
        }
    }
}
