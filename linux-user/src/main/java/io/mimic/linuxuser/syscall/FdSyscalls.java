package io.mimic.linuxuser.syscall;

import io.mimic.linuxuser.host.HostFds;
import io.mimic.linuxuser.host.HostSyscalls;
import io.mimic.linuxuser.process.FdTable;
import io.mimic.syscalls.linux.Errno;
import io.mimic.syscalls.linux.FlagTable;
import io.mimic.syscalls.linux.LinuxArch;
import io.mimic.translator.memory.HostSyscall;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The calls that make, copy and close file descriptors, and the per-fd controls (fcntl, ioctl),
 * all through the guest's {@link FdTable}.
 */
final class FdSyscalls {
    private static final int HOST_FCNTL = HostSyscalls.number("fcntl"), HOST_IOCTL = HostSyscalls.number("ioctl"),
            HOST_PIPE2 = HostSyscalls.number("pipe2"), HOST_SOCKETPAIR = HostSyscalls.number("socketpair");
    private static final int CLOSE_RANGE_UNSHARE = 2, CLOSE_RANGE_CLOEXEC = 4;
    private static final int FD_CLOEXEC = 1;

    private FdSyscalls() {}

    static void register(SyscallRegistry r) {
        r.register("close", FdSyscalls::close);
        r.register("close_range", FdSyscalls::closeRange);
        r.register("dup", FdSyscalls::dup);
        r.register("dup3", FdSyscalls::dup3);
        r.register("fcntl", FdSyscalls::fcntl);
        r.register("pipe2", a -> pair(a, 0, 1, HOST_PIPE2, -1, -1, -1));
        r.register("ioctl", FdSyscalls::ioctl);
        // Calls that create an fd: the host's is close-on-exec, the guest's flag is its own.
        r.passthrough("eventfd2", "i c : fd");
        r.passthrough("epoll_create1", "c : fd");
        r.passthrough("inotify_init1", "c : fd");
        r.passthrough("inotify_add_watch", "f p i");
        r.passthrough("inotify_rm_watch", "f i");
        r.passthrough("timerfd_create", "i c : fd");
        r.passthrough("memfd_create", "s c1 : fd");
        // pidfds are always close-on-exec (PIDFD_NONBLOCK is O_NONBLOCK).
        r.register("pidfd_open", a -> {
            long r1 = HostSyscalls.call(HostSyscalls.number("pidfd_open"), a.arg(0), nonblockToHost(a, a.arg(1)));
            return r1 < 0 ? r1 : Passthrough.newFd(a, (int) r1, true);
        });
    }

    private static long close(SyscallArgs a) {
        int h = a.process.fds.remove(a.intArg(0));
        if (h < 0) return -Errno.EBADF;
        return HostFds.close(h);
    }

    private static long closeRange(SyscallArgs a) {
        long first = a.arg(0) & 0xffffffffL, last = a.arg(1) & 0xffffffffL;
        int flags = a.intArg(2);
        if ((flags & ~(CLOSE_RANGE_UNSHARE | CLOSE_RANGE_CLOEXEC)) != 0 || first > last) return -Errno.EINVAL;
        FdTable t = a.process.fds;
        int lo = (int) Math.min(first, Integer.MAX_VALUE), hi = (int) Math.min(last, Integer.MAX_VALUE);
        t.forEachIn(lo, hi, fd -> {
            if ((flags & CLOSE_RANGE_CLOEXEC) != 0) {
                t.setCloseOnExec(fd, true);
            } else {
                int h = t.remove(fd);
                if (h >= 0) HostFds.close(h);
            }
        });
        return 0;
    }

    private static long dup(SyscallArgs a) {
        int nh = HostFds.dup(a.fd(0));
        if (nh < 0) return nh;
        int g = a.process.fds.allocate(nh, false, 0);
        if (g < 0) HostFds.close(nh);
        return g;
    }

