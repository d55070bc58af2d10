package io.mimic.linuxuser.signal;

import io.mimic.syscalls.linux.FlagTable;
import io.mimic.syscalls.linux.LinuxArch;
import io.mimic.syscalls.linux.Signals;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The signal numbers and sigaction flags of one ABI, read once from its tables in
 * syscall-tables (they differ between ABIs: MIPS, Alpha, SPARC and PA-RISC number them their
 * own way), plus the default action of each number.
 */
public final class SignalConstants {
    private static final Map<String, SignalConstants> BY_ARCH = new ConcurrentHashMap<>();

    public final int sigHup, sigInt, sigQuit, sigIll, sigTrap, sigAbrt, sigBus, sigFpe, sigKill, sigUsr1, sigSegv,
            sigUsr2, sigPipe, sigAlrm, sigTerm, sigChld, sigCont, sigStop, sigTstp, sigTtin, sigTtou, sigVtalrm,
            sigProf, sigWinch;
    public final long saNocldstop, saSiginfo, saOnstack, saRestart, saNodefer, saResethand, saRestorer;
    /** SIGKILL and SIGSTOP: never blocked, caught or ignored. */
    public final long unblockable;
    /** The stop signals (SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU), which SIGCONT discards and vice versa. */
    public final long stopSignals;
    private final Signals.Action[] defaults = new Signals.Action[65];
    private final String[] names = new String[65];

    private SignalConstants(LinuxArch arch) {
        FlagTable s = arch.signals(), f = arch.flags("sa_flags");
        sigHup = num(s, "SIGHUP"); sigInt = num(s, "SIGINT"); sigQuit = num(s, "SIGQUIT"); sigIll = num(s, "SIGILL");
        sigTrap = num(s, "SIGTRAP"); sigAbrt = num(s, "SIGABRT"); sigBus = num(s, "SIGBUS"); sigFpe = num(s, "SIGFPE");
        sigKill = num(s, "SIGKILL"); sigUsr1 = num(s, "SIGUSR1"); sigSegv = num(s, "SIGSEGV"); sigUsr2 = num(s, "SIGUSR2");
        sigPipe = num(s, "SIGPIPE"); sigAlrm = num(s, "SIGALRM"); sigTerm = num(s, "SIGTERM"); sigChld = num(s, "SIGCHLD");
        sigCont = num(s, "SIGCONT"); sigStop = num(s, "SIGSTOP"); sigTstp = num(s, "SIGTSTP"); sigTtin = num(s, "SIGTTIN");
        sigTtou = num(s, "SIGTTOU"); sigVtalrm = num(s, "SIGVTALRM"); sigProf = num(s, "SIGPROF");
        sigWinch = num(s, "SIGWINCH");
        saNocldstop = f.value("SA_NOCLDSTOP"); saSiginfo = f.value("SA_SIGINFO"); saOnstack = f.value("SA_ONSTACK"); saRestart = f.value("SA_RESTART");
        saNodefer = f.value("SA_NODEFER"); saResethand = f.value("SA_RESETHAND"); saRestorer = f.value("SA_RESTORER");
        unblockable = PendingSignals.bit(sigKill) | PendingSignals.bit(sigStop);
        stopSignals = PendingSignals.bit(sigStop) | PendingSignals.bit(sigTstp) | PendingSignals.bit(sigTtin)
                | PendingSignals.bit(sigTtou);
        for (int sig = 1; sig <= Signals.SIGRTMAX; sig++) {
            names[sig] = s.symbol(sig);
            defaults[sig] = Signals.defaultAction(names[sig]);
        }
    }

    public static SignalConstants of(LinuxArch arch) {
        return BY_ARCH.computeIfAbsent(arch.name(), k -> new SignalConstants(arch));
    }

    private static int num(FlagTable t, String name) {
        return (int) t.value(name);
    }

    public Signals.Action defaultAction(int sig) {
        return defaults[sig];
    }

    /** The signal's name (SIGSEGV), or null for real-time signals. */
    public String name(int sig) {
        return names[sig];
    }

    /** strsignal(3)'s text. */
    public String description(int sig) {
        return Signals.description(names[sig], sig);
    }
}
