package io.mimic.linuxuser.host;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Runtime;

/**
 * The host C library through jnr-ffi. Guest system calls that Linux-on-Linux can pass through
 * go to the host's raw {@code syscall(2)} with host numbers and host addresses (guest memory is
 * one contiguous host reservation, see HostReservation), so their semantics are the host
 * kernel's own. Everything else is converted by the syscall layer first.
 */
public final class HostLibc {
    /** The jnr-ffi binding; errno is saved after every call. */
    public interface C {
        long syscall(long number, long a0, long a1, long a2, long a3, long a4, long a5);
    }

    private static final C LIBC = LibraryLoader.create(C.class).load("c");
    private static final Runtime RUNTIME = Runtime.getRuntime(LIBC);

    private HostLibc() {}

    /** Raw host system call; returns the result or -errno, the kernel's own convention. */
    public static long syscall(int hostNumber, long a0, long a1, long a2, long a3, long a4, long a5) {
        long r = LIBC.syscall(hostNumber, a0, a1, a2, a3, a4, a5);
        return r == -1 ? -RUNTIME.getLastError() : r;
    }
}