    private static long dup3(SyscallArgs a) {
        int oldFd = a.intArg(0), newFd = a.intArg(1), flags = a.intArg(2);
        long cloexecBit = a.arch().openFlags().value("O_CLOEXEC");
        if ((flags & ~cloexecBit) != 0) return -Errno.EINVAL;
        int oldHost = a.hostFd(oldFd);
        if (oldFd == newFd) return -Errno.EINVAL;
        return dupTo(a, oldHost, newFd, (flags & cloexecBit) != 0);
    }

    /** dup2/dup3's work: host dup of oldHost placed at guest number newFd (closing what was there). */
    private static long dupTo(SyscallArgs a, int oldHost, int newFd, boolean cloexec) {
        FdTable t = a.process.fds;
        if (newFd < 0 || newFd >= t.limit()) return -Errno.EBADF;
        int nh = HostFds.dup(oldHost);
        if (nh < 0) return nh;
        int prev = t.install(newFd, nh, cloexec);
        if (prev >= 0) HostFds.close(prev);
        return newFd;
    }

    private static long fcntl(SyscallArgs a) {
        int fd = a.intArg(0), cmd = a.intArg(1);
        FdTable t = a.process.fds;
        int h = a.hostFd(fd);
        LinuxArch arch = a.arch();
        FlagTable cmds = arch.flags("fcntl");
        String name = cmds.symbol(cmd);
        if (name == null) return -Errno.EINVAL;
        // The host's command number: by name through the host's table.
        long hostCmd = LinuxArch.host().flags("fcntl").value(name);
        return switch (name) {
            case "F_DUPFD", "F_DUPFD_CLOEXEC" -> {
                long min = a.arg(2);
                if (min < 0 || min >= t.limit()) yield -Errno.EINVAL;
                int nh = HostFds.dup(h);
                if (nh < 0) yield nh;
                int g = t.allocate(nh, name.equals("F_DUPFD_CLOEXEC"), (int) min);
                if (g < 0) HostFds.close(nh);
                yield g;
            }
            case "F_GETFD" -> t.closeOnExec(fd) ? FD_CLOEXEC : 0;
            case "F_SETFD" -> {
                t.setCloseOnExec(fd, (a.arg(2) & FD_CLOEXEC) != 0);
                yield 0;
            }
            case "F_GETFL" -> {
                long r = HostSyscall.call(HOST_FCNTL, h, hostCmd, 0, 0, 0, 0);
                yield r < 0 ? r : Passthrough.openFlagsToGuest(arch, r);
            }
            case "F_SETFL" -> {
                // O_ASYNC would make the host kernel send SIGIO to the JVM: signal-driven I/O
                // arrives with the signal machinery, until then the flag is not passed on.
                long flags = Passthrough.openFlagsToHost(arch, a.arg(2) & ~arch.openFlags().value("FASYNC"));
                yield HostSyscall.call(HOST_FCNTL, h, hostCmd, flags, 0, 0, 0);
            }
            case "F_GETLK", "F_OFD_GETLK" -> lock(a, h, hostCmd, StructArg.Dir.INOUT);
            case "F_SETLK", "F_SETLKW", "F_OFD_SETLK", "F_OFD_SETLKW" -> lock(a, h, hostCmd, StructArg.Dir.IN);
            case "F_GETOWN", "F_SETOWN", "F_SETPIPE_SZ", "F_GETPIPE_SZ", "F_ADD_SEALS", "F_GET_SEALS", "F_GETLEASE", "F_GETSIG" ->
                    HostSyscall.call(HOST_FCNTL, h, hostCmd, a.arg(2), 0, 0, 0);
            case "F_GETOWN_EX", "F_SETOWN_EX" -> {
                StructArg o = StructArg.of(a, a.arg(2), "f_owner_ex", 1, name.equals("F_GETOWN_EX") ? StructArg.Dir.OUT : StructArg.Dir.IN);
                long r = HostSyscall.call(HOST_FCNTL, h, hostCmd, o.host, 0, 0, 0);
                if (r >= 0) o.copyOut();
                yield r;
            }
            case "F_GET_RW_HINT", "F_SET_RW_HINT", "F_GET_FILE_RW_HINT", "F_SET_FILE_RW_HINT" -> {
                StructArg o = StructArg.of(a, a.arg(2), "u64", 1, name.startsWith("F_GET") ? StructArg.Dir.OUT : StructArg.Dir.IN);
                long r = HostSyscall.call(HOST_FCNTL, h, hostCmd, o.host, 0, 0, 0);
                if (r >= 0) o.copyOut();
                yield r;
            }
            // F_SETSIG, F_SETLEASE, F_NOTIFY make the host kernel signal the JVM: they arrive
            // with the signal machinery.
            default -> -Errno.EINVAL;
        };
    }

