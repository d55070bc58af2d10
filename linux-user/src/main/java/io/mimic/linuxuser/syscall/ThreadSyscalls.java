package io.mimic.linuxuser.syscall;

import io.mimic.linuxuser.abi.CloneArgumentOrder;
import io.mimic.linuxuser.process.FutexTable;
import io.mimic.linuxuser.process.GuestExit;
import io.mimic.linuxuser.process.GuestProcess;
import io.mimic.linuxuser.process.GuestThread;
import io.mimic.linuxuser.process.GuestThreads;
import io.mimic.linuxuser.process.ThreadExit;
import io.mimic.syscalls.linux.Errno;
import io.mimic.translator.engine.CpuState;
import io.mimic.translator.memory.Prot;

/**
 * Threads: clone/clone3 of a thread (CLONE_VM|CLONE_THREAD...), exit (this thread) versus
 * exit_group (all threads), thread ids, clear_child_tid and the robust-futex list.
 *
 * <p>A clone that makes a new process (no CLONE_VM/CLONE_THREAD: fork, vfork) belongs to the
 * process machinery and answers ENOSYS here until it exists.
 */
final class ThreadSyscalls {
    static final long CLONE_VM = 0x100, CLONE_FS = 0x200, CLONE_FILES = 0x400, CLONE_SIGHAND = 0x800,
            CLONE_PIDFD = 0x1000, CLONE_PTRACE = 0x2000, CLONE_VFORK = 0x4000, CLONE_PARENT = 0x8000,
            CLONE_THREAD = 0x10000, CLONE_NEWNS = 0x20000, CLONE_SYSVSEM = 0x40000, CLONE_SETTLS = 0x80000,
            CLONE_PARENT_SETTID = 0x100000, CLONE_CHILD_CLEARTID = 0x200000, CLONE_DETACHED = 0x400000,
            CLONE_UNTRACED = 0x800000, CLONE_CHILD_SETTID = 0x1000000, CLONE_IO = 0x80000000L;
    /** The flags a thread clone may carry (what glibc's pthread_create and musl's use, and harmless ones). */
    private static final long THREAD_FLAGS = CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD
            | CLONE_SYSVSEM | CLONE_SETTLS | CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID | CLONE_CHILD_SETTID
            | CLONE_DETACHED | CLONE_UNTRACED | CLONE_IO;
    /** clone3's struct clone_args, first version: 8 u64 fields. */
    private static final int CLONE_ARGS_SIZE_VER0 = 64;

    private ThreadSyscalls() {}

    static void register(SyscallRegistry r) {
        r.register("clone", ThreadSyscalls::clone);
        r.register("clone3", ThreadSyscalls::clone3);
        r.register("exit", ThreadSyscalls::exit);
        r.register("exit_group", a -> { throw new GuestExit(a.intArg(0) & 0xff); });
        r.register("gettid", a -> a.thread.tid);
        // The address is written (0) and futex-woken when the thread exits.
        r.register("set_tid_address", a -> {
            a.thread.clearChildTid = a.arg(0);
            return a.thread.tid;
        });
        r.register("set_robust_list", a -> {
            if (a.arg(1) != a.arch().struct("robust_list_head").size()) return -Errno.EINVAL;
            a.thread.robustListHead = a.arg(0);
            a.thread.robustListLength = a.arg(1);
            return 0;
        });
        r.register("get_robust_list", a -> {
            int tid = a.intArg(0);
            GuestThread t = tid == 0 ? a.thread : a.process.thread(tid);
            if (t == null) return -Errno.ESRCH;
            a.writeLong(a.arg(1), t.robustListHead);
            a.writeLong(a.arg(2), t.robustListLength);
            return 0;
        });
    }

    private static long clone(SyscallArgs a) {
        CloneArgumentOrder o = a.process.abi.cloneArgumentOrder();
        return cloneThread(a, a.arg(o.flags()), a.arg(o.stack()), a.arg(o.parentTid()), a.arg(o.childTid()), a.arg(o.tls()));
    }

