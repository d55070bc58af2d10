package io.mimic.linuxuser.signal;

import io.mimic.linuxuser.process.GuestProcess;
import io.mimic.linuxuser.process.GuestThread;
import io.mimic.translator.engine.CpuState;
import io.mimic.translator.memory.AddressSpace;
import io.mimic.translator.memory.GuestAccess;
import io.mimic.translator.memory.Prot;

import java.util.concurrent.locks.LockSupport;

/**
 * Guest signal delivery, as Linux does it, emulated inside Mimic (the host's signals belong to
 * the JVM). Sending ({@link #send}) may happen on any thread: it queues the signal with its
 * siginfo on the target thread or on the process and wakes a thread that does not block it (its
 * next safe point, a park, or a blocking host call, see {@link HostInterrupt}). Delivery
 * ({@link #deliverPending}) happens on the receiving thread at a safe point: after a system
 * call, or when translated code polls {@code cpu.interruptPending}. It takes the signals the
 * mask allows, synchronous ones first, then lowest number first, and for each: ignore, the
 * default action, or a frame for the guest's handler; several handlers nest, the last one taken
 * running first (as the kernel and qemu-user do). Faults ({@link #fault}) are forced: blocked or
 * ignored, they take the default action.
 */
public final class SignalDelivery {
    /** The kernel's internal restart codes: the guest never sees them. */
    public static final int ERESTARTSYS = 512, ERESTARTNOINTR = 513, ERESTARTNOHAND = 514,
            ERESTART_RESTARTBLOCK = 516;
    public static final int SS_ONSTACK = 1, SS_DISABLE = 2, SS_AUTODISARM = 1 << 31;
    private static final int EINTR = 4;

    private SignalDelivery() {}

    // ---- sending (any thread) ----

    /**
     * Sends {@code info} to thread {@code target}, or to the process when {@code target} is null.
     * SIGKILL and SIGSTOP act at once; a signal whose disposition ignores it is discarded unless
     * it is blocked (its disposition may change before it is unblocked).
     */
    public static void send(GuestProcess p, GuestThread target, SigInfo info) {
        GuestThread who = queue(p, target, info);
        if (who != null) wake(who);
    }

    /**
     * The first half of {@link #send}: the disposition and masks decide now whether the signal is
     * discarded or queued; returns the thread to {@link #wake} (null: none). For a sender that
     * must decide under a lock but not wake under it (waking waits for the receiver, which may
     * need that lock).
     */
    public static GuestThread queue(GuestProcess p, GuestThread target, SigInfo info) {
        SignalConstants c = SignalConstants.of(p.arch());
        int sig = info.signo;
        if (sig == c.sigKill) throw SignalDeath.die(p, sig, false);
        if (sig == c.sigCont) discardEverywhere(p, c.stopSignals);
        if ((PendingSignals.bit(sig) & c.stopSignals) != 0) discardEverywhere(p, PendingSignals.bit(c.sigCont));
        if (sig == c.sigStop) {
            SignalDeath.stop();
            return null;
        }
        if (ignored(p, c, sig) && !blockedBy(p, target, sig)) return null;
        (target != null ? target.signals.pending : p.pending).add(info);
        p.signalFds.refresh(p);
        return target != null ? target : receiver(p, sig);
    }

    /** The disposition discards the signal: SIG_IGN, or SIG_DFL whose default is to ignore. */
    private static boolean ignored(GuestProcess p, SignalConstants c, int sig) {
        SigAction a = SigAction.of(p, sig);
        if (a.isIgnore()) return true;
        if (!a.isDefault()) return false;
        var action = c.defaultAction(sig);
        return action == io.mimic.syscalls.linux.Signals.Action.IGNORE
                || action == io.mimic.syscalls.linux.Signals.Action.CONTINUE;
    }

