package io.mimic.linuxuser.fork;

import io.mimic.linuxuser.host.HostFds;
import io.mimic.linuxuser.host.HostSyscalls;
import io.mimic.linuxuser.host.PacketSockets;
import io.mimic.linuxuser.host.UnixSockets;
import io.mimic.linuxuser.process.Children;
import io.mimic.linuxuser.process.GuestProcess;
import io.mimic.linuxuser.process.GuestThread;
import io.mimic.syscalls.linux.Errno;

import java.io.IOException;

/**
 * fork for the guest. A JVM cannot fork itself (its GC and compiler threads would not exist in
 * the child), so the child is the spare (see SpareProcess), already a host child of this process
 * and warm: fork sends it a snapshot of the guest (ForkSnapshot), waits until it has restored
 * it, and starts the next spare. Without a ready spare fork waits for a new one to start.
 */
public final class GuestFork {
    private static final int GETSID = HostSyscalls.number("getsid");
    /** What the child sends once it has restored the snapshot. */
    static final byte RESTORED = 'F';

    private GuestFork() {}

    /**
     * The clone dispatcher's entry for clone without CLONE_VM (and fork, vfork): returns the
     * child's pid in the parent (the child's own fork returns 0 there), or -errno. Writes the
     * child's pid at {@code childTid} in the child (CLONE_CHILD_SETTID) when it is not 0; the
     * child's stack pointer becomes {@code childSp} when that is not 0 (clone with a stack).
     */
    public static long fork(GuestThread thread, long childTid, long childSp) {
        GuestProcess p = thread.process;
        Children c = p.children;
        if (!usableSpare(c) && !(SpareProcess.start(c, p.abi.name()) && SpareProcess.awaitReady(c))) {
            SpareProcess.discard(c);
            return -Errno.EAGAIN;
        }
        int pid = c.sparePid, sock = c.spareSocket;
        int[] ret = PacketSockets.pair(); // the child's translations come back on it (TranslationReturn)
        try {
            ForkSnapshot.send(sock, thread, childTid, childSp, ret == null ? -1 : ret[1]);
            byte[] ack = UnixSockets.readBytes(sock, 1);
            if (ack[0] != RESTORED) throw new IOException("child answered " + ack[0]);
        } catch (IOException e) {
            if (ret != null) HostFds.close(ret[0]);
            SpareProcess.discard(c);
            return -Errno.EAGAIN;
        } finally {
            if (ret != null) HostFds.close(ret[1]);
        }
        c.add(pid, sock, ret == null ? -1 : ret[0]);
        SpareProcess.forget(c);
        // The next spare warms up while the guest goes on (its start is a posix_spawn here).
        SpareProcess.start(c, p.abi.name());
        return pid;
    }

    /** A wait reaped the spare (something killed it): the next fork starts another. */
    public static void spareDied(Children c) {
        SpareProcess.release(c);
    }

    /**
     * True if the spare can become the child: warm, and still in this process's session with
     * this process's credentials (the guest may have called setsid or setuid since it started;
     * a child must be in its parent's session and have its ids).
     */
    private static boolean usableSpare(Children c) {
        if (c.sparePid <= 0) return false;
        if (!SpareProcess.awaitReady(c)
                || HostSyscalls.call(GETSID, c.sparePid) != HostSyscalls.call(GETSID, 0)
                || !SpareProcess.sameCredentials()) {
            SpareProcess.discard(c);
            return false;
        }
        return true;
    }
}
