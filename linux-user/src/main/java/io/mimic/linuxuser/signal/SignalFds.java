package io.mimic.linuxuser.signal;

import io.mimic.linuxuser.host.HostFds;
import io.mimic.linuxuser.host.HostSyscalls;
import io.mimic.linuxuser.process.GuestProcess;
import io.mimic.linuxuser.process.GuestThread;
import io.mimic.syscalls.linux.LinuxArch;
import io.mimic.syscalls.linux.StructLayout;
import io.mimic.translator.memory.HostSyscall;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The process's signalfds. Guest signals are Mimic's, not the host's, so a host signalfd would
 * never see them. Each guest signalfd is instead one end of a host socket pair: the guest's fd
 * is end A, and while a signal of the signalfd's mask is pending Mimic keeps one byte readable
 * on it, so that poll, select and epoll wait on it in the host kernel like on any other fd.
 * Reads are Mimic's ({@code SignalFdSyscalls}): they take the pending signals and return
 * signalfd_siginfo records; the byte follows the pending set ({@link #refresh}).
 *
 * <p>A signalfd is recognised by its socket's inode, which dup'ed fds and fds a forked child
 * received share. Readiness is that of the whole process: a signal pending for any of its
 * threads, or for the process, makes every signalfd that names it readable (Linux looks at the
 * polling thread's own signals and the process's).
 */
public final class SignalFds {
    private static final int SOCKETPAIR = HostSyscalls.number("socketpair"), SENDTO = HostSyscalls.number("sendto"),
            RECVFROM = HostSyscalls.number("recvfrom"), FSTAT = HostSyscalls.number("fstat"),
            FCNTL = HostSyscalls.number("fcntl"), DUP3 = HostSyscalls.number("dup3");
    private static final int AF_UNIX = 1, SOCK_STREAM = 1, SOCK_CLOEXEC = 0x80000, O_NONBLOCK = 0x800,
            MSG_DONTWAIT = 0x40, MSG_NOSIGNAL = 0x4000, F_GETFL = 3, F_SETFL = 4, O_CLOEXEC = 0x80000;

    /** One signalfd: its mask, and Mimic's own fds on the pair (B to write the byte, a dup of A to take it back). */
    static final class Entry {
        volatile long mask;
        final int writeEnd, drainEnd;
        /** The readiness byte is on the socket. */
        boolean ready;

        Entry(long mask, int writeEnd, int drainEnd) {
            this.mask = mask;
            this.writeEnd = writeEnd;
            this.drainEnd = drainEnd;
        }
    }

    private final Map<Long, Entry> byInode = new ConcurrentHashMap<>();

    /** True if the process has no signalfd: every hook returns at once. */
    public boolean none() {
        return byInode.isEmpty();
    }

    /**
     * Creates a signalfd for {@code mask}: returns the host fd of end A for the guest's table
     * (close-on-exec on the host, O_NONBLOCK if asked), or -errno.
     */
    public long create(GuestProcess p, long mask, boolean nonblock) {
        int[] pair = socketPair();
        if (pair[0] < 0) return pair[0];
        int drain = HostFds.dup(pair[0]);
        if (drain < 0) {
            HostFds.close(pair[0]);
            HostFds.close(pair[1]);
            return drain;
        }
        if (nonblock) HostSyscall.call(FCNTL, pair[0], F_SETFL, O_NONBLOCK, 0, 0, 0);
        byInode.put(inode(pair[0]), new Entry(mask, pair[1], drain));
        followDispositions(p, mask);
        refresh(p);
        return pair[0];
    }

    /** The signalfd behind host fd {@code hostFd}, or null if it is not one. */
    Entry lookup(int hostFd) {
        if (byInode.isEmpty()) return null;
        return byInode.get(inode(hostFd));
    }

    /** True if host fd {@code hostFd} is one of this process's signalfds. */
    public boolean isSignalFd(int hostFd) {
        return lookup(hostFd) != null;
    }

    /** signalfd4 on an existing signalfd: a new mask. False if {@code hostFd} is not a signalfd. */
    public boolean setMask(GuestProcess p, int hostFd, long mask) {
        Entry e = lookup(hostFd);
        if (e == null) return false;
        long old = e.mask;
        e.mask = mask;
        followDispositions(p, old | mask);
        refresh(p);
        return true;
    }

    /** The mask of the signalfd behind {@code hostFd} (which must be one). */
    public long mask(int hostFd) {
        return lookup(hostFd).mask;
    }

    /**
     * After the guest closed a host fd of inode {@code inode}: when no guest fd refers to that
     * signalfd any more, Mimic's own ends are closed too.
     */
    public void closed(GuestProcess p, long inode) {
        Entry e = byInode.get(inode);
        if (e == null) return;
        for (int g : p.fds.openFds()) {
            if (inode(p.fds.host(g)) == inode) return;
        }
        if (byInode.remove(inode, e)) {
            HostFds.close(e.writeEnd);
            HostFds.close(e.drainEnd);
            followDispositions(p, e.mask);
        }
    }

    /** Signals from outside reach the guest only if forwarded: the host's dispositions follow the masks. */
    private void followDispositions(GuestProcess p, long mask) {
        for (long m = mask; m != 0; m &= m - 1) {
            int sig = Long.numberOfTrailingZeros(m) + 1;
            HostSignals.dispositionChanged(p, sig, SigAction.of(p, sig));
        }
    }

    /** The inode of host fd {@code fd} (-1 if the host says it is bad). */
    public static long inode(int fd) {
        StructLayout st = LinuxArch.host().struct("stat");
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(st.size(), 8);
            if (HostSyscall.call(FSTAT, fd, buf.address(), 0, 0, 0, 0) < 0) return -1;
            return buf.get(ValueLayout.JAVA_LONG, st.offset("ino"));
        }
    }

    /**
     * Makes each signalfd's readiness byte agree with what is pending now. Called whenever a
     * signal is queued or taken, from any thread.
     */
    public void refresh(GuestProcess p) {
        if (byInode.isEmpty()) return;
        long pending = p.pending.bits();
        for (GuestThread t : p.threads()) pending |= t.signals.pending.bits();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment one = arena.allocate(1);
            for (Entry e : byInode.values()) {
                boolean want = (pending & e.mask) != 0;
                synchronized (e) {
                    if (want && !e.ready) {
                        e.ready = HostSyscall.call(SENDTO, e.writeEnd, one.address(), 1, MSG_DONTWAIT | MSG_NOSIGNAL, 0, 0) == 1;
                    } else if (!want && e.ready) {
                        HostSyscall.call(RECVFROM, e.drainEnd, one.address(), 1, MSG_DONTWAIT, 0, 0);
                        e.ready = false;
                    }
                }
            }
        }
    }

    // ---- reading ----

    /**
     * Takes the next pending signal of {@code mask} for {@code t} (its own first, then the
     * process's) as a signalfd_siginfo record, or null if none is pending.
     */
    public byte[] take(GuestThread t, long mask) {
        SigInfo info = SignalDelivery.dequeue(t, mask); // refreshes the readiness bytes
        return info == null ? null : record(t, info);
    }

    /**
     * A blocking read with nothing pending: waits for a signal of {@code mask}. Null if a signal
     * the thread takes with its handler (or default action) ended the wait first.
     */
    public byte[] await(GuestThread t, long mask) {
        SigInfo info = SignalWait.timedWait(t, mask, -1);
        return info == null ? null : record(t, info);
    }

    private static byte[] record(GuestThread t, SigInfo info) {
        GuestProcess p = t.process;
        return SignalFdRecord.of(info, SignalConstants.of(p.arch()), p.arch().signals().symbol(info.signo),
                p.abi.frontendByteOrder());
    }

    /**
     * True if a signalfd watches {@code sig}: a signal from outside must then reach the guest
     * (be forwarded by the host) even when its disposition is the default.
     */
    public boolean watches(int sig) {
        long bit = PendingSignals.bit(sig);
        for (Entry e : byInode.values()) if ((e.mask & bit) != 0) return true;
        return false;
    }

    // ---- fork: the child's signalfds read the child's signals ----

    /** Writes the signalfds' inodes and masks into a fork snapshot. */
    public void writeTo(DataOutputStream out) throws IOException {
        Map<Long, Entry> copy = new HashMap<>(byInode);
        out.writeInt(copy.size());
        for (Map.Entry<Long, Entry> e : copy.entrySet()) {
            out.writeLong(e.getKey());
            out.writeLong(e.getValue().mask);
        }
    }

    /** Reads what {@link #writeTo} wrote: inode to mask. */
    public static Map<Long, Long> readFrom(DataInputStream in) throws IOException {
        Map<Long, Long> masks = new HashMap<>();
        for (int n = in.readInt(); n > 0; n--) masks.put(in.readLong(), in.readLong());
        return masks;
    }

    /**
     * In a forked child: the received fds of the parent's signalfds (inode to mask) still share
     * the parent's socket, whose byte tells the parent's signals. Each gets a pair of its own, put
     * in place at the same host fd numbers (dup3), with the same O_NONBLOCK state.
     */
    public void adoptAfterFork(GuestProcess p, Map<Long, Long> parentMasks) {
        if (parentMasks.isEmpty()) return;
        Map<Long, Integer> replacement = new HashMap<>();
        for (int g : p.fds.openFds()) {
            int h = p.fds.host(g);
            long ino = inode(h);
            Long mask = parentMasks.get(ino);
            if (mask == null) continue;
            long flags = HostSyscall.call(FCNTL, h, F_GETFL, 0, 0, 0, 0);
            Integer mine = replacement.get(ino);
            if (mine == null) {
                long fresh = create(p, mask, false);
                if (fresh < 0) continue; // keeps the parent's socket: readiness is then the parent's
                replacement.put(ino, mine = (int) fresh);
            }
            HostSyscall.call(DUP3, mine, h, O_CLOEXEC, 0, 0, 0);
            if (flags >= 0) HostSyscall.call(FCNTL, h, F_SETFL, flags & O_NONBLOCK, 0, 0, 0);
        }
        for (int fd : replacement.values()) HostFds.close(fd); // the guest's fds hold the new end A now
        refresh(p);
    }

    private static int[] socketPair() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment fds = arena.allocate(8, 4);
            long r = HostSyscall.call(SOCKETPAIR, AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds.address(), 0, 0);
            if (r < 0) return new int[] {(int) r, -1};
            int a = HostFds.aboveStandard(fds.get(ValueLayout.JAVA_INT, 0));
            int b = HostFds.aboveStandard(fds.get(ValueLayout.JAVA_INT, 4));
            return new int[] {a, b};
        }
    }
}
