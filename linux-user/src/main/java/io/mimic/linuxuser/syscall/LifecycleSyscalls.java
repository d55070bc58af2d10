package io.mimic.linuxuser.syscall;

import io.mimic.linuxuser.exec.Execve;
import io.mimic.linuxuser.fork.GuestFork;
import io.mimic.linuxuser.host.HostSyscalls;
import io.mimic.linuxuser.process.Children;
import io.mimic.linuxuser.signal.ChildExitSignals;
import io.mimic.syscalls.linux.Errno;

/**
 * Process life: clone without CLONE_VM (fork), execve/execveat, wait4/waitid. Children are real
 * host processes (see fork/GuestFork), so waits are the host's own calls; the only thing hidden
 * from them is the spare, a host child that is not yet the guest's.
 */
final class LifecycleSyscalls {
    static final long CLONE_VM = 0x100, CLONE_VFORK = 0x4000, CLONE_THREAD = 0x10000,
            CLONE_PARENT_SETTID = 0x100000, CLONE_CHILD_SETTID = 0x1000000;
    private static final int WNOHANG = 1, WUNTRACED = 2, WEXITED = 4, WCONTINUED = 8, WNOWAIT = 0x1000000,
            WNOTHREAD = 0x20000000, WALL = 0x40000000, WCLONE = 0x80000000;
    private static final int P_ALL = 0, P_PID = 1, P_PGID = 2, P_PIDFD = 3;
    private static final int CLD_EXITED = 1, CLD_KILLED = 2, CLD_DUMPED = 3;
    private static final int SIGCONT_HOST = (int) io.mimic.syscalls.linux.LinuxArch.host().signals().value("SIGCONT");
    private static final int HOST_WAIT4 = HostSyscalls.number("wait4"), HOST_WAITID = HostSyscalls.number("waitid");

    private LifecycleSyscalls() {}

    static void register(SyscallRegistry r) {
        r.register("execve", a -> Execve.execve(a, LifecycleSyscalls.path(a, 0), a.arg(1), a.arg(2)));
        r.register("execveat", LifecycleSyscalls::execveat);
        r.register("wait4", LifecycleSyscalls::wait4);
        r.register("waitid", LifecycleSyscalls::waitid);
    }

    /**
     * A clone that makes a new process (called by ThreadSyscalls' clone dispatcher): fork. The
     * child's stack pointer is {@code newSp} if not 0; CLONE_PARENT_SETTID and CLONE_CHILD_SETTID
     * store the child's pid. The exit signal is always SIGCHLD (the host's, for a host child).
     */
    static long fork(SyscallArgs a, long flags, long newSp, long parentTid, long childTid) {
        if ((flags & CLONE_PARENT_SETTID) == 0) parentTid = 0;
        if (parentTid != 0) a.checkGuest(parentTid, 4, true);
        long pid = GuestFork.fork(a.thread, (flags & CLONE_CHILD_SETTID) != 0 ? childTid : 0, newSp);
        if (pid > 0 && parentTid != 0) a.writeInt(parentTid, (int) pid);
        return pid;
    }

    private static long execveat(SyscallArgs a) {
        int flags = a.intArg(4);
        final int AT_EMPTY_PATH = 0x1000, AT_SYMLINK_NOFOLLOW = 0x100;
        if ((flags & ~(AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW)) != 0) return -Errno.EINVAL;
        String name = a.arg(1) == 0 ? "" : a.readString(a.arg(1));
        int dirfd = a.intArg(0);
        String path;
        if (name.isEmpty()) {
            if ((flags & AT_EMPTY_PATH) == 0) return -Errno.ENOENT;
            path = "/proc/self/fd/" + a.hostFd(dirfd);
        } else if (name.startsWith("/") || dirfd == io.mimic.linuxuser.process.FdTable.AT_FDCWD) {
            path = GuestPaths.hostPath(a.process, name);
        } else {
            path = "/proc/self/fd/" + a.hostFd(dirfd) + "/" + name;
        }
        return Execve.execve(a, path, a.arg(2), a.arg(3));
    }

    /** A path argument as the host name for it (the guest's /proc names rewritten, the sysroot first). */
    static String path(SyscallArgs a, int i) {
        if (a.arg(i) == 0) throw new SyscallError(Errno.EFAULT);
        String name = a.readString(a.arg(i));
        return name.isEmpty() ? name : GuestPaths.hostPath(a.process, name);
    }

