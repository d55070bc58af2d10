package io.mimic.linuxuser.signal;

import java.util.ArrayDeque;

/**
 * A set of pending signals with their siginfo, as the kernel keeps one per thread and one per
 * process: a standard signal (1..31) is pending at most once (a second one while the first
 * waits is merged into it), a real-time signal (32..64) is queued once per send, each with its
 * own siginfo, and leaves the set when its last instance is taken. Safe to use from any thread.
 */
public final class PendingSignals {
    /** Signals whose cause is the instruction that just ran: taken first, as the kernel does. */
    static final long SYNCHRONOUS = bit(4) | bit(5) | bit(7) | bit(8) | bit(11) | bit(31);

    private volatile long bits;
    @SuppressWarnings("unchecked")
    private final ArrayDeque<SigInfo>[] queues = new ArrayDeque[65];

    public static long bit(int sig) {
        return 1L << (sig - 1);
    }

    /** Bit (sig - 1) for each pending signal. */
    public long bits() {
        return bits;
    }

    /** Adds a signal; false if it was a standard signal already pending (merged, info dropped). */
    public synchronized boolean add(SigInfo info) {
        int sig = info.signo;
        if (sig < io.mimic.syscalls.linux.Signals.SIGRTMIN && (bits & bit(sig)) != 0) return false;
        ArrayDeque<SigInfo> q = queues[sig];
        if (q == null) queues[sig] = q = new ArrayDeque<>(1);
        q.addLast(info);
        bits |= bit(sig);
        return true;
    }

    /** Takes the signal to deliver among {@code allowed}: synchronous ones first, then the lowest number. */
    public synchronized SigInfo take(long allowed) {
        long ready = bits & allowed;
        if (ready == 0) return null;
        long sync = ready & SYNCHRONOUS;
        int sig = Long.numberOfTrailingZeros(sync != 0 ? sync : ready) + 1;
        return remove(sig);
    }

    /** Removes one instance of {@code sig}, or null if none is pending. */
    public synchronized SigInfo remove(int sig) {
        ArrayDeque<SigInfo> q = queues[sig];
        if (q == null || q.isEmpty()) return null;
        SigInfo info = q.removeFirst();
        if (q.isEmpty()) bits &= ~bit(sig);
        return info;
    }

    /** Drops every instance of the signals in {@code mask} (SIGCONT discards pending stops, SIG_IGN discards...). */
    public synchronized void discard(long mask) {
        long drop = bits & mask;
        for (long m = drop; m != 0; m &= m - 1) {
            int sig = Long.numberOfTrailingZeros(m) + 1;
            queues[sig].clear();
        }
        bits &= ~drop;
    }

}
