package io.mimic.linuxuser.syscall;

import io.mimic.linuxuser.host.HostFiles;
import io.mimic.linuxuser.process.GuestProcess;
import io.mimic.linuxuser.signal.SignalConstants;
import io.mimic.linuxuser.signal.SignalDelivery;
import io.mimic.linuxuser.signal.SignalFds;
import io.mimic.syscalls.linux.Errno;
import io.mimic.syscalls.linux.FlagTable;

/**
 * signalfd4, and what makes a signalfd read like one: {@code read} returns signalfd_siginfo
 * records of the pending signals of its mask, and {@code close} of the last guest fd of a
 * signalfd lets Mimic's own ends go. The fd itself is a host socket (see signal/SignalFds), so
 * poll, select, epoll, fcntl and dup work on it unchanged.
 */
final class SignalFdSyscalls {
    private static final int RECORD = 128, SIGSET_SIZE = 8, HOST_O_NONBLOCK = 0x800;

    private SignalFdSyscalls() {}

    /** Registers signalfd4 and wraps read and close; call after the fd and I/O families. */
    static void register(SyscallRegistry r) {
        r.register("signalfd4", SignalFdSyscalls::signalfd4);
        r.wrap("read", h -> a -> {
            GuestProcess p = a.process;
            if (p.signalFds.none()) return h.call(a);
            int host = p.fds.host(a.intArg(0));
            return host >= 0 && p.signalFds.isSignalFd(host) ? read(a, host) : h.call(a);
        });
        r.wrap("close", h -> a -> {
            GuestProcess p = a.process;
            if (p.signalFds.none()) return h.call(a);
            int host = p.fds.host(a.intArg(0));
            long inode = host >= 0 ? SignalFds.inode(host) : -1;
            long result = h.call(a);
            if (inode >= 0) p.signalFds.closed(p, inode);
            return result;
        });
    }

    /** signalfd4(fd, mask, sizemask, flags): a new signalfd (fd -1) or a new mask for one. */
    private static long signalfd4(SyscallArgs a) {
        FlagTable open = a.arch().openFlags();
        long cloexec = open.value("O_CLOEXEC"), nonblock = open.value("O_NONBLOCK");
        long flags = a.arg(3);
        if ((flags & ~(cloexec | nonblock)) != 0 || a.arg(2) != SIGSET_SIZE) return -Errno.EINVAL;
        long mask = a.readLong(a.arg(1)) & ~SignalConstants.of(a.arch()).unblockable;
        GuestProcess p = a.process;
        int fd = a.intArg(0);
        if (fd != -1) {
            int host = a.hostFd(fd);
            return p.signalFds.setMask(p, host, mask) ? fd : -Errno.EINVAL;
        }
        long host = p.signalFds.create(p, mask, (flags & nonblock) != 0);
        if (host < 0) return host;
        long g = Passthrough.newFd(a, (int) host, (flags & cloexec) != 0);
        if (g < 0) p.signalFds.closed(p, SignalFds.inode((int) host));
        return g;
    }

    /**
     * read(2) of a signalfd: as many records as fit and are pending; with none pending, EAGAIN
     * for a non-blocking fd, else a wait that a handled signal interrupts (restarted with
     * SA_RESTART, as Linux does).
     */
    private static long read(SyscallArgs a, int host) {
        long buf = a.arg(1), count = a.arg(2);
        if (count < RECORD) return -Errno.EINVAL;
        int max = (int) Math.min(count / RECORD, 64);
        a.checkGuest(buf, RECORD, true);
        SignalFds fds = a.process.signalFds;
        long mask = fds.mask(host);
        byte[] rec = fds.take(a.thread, mask);
        if (rec == null) {
            if ((HostFiles.statusFlags(host) & HOST_O_NONBLOCK) != 0) return -Errno.EAGAIN;
            rec = fds.await(a.thread, mask);
            if (rec == null) return -SignalDelivery.ERESTARTSYS;
        }
        int n = 0;
        while (rec != null) {
            a.writeBytes(buf + (long) n * RECORD, rec, RECORD);
            if (++n == max) break;
            if (!a.process.memory.check(buf + (long) n * RECORD, RECORD, io.mimic.translator.memory.Prot.WRITE)) break;
            rec = fds.take(a.thread, mask);
        }
        return (long) n * RECORD;
    }
}
