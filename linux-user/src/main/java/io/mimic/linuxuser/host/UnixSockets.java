package io.mimic.linuxuser.host;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A unix stream socket pair and what fork sends over it: bytes from the heap or straight from
 * host memory, and host fds as SCM_RIGHTS messages (received close-on-exec). Failures are
 * IOExceptions: the other end died or the kernel refused.
 */
public final class UnixSockets {
    private static final int SOCKETPAIR = HostSyscalls.number("socketpair"), SENDMSG = HostSyscalls.number("sendmsg"),
            RECVMSG = HostSyscalls.number("recvmsg"), READ = HostSyscalls.number("read"),
            WRITE = HostSyscalls.number("write");
    private static final int AF_UNIX = 1, SOCK_STREAM = 1, SOCK_CLOEXEC = 0x80000;
    private static final int SOL_SOCKET = 1, SCM_RIGHTS = 1, MSG_CMSG_CLOEXEC = 0x40000000;
    private static final int EINTR = 4;
    /** At most this many fds per message (the kernel's SCM_MAX_FD is 253). */
    public static final int FDS_PER_MESSAGE = 250;
    /** struct msghdr (x86-64): name, namelen, iov, iovlen, control, controllen, flags. */
    private static final long MSGHDR_SIZE = 56, IOV = 16, IOVLEN = 24, CONTROL = 32, CONTROLLEN = 40;
    private static final long CMSG_HEADER = 16;

    private UnixSockets() {}

    /** A close-on-exec socket pair: {fd0, fd1}, or -errno in [0]. */
    public static int[] pair() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment fds = arena.allocate(8, 4);
            long r = HostSyscalls.call(SOCKETPAIR, AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds.address());
            if (r < 0) return new int[] {(int) r, -1};
            return new int[] {HostFds.aboveStandard(fds.get(ValueLayout.JAVA_INT, 0)), HostFds.aboveStandard(fds.get(ValueLayout.JAVA_INT, 4))};
        }
    }

    /** Sends {@code count} fds starting at {@code fds[from]} with a 4-byte count as the message. */
    public static void sendFds(int sock, int[] fds, int from, int count) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment data = arena.allocate(4, 4);
            data.set(ValueLayout.JAVA_INT, 0, count);
            long space = CMSG_HEADER + align8(4L * count);
            MemorySegment control = arena.allocate(Math.max(space, 8), 8);
            control.set(ValueLayout.JAVA_LONG, 0, CMSG_HEADER + 4L * count);
            control.set(ValueLayout.JAVA_INT, 8, SOL_SOCKET);
            control.set(ValueLayout.JAVA_INT, 12, SCM_RIGHTS);
            for (int i = 0; i < count; i++) control.set(ValueLayout.JAVA_INT, CMSG_HEADER + 4L * i, fds[from + i]);
            MemorySegment msg = message(arena, data, count > 0 ? control : null, count > 0 ? space : 0);
            long r;
            do {
                r = HostSyscalls.call(SENDMSG, sock, msg.address(), 0);
            } while (r == -EINTR);
            if (r != 4) throw new IOException("sendmsg: " + r);
        }
    }

    /** Receives one {@link #sendFds} message: the fds, close-on-exec, numbered 3 or above. */
    public static int[] receiveFds(int sock) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment data = arena.allocate(4, 4);
            long space = CMSG_HEADER + align8(4L * FDS_PER_MESSAGE);
            MemorySegment control = arena.allocate(space, 8);
            MemorySegment msg = message(arena, data, control, space);
            long r;
            do {
                r = HostSyscalls.call(RECVMSG, sock, msg.address(), MSG_CMSG_CLOEXEC);
            } while (r == -EINTR);
            if (r != 4) throw new IOException("recvmsg: " + r);
            int count = data.get(ValueLayout.JAVA_INT, 0);
            int[] out = new int[count];
            if (count == 0) return out;
            long controlLen = msg.get(ValueLayout.JAVA_LONG, CONTROLLEN);
            long len = control.get(ValueLayout.JAVA_LONG, 0);
            if (controlLen < CMSG_HEADER || len != CMSG_HEADER + 4L * count || control.get(ValueLayout.JAVA_INT, 12) != SCM_RIGHTS) {
                throw new IOException("expected " + count + " fds, control message of " + controlLen + " bytes");
            }
            for (int i = 0; i < count; i++) out[i] = HostFds.aboveStandard(control.get(ValueLayout.JAVA_INT, CMSG_HEADER + 4L * i));
            return out;
        }
    }

    /** Writes {@code length} bytes at host address {@code address}. */
    public static void writeFully(int fd, long address, long length) throws IOException {
        while (length > 0) {
            long n = HostSyscalls.call(WRITE, fd, address, length);
            if (n == -EINTR) continue;
            if (n <= 0) throw new IOException("write: " + n);
            address += n;
            length -= n;
        }
    }

    /** Reads exactly {@code length} bytes to host address {@code address}; EOF is an IOException. */
    public static void readFully(int fd, long address, long length) throws IOException {
        while (length > 0) {
            long n = HostSyscalls.call(READ, fd, address, length);
            if (n == -EINTR) continue;
            if (n <= 0) throw new IOException(n == 0 ? "end of stream" : "read: " + n);
            address += n;
            length -= n;
        }
    }

    public static void writeBytes(int fd, byte[] bytes) throws IOException {
        writeBytes(fd, bytes, 0, bytes.length);
    }

    /** Writes {@code length} bytes of {@code bytes} from {@code offset}. */
    public static void writeBytes(int fd, byte[] bytes, int offset, int length) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = arena.allocate(Math.max(1, length));
            MemorySegment.copy(bytes, offset, s, ValueLayout.JAVA_BYTE, 0, length);
            writeFully(fd, s.address(), length);
        }
    }

    public static byte[] readBytes(int fd, int length) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = arena.allocate(Math.max(1, length));
            readFully(fd, s.address(), length);
            return s.asSlice(0, length).toArray(ValueLayout.JAVA_BYTE);
        }
    }

    private static MemorySegment message(Arena arena, MemorySegment data, MemorySegment control, long controlLen) {
        MemorySegment iov = arena.allocate(16, 8);
        iov.set(ValueLayout.JAVA_LONG, 0, data.address());
        iov.set(ValueLayout.JAVA_LONG, 8, data.byteSize());
        MemorySegment msg = arena.allocate(MSGHDR_SIZE, 8);
        msg.set(ValueLayout.JAVA_LONG, IOV, iov.address());
        msg.set(ValueLayout.JAVA_LONG, IOVLEN, 1);
        if (control != null) {
            msg.set(ValueLayout.JAVA_LONG, CONTROL, control.address());
            msg.set(ValueLayout.JAVA_LONG, CONTROLLEN, controlLen);
        }
        return msg;
    }

    private static long align8(long n) {
        return (n + 7) & ~7L;
    }
}
