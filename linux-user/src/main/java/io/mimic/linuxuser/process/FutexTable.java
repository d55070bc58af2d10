package io.mimic.linuxuser.process;

import io.mimic.syscalls.linux.Errno;
import io.mimic.translator.memory.GuestAccess;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * Futex wait queues of one process, keyed by guest address, in Java (never host futexes: a
 * guest thread blocked here must stay wakeable by Mimic's signal and exit machinery).
 *
 * <p>Addresses hash to buckets; a bucket's lock covers the value check and the enqueue of a
 * waiter, and every wake, so a wake that follows the guest's store to the futex word cannot be
 * missed (the kernel's protocol). A waiter parks its platform thread; it leaves when woken, when
 * its deadline passes, or when its {@code interrupted} check says so (signals, exit_group) after
 * {@link GuestThread#wake}.
 *
 * <p>Waiters are keyed as Linux keys them: a FUTEX_PRIVATE_FLAG wait is woken only by a private
 * wake and a shared one only by a shared wake (glibc relies on it: pthread_join's wait on the
 * thread id and robust mutexes are shared, as the kernel's exit-time wakes are). A key is the
 * word's address, plus 1 for private ({@link #key}).
 *
 * <p>The caller checks that addresses are mapped and aligned; words are read and changed with
 * atomic accesses in the guest's byte order.
 */
public final class FutexTable {
    public static final int BITSET_MATCH_ANY = -1;
    public static final int FUTEX_WAITERS = 0x80000000, FUTEX_OWNER_DIED = 0x40000000, FUTEX_TID_MASK = 0x3fffffff;
    /** No deadline. */
    public static final long FOREVER = Long.MAX_VALUE;

    private static final int BUCKET_BITS = 8;

    private final Bucket[] buckets = new Bucket[1 << BUCKET_BITS];
    private final boolean swap;

    private static final class Bucket {
        final int index;
        final ReentrantLock lock = new ReentrantLock();
        final List<Waiter> waiters = new ArrayList<>();

        Bucket(int index) {
            this.index = index;
        }
    }

    private static final class Waiter {
        final Thread thread = Thread.currentThread();
        final int bitset;
        /** PI waiters: their tid, written into the word when the lock is handed to them. */
        final int tid;
        /** Changed only under the locks of both buckets involved (requeue). */
        volatile long address;
        volatile boolean woken;

        Waiter(long address, int bitset, int tid) {
            this.address = address;
            this.bitset = bitset;
            this.tid = tid;
        }
    }

    public FutexTable(ByteOrder guestOrder) {
        for (int i = 0; i < buckets.length; i++) buckets[i] = new Bucket(i);
        swap = guestOrder != ByteOrder.nativeOrder();
    }

    /** The queue key of the word at {@code address} (4-byte aligned) for private or shared futex calls. */
    public static long key(long address, boolean isPrivate) {
        return isPrivate ? address | 1 : address;
    }

    private static long addressOf(long key) {
        return key & ~3L;
    }

    private Bucket bucket(long address) {
        long h = (address >>> 2) * 0x9E3779B97F4A7C15L;
        return buckets[(int) (h >>> (64 - BUCKET_BITS))];
    }

    /** The futex word, read atomically. */
    public int read(long address) {
        int v = GuestAccess.getVolatile32(address);
        return swap ? Integer.reverseBytes(v) : v;
    }

    /** Stores the word with release-acquire ordering (thread ids, clear_child_tid). */
    public void store(long address, int value) {
        GuestAccess.setVolatile32(address, swap ? Integer.reverseBytes(value) : value);
    }

    public boolean compareAndSet(long address, int expect, int update) {
        if (swap) {
            expect = Integer.reverseBytes(expect);
            update = Integer.reverseBytes(update);
        }
        return GuestAccess.cas32(address, expect, update);
    }

    // ------------------------------------------------------------------ wait and wake

    /**
     * FUTEX_WAIT(_BITSET): blocks while the word holds {@code expected}. Addresses given to the
     * queue operations are keys ({@link #key}). Returns 0 when woken,
     * -EAGAIN if the word differs, -ETIMEDOUT at {@code deadline} (System.nanoTime; FOREVER for
     * none), -EINTR when {@code interrupted} turns true.
     */
    public long wait(long address, int expected, int bitset, long deadline, BooleanSupplier interrupted) {
        Waiter w = new Waiter(address, bitset, 0);
        Bucket b = bucket(address);
        b.lock.lock();
        try {
            if (read(addressOf(address)) != expected) return -Errno.EAGAIN;
            b.waiters.add(w);
        } finally {
            b.lock.unlock();
        }
        return park(w, deadline, interrupted);
    }

    /** Parks until woken; on timeout or interruption leaves the queue (unless a wake won the race). */
    private long park(Waiter w, long deadline, BooleanSupplier interrupted) {
        long result;
        while (true) {
            if (w.woken) return 0;
            if (interrupted.getAsBoolean()) {
                result = -Errno.EINTR;
                break;
            }
            if (deadline == FOREVER) {
                LockSupport.park(this);
            } else {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    result = -Errno.ETIMEDOUT;
                    break;
                }
                LockSupport.parkNanos(this, left);
            }
        }
        Bucket b = lockBucketOf(w);
        try {
            if (w.woken) return 0;
            b.waiters.remove(w);
            return result;
        } finally {
            b.lock.unlock();
        }
    }

    /** Locks the bucket that currently holds {@code w} (a requeue may move it meanwhile). */
    private Bucket lockBucketOf(Waiter w) {
        while (true) {
            long a = w.address;
            Bucket b = bucket(a);
            b.lock.lock();
            if (w.address == a) return b;
            b.lock.unlock();
        }
    }

    /** FUTEX_WAKE(_BITSET): wakes up to {@code count} waiters on the word; returns how many. */
    public int wake(long address, int count, int bitset) {
        Bucket b = bucket(address);
        b.lock.lock();
        try {
            return wakeLocked(b, address, count, bitset);
        } finally {
            b.lock.unlock();
        }
    }

    /** Wakes matching waiters in queue order; like the kernel's, it wakes one even for a count of 0. */
    private static int wakeLocked(Bucket b, long address, int count, int bitset) {
        int n = 0;
        for (Iterator<Waiter> it = b.waiters.iterator(); it.hasNext(); ) {
            Waiter w = it.next();
            if (w.address != address || (w.bitset & bitset) == 0) continue;
            it.remove();
            w.woken = true;
            LockSupport.unpark(w.thread);
            if (++n >= count) break;
        }
        return n;
    }

    /**
     * FUTEX_REQUEUE / FUTEX_CMP_REQUEUE: wakes up to {@code wakeCount} waiters on {@code from}
     * and moves up to {@code requeueCount} of the rest to {@code to}. With {@code checkValue},
     * returns -EAGAIN unless {@code from} holds {@code expected}. Returns woken + moved.
     */
    public long requeue(long from, long to, int wakeCount, int requeueCount, boolean checkValue, int expected) {
        Bucket a = bucket(from), b = bucket(to);
        lockBoth(a, b);
        try {
            if (checkValue && read(addressOf(from)) != expected) return -Errno.EAGAIN;
            int woken = wakeCount > 0 ? wakeLocked(a, from, wakeCount, BITSET_MATCH_ANY) : 0;
            int moved = 0;
            for (Iterator<Waiter> it = a.waiters.iterator(); it.hasNext() && moved < requeueCount; ) {
                Waiter w = it.next();
                if (w.address != from) continue;
                w.address = to;
                if (a != b) {
                    it.remove();
                    b.waiters.add(w);
                }
                moved++;
            }
            return woken + moved;
        } finally {
            unlockBoth(a, b);
        }
    }

    /**
     * FUTEX_WAKE_OP: atomically applies {@code op} to the word at {@code address2}, wakes up to
     * {@code count1} waiters on {@code address1}, and, if the old value of word 2 passes the
     * comparison encoded in {@code op}, up to {@code count2} waiters on {@code address2}.
     * Returns the number woken, or -ENOSYS for an unknown operation or comparison.
     */
    public long wakeOp(long address1, long address2, int count1, int count2, int op) {
        int kind = (op >>> 28) & 7, cmp = (op >>> 24) & 15;
        int oparg = (op << 8) >> 20, cmparg = (op << 20) >> 20;
        if ((op >>> 31) != 0) oparg = 1 << (oparg & 31); // FUTEX_OP_OPARG_SHIFT
        if (kind > 4 || cmp > 5) return -Errno.ENOSYS;
        Bucket a = bucket(address1), b = bucket(address2);
        lockBoth(a, b);
        try {
            int old;
            while (true) {
                old = read(addressOf(address2));
                int updated = switch (kind) {
                    case 0 -> oparg;           // SET
                    case 1 -> old + oparg;     // ADD
                    case 2 -> old | oparg;     // OR
                    case 3 -> old & ~oparg;    // ANDN
                    default -> old ^ oparg;    // XOR
                };
                if (compareAndSet(addressOf(address2), old, updated)) break;
            }
            int n = wakeLocked(a, address1, count1, BITSET_MATCH_ANY);
            boolean pass = switch (cmp) {
                case 0 -> old == cmparg;
                case 1 -> old != cmparg;
                case 2 -> old < cmparg;
                case 3 -> old <= cmparg;
                case 4 -> old > cmparg;
                default -> old >= cmparg;
            };
            if (pass) n += wakeLocked(b, address2, count2, BITSET_MATCH_ANY);
            return n;
        } finally {
            unlockBoth(a, b);
        }
    }

    private void lockBoth(Bucket a, Bucket b) {
        if (a == b) {
            a.lock.lock();
            return;
        }
        // A fixed order (by index) avoids deadlock between two requeues.
        if (a.index < b.index) {
            a.lock.lock();
            b.lock.lock();
        } else {
            b.lock.lock();
            a.lock.lock();
        }
    }

    private static void unlockBoth(Bucket a, Bucket b) {
        a.lock.unlock();
        if (a != b) b.lock.unlock();
    }

    // ------------------------------------------------------------------ priority inheritance

    /**
     * FUTEX_LOCK_PI / FUTEX_TRYLOCK_PI: takes the lock word for thread {@code tid} (0 -> tid; an
     * owner that died leaves FUTEX_OWNER_DIED, which is kept), else sets FUTEX_WAITERS and waits
     * for the owner's FUTEX_UNLOCK_PI to hand the word over. Priorities are not boosted: host
     * scheduling of guest threads is the host's. {@code alive} tells whether an owner tid is a
     * live thread of the process.
     */
    public long lockPi(long address, int tid, boolean tryOnly, long deadline, BooleanSupplier interrupted,
                       java.util.function.IntPredicate alive) {
        Bucket b = bucket(address);
        while (true) {
            Waiter w;
            b.lock.lock();
            try {
                int v = read(addressOf(address));
                int owner = v & FUTEX_TID_MASK;
                if (owner == 0) {
                    boolean others = hasWaiters(b, address);
                    int mine = tid | (v & FUTEX_OWNER_DIED) | (others ? FUTEX_WAITERS : 0);
                    if (compareAndSet(addressOf(address), v, mine)) return 0;
                    continue;
                }
                if (owner == tid) return -Errno.EDEADLK;
                if (!alive.test(owner)) return -Errno.ESRCH;
                if (tryOnly) return -Errno.EAGAIN;
                if ((v & FUTEX_WAITERS) == 0 && !compareAndSet(addressOf(address), v, v | FUTEX_WAITERS)) continue;
                w = new Waiter(address, BITSET_MATCH_ANY, tid);
                b.waiters.add(w);
            } finally {
                b.lock.unlock();
            }
            long r = park(w, deadline, interrupted);
            if (r != 0) return r; // ETIMEDOUT or EINTR: not the owner
            if ((read(addressOf(address)) & FUTEX_TID_MASK) == tid) return 0;
            // Woken without a hand-over (the owner died): try again.
        }
    }

    /**
     * FUTEX_UNLOCK_PI: the owner {@code tid} releases the word: handed to the first waiter (its tid,
     * with FUTEX_WAITERS if more wait), or 0. Returns -EPERM if the caller does not own it.
     */
    public long unlockPi(long address, int tid) {
        Bucket b = bucket(address);
        b.lock.lock();
        try {
            while (true) {
                int v = read(addressOf(address));
                if ((v & FUTEX_TID_MASK) != tid) return -Errno.EPERM;
                Waiter next = null;
                int more = 0;
                for (Waiter w : b.waiters) {
                    if (w.address != address) continue;
                    if (next == null) next = w;
                    else more++;
                }
                int handed = next == null ? 0 : next.tid | (more > 0 ? FUTEX_WAITERS : 0);
                if (!compareAndSet(addressOf(address), v, handed)) continue;
                if (next != null) {
                    b.waiters.remove(next);
                    next.woken = true;
                    LockSupport.unpark(next.thread);
                }
                return 0;
            }
        } finally {
            b.lock.unlock();
        }
    }

    private static boolean hasWaiters(Bucket b, long address) {
        for (Waiter w : b.waiters) if (w.address == address) return true;
        return false;
    }
}