    private static long wait4(SyscallArgs a) {
        int pid = a.intArg(0), options = a.intArg(2);
        if ((options & ~(WNOHANG | WUNTRACED | WCONTINUED | WNOTHREAD | WALL | WCLONE)) != 0) return -Errno.EINVAL;
        if (pid == Integer.MIN_VALUE) return -Errno.ESRCH;
        Children c = a.process.children;
        if (pid <= 0 && c.none()) return -Errno.ECHILD;
        // Without the guest's status pointer Mimic still needs the status (reaped, or only stopped?).
        java.lang.foreign.MemorySegment scratch = a.arg(1) == 0 ? a.arena().allocate(4, 4) : null;
        long status = scratch != null ? scratch.address() : a.buffer(1, 4, true);
        StructArg usage = a.arg(3) == 0 ? null : StructArg.out(a, a.arg(3), "rusage");
        while (true) {
            long r = HostSyscalls.call(HOST_WAIT4, pid, status, options, usage == null ? 0 : usage.host);
            if (r > 0 && r == c.sparePid) {
                io.mimic.linuxuser.fork.GuestFork.spareDied(c);
                continue;
            }
            if (r > 0) {
                int st = scratch != null ? scratch.get(java.lang.foreign.ValueLayout.JAVA_INT, 0) : a.readInt(a.arg(1));
                if ((st & 0xff) == 0x7f) {
                    ChildExitSignals.stateReportedByWait(a.process, (int) r, ChildExitSignals.CLD_STOPPED, (st >> 8) & 0xff);
                } else if (st == 0xffff) {
                    ChildExitSignals.stateReportedByWait(a.process, (int) r, ChildExitSignals.CLD_CONTINUED, SIGCONT_HOST);
                } else { // exited or killed: no longer a child
                    c.reaped((int) r);
                    ChildExitSignals.reapedBeforeNoticed(a.process, (int) r, st);
                }
                if (usage != null) usage.copyOut();
            }
            return r;
        }
    }

    private static long waitid(SyscallArgs a) {
        int type = a.intArg(0), id = a.intArg(1), options = a.intArg(3);
        if ((options & ~(WNOHANG | WUNTRACED | WEXITED | WCONTINUED | WNOWAIT | WNOTHREAD | WALL | WCLONE)) != 0
                || (options & (WEXITED | WUNTRACED | WCONTINUED)) == 0) {
            return -Errno.EINVAL;
        }
        if (type != P_ALL && type != P_PID && type != P_PGID && type != P_PIDFD) return -Errno.EINVAL;
        Children c = a.process.children;
        long hostId = type == P_PIDFD ? a.hostFd(id) : id;
        if ((type == P_ALL || type == P_PGID) && c.none()) return -Errno.ECHILD;
        long info = a.arg(2) == 0 ? 0 : a.buffer(2, 128, true);
        StructArg usage = a.arg(4) == 0 ? null : StructArg.out(a, a.arg(4), "rusage");
        while (true) {
            long r = HostSyscalls.call(HOST_WAITID, type, hostId, info, options, usage == null ? 0 : usage.host);
            if (r < 0 || info == 0) return r;
            int pid = a.readInt(a.arg(2) + 16), code = a.readInt(a.arg(2) + 8);
            if (pid != 0 && pid == c.sparePid) {
                io.mimic.linuxuser.fork.GuestFork.spareDied(c);
                continue;
            }
            if (pid != 0 && (options & WNOWAIT) == 0 && (code == ChildExitSignals.CLD_STOPPED || code == ChildExitSignals.CLD_CONTINUED)) {
                ChildExitSignals.stateReportedByWait(a.process, pid, code, a.readInt(a.arg(2) + 24));
            }
            if (pid != 0 && (options & WNOWAIT) == 0 && (code == CLD_EXITED || code == CLD_KILLED || code == CLD_DUMPED)) {
                c.reaped(pid);
                int status = a.readInt(a.arg(2) + 24);
                ChildExitSignals.reapedBeforeNoticed(a.process, pid, code == CLD_EXITED ? (status & 0xff) << 8
                        : status | (code == CLD_DUMPED ? 0x80 : 0));
            }
            if (usage != null) usage.copyOut();
            return r;
        }
    }
}
