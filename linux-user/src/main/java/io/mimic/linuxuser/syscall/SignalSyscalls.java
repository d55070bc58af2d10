package io.mimic.linuxuser.syscall;

import io.mimic.linuxuser.host.HostSyscalls;
import io.mimic.linuxuser.process.GuestProcess;
import io.mimic.linuxuser.process.GuestThread;
import io.mimic.linuxuser.signal.HostSignals;
import io.mimic.linuxuser.signal.PendingSignals;
import io.mimic.linuxuser.signal.SigAction;
import io.mimic.linuxuser.signal.SigInfo;
import io.mimic.linuxuser.signal.SignalConstants;
import io.mimic.linuxuser.signal.SignalDelivery;
import io.mimic.linuxuser.signal.SignalWait;
import io.mimic.syscalls.linux.Errno;
import io.mimic.syscalls.linux.LinuxArch;
import io.mimic.syscalls.linux.Signals;
import io.mimic.syscalls.linux.StructLayout;
import io.mimic.translator.memory.GuestAccess;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The signal system calls: dispositions (rt_sigaction), the mask (rt_sigprocmask), waiting
 * (rt_sigsuspend, rt_sigtimedwait), rt_sigreturn, the alternate stack, and sending (kill,
 * tkill, tgkill, rt_sigqueueinfo, rt_tgsigqueueinfo).
 *
 * <p>Guest signals are emulated in Mimic (see signal/SignalDelivery): a signal the guest sends
 * to itself or one of its threads is queued and delivered when the call returns. Signals for
 * other processes go to the host, by name through both ABIs' signal tables.
 */
final class SignalSyscalls {
    private static final int SIGSET_SIZE = 8;

    private SignalSyscalls() {}

    static void register(SyscallRegistry r) {
        r.register("rt_sigaction", SignalSyscalls::sigaction);
        r.register("rt_sigprocmask", SignalSyscalls::sigprocmask);
        r.register("rt_sigpending", SignalSyscalls::sigpending);
        r.register("rt_sigsuspend", SignalSyscalls::sigsuspend);
        r.register("rt_sigtimedwait", SignalSyscalls::sigtimedwait);
        r.register("rt_sigreturn", a -> {
            SignalDelivery.sigreturn(a.thread);
            a.registersRestored = true;
            return 0;
        });
        r.register("sigaltstack", SignalSyscalls::sigaltstack);
        r.register("kill", SignalSyscalls::kill);
        r.register("tkill", a -> threadKill(a, -1, a.intArg(0), a.intArg(1), null));
        r.register("tgkill", a -> threadKill(a, a.intArg(0), a.intArg(1), a.intArg(2), null));
        r.register("rt_sigqueueinfo", a -> queueInfo(a, a.intArg(0), -1, a.intArg(1), a.arg(2)));
        r.register("rt_tgsigqueueinfo", a -> queueInfo(a, a.intArg(0), a.intArg(1), a.intArg(2), a.arg(3)));
        r.register("pidfd_send_signal", SignalSyscalls::pidfdSendSignal);
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
        if (result == -Errno.EPIPE && !suppressed) {
            SignalDelivery.send(a.process, a.thread, fromSelf(a, consts(a).sigPipe, SigInfo.SI_USER));
        }
        return result;
    }

    private static SignalConstants consts(SyscallArgs a) {
        return SignalConstants.of(a.arch());
    }

    private static SigInfo fromSelf(SyscallArgs a, int sig, int code) {
        int uid = (int) HostSyscalls.call(HostSyscalls.number("getuid"));
        return SigInfo.fromProcess(sig, code, a.process.pid(), uid, a.order());
    }

    private static ValueLayout.OfLong word(SyscallArgs a) {
        return ValueLayout.JAVA_LONG_UNALIGNED.withOrder(a.order());
    }

    private static long readSet(SyscallArgs a, long addr) {
        a.checkGuest(addr, SIGSET_SIZE, false);
        return GuestAccess.raw().get(word(a), addr);
    }

    private static void writeSet(SyscallArgs a, long addr, long set) {
        a.checkGuest(addr, SIGSET_SIZE, true);
        GuestAccess.raw().set(word(a), addr, set);
    }

    // ---- dispositions and masks ----

