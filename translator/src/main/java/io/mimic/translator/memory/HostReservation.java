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
    private static final int MAP_SHARED = 0x01, MAP_PRIVATE = 0x02, MAP_FIXED = 0x10, MAP_ANONYMOUS = 0x20,
            MAP_NORESERVE = 0x4000;

    private static final MethodHandle MMAP, MMAP_ERRNO;
    private static final java.lang.foreign.StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final java.lang.invoke.VarHandle ERRNO = CALL_STATE.varHandle(
            java.lang.foreign.MemoryLayout.PathElement.groupElement("errno"));

    /** The guest address space as one host segment; offset = guest address. */
    public static final MemorySegment SPACE;

    static {
        Linker linker = Linker.nativeLinker();
        var libc = linker.defaultLookup();
        MMAP = linker.downcallHandle(libc.find("mmap").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG,
                        ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG));
        MMAP_ERRNO = linker.downcallHandle(libc.find("mmap").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG,
                        ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG),
                Linker.Option.captureCallState("errno"));
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

    /**
     * Gives pages back to the host and makes them fresh private zero pages again (this also
     * replaces a shared file mapping placed there by {@link #mapSharedFile}).
     */
    public static void discard(long guestAddress, long length) {
        if (length <= 0) return;
        if (hostMmap(guestAddress, length, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED, -1, 0) < 0) {
            SPACE.asSlice(guestAddress, length).fill((byte) 0);
        }
    }

    /**
     * Maps a host file shared at a guest address (MAP_SHARED guest mappings, whose writes must
     * reach the file and other processes). Returns 0 or -errno.
     */
    public static long mapSharedFile(long guestAddress, long length, int fd, long offset) {
        return hostMmap(guestAddress, length, MAP_SHARED | MAP_FIXED, fd, offset);
    }

    private static long hostMmap(long guestAddress, long length, int flags, int fd, long offset) {
        if (guestAddress < 0 || length <= 0 || guestAddress + length > SIZE) return -22;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            MemorySegment r = (MemorySegment) MMAP_ERRNO.invokeExact(state, MemorySegment.ofAddress(hostAddress(guestAddress)),
                    length, PROT_READ | PROT_WRITE, flags, fd, offset);
            if (r.address() == -1L) return -(int) ERRNO.get(state, 0L);
            return 0;
        } catch (Throwable t) {
            return -12;
        }
    }
}
