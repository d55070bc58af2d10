package io.mimic.linuxuser.syscall;

import io.mimic.linuxuser.host.HostSyscalls;
import io.mimic.linuxuser.process.GuestExit;
import io.mimic.syscalls.linux.Errno;
import io.mimic.translator.memory.GuestAccess;

import java.nio.charset.StandardCharsets;

/** Process identity, exit, limits, uname, and signal bookkeeping. */
final class ProcessSyscalls {
    private static final int UTS_FIELD = 65;

    private ProcessSyscalls() {}

    static void register(SyscallRegistry r) {
        r.passthrough("getpid", "");
        r.passthrough("getppid", "");
        // Identity: ids are the host process's (a raw setuid changes the calling thread's
        // credentials, which is the thread the guest runs on).
        r.passthrough("getuid", "");
        r.passthrough("geteuid", "");
        r.passthrough("getgid", "");
        r.passthrough("getegid", "");
        r.passthrough("setuid", "i");
        r.passthrough("setgid", "i");
        r.passthrough("setreuid", "i i");
        r.passthrough("setregid", "i i");
        r.passthrough("setresuid", "i i i");
        r.passthrough("setresgid", "i i i");
        r.passthrough("getresuid", ">u32 >u32 >u32");
        r.passthrough("getresgid", ">u32 >u32 >u32");
        r.passthrough("setfsuid", "i");
        r.passthrough("setfsgid", "i");
        r.register("getgroups", ProcessSyscalls::getgroups);
        r.register("setgroups", ProcessSyscalls::setgroups);
        r.passthrough("capget", "=cap_header >cap_data");
        r.passthrough("capset", "<cap_header <cap_data");
        r.register("setpgid", ProcessSyscalls::setpgid);
        r.passthrough("getpgid", "i");
        r.passthrough("getsid", "i");
        r.passthrough("setsid", "");
        // Limits and accounting.
        r.register("prlimit64", ProcessSyscalls::prlimit64);
        r.register("getrlimit", a -> rlimit(a, 0, a.arg(0), 0, a.arg(1)));
        r.register("setrlimit", a -> rlimit(a, 0, a.arg(0), a.arg(1), 0));
        r.passthrough("getrusage", "i >rusage");
        r.passthrough("times", ">tms");
        r.passthrough("sysinfo", ">sysinfo");
        // Scheduling.
        r.passthrough("sched_yield", "");
        r.passthrough("getpriority", "i i");
        r.passthrough("setpriority", "i i i");
        r.register("sched_getaffinity", a -> affinity(a, "sched_getaffinity", true));
        r.register("sched_setaffinity", a -> affinity(a, "sched_setaffinity", false));
        r.passthrough("sched_getscheduler", "i");
        r.passthrough("sched_setscheduler", "i i <sched_param");
        r.passthrough("sched_getparam", "i >sched_param");
        r.passthrough("sched_setparam", "i <sched_param");
        r.passthrough("sched_get_priority_max", "i");
        r.passthrough("sched_get_priority_min", "i");
        r.passthrough("sched_rr_get_interval", "i >timespec");
        r.passthrough("getcpu", ">u32 >u32 i");
        r.passthrough("ioprio_get", "i i");
        r.passthrough("ioprio_set", "i i i");
        // System information.
        r.register("uname", ProcessSyscalls::uname);
        r.passthrough("sethostname", "r1 i");
        r.passthrough("setdomainname", "r1 i");
        r.passthrough("syslog", "i w2 i");
        r.passthrough("getrandom", "w1 i i");
        r.passthrough("personality", "i");
        r.passthrough("membarrier", "i i i");
        r.passthrough("vhangup", "");
        r.register("prctl", ProcessSyscalls::prctl);
    }

    /** The kernel reads or writes at most this many bytes of a CPU mask here (8192 CPUs). */
    private static final long MAX_CPUMASK = 1024;

    /**
     * sched_get/setaffinity of a thread: each guest thread is a host thread, so the host call acts
     * on it; a guest tid names its host thread (the first thread's tid, the pid, is not its host tid).
     */
    private static long affinity(SyscallArgs a, String call, boolean write) {
        long len = a.arg(1);
        long mask = a.buffer(2, Math.min(Math.max(len, 0), MAX_CPUMASK), write);
        return HostSyscalls.call(HostSyscalls.number(call), hostTid(a, a.intArg(0)), len, mask);
    }

