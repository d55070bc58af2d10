package io.mimic.linuxuser.syscall;

import io.mimic.linuxuser.process.FutexTable;
import io.mimic.linuxuser.process.GuestThread;
import io.mimic.syscalls.linux.StructLayout;
import io.mimic.translator.memory.GuestAccess;
import io.mimic.translator.memory.Prot;

/**
 * The robust-futex list of a thread that exits (set_robust_list): every lock it still holds is
 * marked FUTEX_OWNER_DIED and one waiter is woken, so that the next locker gets EOWNERDEAD
 * instead of waiting forever. The walk follows the kernel's: bounded, stops at a bad pointer,
 * and handles the "pending" entry (a lock being taken or released) last.
 */
final class RobustList {
    /** The kernel's bound on entries walked (ROBUST_LIST_LIMIT), against cycles. */
    private static final int LIMIT = 2048;

    private RobustList() {}

    static void release(SyscallArgs a, GuestThread t) {
        long head = t.robustListHead;
        if (head == 0) return;
        StructLayout l = a.arch().struct("robust_list_head");
        if (!a.process.memory.check(head, l.size(), Prot.READ)) return;
        long offset = field(a, l, head, "futex_offset");
        long pending = field(a, l, head, "pending");
        long entry = field(a, l, head, "next");
        // Bit 0 of a pointer marks a PI lock; both kinds are released the same way here.
        for (int n = 0; n < LIMIT && (entry & ~1L) != head; n++) {
            long e = entry & ~1L;
            if (!a.process.memory.check(e, 8, Prot.READ)) return;
            long next = field(a, l, e, "next"); // struct robust_list { next } is the head's first field
            if (e != (pending & ~1L)) ownerDied(a, t, e + offset);
            entry = next;
        }
        if (pending != 0) ownerDied(a, t, (pending & ~1L) + offset);
    }

    private static long field(SyscallArgs a, StructLayout l, long base, String name) {
        return StructConverter.field(GuestAccess.raw(), base, l, name, a.order());
    }

    /** handle_futex_death: only a word this thread owns is changed. */
    private static void ownerDied(SyscallArgs a, GuestThread t, long word) {
        if ((word & 3) != 0 || !a.process.memory.check(word, 4, Prot.READ | Prot.WRITE)) return;
        FutexTable f = a.process.futexes;
        while (true) {
            int v = f.read(word);
            if ((v & FutexTable.FUTEX_TID_MASK) != t.tid) return;
            int dead = (v & FutexTable.FUTEX_WAITERS) | FutexTable.FUTEX_OWNER_DIED;
            if (!f.compareAndSet(word, v, dead)) continue;
            // PI waiters retry the lock and find the owner gone, as plain waiters do.
            if ((dead & FutexTable.FUTEX_WAITERS) != 0) f.wake(word, 1, FutexTable.BITSET_MATCH_ANY);
            return;
        }
    }
}