    /** A thread-directed signal is blocked by its thread's mask; a process-directed one by every thread's. */
    private static boolean blockedBy(GuestProcess p, GuestThread target, int sig) {
        long bit = PendingSignals.bit(sig);
        if (target != null) return ((target.signalMask | target.signals.realBlocked) & bit) != 0;
        for (GuestThread t : p.threads()) {
            if (((t.signalMask | t.signals.realBlocked) & bit) == 0) return false;
        }
        return true;
    }

    private static boolean blocks(GuestThread t, int sig) {
        return (t.signalMask & PendingSignals.bit(sig)) != 0;
    }

    /** The thread that takes a process-directed signal: the first one that does not block it. */
    private static GuestThread receiver(GuestProcess p, int sig) {
        for (GuestThread t : p.threads()) {
            if (!blocks(t, sig)) return t;
        }
        return null;
    }

    private static void discardEverywhere(GuestProcess p, long mask) {
        p.pending.discard(mask);
        for (GuestThread t : p.threads()) t.signals.pending.discard(mask);
        p.signalFds.refresh(p);
    }

    /** Makes {@code t} look at its pending signals soon: at its next safe point, or now if it waits. */
    public static void wake(GuestThread t) {
        t.cpu.interruptPending = 1;
        Thread j = t.signals.javaThread;
        if (j != null && j != Thread.currentThread()) {
            LockSupport.unpark(j);
            HostInterrupt.kick(t.signals);
        }
    }

    // ---- on the receiving thread ----

    /** True if a pending signal is not blocked by {@code t}'s mask. */
    public static boolean hasDeliverable(GuestThread t) {
        t.signals.checks++;
        return ((t.signals.pending.bits() | t.process.pending.bits()) & ~t.signalMask) != 0;
    }

    /**
     * Delivers what {@code t} can take now. {@code syscallResult} is the result of the system
     * call that just returned (or 0 at an interrupt poll): a restart code becomes -EINTR or a
     * restart of the call ({@code syscallArg0} is its first argument, which the result replaced),
     * as the first handler's SA_RESTART says.
     */
    public static void deliverPending(GuestThread t, long syscallResult, long syscallArg0) {
        GuestProcess p = t.process;
        SignalConstants c = SignalConstants.of(p.arch());
        CpuState cpu = t.cpu;
        cpu.interruptPending = 0;
        t.signals.checks++;
        long restart = isRestart(syscallResult) ? syscallResult : 0;
        while (true) {
            SigInfo info = dequeue(t, ~t.signalMask | c.unblockable);
            if (info == null) break;
            int sig = info.signo;
            SigAction act = SigAction.of(p, sig);
            if (act.isIgnore()) continue;
            if (act.isDefault()) {
                defaultAction(p, c, sig);
                continue;
            }
            if (restart != 0) {
                boolean again = restart == -ERESTARTNOINTR || (restart == -ERESTARTSYS && act.has(c.saRestart));
                if (again) p.abi.restartSyscall(cpu, syscallArg0);
                else p.abi.setSyscallResult(cpu, -EINTR);
                restart = 0;
            }
            handle(t, c, sig, info, act);
        }
        // No handler ran: the interrupted call starts again, as if nothing happened.
        if (restart != 0) p.abi.restartSyscall(cpu, syscallArg0);
        if (t.signals.restoreMask) {
            t.signalMask = t.signals.savedMask;
            t.signals.restoreMask = false;
        }
    }

    /** Takes the next signal among {@code allowed}: the thread's own first, then the process's. */
    static SigInfo dequeue(GuestThread t, long allowed) {
        SigInfo info = t.signals.pending.take(allowed);
        if (info == null) info = t.process.pending.take(allowed);
        if (info != null) t.process.signalFds.refresh(t.process);
        if (info != null && info.timer != null) info.timer.dequeued(info, t.process.abi.frontendByteOrder());
        return info;
    }