    /** The host tid behind a guest tid (0 stays 0: the caller; other processes' ids are the host's). */
    static long hostTid(SyscallArgs a, int tid) {
        if (tid == 0) return 0;
        var t = a.process.thread(tid);
        return t != null && t.signals.hostTid() != 0 ? t.signals.hostTid() : tid;
    }

    private static final int RLIMIT_NOFILE = 7;

    /**
     * prlimit64: the limits are the host process's, except RLIMIT_NOFILE of the guest's own
     * process, which is the guest's (it bounds the guest's fd numbers, see FdTable).
     */
    private static long prlimit64(SyscallArgs a) {
        return rlimit(a, a.intArg(0), a.arg(1), a.arg(2), a.arg(3));
    }

    private static long rlimit(SyscallArgs a, int pid, long resource, long newPtr, long oldPtr) {
        if ((int) resource == RLIMIT_NOFILE && (pid == 0 || pid == a.process.pid())) return nofile(a, newPtr, oldPtr);
        StructArg nl = StructArg.in(a, newPtr, "rlimit"), ol = StructArg.out(a, oldPtr, "rlimit");
        long r = HostSyscalls.call(HostSyscalls.number("prlimit64"), pid, resource, nl.host, ol.host);
        if (r < 0) return r;
        ol.copyOut();
        return r;
    }

    /** Linux's ceiling for RLIMIT_NOFILE (fs.nr_open's default). */
    private static final long NR_OPEN = 1 << 20;

    /**
     * RLIMIT_NOFILE is the guest's own (FdTable): lowering the host process's would starve the
     * JVM, which holds a few dozen fds of its own. Raising the hard limit needs privilege, as on Linux.
     */
    private static long nofile(SyscallArgs a, long newPtr, long oldPtr) {
        var t = a.process.fds;
        var l = a.arch().struct("rlimit");
        long soft = 0, hard = 0;
        if (newPtr != 0) {
            a.checkGuest(newPtr, l.size(), false);
            soft = StructConverter.field(GuestAccess.raw(), newPtr, l, "cur", a.order());
            hard = StructConverter.field(GuestAccess.raw(), newPtr, l, "max", a.order());
            if (Long.compareUnsigned(soft, hard) > 0) return -Errno.EINVAL;
            if (Long.compareUnsigned(hard, NR_OPEN) > 0) return -Errno.EPERM;
            if (hard > t.hardLimit() && HostSyscalls.call(HostSyscalls.number("geteuid")) != 0) return -Errno.EPERM;
        }
        if (oldPtr != 0) {
            a.checkGuest(oldPtr, l.size(), true);
            GuestAccess.raw().asSlice(oldPtr, l.size()).fill((byte) 0);
            StructConverter.setField(GuestAccess.raw(), oldPtr, l, "cur", t.limit(), a.order());
            StructConverter.setField(GuestAccess.raw(), oldPtr, l, "max", t.hardLimit(), a.order());
        }
        if (newPtr != 0) t.setLimits(soft, hard);
        return 0;
    }

    /** getgroups/setgroups: gid_t[] of the size given in argument 0. */
    private static long getgroups(SyscallArgs a) {
        int size = a.intArg(0);
        if (size < 0) return -Errno.EINVAL;
        long n = (long) size * 4;
        if (size == 0) return HostSyscalls.call(HostSyscalls.number("getgroups"), 0, 0);
        StructArg list = StructArg.of(a, a.arg(1), "u32", size, StructArg.Dir.OUT);
        if (list.host == 0 && n > 0) return -Errno.EFAULT;
        long r = HostSyscalls.call(HostSyscalls.number("getgroups"), size, list.host);
        if (r >= 0) list.copyOut();
        return r;
    }

    private static long setgroups(SyscallArgs a) {
        int size = a.intArg(0);
        if (size < 0 || size > 65536) return -Errno.EINVAL;
        StructArg list = size == 0 ? null : StructArg.of(a, a.arg(1), "u32", size, StructArg.Dir.IN);
        return HostSyscalls.call(HostSyscalls.number("setgroups"), size, list == null ? 0 : list.host);
    }

    private static final int PR_SET_PDEATHSIG = 1, PR_GET_PDEATHSIG = 2, PR_GET_DUMPABLE = 3, PR_SET_DUMPABLE = 4,
            PR_GET_KEEPCAPS = 7, PR_SET_KEEPCAPS = 8, PR_SET_NAME = 15, PR_GET_NAME = 16, PR_GET_SECCOMP = 21,
            PR_CAPBSET_READ = 23, PR_GET_TIMERSLACK = 30, PR_SET_TIMERSLACK = 29, PR_SET_CHILD_SUBREAPER = 36,
            PR_GET_CHILD_SUBREAPER = 37, PR_SET_NO_NEW_PRIVS = 38, PR_GET_NO_NEW_PRIVS = 39, PR_GET_THP_DISABLE = 42,
            PR_SET_THP_DISABLE = 41;
    private static final int TASK_COMM_LEN = 16;

