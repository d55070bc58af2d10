package io.mimic.linuxuser.syscall;

import io.mimic.linuxuser.host.HostSyscalls;
import io.mimic.linuxuser.signal.SignalConstants;
import io.mimic.linuxuser.signal.SignalDelivery;
import io.mimic.linuxuser.signal.SignalWait;
import io.mimic.syscalls.linux.Errno;
import io.mimic.syscalls.linux.LinuxArch;
import io.mimic.syscalls.linux.StructLayout;
import io.mimic.translator.memory.GuestAccess;
import io.mimic.translator.memory.HostSyscall;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Reading and writing: plain, positioned and vectored I/O, in-kernel copies, and waiting for
 * fds (ppoll, pselect6, epoll), whose fd arrays and sets hold guest numbers and are translated
 * both ways.
 *
 * <p>The signal masks of ppoll/pselect6/epoll_pwait replace the guest thread's for the wait
 * (signal/SignalWait); the host call itself runs with the JVM's own mask, a guest signal
 * interrupts it through signal/HostInterrupt.
 */
final class IoSyscalls {
    private static final int HOST_PPOLL = HostSyscalls.number("ppoll"), HOST_PSELECT6 = HostSyscalls.number("pselect6"),
            HOST_EPOLL_PWAIT = HostSyscalls.number("epoll_pwait"), HOST_EPOLL_PWAIT2 = HostSyscalls.number("epoll_pwait2");
    private static final short POLLNVAL = 0x20;
    private static final int EP_MAX_EVENTS = Integer.MAX_VALUE / 16;

    private IoSyscalls() {}

    static void register(SyscallRegistry r) {
        r.passthrough("read", "f w2 i");
        r.passthrough("write", "f r2 i");
        r.passthrough("pread64", "f w2 i i");
        r.passthrough("pwrite64", "f r2 i i");
        r.passthrough("readv", "f vw2 i");
        r.passthrough("writev", "f vr2 i");
        r.passthrough("preadv", "f vw2 i i i");
        r.passthrough("pwritev", "f vr2 i i i");
        r.passthrough("preadv2", "f vw2 i i i i");
        r.passthrough("pwritev2", "f vr2 i i i i");
        r.passthrough("lseek", "f i i");
        r.passthrough("sendfile", "f f =i64 i");
        r.passthrough("copy_file_range", "f =i64 f =i64 i i");
        r.passthrough("splice", "f =i64 f =i64 i i");
        r.passthrough("tee", "f f i i");
        r.register("ppoll", IoSyscalls::ppoll);
        r.register("pselect6", IoSyscalls::pselect6);
        r.passthrough("epoll_ctl", "f i f <epoll_event");
        r.register("epoll_pwait", a -> epollWait(a, false));
        r.register("epoll_pwait2", a -> epollWait(a, true));
    }

    /** The guest's sigset at {@code mask} (size checked), or -1 if none is given. */
    private static long sigmask(SyscallArgs a, long mask, long size) {
        if (mask == 0) return -1;
        if (size != a.arch().struct("sigset").size()) throw new SyscallError(Errno.EINVAL);
        a.checkGuest(mask, size, false);
        return GuestAccess.raw().get(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(a.order()), mask)
                & ~SignalConstants.of(a.arch()).unblockable;
    }

    /** Runs the host wait {@code call} with the guest's {@code mask} (-1: the thread's own) in force. */
    private static long withMask(SyscallArgs a, long mask, java.util.function.LongSupplier call) {
        if (mask == -1) return call.getAsLong();
        if (!SignalWait.beginMaskedWait(a.thread, mask)) return -SignalDelivery.ERESTARTNOHAND;
        long r = call.getAsLong();
        SignalWait.endMaskedWait(a.thread, r);
        return r;
    }

    /** ppoll: pollfd.fd is a guest fd; one the guest has not open reports POLLNVAL, as the kernel does. */
    private static long ppoll(SyscallArgs a) {
        long guestFds = a.arg(0), nfds = a.arg(1) & 0xffffffffL;
        if (nfds > a.process.fds.limit()) return -Errno.EINVAL;
        long mask = sigmask(a, a.arg(3), a.arg(4));
        StructLayout gl = a.arch().struct("pollfd"), hl = LinuxArch.host().struct("pollfd");
        ByteOrder go = a.order(), ho = LinuxArch.host().byteOrder();
        a.checkGuest(guestFds, nfds * gl.size(), true);
        MemorySegment m = GuestAccess.raw();
        MemorySegment host = a.arena().allocate(Math.max(nfds, 1) * hl.size(), 8);
        boolean[] invalid = new boolean[(int) nfds];
        int nInvalid = 0;
        for (int i = 0; i < nfds; i++) {
            long g = guestFds + (long) i * gl.size(), h = (long) i * hl.size();
            StructConverter.copy(m, g, gl, go, host, h, hl, ho);
            int fd = (int) StructConverter.field(m, g, gl, "fd", go);
            int hostFd = fd < 0 ? -1 : a.process.fds.host(fd);
            if (fd >= 0 && hostFd < 0) {
                invalid[i] = true;
                nInvalid++;
            }
            StructConverter.setField(host, h, hl, "fd", hostFd, ho);
        }
        StructArg timeout = StructArg.of(a, a.arg(2), "timespec", 1, StructArg.Dir.INOUT);
        long tmo = timeout.host;
        if (nInvalid > 0) tmo = a.arena().allocate(LinuxArch.host().struct("timespec").size(), 8).address(); // zero: do not wait
        long hostTmo = tmo;
        long r = withMask(a, mask, () -> HostSyscall.call(HOST_PPOLL, host.address(), nfds, hostTmo, 0, 8, 0));
        if (r < 0) return r;
        if (nInvalid == 0) timeout.copyOut();
        for (int i = 0; i < nfds; i++) {
            long g = guestFds + (long) i * gl.size();
            long revents = invalid[i] ? POLLNVAL : StructConverter.field(host, (long) i * hl.size(), hl, "revents", ho);
            StructConverter.setField(m, g, gl, "revents", revents, go);
        }
        return r + nInvalid;
    }

