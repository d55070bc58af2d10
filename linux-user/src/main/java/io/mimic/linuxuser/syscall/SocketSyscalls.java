package io.mimic.linuxuser.syscall;

import io.mimic.linuxuser.host.HostSyscalls;
import io.mimic.syscalls.linux.Errno;
import io.mimic.syscalls.linux.LinuxArch;
import io.mimic.syscalls.linux.StructLayout;
import io.mimic.translator.memory.GuestAccess;
import io.mimic.translator.memory.HostReservation;
import io.mimic.translator.memory.HostSyscall;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The socket calls. A sockaddr is bytes in network order after its family field, which is
 * converted like any structure field; option values pass as bytes (the ints, struct linger and
 * struct timeval of the 64-bit ABIs equal the host's). sendmsg/recvmsg translate the fds that
 * SCM_RIGHTS control messages carry (guest numbers out, new guest numbers in). The
 * multi-message calls (sendmmsg, recvmmsg) are not here yet.
 */
final class SocketSyscalls {
    private static final int HOST_ACCEPT4 = HostSyscalls.number("accept4"), HOST_RECVFROM = HostSyscalls.number("recvfrom"),
            HOST_GETSOCKOPT = HostSyscalls.number("getsockopt"), HOST_GETSOCKNAME = HostSyscalls.number("getsockname"),
            HOST_GETPEERNAME = HostSyscalls.number("getpeername");
    /** The largest sockaddr the kernel accepts (struct sockaddr_storage). */
    private static final int SOCKADDR_MAX = 128;

    private SocketSyscalls() {}

    static void register(SyscallRegistry r) {
        r.passthrough("socket", "i c i : fd");
        r.register("socketpair", a -> FdSyscalls.pair(a, 3, 1, FdSyscalls.hostSocketpair(), a.arg(0), 0, a.arg(2)));
        r.register("bind", a -> withAddress(a, 1, 2, "bind"));
        r.register("connect", a -> withAddress(a, 1, 2, "connect"));
        r.passthrough("listen", "f i");
        r.passthrough("shutdown", "f i");
        r.passthrough("setsockopt", "f i i r4 i");
        r.register("getsockopt", SocketSyscalls::getsockopt);
        r.register("accept", a -> accept(a, 0));
        r.register("accept4", a -> accept(a, a.arg(3)));
        r.register("getsockname", a -> nameOf(a, HOST_GETSOCKNAME));
        r.register("getpeername", a -> nameOf(a, HOST_GETPEERNAME));
        r.register("sendto", SocketSyscalls::sendto);
        r.register("recvfrom", SocketSyscalls::recvfrom);
        r.register("sendmsg", SocketSyscalls::sendmsg);
        r.register("recvmsg", SocketSyscalls::recvmsg);
    }

    private static final int SOL_SOCKET = 1, SCM_RIGHTS = 1;
    /** MSG_CMSG_CLOEXEC: received fds are created close-on-exec (the same bit on every Linux ABI). */
    private static final long MSG_CMSG_CLOEXEC = 0x40000000L;
    private static final int UIO_MAXIOV = 1024;

    /** The guest's struct msghdr, read (checked) into a host one built in the call's arena. */
    private static final class Msg {
        final MemorySegment host;
        final long guest, name, namelen, iov, iovlen, control, controllen;

        Msg(SyscallArgs a, long guest, boolean kernelWrites) {
            this.guest = guest;
            StructLayout g = a.arch().struct("msghdr"), h = LinuxArch.host().struct("msghdr");
            a.checkGuest(guest, g.size(), false);
            if (kernelWrites) a.checkGuest(guest, g.size(), true);
            MemorySegment m = GuestAccess.raw();
            name = StructConverter.field(m, guest, g, "name", a.order());
            namelen = StructConverter.field(m, guest, g, "namelen", a.order());
            iov = StructConverter.field(m, guest, g, "iov", a.order());
            iovlen = StructConverter.field(m, guest, g, "iovlen", a.order());
            control = StructConverter.field(m, guest, g, "control", a.order());
            controllen = StructConverter.field(m, guest, g, "controllen", a.order());
            if (iovlen < 0 || iovlen > UIO_MAXIOV) throw new SyscallError(Errno.EMSGSIZE);
            host = a.arena().allocate(h.size(), 8);
            ByteOrder ho = LinuxArch.host().byteOrder();
            long hostName = kernelWrites ? a.hostPointer(name, namelen, true) : addressIn(a, name, namelen);
            StructConverter.setField(host, 0, h, "name", name == 0 ? 0 : hostName, ho);
            StructConverter.setField(host, 0, h, "namelen", name == 0 ? 0 : namelen, ho);
            StructConverter.setField(host, 0, h, "iov", Passthrough.Iovecs.toHost(a, iov, iovlen, kernelWrites), ho);
            StructConverter.setField(host, 0, h, "iovlen", iovlen, ho);
            StructConverter.setField(host, 0, h, "flags", 0, ho);
        }

        void setControl(long hostControl, long len) {
            StructLayout h = LinuxArch.host().struct("msghdr");
            StructConverter.setField(host, 0, h, "control", hostControl, LinuxArch.host().byteOrder());
            StructConverter.setField(host, 0, h, "controllen", hostControl == 0 ? 0 : len, LinuxArch.host().byteOrder());
        }

        long hostField(String f) {
            return StructConverter.field(host, 0, LinuxArch.host().struct("msghdr"), f, LinuxArch.host().byteOrder());
        }
    }

    /**
     * Walks the control messages in {@code buf} (host layout; the lp64 ABIs share it) and calls
     * {@code each} with the offset and count of every SCM_RIGHTS fd array.
     */
    private static void forEachRights(MemorySegment buf, long len, java.util.function.BiConsumer<Long, Integer> each) {
        StructLayout c = LinuxArch.host().struct("cmsghdr");
        ByteOrder ho = LinuxArch.host().byteOrder();
        long p = 0;
        while (p + c.size() <= len) {
            long clen = StructConverter.field(buf, p, c, "len", ho);
            if (clen < c.size() || p + clen > len) break;
            if (StructConverter.field(buf, p, c, "level", ho) == SOL_SOCKET && StructConverter.field(buf, p, c, "type", ho) == SCM_RIGHTS) {
                each.accept(p + c.size(), (int) ((clen - c.size()) / 4));
            }
            p += (clen + 7) & ~7L;
        }
    }

    private static void checkControlLayout(SyscallArgs a) {
        if (a.order() != LinuxArch.host().byteOrder() || !a.arch().struct("cmsghdr").sameAs(LinuxArch.host().struct("cmsghdr"))) {
            throw new SyscallError(Errno.EOPNOTSUPP); // control messages of another layout: not converted yet
        }
    }

    private static long sendmsg(SyscallArgs a) {
        int h = a.fd(0);
        Msg msg = new Msg(a, a.arg(1), false);
        if (msg.control != 0 && msg.controllen > 0) {
            checkControlLayout(a);
            if (msg.controllen > 1 << 20) return -Errno.ENOBUFS;
            a.checkGuest(msg.control, msg.controllen, false);
            MemorySegment ctl = a.arena().allocate(msg.controllen, 8);
            MemorySegment.copy(GuestAccess.raw(), msg.control, ctl, 0, msg.controllen);
            long[] bad = {0};
            forEachRights(ctl, msg.controllen, (off, n) -> {
                for (int i = 0; i < n; i++) {
                    int hostFd = a.process.fds.host(ctl.get(ValueLayout.JAVA_INT_UNALIGNED, off + 4L * i));
                    if (hostFd < 0) bad[0] = 1;
                    ctl.set(ValueLayout.JAVA_INT_UNALIGNED, off + 4L * i, hostFd);
                }
            });
            if (bad[0] != 0) return -Errno.EBADF;
            msg.setControl(ctl.address(), msg.controllen);
        }
        return HostSyscall.call(HostSyscalls.number("sendmsg"), h, msg.host.address(), a.arg(2), 0, 0, 0);
    }

    private static long recvmsg(SyscallArgs a) {
        int h = a.fd(0);
        Msg msg = new Msg(a, a.arg(1), true);
        long flags = a.arg(2);
        boolean cloexec = (flags & MSG_CMSG_CLOEXEC) != 0;
        MemorySegment ctl = null;
        if (msg.control != 0 && msg.controllen > 0) {
            checkControlLayout(a);
            a.checkGuest(msg.control, msg.controllen, true);
            ctl = a.arena().allocate(msg.controllen, 8);
            msg.setControl(ctl.address(), msg.controllen);
        }
        // Received fds become host fds close-on-exec whatever the guest asked; its flag is its own.
        long r = HostSyscall.call(HostSyscalls.number("recvmsg"), h, msg.host.address(), flags | MSG_CMSG_CLOEXEC, 0, 0, 0);
        if (r < 0) return r;
        long clen = ctl == null ? 0 : msg.hostField("controllen");
        if (ctl != null) {
            MemorySegment c = ctl;
            forEachRights(c, clen, (off, n) -> {
                for (int i = 0; i < n; i++) {
                    int hostFd = c.get(ValueLayout.JAVA_INT_UNALIGNED, off + 4L * i);
                    long g = Passthrough.newFd(a, hostFd, cloexec);
                    c.set(ValueLayout.JAVA_INT_UNALIGNED, off + 4L * i, (int) g);
                }
            });
            MemorySegment.copy(c, 0, GuestAccess.raw(), msg.control, clen);
        }
        StructLayout g = a.arch().struct("msghdr");
        MemorySegment m = GuestAccess.raw();
        if (msg.name != 0) {
            long nl = msg.hostField("namelen");
            if (nl >= 2 && a.order() != LinuxArch.host().byteOrder()) {
                StructLayout sa = a.arch().struct("sockaddr");
                StructConverter.setField(m, msg.name, sa, "family",
                        StructConverter.field(m, msg.name, LinuxArch.host().struct("sockaddr"), "family", LinuxArch.host().byteOrder()), a.order());
            }
            StructConverter.setField(m, msg.guest, g, "namelen", nl, a.order());
        }
        StructConverter.setField(m, msg.guest, g, "controllen", clen, a.order());
        long outFlags = msg.hostField("flags");
        if (!cloexec) outFlags &= ~MSG_CMSG_CLOEXEC; // the kernel echoes it; the guest did not ask
        StructConverter.setField(m, msg.guest, g, "flags", outFlags, a.order());
        return r;
    }

    /** A guest sockaddr the kernel reads: host bytes with the family converted (a copy only if the orders differ). */
    private static long addressIn(SyscallArgs a, long guest, long len) {
        if (guest == 0) return 0;
        if (len < 0 || len > SOCKADDR_MAX) throw new SyscallError(Errno.EINVAL);
        a.checkGuest(guest, len, false);
        if (a.order() == LinuxArch.host().byteOrder() || len < 2) return HostReservation.hostAddress(guest);
        MemorySegment copy = a.arena().allocate(len, 8);
        MemorySegment.copy(GuestAccess.raw(), guest, copy, 0, len);
        StructLayout sa = a.arch().struct("sockaddr");
        StructConverter.setField(copy, 0, sa, "family", StructConverter.field(GuestAccess.raw(), guest, sa, "family", a.order()),
                LinuxArch.host().byteOrder());
        return copy.address();
    }

    private static long withAddress(SyscallArgs a, int addrArg, int lenArg, String call) {
        int h = a.fd(0);
        long addr = addressIn(a, a.arg(addrArg), a.arg(lenArg) & 0xffffffffL);
        return HostSyscalls.call(HostSyscalls.number(call), h, addr, a.arg(lenArg));
    }

    private static long sendto(SyscallArgs a) {
        int h = a.fd(0);
        long buf = a.buffer(1, a.arg(2), false);
        long addr = addressIn(a, a.arg(4), a.arg(5) & 0xffffffffL);
        return HostSyscalls.call(HostSyscalls.number("sendto"), h, buf, a.arg(2), a.arg(3), addr, a.arg(5));
    }

    /**
     * A sockaddr the kernel writes, with its socklen_t in/out length: {@link #host} and
     * {@link #hostLen} go to the host; {@link #finish} copies the address and length back.
     */
    private static final class AddressOut {
        final long guest, guestLen;
        final MemorySegment buf, len;
        final long host, hostLen;

        AddressOut(SyscallArgs a, long guest, long guestLen) {
            this.guest = guest;
            this.guestLen = guestLen;
            if (guest == 0) {
                buf = len = null;
                host = hostLen = 0;
                return;
            }
            int size = a.readInt(guestLen);
            if (size < 0) throw new SyscallError(Errno.EINVAL);
            a.checkGuest(guest, size, true);
            a.checkGuest(guestLen, 4, true);
            buf = a.arena().allocate(Math.max(size, 1), 8);
            len = a.arena().allocate(4, 4);
            len.set(ValueLayout.JAVA_INT, 0, size);
            host = buf.address();
            hostLen = len.address();
        }

        void finish(SyscallArgs a) {
            if (guest == 0) return;
            int size = a.readInt(guestLen);
            int got = len.get(ValueLayout.JAVA_INT, 0);
            int n = Math.min(size, got);
            MemorySegment.copy(buf, 0, GuestAccess.raw(), guest, n);
            if (n >= 2 && a.order() != LinuxArch.host().byteOrder()) {
                StructLayout sa = a.arch().struct("sockaddr");
                StructConverter.setField(GuestAccess.raw(), guest, sa, "family",
                        StructConverter.field(buf, 0, LinuxArch.host().struct("sockaddr"), "family", LinuxArch.host().byteOrder()), a.order());
            }
            a.writeInt(guestLen, got);
        }
    }

    private static long accept(SyscallArgs a, long flags) {
        int h = a.fd(0);
        long cloexecBit = a.arch().openFlags().value("O_CLOEXEC"), nonblockBit = a.arch().openFlags().value("O_NONBLOCK");
        if ((flags & ~(cloexecBit | nonblockBit)) != 0) return -Errno.EINVAL;
        AddressOut out = new AddressOut(a, a.arg(1), a.arg(2));
        long r = HostSyscall.call(HOST_ACCEPT4, h, out.host, out.hostLen, FdSyscalls.cloexecNonblockToHost(a, flags), 0, 0);
        if (r < 0) return r;
        out.finish(a);
        return Passthrough.newFd(a, (int) r, (flags & cloexecBit) != 0);
    }

    private static long nameOf(SyscallArgs a, int hostNumber) {
        int h = a.fd(0);
        if (a.arg(1) == 0) return -Errno.EFAULT;
        AddressOut out = new AddressOut(a, a.arg(1), a.arg(2));
        long r = HostSyscall.call(hostNumber, h, out.host, out.hostLen, 0, 0, 0);
        if (r >= 0) out.finish(a);
        return r;
    }

    private static long recvfrom(SyscallArgs a) {
        int h = a.fd(0);
        long buf = a.buffer(1, a.arg(2), true);
        AddressOut out = new AddressOut(a, a.arg(4), a.arg(5));
        long r = HostSyscall.call(HOST_RECVFROM, h, buf, a.arg(2), a.arg(3), out.host, out.hostLen);
        if (r >= 0) out.finish(a);
        return r;
    }

    private static long getsockopt(SyscallArgs a) {
        int h = a.fd(0);
        long lenPtr = a.arg(4);
        int size = a.readInt(lenPtr);
        if (size < 0) return -Errno.EINVAL;
        a.checkGuest(lenPtr, 4, true);
        long val = a.buffer(3, size, true);
        MemorySegment len = a.arena().allocate(4, 4);
        len.set(ValueLayout.JAVA_INT, 0, size);
        long r = HostSyscall.call(HOST_GETSOCKOPT, h, a.arg(1), a.arg(2), val, len.address(), 0);
        if (r >= 0) a.writeInt(lenPtr, len.get(ValueLayout.JAVA_INT, 0));
        return r;
    }
}