    /**
     * prctl: the options a program uses on itself. The thread name is the guest's own (it starts
     * as the executable's base name, as the kernel sets it at exec); options that only read or set
     * a flag of the process pass to the host; anything else is EINVAL, never a host call with a
     * pointer the host does not understand.
     */
    private static long prctl(SyscallArgs a) {
        int option = a.intArg(0);
        long hostPrctl = HostSyscalls.number("prctl");
        switch (option) {
            case PR_SET_NAME -> {
                long p = a.arg(1);
                byte[] name = new byte[TASK_COMM_LEN];
                int n = 0;
                while (n < TASK_COMM_LEN - 1) {
                    a.checkGuest(p + n, 1, false);
                    byte b = GuestAccess.raw().get(java.lang.foreign.ValueLayout.JAVA_BYTE, p + n);
                    if (b == 0) break;
                    name[n++] = b;
                }
                a.thread.name = new String(name, 0, n, StandardCharsets.UTF_8);
                return 0;
            }
            case PR_GET_NAME -> {
                byte[] name = new byte[TASK_COMM_LEN];
                byte[] cur = a.thread.name.getBytes(StandardCharsets.UTF_8);
                System.arraycopy(cur, 0, name, 0, Math.min(cur.length, TASK_COMM_LEN - 1));
                a.writeBytes(a.arg(1), name, TASK_COMM_LEN);
                return 0;
            }
            case PR_GET_DUMPABLE, PR_GET_KEEPCAPS, PR_GET_SECCOMP, PR_GET_TIMERSLACK, PR_GET_NO_NEW_PRIVS, PR_GET_THP_DISABLE,
                 PR_SET_DUMPABLE, PR_SET_KEEPCAPS, PR_SET_TIMERSLACK, PR_SET_NO_NEW_PRIVS, PR_SET_THP_DISABLE, PR_CAPBSET_READ,
                 PR_SET_CHILD_SUBREAPER -> {
                // Integer arguments and results only: the host checks them.
                return HostSyscalls.call((int) hostPrctl, option, a.arg(1), a.arg(2), a.arg(3), a.arg(4));
            }
            case PR_GET_CHILD_SUBREAPER -> {
                StructArg v = StructArg.out(a, a.arg(1), "i32");
                long r = HostSyscalls.call((int) hostPrctl, option, v.host, 0, 0, 0);
                if (r >= 0) v.copyOut();
                return r;
            }
            case PR_GET_PDEATHSIG -> {
                a.writeInt(a.arg(1), 0);
                return 0;
            }
            // The parent-death signal would be a host signal to the JVM: recorded by the signal machinery.
            case PR_SET_PDEATHSIG -> {
                return a.arg(1) < 0 || a.arg(1) > 64 ? -Errno.EINVAL : 0;
            }
            default -> {
                return -Errno.EINVAL;
            }
        }
    }

    /**
     * setpgid: the host's, except for a child, whose host process exec'd when its JVM started:
     * the host says EACCES, so the child does it itself (fork/ParentLink).
     */
    private static long setpgid(SyscallArgs a) {
        int pid = a.intArg(0), pgid = a.intArg(1);
        long r = HostSyscalls.call(HostSyscalls.number("setpgid"), pid, pgid);
        if (r == -Errno.EACCES && pid > 0 && a.process.children.contains(pid)) {
            r = io.mimic.linuxuser.fork.ParentLink.setpgid(a.process.children, pid, pgid);
        }
        return r;
    }

    /** The host's uname with the machine field the guest expects. */
    private static long uname(SyscallArgs a) {
        long buf = a.arg(0);
        a.checkGuest(buf, UTS_FIELD * 6L, true);
        long r = HostSyscalls.call(HostSyscalls.number("uname"), a.buffer(0, UTS_FIELD * 6L, true));
        if (r < 0) return r;
        byte[] machine = new byte[UTS_FIELD];
        byte[] name = a.process.abi.name().getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(name, 0, machine, 0, name.length);
        GuestAccess.copyIn(machine, 0, buf + UTS_FIELD * 4L, UTS_FIELD);
        return 0;
    }
}