    /** pselect6: the fd_sets are bitmaps of guest fds; the host gets bitmaps of the host fds behind them. */
    private static long pselect6(SyscallArgs a) {
        long nfdsArg = a.arg(0);
        if ((int) nfdsArg < 0) return -Errno.EINVAL;
        int nfds = Math.min((int) nfdsArg, a.process.fds.limit());
        long sigArg = a.arg(5), mask = -1;
        if (sigArg != 0) {
            // struct { const sigset_t *ss; size_t ss_len; }: two words.
            long ss = a.readLong(sigArg), len = a.readLong(sigArg + 8);
            mask = sigmask(a, ss, len);
        }
        int wordBytes = 8; // unsigned long on the 64-bit ABIs
        long setBytes = ((nfds + 63L) / 64) * wordBytes;
        long[] guestSets = {a.arg(1), a.arg(2), a.arg(3)};
        for (long s : guestSets) if (s != 0) a.checkGuest(s, setBytes, true);
        ByteOrder go = a.order();
        ValueLayout.OfLong gw = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(go);
        MemorySegment m = GuestAccess.raw();
        // Guest fds named in any set, and their host fds.
        int[] hostOf = new int[nfds];
        Arrays.fill(hostOf, -1);
        int hostMax = -1;
        for (int fd = 0; fd < nfds; fd++) {
            boolean named = false;
            for (long s : guestSets) if (s != 0 && bit(m, gw, s, fd)) named = true;
            if (!named) continue;
            int h = a.process.fds.host(fd);
            if (h < 0) return -Errno.EBADF;
            hostOf[fd] = h;
            hostMax = Math.max(hostMax, h);
        }
        int hostNfds = hostMax + 1;
        long hostSetBytes = Math.max(8, ((hostNfds + 63L) / 64) * 8);
        MemorySegment[] hostSets = new MemorySegment[3];
        for (int k = 0; k < 3; k++) {
            if (guestSets[k] == 0) continue;
            hostSets[k] = a.arena().allocate(hostSetBytes, 8);
            for (int fd = 0; fd < nfds; fd++) {
                if (hostOf[fd] >= 0 && bit(m, gw, guestSets[k], fd)) setBit(hostSets[k], hostOf[fd]);
            }
        }
        StructArg timeout = StructArg.of(a, a.arg(4), "timespec", 1, StructArg.Dir.INOUT);
        int hn = hostNfds;
        long r = withMask(a, mask, () -> HostSyscall.call(HOST_PSELECT6, hn,
                hostSets[0] == null ? 0 : hostSets[0].address(), hostSets[1] == null ? 0 : hostSets[1].address(),
                hostSets[2] == null ? 0 : hostSets[2].address(), timeout.host, 0));
        if (r < 0) return r;
        timeout.copyOut();
        for (int k = 0; k < 3; k++) {
            if (guestSets[k] == 0) continue;
            for (long w = 0; w < setBytes; w += 8) m.set(gw, guestSets[k] + w, 0L);
            for (int fd = 0; fd < nfds; fd++) {
                int h = hostOf[fd];
                if (h >= 0 && (hostSets[k].get(ValueLayout.JAVA_LONG, (h / 64) * 8L) & (1L << (h % 64))) != 0) {
                    long at = guestSets[k] + (fd / 64) * 8L;
                    m.set(gw, at, m.get(gw, at) | (1L << (fd % 64)));
                }
            }
        }
        return r;
    }

    private static boolean bit(MemorySegment m, ValueLayout.OfLong w, long set, int fd) {
        return (m.get(w, set + (fd / 64) * 8L) & (1L << (fd % 64))) != 0;
    }

    private static void setBit(MemorySegment s, int fd) {
        long at = (fd / 64) * 8L;
        s.set(ValueLayout.JAVA_LONG, at, s.get(ValueLayout.JAVA_LONG, at) | (1L << (fd % 64)));
    }

    /** epoll_pwait/epoll_pwait2: the events come back in the host's layout (packed on x86_64) and are converted. */
    private static long epollWait(SyscallArgs a, boolean timespecTimeout) {
        int h = a.fd(0);
        int max = a.intArg(2);
        if (max <= 0 || max > EP_MAX_EVENTS) return -Errno.EINVAL;
        long mask = sigmask(a, a.arg(4), a.arg(5));
        StructLayout gl = a.arch().struct("epoll_event"), hl = LinuxArch.host().struct("epoll_event");
        long guestEvents = a.arg(1);
        a.checkGuest(guestEvents, (long) max * gl.size(), true);
        MemorySegment host = a.arena().allocate((long) max * hl.size(), 8);
        long timeout = a.arg(3);
        if (timespecTimeout) timeout = StructArg.in(a, a.arg(3), "timespec").host;
        long tmo = timeout;
        long r = withMask(a, mask, () -> HostSyscall.call(timespecTimeout ? HOST_EPOLL_PWAIT2 : HOST_EPOLL_PWAIT, h,
                host.address(), max, tmo, 0, 8));
        if (r <= 0) return r;
        MemorySegment m = GuestAccess.raw();
        ByteOrder ho = LinuxArch.host().byteOrder();
        for (int i = 0; i < r; i++) {
            StructConverter.copy(host, (long) i * hl.size(), hl, ho, m, guestEvents + (long) i * gl.size(), gl, a.order());
        }
        return r;
    }
}
