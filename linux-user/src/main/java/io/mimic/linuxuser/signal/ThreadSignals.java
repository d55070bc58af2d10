package io.mimic.linuxuser.signal;

import io.mimic.linuxuser.host.HostSyscalls;

/**
 * Per-thread signal state that {@link SignalDelivery} needs besides the mask and the alternate
 * stack (which live in GuestThread): the thread-directed pending set, what a blocked thread is
 * waiting in (so a sender can wake it), and the mask that rt_sigsuspend / rt_sigtimedwait
 * replaced for the duration of the call.
 */
public final class ThreadSignals {
    /** Signals sent to this thread alone (tgkill, tkill, faults, SIGEV_THREAD_ID timers). */
    public final PendingSignals pending = new PendingSignals();

    /** The platform thread that runs the guest thread (set when it starts running). */
    volatile Thread javaThread;
    /** Its host thread id, for the wake-up signal ({@link HostInterrupt}). */
    volatile int hostTid;
    /** True while the thread is inside a host system call that may block. */
    volatile boolean inHostCall;
    /** Wake-up signals sent to the thread (by any sender), and the count the thread last saw. */
    volatile int kicks;
    private int seenKicks;
    /** How many times the thread looked at its pending signals: a sender waits for this to move. */
    volatile long checks;

    /** rt_sigsuspend's caller mask, put back after the handler's frame saved it (or at once if none runs). */
    long savedMask;
    boolean restoreMask;
    /** rt_sigtimedwait's caller mask while it waits with its set unblocked: blocked signals are never discarded. */
    volatile long realBlocked;

    public Thread javaThread() {
        return javaThread;
    }

    /** The host tid of the platform thread (0 until it runs guest code). */
    public int hostTid() {
        return hostTid;
    }

    /** Records the calling platform thread as this guest thread's (call on the thread itself). */
    public void attachCurrentThread() {
        javaThread = Thread.currentThread();
        hostTid = (int) HostSyscalls.call(HostSyscalls.number("gettid"));
    }

    /** Marks the start of a system call: from here a sender interrupts it with the wake-up signal. */
    public void enterHostCall() {
        inHostCall = true;
    }

    /**
     * Marks its end. Returns true if a wake-up signal was sent since the previous call ended: an
     * EINTR from the host is then the guest signal's doing (restarted or reported per its
     * sigaction), not the host's.
     */
    public boolean leaveHostCall() {
        inHostCall = false;
        int k = kicks;
        boolean kicked = k != seenKicks;
        seenKicks = k;
        return kicked;
    }
}