    private static long lock(SyscallArgs a, int h, long hostCmd, StructArg.Dir dir) {
        StructArg fl = StructArg.of(a, a.arg(2), "flock", 1, dir);
        if (fl.host == 0) return -Errno.EFAULT;
        long r = HostSyscall.call(HOST_FCNTL, h, hostCmd, fl.host, 0, 0, 0);
        if (r >= 0) fl.copyOut();
        return r;
    }

    /**
     * pipe2 and socketpair: the host makes two fds, the guest gets two guest numbers in its
     * int[2] at argument {@code arrayArg}. {@code flagsArg} holds O_CLOEXEC/O_NONBLOCK
     * (pipe2's flags, or socketpair's type with SOCK_CLOEXEC/SOCK_NONBLOCK).
     */
    static long pair(SyscallArgs a, int arrayArg, int flagsArg, int hostNumber, long x0, long x1, long x2) {
        long guestArray = a.arg(arrayArg);
        a.checkGuest(guestArray, 8, true);
        LinuxArch arch = a.arch();
        long flags = a.arg(flagsArg);
        FlagTable g = arch.openFlags();
        boolean cloexec = (flags & g.value("O_CLOEXEC")) != 0;
        long hostFlags;
        if (hostNumber == HOST_PIPE2) {
            long allowed = g.value("O_CLOEXEC") | g.value("O_NONBLOCK") | g.value("O_DIRECT");
            if ((flags & ~allowed) != 0) return -Errno.EINVAL;
            hostFlags = Passthrough.openFlagsToHost(arch, flags) | Passthrough.HOST_O_CLOEXEC;
        } else {
            hostFlags = cloexecNonblockToHost(a, flags);
        }
        MemorySegment fds = a.arena().allocate(8, 4);
        long r = hostNumber == HOST_PIPE2
                ? HostSyscall.call(HOST_PIPE2, fds.address(), hostFlags, 0, 0, 0, 0)
                : HostSyscall.call(hostNumber, x0, hostFlags, x2, fds.address(), 0, 0);
        if (r < 0) return r;
        int h0 = fds.get(ValueLayout.JAVA_INT, 0), h1 = fds.get(ValueLayout.JAVA_INT, 4);
        long g0 = Passthrough.newFd(a, h0, cloexec);
        if (g0 < 0) {
            HostFds.close(h1);
            return g0;
        }
        long g1 = Passthrough.newFd(a, h1, cloexec);
        if (g1 < 0) {
            HostFds.close(a.process.fds.remove((int) g0));
            return g1;
        }
        a.writeInt(guestArray, (int) g0);
        a.writeInt(guestArray + 4, (int) g1);
        return 0;
    }

    /** A flags word with the ABI's O_CLOEXEC/O_NONBLOCK bits (socket types): host bits, O_CLOEXEC forced on. */
    static long cloexecNonblockToHost(SyscallArgs a, long flags) {
        FlagTable g = a.arch().openFlags();
        long gc = g.value("O_CLOEXEC");
        return nonblockToHost(a, flags & ~gc) | Passthrough.HOST_O_CLOEXEC;
    }

