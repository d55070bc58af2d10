package io.mimic.translator.memory;

/** The host's mmap, for {@link HostReservation}: the system call itself, through {@link HostSyscall}. */
final class HostMmap {
    /** mmap's number on the x86-64 host (the only host Mimic runs on). */
    private static final int X86_64_MMAP = 9;

    private HostMmap() {}

    /** The address, or -errno (user-space addresses are never in [-4095, -1]). */
    static long mmap(long addr, long length, int prot, int flags, int fd, long offset) {
        return HostSyscall.call(X86_64_MMAP, addr, length, prot, flags, fd, offset);
    }
}
