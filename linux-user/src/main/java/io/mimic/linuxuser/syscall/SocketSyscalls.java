package io.mimic.linuxuser.syscall;

import io.mimic.linuxuser.host.HostLibc;
import io.mimic.linuxuser.host.HostSyscalls;
import io.mimic.syscalls.linux.Errno;
import io.mimic.syscalls.linux.LinuxArch;
import io.mimic.syscalls.linux.StructLayout;
import io.mimic.translator.memory.GuestAccess;
import io.mimic.translator.memory.HostReservation;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The plain socket calls. A sockaddr is bytes in network order after its family field, which
 * is converted like any structure field; option values pass as bytes (the ints, struct linger
 * and struct timeval of the 64-bit ABIs equal the host's). sendmsg/recvmsg (whose control
 * messages carry fds) and the multi-message calls are not here yet.
 */
final class SocketSyscalls {
    private static final int HOST_ACCEPT4 = HostSyscalls.number("accept4"), HOST_RECVFROM = HostSyscalls.number("recvfrom"),
            HOST_GETSOCKOPT = HostSyscalls.number("getsockopt"), HOST_GETSOCKNAME = HostSyscalls.number("getsockname"),
            HOST_GETPEERNAME = HostSyscalls.number("getpeername");
    /** The largest sockaddr the kernel accepts (struct sockaddr_storage). */
    private static final int SOCKADDR_MAX = 128;

    private SocketSyscalls() {}

    static void register(SyscallRegistry r) {
        r.register("socket", Passthrough.of("socket", "i c i : fd"));
        r.register("socketpair", a -> FdSyscalls.pair(a, 3, 1, FdSyscalls.hostSocketpair(), a.arg(0), 0, a.arg(2)));
        r.register("bind", a -> withAddress(a, 1, 2, "bind"));
        r.register("connect", a -> withAddress(a, 1, 2, "connect"));
        r.register("listen", Passthrough.of("listen", "f i"));
        r.register("shutdown", Passthrough.of("shutdown", "f i"));
        r.register("setsockopt", Passthrough.of("setsockopt", "f i i r4 i"));
        r.register("getsockopt", SocketSyscalls::getsockopt);
        r.register("accept", a -> accept(a, 0));
        r.register("accept4", a -> accept(a, a.arg(3)));
        r.register("getsockname", a -> nameOf(a, HOST_GETSOCKNAME));
        r.register("getpeername", a -> nameOf(a, HOST_GETPEERNAME));
        r.register("sendto", SocketSyscalls::sendto);
        r.register("recvfrom", SocketSyscalls::recvfrom);
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
        long r = HostLibc.syscall(HOST_ACCEPT4, h, out.host, out.hostLen, FdSyscalls.cloexecNonblockToHost(a, flags), 0, 0);
        if (r < 0) return r;
        out.finish(a);
        return Passthrough.newFd(a, (int) r, (flags & cloexecBit) != 0);
    }

    private static long nameOf(SyscallArgs a, int hostNumber) {
        int h = a.fd(0);
        if (a.arg(1) == 0) return -Errno.EFAULT;
        AddressOut out = new AddressOut(a, a.arg(1), a.arg(2));
        long r = HostLibc.syscall(hostNumber, h, out.host, out.hostLen, 0, 0, 0);
        if (r >= 0) out.finish(a);
        return r;
    }

    private static long recvfrom(SyscallArgs a) {
        int h = a.fd(0);
        long buf = a.buffer(1, a.arg(2), true);
        AddressOut out = new AddressOut(a, a.arg(4), a.arg(5));
        long r = HostLibc.syscall(HOST_RECVFROM, h, buf, a.arg(2), a.arg(3), out.host, out.hostLen);
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
        long r = HostLibc.syscall(HOST_GETSOCKOPT, h, a.arg(1), a.arg(2), val, len.address(), 0);
        if (r >= 0) a.writeInt(lenPtr, len.get(ValueLayout.JAVA_INT, 0));
        return r;
    }
}