    /**
     * Records the guest's sigaction (SIGKILL and SIGSTOP are removed from its mask, as the kernel
     * does) and returns the previous one. A disposition that ignores the signal discards its
     * pending instances. Signals from outside follow (see signal/HostSignals).
     */
    private static long sigaction(SyscallArgs a) {
        int sig = a.intArg(0);
        if (sig < 1 || sig > Signals.SIGRTMAX || a.arg(3) != SIGSET_SIZE) return -Errno.EINVAL;
        SignalConstants c = consts(a);
        if ((sig == c.sigKill || sig == c.sigStop) && a.arg(1) != 0) return -Errno.EINVAL;
        GuestProcess p = a.process;
        int size = p.abi.sigactionSize();
        byte[] act = null;
        if (a.arg(1) != 0) {
            a.checkGuest(a.arg(1), size, false);
            act = new byte[size];
            GuestAccess.copyOut(a.arg(1), act, 0, size);
            StructLayout l = a.arch().struct("sigaction");
            MemorySegment m = MemorySegment.ofArray(act);
            long mask = m.get(word(a), l.offset("mask"));
            m.set(word(a), l.offset("mask"), mask & ~c.unblockable);
        }
        if (a.arg(2) != 0) {
            a.checkGuest(a.arg(2), size, true);
            byte[] old = p.sigactions[sig] != null ? p.sigactions[sig] : new byte[size];
            GuestAccess.copyIn(old, 0, a.arg(2), size);
        }
        if (act != null) {
            synchronized (p.sigactions) {
                p.sigactions[sig] = act;
            }
            SigAction now = SigAction.of(p, sig);
            boolean ignores = now.isIgnore() || (now.isDefault() && (c.defaultAction(sig) == Signals.Action.IGNORE
                    || c.defaultAction(sig) == Signals.Action.CONTINUE));
            if (ignores) {
                p.pending.discard(PendingSignals.bit(sig));
                for (GuestThread t : p.threads()) t.signals.pending.discard(PendingSignals.bit(sig));
            }
            HostSignals.dispositionChanged(p, sig, now);
        }
        return 0;
    }

    private static long sigprocmask(SyscallArgs a) {
        int how = a.intArg(0);
        if (a.arg(3) != SIGSET_SIZE) return -Errno.EINVAL;
        GuestThread t = a.thread;
        long old = t.signalMask;
        long set = a.arg(1) != 0 ? readSet(a, a.arg(1)) : 0;
        if (a.arg(1) != 0 && (how < 0 || how > 2)) return -Errno.EINVAL;
        if (a.arg(2) != 0) writeSet(a, a.arg(2), old);
        if (a.arg(1) != 0) {
            long mask = switch (how) {
                case 0 -> old | set;
                case 1 -> old & ~set;
                default -> set;
            };
            // Signals it unblocks are delivered as the call returns (see SyscallDispatcher).
            t.signalMask = mask & ~consts(a).unblockable;
        }
        return 0;
    }

    /** The signals pending for the caller (its own and the process's) that its mask blocks. */
    private static long sigpending(SyscallArgs a) {
        if (a.arg(1) != SIGSET_SIZE) return -Errno.EINVAL;
        GuestThread t = a.thread;
        writeSet(a, a.arg(0), (t.signals.pending.bits() | a.process.pending.bits()) & t.signalMask);
        return 0;
    }

    /**
     * Replaces the mask until a signal arrives; the handler's frame saves the caller's mask, which
     * is back in place when the handler returns. Returns EINTR once a handler ran.
     */
    private static long sigsuspend(SyscallArgs a) {
        if (a.arg(1) != SIGSET_SIZE) return -Errno.EINVAL;
        long mask = readSet(a, a.arg(0));
        SignalWait.suspend(a.thread, mask & ~consts(a).unblockable);
        return -SignalDelivery.ERESTARTNOHAND;
    }

