package io.mimic.linuxuser.process;

import io.mimic.translator.engine.CpuState;

import java.util.concurrent.locks.LockSupport;

/**
 * One guest thread (a Linux task of the guest's thread group): its CPU, its thread id, and the
 * state Linux keeps per thread rather than per process: the blocked-signal mask, signals sent to
 * this thread alone, the alternate signal stack, clear_child_tid, the robust-futex list and the
 * name. The process ({@link GuestProcess}) holds what its threads share.
 *
 * <p>Fields that other threads change (pending signals from tgkill) are updated atomically; the
 * rest belong to the thread itself and are only read by others (/proc, get_robust_list).
 */
public final class GuestThread {
    public static final int SS_DISABLE = 2;

    public final GuestProcess process;
    public final CpuState cpu;
    /** The guest-visible thread id (see {@link GuestProcess#registerThread}). */
    public final int tid;

    /** set_tid_address / CLONE_CHILD_CLEARTID: 0 is written here and futex-woken at exit. */
    public volatile long clearChildTid;
    /** set_robust_list's head and length (walked when the thread exits). */
    public volatile long robustListHead, robustListLength;
    /** The thread name (PR_SET_NAME, /proc/self/task/N/comm): at most 15 bytes. */
    public volatile String name;

    /** Another thread's execve ends this one (the kernel's de_thread): it stops at its next safe point. */
    public volatile boolean endedByExec;

    /** The blocked-signal mask: bit (sig - 1). Only the thread itself changes it. */
    public volatile long signalMask;
    /** Signals sent to this thread alone and what delivery needs to wake it (see signal/SignalDelivery). */
    public final io.mimic.linuxuser.signal.ThreadSignals signals = new io.mimic.linuxuser.signal.ThreadSignals();
    /** sigaltstack: the alternate signal stack (ss_sp, ss_size; flags 0, SS_ONSTACK bits or SS_DISABLE). */
    public long altStackSp, altStackSize;
    public int altStackFlags = SS_DISABLE;

    public GuestThread(GuestProcess process, CpuState cpu, int tid, String name) {
        this.process = process;
        this.cpu = cpu;
        this.tid = tid;
        this.name = name;
    }

    /**
     * Wakes this thread if it is parked in Mimic (a futex wait): it then re-checks
     * {@link #shouldStopWaiting}. Callable from any thread; harmless if it is not blocked.
     */
    public void wake() {
        Thread j = signals.javaThread();
        if (j != null) LockSupport.unpark(j);
    }

    /**
     * True if an interruptible wait (futex) of this thread must end early: the process is exiting,
     * another thread's execve ends this one, or a signal this thread does not block is pending
     * for it or for the process (the wait then returns EINTR and the signal is taken at the next
     * safe point). Senders wake it (SignalDelivery.wake, {@link GuestProcess#exitGroup}).
     */
    public boolean shouldStopWaiting() {
        return process.exiting() || endedByExec || io.mimic.linuxuser.signal.SignalDelivery.hasDeliverable(this);
    }

    @Override
    public String toString() {
        return "thread " + tid;
    }
}