    /**
     * The restart code of a call that a signal interrupted: the calls signal(7) lists as never
     * restarted after a handler (timeouts, sleeps, waits for events or signals) report EINTR
     * whatever SA_RESTART says; the rest restart when it is set.
     */
    public static int restartCodeFor(String syscall) {
        return switch (syscall) {
            case "nanosleep", "clock_nanosleep" -> ERESTART_RESTARTBLOCK;
            case "ppoll", "pselect6", "epoll_pwait", "epoll_pwait2", "io_getevents", "io_pgetevents", "semtimedop",
                 "msgrcv", "msgsnd", "rt_sigsuspend", "rt_sigtimedwait" -> ERESTARTNOHAND;
            default -> ERESTARTSYS;
        };
    }

    public static boolean isRestart(long r) {
        return r == -ERESTARTSYS || r == -ERESTARTNOINTR || r == -ERESTARTNOHAND || r == -ERESTART_RESTARTBLOCK;
    }

    private static void defaultAction(GuestProcess p, SignalConstants c, int sig) {
        switch (c.defaultAction(sig)) {
            case IGNORE, CONTINUE -> { }
            case STOP -> SignalDeath.stop();
            case CORE -> throw SignalDeath.die(p, sig, true);
            case TERMINATE -> throw SignalDeath.die(p, sig, false);
        }
    }

    /**
     * A guest fault (cpu.faultKind at cpu.pc) becomes its signal, forced: if blocked or ignored
     * the default action runs, as the kernel's force_sig_fault does.
     */
    public static void fault(GuestThread t) {
        GuestProcess p = t.process;
        SignalConstants c = SignalConstants.of(p.arch());
        CpuState cpu = t.cpu;
        SigInfo info = FaultSignals.info(c, cpu, p.abi.frontendByteOrder());
        if (System.getenv("MIMIC_DEBUG") != null) {
            System.err.printf("mimic: %s fault at pc 0x%x, address 0x%x%n", cpu.faultKind, cpu.pc, cpu.faultAddress);
        }
        int sig = info.signo;
        SigAction act = SigAction.of(p, sig);
        if (act.isDefault() || act.isIgnore() || blocks(t, sig)) throw SignalDeath.die(p, sig, true);
        handle(t, c, sig, info, act);
        if (hasDeliverable(t)) deliverPending(t, 0, 0);
    }

    /** Builds the handler's frame and switches the CPU and mask to the handler. */
    private static void handle(GuestThread t, SignalConstants c, int sig, SigInfo info, SigAction act) {
        GuestProcess p = t.process;
        CpuState cpu = t.cpu;
        SignalFrame frame = p.abi.signalFrame();
        if (frame == null) {
            System.err.println("mimic: no signal frame for " + p.abi.name() + " yet: the handler of signal " + sig
                    + " cannot run");
            throw SignalDeath.die(p, sig, false);
        }
        long sp = frame.stackPointer(cpu);
        boolean onAlt = onAltStack(t, sp);
        int savedAltFlags = t.altStackSize == 0 || (t.altStackFlags & SS_DISABLE) != 0 ? SS_DISABLE
                : (onAlt ? SS_ONSTACK : 0) | (t.altStackFlags & SS_AUTODISARM);
        long top = sp;
        if (act.has(c.saOnstack) && savedAltFlags != SS_DISABLE && !onAlt) top = t.altStackSp + t.altStackSize;
        long addr = frame.place(top);
        // On the alternate stack already and the frame would leave it: the kernel gives up.
        boolean fits = !onAlt || onAltStack(t, addr);
        if (!fits || !p.memory.check(addr, frame.size(), Prot.WRITE)) {
            // No room for the frame (typically a stack overflow without an alternate stack).
            throw SignalDeath.die(p, c.sigSegv, true);
        }
        long savedMask = t.signals.restoreMask ? t.signals.savedMask : t.signalMask;
        t.signals.restoreMask = false;
        // sa_restorer counts only with SA_RESTORER (arm64's glibc leaves the field as garbage)
        long restorer = act.has(c.saRestorer) && act.restorer() != 0 ? act.restorer() : trampoline(p, frame);
        frame.build(cpu, addr, new SignalFrame.Context(sig, info, act.handler(), savedMask, t.altStackSp,
                t.altStackSize, savedAltFlags, restorer));
        if ((t.altStackFlags & SS_AUTODISARM) != 0 && savedAltFlags != SS_DISABLE) {
            t.altStackSp = 0;
            t.altStackSize = 0;
            t.altStackFlags = SS_DISABLE;
        }
        long mask = t.signalMask | act.mask();
        if (!act.has(c.saNodefer)) mask |= PendingSignals.bit(sig);
        t.signalMask = mask & ~c.unblockable;
        if (act.has(c.saResethand)) SigAction.resetToDefault(p, sig);
    }