    /** Waits for one of the signals in the set (normally blocked) and takes it without a handler. */
    private static long sigtimedwait(SyscallArgs a) {
        if (a.arg(3) != SIGSET_SIZE) return -Errno.EINVAL;
        long set = readSet(a, a.arg(0)) & ~consts(a).unblockable;
        long timeoutNanos = -1;
        if (a.arg(2) != 0) {
            StructLayout ts = a.arch().struct("timespec");
            a.checkGuest(a.arg(2), ts.size(), false);
            long sec = StructConverter.field(GuestAccess.raw(), a.arg(2), ts, "tv_sec", a.order());
            long nsec = StructConverter.field(GuestAccess.raw(), a.arg(2), ts, "tv_nsec", a.order());
            if (sec < 0 || nsec < 0 || nsec >= 1_000_000_000L) return -Errno.EINVAL;
            timeoutNanos = sec > Long.MAX_VALUE / 1_000_000_000L - 1 ? Long.MAX_VALUE : sec * 1_000_000_000L + nsec;
        }
        if (a.arg(1) != 0) a.checkGuest(a.arg(1), SigInfo.SIZE, true);
        SigInfo info = SignalWait.timedWait(a.thread, set, timeoutNanos);
        if (info == null) return SignalWait.timedOut(a.thread) ? -Errno.EAGAIN : -Errno.EINTR;
        if (a.arg(1) != 0) GuestAccess.copyIn(info.bytes(), 0, a.arg(1), SigInfo.SIZE);
        return info.signo;
    }

    // ---- the alternate signal stack ----

