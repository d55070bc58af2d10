package io.mimic.linuxuser.signal;

import io.mimic.linuxuser.host.HostSyscalls;
import io.mimic.linuxuser.process.GuestExit;
import io.mimic.linuxuser.process.GuestProcess;
import io.mimic.syscalls.linux.LinuxArch;

import java.util.concurrent.locks.LockSupport;

/**
 * The default actions that end or stop the process, carried out on the host so that the parent
 * sees what it would natively: a process killed by signal N has a wait status that says so
 * (WIFSIGNALED), which a shell shows as 128 + N. Mimic resets the host's disposition of the
 * same signal to SIG_DFL (HotSpot's own handlers included: the process is ending) and sends it
 * to its own thread, as qemu-user does. RLIMIT_CORE is set to 0 first: a core dump of the JVM is
 * not the guest's core, and with RLIMIT_CORE 0 the status carries no core flag, as under qemu.
 */
public final class SignalDeath {
    private static final int RLIMIT_CORE = 4;

    private SignalDeath() {}

    /** Ends the process by {@code sig} (a guest number). Does not return. */
    public static RuntimeException die(GuestProcess p, int sig, boolean core) {
        SignalConstants c = SignalConstants.of(p.arch());
        // qemu-user reports the signals that dump core; the shell reports the rest.
        if (core) System.err.printf("mimic: uncaught target signal %d (%s)%n", sig, c.description(sig));
        System.out.flush();
        System.err.flush();
        if (p.strace != null) p.strace.flush();
        // A profiling run exits through the JVM so its recording gets written (see Main).
        if (System.getenv("MIMIC_PROFILE") != null) throw new GuestExit(128 + sig);
        String name = c.name(sig);
        int hostSig = name != null ? (int) LinuxArch.host().signals().value(name, sig) : sig;
        try (var arena = java.lang.foreign.Arena.ofConfined()) {
            var zero = arena.allocate(16, 8); // struct rlimit {0, 0}
            HostSyscalls.call(HostSyscalls.number("prlimit64"), 0, RLIMIT_CORE, zero.address(), 0);
            HostSignals.resetToDefault(hostSig);
            var set = arena.allocate(8, 8);
            set.set(java.lang.foreign.ValueLayout.JAVA_LONG, 0, 1L << (hostSig - 1));
            HostSyscalls.call(HostSyscalls.number("rt_sigprocmask"), 1 /* SIG_UNBLOCK */, set.address(), 0, 8);
        }
        toOwnThread(hostSig);
        // The signal ends the process as it returns from the kernel; if it somehow did not,
        // end with the status a shell would show.
        LockSupport.parkNanos(2_000_000_000L);
        throw new GuestExit(128 + sig);
    }

    /**
     * Stops the whole process (SIGSTOP and the default action of SIGTSTP/SIGTTIN/SIGTTOU) until
     * SIGCONT. Sent to the calling thread, not to the process: the kernel hands a process-directed
     * signal to any thread (the JVM's main thread first), and the caller could return from kill
     * and run on before that thread had begun the group stop; a child that did raise(SIGSTOP);
     * _exit(9) was then seen to exit instead of stop (once in some hundreds of runs). A signal
     * pending on the caller itself is acted on before the syscall returns.
     */
    public static void stop() {
        toOwnThread(LinuxArch.host().signals().value("SIGSTOP"));
    }

    /** Sends host signal {@code hostSig} to the calling thread, which acts on it before the syscall returns. */
    private static void toOwnThread(long hostSig) {
        long pid = ProcessHandle.current().pid();
        long tid = HostSyscalls.call(HostSyscalls.number("gettid"));
        HostSyscalls.call(HostSyscalls.number("tgkill"), pid, tid, hostSig);
    }
}
