package io.mimic.linuxuser.syscall;

import io.mimic.linuxuser.host.HostSyscalls;
import io.mimic.linuxuser.process.GuestExit;
import io.mimic.linuxuser.process.GuestProcess;
import io.mimic.linuxuser.process.GuestThread;
import io.mimic.syscalls.linux.Errno;
import io.mimic.syscalls.linux.FlagTable;
import io.mimic.syscalls.linux.LinuxArch;
import io.mimic.syscalls.linux.Signals;
import io.mimic.syscalls.linux.StructLayout;
import io.mimic.translator.memory.GuestAccess;

import java.lang.foreign.MemorySegment;

/**
 * Sending signals (kill, tkill, tgkill), the pending set, and the alternate signal stack.
 *
 * <p>Guest signals are emulated in Mimic, never host signals to the JVM. A signal the guest
 * sends itself takes its default action at once when nothing stops it: terminate (exit status
 * 128 + signal, after qemu's one-line report for the signals that dump core), stop (the host
 * process is stopped, as qemu does), or nothing. A signal that is blocked or has a guest handler
 * is recorded as pending in {@link GuestThread#pendingSignals} for the signal machinery to
 * deliver; SIG_IGN discards it. Signals for other processes go to the host, by name through
 * both ABIs' signal tables.
 */
final class SignalSyscalls {
    private static final int SS_ONSTACK = 1, SS_DISABLE = 2, SS_AUTODISARM = 1 << 31;

    private SignalSyscalls() {}

    static void register(SyscallRegistry r) {
        r.register("kill", SignalSyscalls::kill);
        r.register("tkill", a -> threadKill(a, -1, a.intArg(0), a.intArg(1)));
        r.register("tgkill", a -> threadKill(a, a.intArg(0), a.intArg(1), a.intArg(2)));
        r.register("rt_sigpending", SignalSyscalls::sigpending);
        r.register("sigaltstack", SignalSyscalls::sigaltstack);
    }

    private static final long MSG_NOSIGNAL = 0x4000;

    /**
     * Writing to a pipe or socket whose reading end is closed raises SIGPIPE in the writer
     * before the call returns EPIPE. The host's SIGPIPE goes to the JVM (which ignores it), so the
     * guest's is raised here: by default the program ends with status 141, as `prog | head` expects.
     * Call after every family has registered.
     */
    static void raiseSigpipeOnEpipe(SyscallRegistry r) {
        for (String name : new String[] {"write", "writev", "pwrite64", "pwritev", "pwritev2", "sendfile", "splice",
                "tee", "copy_file_range"}) {
            r.wrap(name, h -> a -> sigpipe(a, h.call(a), false));
        }
        r.wrap("sendto", h -> a -> sigpipe(a, h.call(a), (a.arg(3) & MSG_NOSIGNAL) != 0));
        r.wrap("sendmsg", h -> a -> sigpipe(a, h.call(a), (a.arg(2) & MSG_NOSIGNAL) != 0));
    }

    private static long sigpipe(SyscallArgs a, long result, boolean suppressed) {
        if (result == -Errno.EPIPE && !suppressed) raise(a, (int) a.arch().signals().value("SIGPIPE"), a.thread);
        return result;
    }

    private static long kill(SyscallArgs a) {
        int pid = a.intArg(0), sig = a.intArg(1);
        if (sig < 0 || sig > Signals.SIGRTMAX) return -Errno.EINVAL;
        GuestProcess p = a.process;
        // 0 (the caller's process group) reaches only the guest itself: other members of the
        // group would get a host signal the JVM cannot tell from its own.
        if (pid == p.pid() || pid == 0) return sig == 0 ? 0 : raise(a, sig, null);
        return hostSignal(a, "kill", sig, pid);
    }

    private static long threadKill(SyscallArgs a, int tgid, int tid, int sig) {
        if (sig < 0 || sig > Signals.SIGRTMAX || tid <= 0 || (tgid != -1 && tgid <= 0)) return -Errno.EINVAL;
        GuestProcess p = a.process;
        GuestThread target = p.thread(tid);
        if (target != null) {
            if (tgid != -1 && tgid != p.pid()) return -Errno.ESRCH;
            return sig == 0 ? 0 : raise(a, sig, target);
        }
        if (tgid == p.pid()) return -Errno.ESRCH;
        return tgid == -1 ? hostSignal(a, "tkill", sig, tid) : hostSignal(a, "tgkill", sig, tgid, tid);
    }

    /** A signal for another process: the host number of the same signal. */
    private static long hostSignal(SyscallArgs a, String call, int sig, long... ids) {
        long hostSig = sig;
        if (sig != 0) {
            String name = a.arch().signals().symbol(sig);
            if (name != null) hostSig = LinuxArch.host().signals().value(name, sig);
        }
        long[] args = new long[ids.length + 1];
        System.arraycopy(ids, 0, args, 0, ids.length);
        args[ids.length] = hostSig;
        return HostSyscalls.call(HostSyscalls.number(call), args);
    }

