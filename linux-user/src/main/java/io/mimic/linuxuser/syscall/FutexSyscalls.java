package io.mimic.linuxuser.syscall;

import io.mimic.linuxuser.process.FutexTable;
import io.mimic.linuxuser.process.GuestProcess;
import io.mimic.linuxuser.process.GuestThread;
import io.mimic.syscalls.linux.Errno;
import io.mimic.syscalls.linux.StructLayout;
import io.mimic.translator.memory.GuestAccess;
import io.mimic.translator.memory.Prot;

import java.time.Instant;

/**
 * futex(2) on guest memory, through the process's {@link FutexTable}: WAIT/WAKE (and _BITSET),
 * REQUEUE, CMP_REQUEUE, WAKE_OP, and the PI lock calls. FUTEX_PRIVATE_FLAG separates waiters
 * as on Linux (a private wait needs a private wake); a shared futex in a MAP_SHARED mapping is
 * the host kernel's ({@link SharedFutex}), as other processes may wait on it. Timeouts: relative on CLOCK_MONOTONIC for FUTEX_WAIT, absolute for
 * WAIT_BITSET and LOCK_PI2 (CLOCK_MONOTONIC, or CLOCK_REALTIME with FUTEX_CLOCK_REALTIME) and
 * LOCK_PI (CLOCK_REALTIME); an absolute CLOCK_REALTIME deadline is converted once to the
 * monotonic clock, so a later change of the wall clock does not move it.
 */
final class FutexSyscalls {
    static final int FUTEX_WAIT = 0, FUTEX_WAKE = 1, FUTEX_FD = 2, FUTEX_REQUEUE = 3, FUTEX_CMP_REQUEUE = 4,
            FUTEX_WAKE_OP = 5, FUTEX_LOCK_PI = 6, FUTEX_UNLOCK_PI = 7, FUTEX_TRYLOCK_PI = 8, FUTEX_WAIT_BITSET = 9,
            FUTEX_WAKE_BITSET = 10, FUTEX_WAIT_REQUEUE_PI = 11, FUTEX_CMP_REQUEUE_PI = 12, FUTEX_LOCK_PI2 = 13;
    static final int FUTEX_PRIVATE_FLAG = 128, FUTEX_CLOCK_REALTIME = 256;

    private FutexSyscalls() {}

    static void register(SyscallRegistry r) {
        r.register("futex", FutexSyscalls::futex);
    }

