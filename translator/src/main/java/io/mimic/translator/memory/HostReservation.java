package io.mimic.translator.memory;

import java.lang.foreign.MemorySegment;

/**
 * One contiguous host reservation that backs the whole guest address space: guest address A
 * lives at host address base + A. Every guest access goes through {@link #SPACE}, a segment
 * bounded by the reservation, so even a bug in the permission checks cannot reach host memory
 * outside it. The reservation is readable and writable on the host for its whole life (pages
 * are materialised lazily by the kernel, MAP_NORESERVE keeps it out of the commit charge):
 * guest permissions are enforced in software, never by host page faults, which the JVM could
 * not turn into guest signals.
 *
 * mmap is {@link HostMmap}'s.
 */
public final class HostReservation {
    /** Guest addresses are below 2^40 (1 TiB), more than any supported user-mode layout needs. */
    public static final int ADDRESS_BITS = 40;
    public static final long SIZE = 1L << ADDRESS_BITS;

    private static final int PROT_READ = 1, PROT_WRITE = 2;
    private static final int MAP_SHARED = 0x01, MAP_PRIVATE = 0x02, MAP_FIXED = 0x10, MAP_ANONYMOUS = 0x20,
            MAP_NORESERVE = 0x4000;

    /** The guest address space as one host segment; offset = guest address. */
    public static final MemorySegment SPACE;

    static {
        long base = HostMmap.mmap(0, SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
        if (base < 0) {
            throw new ExceptionInInitializerError(new Refused("cannot reserve " + (SIZE >> 30)
                    + " GiB of address space for the guest (errno " + -base + "; is the virtual address space limited by ulimit -v?)"));
        }
        SPACE = MemorySegment.ofAddress(base).reinterpret(SIZE);
    }

    private HostReservation() {}

    /** The host refused the reservation (its message says why), a failure of the environment, not of Mimic. */
    public static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

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
        long r = HostMmap.mmap(hostAddress(guestAddress), length, PROT_READ | PROT_WRITE, flags, fd, offset);
        return r < 0 ? r : 0;
    }
}
