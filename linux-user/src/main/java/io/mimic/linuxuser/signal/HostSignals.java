package io.mimic.linuxuser.signal;

import io.mimic.linuxuser.process.GuestProcess;

import io.mimic.linuxuser.host.HostSyscalls;
import io.mimic.syscalls.linux.LinuxArch;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Set;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Signals from outside (the terminal's SIGINT and SIGTSTP, kill from another process) reach
 * Mimic as host signals (SIGCHLD excepted: the JVM keeps it from Java handlers, so the guest's
 * is made by ChildExitSignals, and the host's disposition is only ever SIG_DFL or SIG_IGN). The host disposition of each one follows the guest's:
 * <ul>
 *   <li>a guest handler: a Java handler (the JDK's signal dispatcher thread) queues the guest
 *       signal for the process and wakes a thread that does not block it;</li>
 *   <li>SIG_IGN: the host ignores it too;</li>
 *   <li>SIG_DFL: the host's default, so the process dies, stops or ignores it exactly as a
 *       native one would. At start-up SIGHUP, SIGINT and SIGTERM (for which the JVM installs
 *       shutdown handlers that would exit with 128 + N instead of dying by the signal) are set
 *       back to SIG_DFL.</li>
 * </ul>
 * Signals that cannot come from outside, because HotSpot uses them and refuses other handlers:
 * SIGSEGV, SIGBUS, SIGFPE, SIGILL (its own faults: implicit null checks, safepoint polls),
 * SIGQUIT (thread dumps) — and SIGPIPE, which the JVM ignores so
 * that writes return EPIPE (the guest's SIGPIPE is raised by the write itself, see
 * SignalSyscalls). A forwarded signal's siginfo says SI_USER without the sender's pid (the JDK's
 * handler does not pass it on). Real-time signals from outside are not forwarded either (glibc and the JDK use
 * some of them; Mimic's wake-up signal is one). SIGUSR2 is HotSpot's thread-suspension signal
 * unless {@code _JAVA_SR_SIGNUM} names another: bin/mimic moves it to SIGRTMAX-1, so SIGUSR2 is
 * forwarded (a JVM that keeps it refuses the handler, and the guest sees only its own sends).
 */
public final class HostSignals {
    /** Host signals (by name) whose disposition follows the guest's. */
    private static final Set<String> FORWARDED = Set.of("SIGHUP", "SIGINT", "SIGTRAP", "SIGABRT", "SIGUSR1", "SIGUSR2", "SIGALRM",
            "SIGTERM", "SIGSTKFLT", "SIGCHLD", "SIGCONT", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU", "SIGXFSZ",
            "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS");

    private HostSignals() {}

    /** Sets the host's disposition of host signal {@code hostSig} to SIG_DFL, under the JVM's feet. */
    static void resetToDefault(int hostSig) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment dfl = arena.allocate(32, 8); // kernel struct sigaction: SIG_DFL, no flags, empty mask
            HostSyscalls.call(HostSyscalls.number("rt_sigaction"), hostSig, dfl.address(), 0, 8);
        }
    }

    /**
     * The JVM's shutdown handlers would turn a fatal SIGHUP/SIGINT/SIGTERM into an exit: restore
     * the default (one ignored at start-up stays ignored, as it would for a native program).
     */
    public static void init() {
        for (String name : new String[] {"HUP", "INT", "TERM"}) Signal.handle(new Signal(name), SignalHandler.SIG_DFL);
    }

    /** rt_sigaction changed the guest's disposition of {@code sig}: make the host's follow. */
    public static void dispositionChanged(GuestProcess p, int sig, SigAction act) {
        String name = p.arch().signals().symbol(sig);
        if (name == null || !FORWARDED.contains(name)) return;
        Signal host = new Signal(name.substring(3));
        SignalHandler h;
        if (act.isIgnore()) {
            h = SignalHandler.SIG_IGN; // for SIGCHLD this also makes the host reap children, as Linux does
        } else if (name.equals("SIGCHLD")) {
            h = SignalHandler.SIG_DFL; // the guest's SIGCHLD is made by ChildExitSignals
        } else {
            // The JVM leaves SIGHUP/SIGINT/SIGTERM alone when they were ignored at start-up (a
            // background job's SIGINT): the guest chose otherwise, so reset the host's first.
            resetToDefault((int) LinuxArch.host().signals().value(name));
            // A signalfd that watches the signal needs it forwarded even with the default disposition.
            h = act.isDefault() && !p.signalFds.watches(sig) ? SignalHandler.SIG_DFL : null;
        }
        if (h == null) {
            h = s -> SignalDelivery.send(p, null, SigInfo.fromProcess(sig, SigInfo.SI_USER, 0, 0,
                    p.abi.frontendByteOrder()));
        }
        try {
            Signal.handle(host, h);
        } catch (IllegalArgumentException refused) {
            // The JVM keeps this one (see the class comment); the guest's handler sees only its own sends.
        }
    }
}