    /** The kernel's on_sig_stack: sp is inside (ss_sp, ss_sp + ss_size]. */
    public static boolean onAltStack(GuestThread t, long sp) {
        if ((t.altStackFlags & SS_DISABLE) != 0 || t.altStackSize == 0) return false;
        return Long.compareUnsigned(sp, t.altStackSp) > 0 && Long.compareUnsigned(sp - t.altStackSp, t.altStackSize) <= 0;
    }

    /**
     * The page with the rt_sigreturn trampoline, in place of the vDSO's: mapped read+exec once per
     * process, at the first handler that runs, just above the mmap area (in the guard gap below
     * the stack), so it never moves the addresses mmap hands out.
     */
    private static synchronized long trampoline(GuestProcess p, SignalFrame frame) {
        if (p.sigreturnTrampoline != 0) return p.sigreturnTrampoline;
        long page = AddressSpace.pageDown(p.mmapTop);
        p.memory.map(page, AddressSpace.PAGE_SIZE, Prot.READ | Prot.EXEC, "[vdso]");
        byte[] code = frame.sigreturnTrampoline();
        GuestAccess.copyIn(code, 0, page, code.length);
        p.sigreturnTrampoline = page;
        return page;
    }

    /**
     * rt_sigreturn: restores the registers and mask from the frame the handler returns through
     * (edited or not) and the alternate stack from its uc_stack. A frame that cannot be read is
     * fatal (SIGSEGV), as in the kernel.
     */
    public static void sigreturn(GuestThread t) {
        GuestProcess p = t.process;
        SignalConstants c = SignalConstants.of(p.arch());
        SignalFrame frame = p.abi.signalFrame();
        if (frame == null) throw SignalDeath.die(p, c.sigSegv, true);
        long addr = frame.frameForReturn(t.cpu);
        if (!p.memory.check(addr, frame.size(), Prot.READ)) throw SignalDeath.die(p, c.sigSegv, true);
        SignalFrame.Restored r = frame.restore(t.cpu, addr);
        t.signalMask = r.mask() & ~c.unblockable;
        restoreAltStack(t, r.ucStack(), frame.stackPointer(t.cpu));
    }

    /** do_sigaltstack from the frame's uc_stack; refused (silently) while running on the alternate stack. */
    private static void restoreAltStack(GuestThread t, long ucStack, long sp) {
        if (onAltStack(t, sp)) return;
        var st = t.process.arch().struct("stack_t");
        var order = t.process.abi.frontendByteOrder();
        var m = GuestAccess.raw();
        long ssp = io.mimic.linuxuser.syscall.StructConverter.field(m, ucStack, st, "sp", order);
        int flags = (int) io.mimic.linuxuser.syscall.StructConverter.field(m, ucStack, st, "flags", order);
        long size = io.mimic.linuxuser.syscall.StructConverter.field(m, ucStack, st, "size", order);
        int mode = flags & ~SS_AUTODISARM;
        if (mode == SS_DISABLE) {
            t.altStackSp = 0;
            t.altStackSize = 0;
            t.altStackFlags = SS_DISABLE;
        } else if (mode == 0 || mode == SS_ONSTACK) {
            t.altStackSp = ssp;
            t.altStackSize = size;
            t.altStackFlags = flags & SS_AUTODISARM;
        }
    }
}
