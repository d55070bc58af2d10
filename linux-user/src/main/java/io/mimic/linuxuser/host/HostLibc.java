package io.mimic.linuxuser.host;

import io.mimic.translator.memory.HostSyscall;

/**
 * The host's raw {@code syscall(2)}. Guest system calls that Linux-on-Linux can pass through go
 * here with host numbers and host addresses (guest memory is one contiguous host reservation,
 * see HostReservation), so their semantics are the host kernel's own. Everything else is
 * converted by the syscall layer first.
 *
 * The binding is the JDK's foreign-function API rather than jnr-ffi: measured on this project's
 * machines, jnr-ffi's generated stubs cost 0.5-0.8 s at every process start (hello world took
 * 1 s), the FFM downcall about 0.1 s, and binfmt_misc and CI start thousands of processes. The
 * downcall itself is the translator's {@link HostSyscall}, which the guest's memory reservation
 * uses too: one downcall to link per process.
 */
public final class HostLibc {
    private HostLibc() {}

    /** Raw host system call; returns the result or -errno, the kernel's own convention. */
    public static long syscall(int hostNumber, long a0, long a1, long a2, long a3, long a4, long a5) {
        return HostSyscall.call(hostNumber, a0, a1, a2, a3, a4, a5);
    }
}
