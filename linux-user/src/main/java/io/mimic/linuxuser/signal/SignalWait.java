package io.mimic.linuxuser.signal;

import io.mimic.linuxuser.process.GuestThread;

import java.util.concurrent.locks.LockSupport;

/**
 * The waits of rt_sigsuspend and rt_sigtimedwait. They park the guest's platform thread; a
 * sender wakes it with {@link LockSupport#unpark} after queueing the signal (the permit makes
 * the order race-free), so waiting costs nothing.
 */
public final class SignalWait {
    private SignalWait() {}

    /**
     * rt_sigsuspend: runs with {@code mask} until a signal can be delivered. The caller's mask is
     * kept for the handler's frame and restored after delivery (SignalDelivery.deliverPending).
     */
    public static void suspend(GuestThread t, long mask) {
        t.signals.savedMask = t.signalMask;
        t.signals.restoreMask = true;
        t.signalMask = mask;
        while (!SignalDelivery.hasDeliverable(t)) LockSupport.park(t);
    }

    /**
     * rt_sigtimedwait: takes a pending signal of {@code set}, waiting up to {@code timeoutNanos}
     * (-1: no limit) for one. While waiting, the set is unblocked so that senders wake this
     * thread, and a signal outside the set that can be delivered ends the wait (null: EINTR, or
     * EAGAIN if the time ran out, see {@link #timedOut}).
     */
    public static SigInfo timedWait(GuestThread t, long set, long timeoutNanos) {
        SigInfo info = SignalDelivery.dequeue(t, set);
        if (info != null || timeoutNanos == 0) return info;
        long old = t.signalMask;
        long deadline = System.nanoTime() + timeoutNanos;
        t.signals.realBlocked = old;
        t.signalMask = old & ~set;
        try {
            while (true) {
                info = SignalDelivery.dequeue(t, set);
                if (info != null) return info;
                if (SignalDelivery.hasDeliverable(t)) return null;
                if (timeoutNanos < 0) {
                    LockSupport.park(t);
                } else {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) return null;
                    LockSupport.parkNanos(t, left);
                }
            }
        } finally {
            t.signalMask = old;
            t.signals.realBlocked = 0;
        }
    }

    /** After {@link #timedWait} returned null: true if no other signal is deliverable (the time ran out). */
    public static boolean timedOut(GuestThread t) {
        return !SignalDelivery.hasDeliverable(t);
    }

    /**
     * ppoll, pselect6, epoll_pwait: {@code mask} replaces the caller's for the wait, atomically
     * with it as far as the guest can tell (a signal it unblocks that is already pending ends the
     * call at once). Returns false in that case: the call must return the restart code
     * ERESTARTNOHAND without waiting.
     */
    public static boolean beginMaskedWait(GuestThread t, long mask) {
        t.signals.savedMask = t.signalMask;
        t.signals.restoreMask = true;
        t.signalMask = mask;
        return !SignalDelivery.hasDeliverable(t);
    }

    /**
     * After the wait: unless a signal interrupted it (its handler's frame will save the caller's
     * mask), the caller's mask is back at once.
     */
    public static void endMaskedWait(GuestThread t, long result) {
        if (result == -EINTR && SignalDelivery.hasDeliverable(t)) return;
        t.signalMask = t.signals.savedMask;
        t.signals.restoreMask = false;
    }

    private static final int EINTR = 4;
}
