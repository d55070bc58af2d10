package io.mimic.linuxuser.host;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A unix SOCK_SEQPACKET pair: messages that arrive whole or not at all, sent and received
 * without blocking. For what may be dropped when the other end is slow or the buffer full
 * (a child's translations returned at its exit), never for what must arrive.
 */
public final class PacketSockets {
    private static final int SOCKETPAIR = HostSyscalls.number("socketpair"), SENDTO = HostSyscalls.number("sendto"),
            RECVFROM = HostSyscalls.number("recvfrom");
    private static final int AF_UNIX = 1, SOCK_SEQPACKET = 5, SOCK_CLOEXEC = 0x80000, MSG_DONTWAIT = 0x40,
            MSG_NOSIGNAL = 0x4000;
    /** The largest message: well inside the default socket buffer, so that several fit. */
    public static final int MAX_MESSAGE = 60 * 1024;

    private PacketSockets() {}

    /** A close-on-exec pair {fd0, fd1}, or null. */
    public static int[] pair() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment fds = arena.allocate(8, 4);
            if (HostSyscalls.call(SOCKETPAIR, AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, fds.address()) < 0) return null;
            return new int[] {HostFds.aboveStandard(fds.get(ValueLayout.JAVA_INT, 0)), HostFds.aboveStandard(fds.get(ValueLayout.JAVA_INT, 4))};
        }
    }

    /** Sends one message without blocking; false if it could not go now (full buffer, no reader, too big). */
    public static boolean send(int fd, byte[] message) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = arena.allocate(Math.max(1, message.length));
            MemorySegment.copy(message, 0, s, ValueLayout.JAVA_BYTE, 0, message.length);
            return HostSyscalls.call(SENDTO, fd, s.address(), message.length, MSG_DONTWAIT | MSG_NOSIGNAL, 0, 0) == message.length;
        }
    }

    /** The next message if one is there, else null (never blocks). */
    public static byte[] receive(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = arena.allocate(MAX_MESSAGE);
            long n = HostSyscalls.call(RECVFROM, fd, s.address(), MAX_MESSAGE, MSG_DONTWAIT, 0, 0);
            return n <= 0 ? null : s.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE);
        }
    }
}