    private static long sigaltstack(SyscallArgs a) {
        GuestThread t = a.thread;
        StructLayout st = a.arch().struct("stack_t");
        MemorySegment m = GuestAccess.raw();
        long ss = a.arg(0), old = a.arg(1);
        long sp = a.process.abi.signalFrame() != null ? a.process.abi.signalFrame().stackPointer(a.cpu) : 0;
        boolean onStack = SignalDelivery.onAltStack(t, sp);
        long newSp = 0, newSize = 0;
        int newFlags = 0;
        if (ss != 0) {
            a.checkGuest(ss, st.size(), false);
            newSp = StructConverter.field(m, ss, st, "sp", a.order());
            newFlags = (int) StructConverter.field(m, ss, st, "flags", a.order());
            newSize = StructConverter.field(m, ss, st, "size", a.order());
            int mode = newFlags & ~SignalDelivery.SS_AUTODISARM;
            if (mode != 0 && mode != SignalDelivery.SS_DISABLE && mode != SignalDelivery.SS_ONSTACK) return -Errno.EINVAL;
            if (onStack) return -Errno.EPERM;
            if (mode != SignalDelivery.SS_DISABLE && newSize < a.arch().flags("limits").value("MINSIGSTKSZ")) {
                return -Errno.ENOMEM;
            }
        }
        if (old != 0) a.checkGuest(old, st.size(), true);
        long oldSp = t.altStackSp, oldSize = t.altStackSize;
        int oldFlags = (t.altStackFlags & SignalDelivery.SS_DISABLE) != 0 ? SignalDelivery.SS_DISABLE
                : (onStack ? SignalDelivery.SS_ONSTACK : 0) | (t.altStackFlags & SignalDelivery.SS_AUTODISARM);
        if (ss != 0) {
            if ((newFlags & ~SignalDelivery.SS_AUTODISARM) == SignalDelivery.SS_DISABLE) {
                t.altStackSp = 0;
                t.altStackSize = 0;
                t.altStackFlags = SignalDelivery.SS_DISABLE;
            } else {
                t.altStackSp = newSp;
                t.altStackSize = newSize;
                t.altStackFlags = newFlags & SignalDelivery.SS_AUTODISARM;
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

    // ---- sending ----

    private static long kill(SyscallArgs a) {
        int pid = a.intArg(0), sig = a.intArg(1);
        if (sig < 0 || sig > Signals.SIGRTMAX) return -Errno.EINVAL;
        GuestProcess p = a.process;
        if (pid == p.pid()) {
            if (sig != 0) SignalDelivery.send(p, null, fromSelf(a, sig, SigInfo.SI_USER));
            return 0;
        }
        if (pid == 0 || (pid < -1 && pid != Integer.MIN_VALUE)) return killGroup(a, pid == 0 ? -1 : -pid, sig);
        return hostSignal(a, "kill", sig, pid);
    }

    /**
     * kill(0) and kill(-pgid): the other members get a host signal each (see ProcessGroups: a host
     * signal to the whole group would reach this JVM too), the guest itself, if it is a member,
     * the emulated one, last.
     */
    private static long killGroup(SyscallArgs a, int pgid, int sig) {
        int own = (int) HostSyscalls.call(HostSyscalls.number("getpgid"), 0);
        if (pgid < 0) pgid = own;
        GuestProcess p = a.process;
        long result = -Errno.ESRCH;
        for (int member : io.mimic.linuxuser.process.ProcessGroups.members(pgid, p.pid())) {
            long r = hostSignal(a, "kill", sig, member);
            if (r == 0 || result == -Errno.ESRCH) result = r == -Errno.ESRCH ? result : r;
        }
        if (pgid == own) {
            result = 0;
            if (sig != 0) SignalDelivery.send(p, null, fromSelf(a, sig, SigInfo.SI_USER));
        }
        return result;
    }

    private static long threadKill(SyscallArgs a, int tgid, int tid, int sig, SigInfo info) {
        if (sig < 0 || sig > Signals.SIGRTMAX || tid <= 0 || (tgid != -1 && tgid <= 0)) return -Errno.EINVAL;
        GuestProcess p = a.process;
        GuestThread target = p.thread(tid);
        if (target != null) {
            if (tgid != -1 && tgid != p.pid()) return -Errno.ESRCH;
            if (sig != 0) SignalDelivery.send(p, target, info != null ? info : fromSelf(a, sig, SigInfo.SI_TKILL));
            return 0;
        }
        if (tgid == p.pid()) return -Errno.ESRCH;
        if (info != null) return -Errno.EPERM;
        return tgid == -1 ? hostSignal(a, "tkill", sig, tid) : hostSignal(a, "tgkill", sig, tgid, tid);
    }

    /**
     * sigqueue: a signal with the caller's siginfo (its value for the handler). To the guest
     * itself only: another process would need the host's rt_sigqueueinfo with a converted siginfo.
     */
    private static long queueInfo(SyscallArgs a, int pid, int tid, int sig, long uinfo) {
        if (sig < 1 || sig > Signals.SIGRTMAX) return -Errno.EINVAL;
        a.checkGuest(uinfo, SigInfo.SIZE, false);
        byte[] raw = new byte[SigInfo.SIZE];
        GuestAccess.copyOut(uinfo, raw, 0, SigInfo.SIZE);
        SigInfo info = SigInfo.raw(sig, raw, a.order());
        GuestProcess p = a.process;
        if (pid != p.pid()) return pid <= 0 ? -Errno.EINVAL : -Errno.EPERM;
        if (tid == -1) {
            SignalDelivery.send(p, null, info);
            return 0;
        }
        return threadKill(a, pid, tid, sig, info) == 0 ? 0 : -Errno.ESRCH;
    }

    /**
     * pidfd_send_signal: the process behind a pidfd (the host's, whose fdinfo names its pid)
     * gets the signal as from kill, or with the caller's siginfo as from rt_sigqueueinfo (which
     * reaches only the guest itself, see {@link #queueInfo}). The flags of Linux 6.9 (thread,
     * process group) are EINVAL, as on the kernels before it.
     */
    private static long pidfdSendSignal(SyscallArgs a) {
        int host = a.fd(0), sig = a.intArg(1);
        if (a.arg(3) != 0 || sig < 0 || sig > Signals.SIGRTMAX) return -Errno.EINVAL;
        int pid = pidOfPidfd(host);
        if (pid == 0) return -Errno.EBADF; // not a pidfd
        if (pid < 0) return -Errno.ESRCH; // the process has ended
        if (a.arg(2) != 0) return queueInfo(a, pid, -1, sig, a.arg(2));
        GuestProcess p = a.process;
        if (pid == p.pid()) {
            if (sig != 0) SignalDelivery.send(p, null, fromSelf(a, sig, SigInfo.SI_USER));
            return 0;
        }
        return hostSignal(a, "pidfd_send_signal", sig, host); // info NULL, flags 0
    }

    /** The pid a host pidfd refers to (its fdinfo's Pid line): -1 once the process ended, 0 if it is no pidfd. */
    private static int pidOfPidfd(int hostFd) {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/fdinfo/" + hostFd))) {
                if (line.startsWith("Pid:")) return Integer.parseInt(line.substring(4).strip());
            }
        } catch (java.io.IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
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
}