    private static long futex(SyscallArgs a) {
        long addr = a.arg(0), timeout = a.arg(3), addr2 = a.arg(4);
        int op = a.intArg(1), val = a.intArg(2), val3 = a.intArg(5);
        int cmd = op & ~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME);
        boolean realtime = (op & FUTEX_CLOCK_REALTIME) != 0;
        if (realtime && cmd != FUTEX_WAIT_BITSET && cmd != FUTEX_WAIT_REQUEUE_PI && cmd != FUTEX_LOCK_PI2) return -Errno.ENOSYS;
        GuestProcess p = a.process;
        GuestThread t = a.thread;
        FutexTable f = p.futexes;
        if ((addr & 3) != 0) return -Errno.EINVAL;
        boolean isPrivate = (op & FUTEX_PRIVATE_FLAG) != 0;
        long key = FutexTable.key(addr, isPrivate), key2 = FutexTable.key(addr2, isPrivate);
        boolean pi = cmd == FUTEX_LOCK_PI || cmd == FUTEX_LOCK_PI2 || cmd == FUTEX_TRYLOCK_PI || cmd == FUTEX_UNLOCK_PI;
        if (!p.memory.check(addr, 4, pi ? Prot.READ | Prot.WRITE : Prot.READ)) return -Errno.EFAULT;
        if (SharedFutex.applies(a, addr, op, cmd)) {
            boolean waits = cmd == FUTEX_WAIT || cmd == FUTEX_WAIT_BITSET, twoWords = !waits && cmd != FUTEX_WAKE
                    && cmd != FUTEX_WAKE_BITSET;
            if (twoWords && (addr2 & 3) != 0) return -Errno.EINVAL;
            return SharedFutex.call(a, op, cmd, addr, val, waits && timeout != 0 ? nanos(a, timeout) : -1, timeout,
                    twoWords ? addr2 : 0, val3);
        }
        switch (cmd) {
            case FUTEX_WAIT -> {
                long deadline = timeout == 0 ? FutexTable.FOREVER : relativeDeadline(a, timeout);
                return f.wait(key, val, FutexTable.BITSET_MATCH_ANY, deadline, t::shouldStopWaiting);
            }
            case FUTEX_WAIT_BITSET -> {
                if (val3 == 0) return -Errno.EINVAL;
                long deadline = timeout == 0 ? FutexTable.FOREVER : absoluteDeadline(a, timeout, realtime);
                return f.wait(key, val, val3, deadline, t::shouldStopWaiting);
            }
            case FUTEX_WAKE -> {
                return f.wake(key, val, FutexTable.BITSET_MATCH_ANY);
            }
            case FUTEX_WAKE_BITSET -> {
                return val3 == 0 ? -Errno.EINVAL : f.wake(key, val, val3);
            }
            case FUTEX_REQUEUE, FUTEX_CMP_REQUEUE -> {
                int requeue = (int) timeout; // val2 travels in the timeout argument
                if (val < 0 || requeue < 0) return -Errno.EINVAL;
                if ((addr2 & 3) != 0) return -Errno.EINVAL;
                if (!p.memory.check(addr2, 4, Prot.READ)) return -Errno.EFAULT;
                return f.requeue(key, key2, val, requeue, cmd == FUTEX_CMP_REQUEUE, val3);
            }
            case FUTEX_WAKE_OP -> {
                if ((addr2 & 3) != 0) return -Errno.EINVAL;
                if (!p.memory.check(addr2, 4, Prot.READ | Prot.WRITE)) return -Errno.EFAULT;
                return f.wakeOp(key, key2, val, (int) timeout, val3);
            }
            case FUTEX_LOCK_PI, FUTEX_LOCK_PI2 -> {
                // LOCK_PI's deadline is on CLOCK_REALTIME; LOCK_PI2's is monotonic unless the flag says otherwise.
                long deadline = timeout == 0 ? FutexTable.FOREVER
                        : absoluteDeadline(a, timeout, cmd == FUTEX_LOCK_PI || realtime);
                return f.lockPi(key, t.tid, false, deadline, t::shouldStopWaiting, tid -> p.thread(tid) != null);
            }
            case FUTEX_TRYLOCK_PI -> {
                return f.lockPi(key, t.tid, true, FutexTable.FOREVER, t::shouldStopWaiting, tid -> p.thread(tid) != null);
            }
            case FUTEX_UNLOCK_PI -> {
                return f.unlockPi(key, t.tid);
            }
            // FUTEX_FD is gone from Linux; requeue-PI (PI condition variables) is not implemented.
            default -> {
                return -Errno.ENOSYS;
            }
        }
    }

    /** A guest struct timespec in nanoseconds; EINVAL if malformed. */
    private static long nanos(SyscallArgs a, long ts) {
        StructLayout l = a.arch().struct("timespec");
        a.checkGuest(ts, l.size(), false);
        long sec = StructConverter.field(GuestAccess.raw(), ts, l, "tv_sec", a.order());
        long nsec = StructConverter.field(GuestAccess.raw(), ts, l, "tv_nsec", a.order());
        if (sec < 0 || nsec < 0 || nsec >= 1_000_000_000L) throw new SyscallError(Errno.EINVAL);
        if (sec > Long.MAX_VALUE / 1_000_000_000L - 1) return Long.MAX_VALUE / 2;
        return sec * 1_000_000_000L + nsec;
    }

    private static long relativeDeadline(SyscallArgs a, long ts) {
        return saturatingAdd(System.nanoTime(), nanos(a, ts));
    }

    /** System.nanoTime is CLOCK_MONOTONIC on Linux, so a monotonic deadline is used as it is. */
    private static long absoluteDeadline(SyscallArgs a, long ts, boolean realtime) {
        long at = nanos(a, ts);
        if (!realtime) return at;
        Instant now = Instant.now();
        long nowNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        return saturatingAdd(System.nanoTime(), at - nowNanos);
    }

    private static long saturatingAdd(long x, long y) {
        long r = x + y;
        return ((x ^ r) & (y ^ r)) < 0 ? (y > 0 ? FutexTable.FOREVER - 1 : Long.MIN_VALUE) : Math.min(r, FutexTable.FOREVER - 1);
    }
}