    /**
     * The guest sends itself {@code sig}, to thread {@code target} or (null) to the process:
     * default action now, or pending for a handler / the mask.
     */
    static long raise(SyscallArgs a, int sig, GuestThread target) {
        GuestProcess p = a.process;
        FlagTable signals = a.arch().signals();
        String name = signals.symbol(sig);
        long bit = 1L << (sig - 1);
        boolean unblockable = "SIGKILL".equals(name) || "SIGSTOP".equals(name);
        long handler = handler(a, sig);
        if (!unblockable && handler == Signals.SIG_IGN) return 0;
        if (!unblockable && (blocked(p, target, bit) || handler != Signals.SIG_DFL)) {
            if (target != null) target.addPending(bit);
            else p.addPending(bit);
            return 0;
        }
        switch (Signals.defaultAction(name)) {
            case IGNORE, CONTINUE -> {
                return 0;
            }
            case STOP -> {
                // The whole emulated process stops until SIGCONT, as a real one would.
                HostSyscalls.call(HostSyscalls.number("kill"), p.pid(), LinuxArch.host().signals().value("SIGSTOP"));
                return 0;
            }
            case CORE -> {
                System.out.flush();
                System.err.printf("mimic: uncaught target signal %d (%s) - core dumped%n", sig, Signals.description(name, sig));
                System.err.flush();
                throw new GuestExit(128 + sig);
            }
            default -> throw new GuestExit(128 + sig);
        }
    }

    /** A thread-directed signal is blocked by its thread's mask; a process-directed one by every thread's. */
    private static boolean blocked(GuestProcess p, GuestThread target, long bit) {
        if (target != null) return (target.signalMask & bit) != 0;
        for (GuestThread t : p.threads()) {
            if ((t.signalMask & bit) == 0) return false;
        }
        return true;
    }

    /** The handler word of the guest's sigaction for {@code sig} (SIG_DFL if never set). */
    private static long handler(SyscallArgs a, int sig) {
        byte[] act = a.process.sigactions[sig];
        if (act == null) return Signals.SIG_DFL;
        StructLayout l = a.arch().struct("sigaction");
        return StructConverter.field(MemorySegment.ofArray(act), 0, l, "handler", a.order());
    }

    private static long sigpending(SyscallArgs a) {
        long size = a.arg(1);
        StructLayout set = a.arch().struct("sigset");
        if (size != set.size()) return -Errno.EINVAL;
        a.checkGuest(a.arg(0), size, true);
        StructConverter.setField(GuestAccess.raw(), a.arg(0), set, "bits",
                a.process.pendingSignals | a.thread.pendingSignals, a.order());
        return 0;
    }

    /** sigaltstack: recorded for the signal machinery, which delivers on it. */
    private static long sigaltstack(SyscallArgs a) {
        GuestThread p = a.thread;
        StructLayout st = a.arch().struct("stack_t");
        MemorySegment m = GuestAccess.raw();
        long newSp = 0, newSize = 0;
        int newFlags = 0;
        long ss = a.arg(0), old = a.arg(1);
        if (ss != 0) {
            a.checkGuest(ss, st.size(), false);
            newSp = StructConverter.field(m, ss, st, "sp", a.order());
            newFlags = (int) StructConverter.field(m, ss, st, "flags", a.order());
            newSize = StructConverter.field(m, ss, st, "size", a.order());
            int mode = newFlags & ~SS_AUTODISARM;
            if (mode != 0 && mode != SS_DISABLE && mode != SS_ONSTACK) return -Errno.EINVAL;
            if (mode != SS_DISABLE && newSize < a.arch().flags("limits").value("MINSIGSTKSZ")) return -Errno.ENOMEM;
        }
        if (old != 0) a.checkGuest(old, st.size(), true);
        long oldSp = p.altStackSp, oldSize = p.altStackSize;
        int oldFlags = p.altStackFlags;
        if (ss != 0) {
            if ((newFlags & ~SS_AUTODISARM) == SS_DISABLE) {
                p.altStackSp = 0;
                p.altStackSize = 0;
                p.altStackFlags = SS_DISABLE;
            } else {
                p.altStackSp = newSp;
                p.altStackSize = newSize;
                p.altStackFlags = newFlags & SS_AUTODISARM;
            }
        }
        if (old != 0) {
            m.asSlice(old, st.size()).fill((byte) 0);
            StructConverter.setField(m, old, st, "sp", oldSp, a.order());
            StructConverter.setField(m, old, st, "flags", oldFlags, a.order());
            StructConverter.setField(m, old, st, "size", oldSize, a.order());
        }
        return 0;
    }
}
