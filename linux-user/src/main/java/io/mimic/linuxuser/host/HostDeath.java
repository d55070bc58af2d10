package io.mimic.linuxuser.host;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Ends this process by a host signal, so that its parent's wait sees "killed by signal N", as it
 * would for the native program (qemu-user does the same): the signal's disposition is reset to
 * the default, it is unblocked and sent to this process. Core files are turned off first: the
 * core would be the JVM's, not the guest's.
 */
public final class HostDeath {
    private static final int RT_SIGACTION = HostSyscalls.number("rt_sigaction"), RT_SIGPROCMASK = HostSyscalls.number("rt_sigprocmask"),
            PRLIMIT = HostSyscalls.number("prlimit64"), KILL = HostSyscalls.number("kill"), GETPID = HostSyscalls.number("getpid");
    private static final int SIG_UNBLOCK = 1, RLIMIT_CORE = 4;

    private HostDeath() {}

    /** Dies by host signal {@code hostSig}; returns only if the signal did not end the process. */
    public static void dieBy(int hostSig) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment act = arena.allocate(32, 8); // sa_handler SIG_DFL, no flags, empty mask
            MemorySegment set = arena.allocate(8, 8);
            set.set(java.lang.foreign.ValueLayout.JAVA_LONG, 0, 1L << (hostSig - 1));
            MemorySegment limit = arena.allocate(16, 8);
            HostSyscalls.call(PRLIMIT, 0, RLIMIT_CORE, limit.address(), 0);
            HostSyscalls.call(RT_SIGACTION, hostSig, act.address(), 0, 8);
            HostSyscalls.call(RT_SIGPROCMASK, SIG_UNBLOCK, set.address(), 0, 8);
            HostSyscalls.call(KILL, HostSyscalls.call(GETPID), hostSig);
        }
    }
}