    static long nonblockToHost(SyscallArgs a, long flags) {
        FlagTable g = a.arch().openFlags();
        long gn = g.value("O_NONBLOCK");
        long out = flags & ~gn;
        if ((flags & gn) != 0) out |= LinuxArch.host().openFlags().value("O_NONBLOCK");
        return out;
    }

    // ---- ioctl ----

    /** A request the whitelist knows: name, size of what arg points to (-1: arg is a value), kernel writes it. */
    private record Ioctl(String name, int size, boolean kernelWrites) {}

    /**
     * Terminal and fd ioctls whose arguments are the same on the guest and the host (asm-generic
     * and x86 share the tty request numbers and struct termios/winsize). Anything else is
     * refused with ENOTTY: passing an unknown request's pointer to the host kernel could let it
     * write outside the guest's memory.
     */
    private static Ioctl ioctlInfo(int req) {
        return switch (req) {
            case 0x5401 -> new Ioctl("TCGETS", 36, true);
            case 0x5402 -> new Ioctl("TCSETS", 36, false);
            case 0x5403 -> new Ioctl("TCSETSW", 36, false);
            case 0x5404 -> new Ioctl("TCSETSF", 36, false);
            case 0x5409 -> new Ioctl("TCSBRK", -1, false);
            case 0x540a -> new Ioctl("TCXONC", -1, false);
            case 0x540b -> new Ioctl("TCFLSH", -1, false);
            case 0x540e -> new Ioctl("TIOCSCTTY", -1, false);
            case 0x540f -> new Ioctl("TIOCGPGRP", 4, true);
            case 0x5410 -> new Ioctl("TIOCSPGRP", 4, false);
            case 0x5411 -> new Ioctl("TIOCOUTQ", 4, true);
            case 0x5413 -> new Ioctl("TIOCGWINSZ", 8, true);
            case 0x5414 -> new Ioctl("TIOCSWINSZ", 8, false);
            case 0x541b -> new Ioctl("FIONREAD", 4, true);
            case 0x5421 -> new Ioctl("FIONBIO", 4, false);
            case 0x5422 -> new Ioctl("TIOCNOTTY", -1, false);
            case 0x5429 -> new Ioctl("TIOCGSID", 4, true);
            case 0x5450 -> new Ioctl("FIONCLEX", 0, false);
            case 0x5451 -> new Ioctl("FIOCLEX", 0, false);
            case 0x80045430 -> new Ioctl("TIOCGPTN", 4, true);
            case 0x40045431 -> new Ioctl("TIOCSPTLCK", 4, false);
            default -> null;
        };
    }

    static String ioctlName(int req) {
        Ioctl i = ioctlInfo(req);
        return i == null ? null : i.name();
    }

    private static long ioctl(SyscallArgs a) {
        int fd = a.intArg(0);
        int h = a.hostFd(fd);
        int req = a.intArg(1);
        Ioctl info = ioctlInfo(req);
        if (info == null) return -Errno.ENOTTY;
        switch (info.name()) {
            // The host fd is always close-on-exec; the guest's flag is in the fd table.
            case "FIOCLEX" -> {
                a.process.fds.setCloseOnExec(fd, true);
                return 0;
            }
            case "FIONCLEX" -> {
                a.process.fds.setCloseOnExec(fd, false);
                return 0;
            }
            default -> { }
        }
        long arg = info.size() < 0 ? a.arg(2) : a.buffer(2, info.size(), info.kernelWrites());
        if (info.size() > 0 && arg == 0) return -Errno.EFAULT;
        return HostSyscall.call(HOST_IOCTL, h, req & 0xffffffffL, arg, 0, 0, 0);
    }

    static int hostSocketpair() {
        return HOST_SOCKETPAIR;
    }
}