    /** clone3(struct clone_args *, size): the same, with the stack given as base and size. */
    private static long clone3(SyscallArgs a) {
        long p = a.arg(0), size = a.arg(1);
        if (size < CLONE_ARGS_SIZE_VER0 || size > 4096) return -Errno.EINVAL;
        a.checkGuest(p, size, false);
        long[] f = new long[8];
        for (int i = 0; i < f.length; i++) f[i] = a.readLong(p + 8L * i);
        // Fields past the first version (set_tid, cgroup) must be zero: none is supported.
        for (long off = CLONE_ARGS_SIZE_VER0; off + 8 <= size; off += 8) {
            if (a.readLong(p + off) != 0) return -Errno.EINVAL;
        }
        long flags = f[0], pidfd = f[1], childTid = f[2], parentTid = f[3], exitSignal = f[4], stack = f[5],
                stackSize = f[6], tls = f[7];
        if ((flags & CLONE_PIDFD) != 0 && pidfd != 0) return -Errno.EINVAL;
        if ((exitSignal & ~0xffL) != 0 || (flags & 0xff) != 0) return -Errno.EINVAL;
        if ((stack == 0) != (stackSize == 0)) return -Errno.EINVAL;
        return cloneThread(a, flags | exitSignal, stack == 0 ? 0 : stack + stackSize, parentTid, childTid, tls);
    }

    /** A new thread in this process, running a copy of the caller's registers from after the call. */
    private static long cloneThread(SyscallArgs a, long flags, long stack, long parentTid, long childTid, long tls) {
        if ((flags & CLONE_THREAD) == 0 && (flags & CLONE_VM) == 0) return -Errno.ENOSYS; // a new process: fork
        if ((flags & CLONE_THREAD) != 0 && (flags & CLONE_SIGHAND) == 0) return -Errno.EINVAL;
        if ((flags & CLONE_SIGHAND) != 0 && (flags & CLONE_VM) == 0) return -Errno.EINVAL;
        // The exit signal (low byte) means nothing for a thread; vfork-like and namespace clones are not threads.
        if ((flags & CLONE_THREAD) == 0 || (flags & ~THREAD_FLAGS & ~0xffL) != 0) return -Errno.EINVAL;
        GuestProcess p = a.process;
        if ((flags & CLONE_PARENT_SETTID) != 0 && !p.memory.check(parentTid, 4, Prot.WRITE)) return -Errno.EFAULT;
        if ((flags & CLONE_CHILD_SETTID) != 0 && !p.memory.check(childTid, 4, Prot.WRITE)) return -Errno.EFAULT;

        CpuState child = p.abi.newCpu(p.memory);
        child.copyRegistersFrom(a.cpu);
        p.abi.setSyscallResult(child, 0);
        p.abi.setCloneChildState(child, stack, tls, (flags & CLONE_SETTLS) != 0);
        GuestThread parent = a.thread;
        GuestThread t = GuestThreads.spawn(p, child, parent.name, c -> {
            // Inherited from the creator, as the kernel copies them.
            c.signalMask = parent.signalMask;
            if ((flags & CLONE_CHILD_CLEARTID) != 0) c.clearChildTid = childTid;
            if ((flags & CLONE_PARENT_SETTID) != 0) p.futexes.store(parentTid, c.tid);
            if ((flags & CLONE_CHILD_SETTID) != 0) p.futexes.store(childTid, c.tid);
        });
        return t.tid;
    }

    /**
     * exit: ends the calling thread only. As the kernel does on the way out: the robust list is
     * released, then clear_child_tid is zeroed and woken (pthread_join waits on it).
     */
    private static long exit(SyscallArgs a) {
        GuestThread t = a.thread;
        RobustList.release(a, t);
        long ctid = t.clearChildTid;
        if (ctid != 0 && a.process.memory.check(ctid, 4, Prot.WRITE)) {
            a.process.futexes.store(ctid, 0);
            a.process.futexes.wake(ctid, 1, FutexTable.BITSET_MATCH_ANY);
        }
        throw new ThreadExit(a.intArg(0) & 0xff);
    }
}
