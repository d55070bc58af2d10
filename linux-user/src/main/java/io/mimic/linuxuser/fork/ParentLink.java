package io.mimic.linuxuser.fork;

import io.mimic.linuxuser.host.HostFds;
import io.mimic.linuxuser.host.HostSyscalls;
import io.mimic.linuxuser.host.UnixSockets;
import io.mimic.linuxuser.process.Children;
import io.mimic.syscalls.linux.Errno;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The socket a forked child keeps to its parent, for what the host kernel would refuse the
 * parent because the child's host process once ran execve (the JVM's start): setpgid(child, g)
 * from the parent is EACCES for a child that has exec'd. The child does it for its parent
 * instead, while it still runs the image it was forked with; after a guest execve it answers
 * EACCES, as the kernel would, and after a host execve the socket is closed (close-on-exec), which
 * the parent takes as EACCES too.
 */
public final class ParentLink {
    private static final int SETPGID = HostSyscalls.number("setpgid");
    private static final byte OP_SETPGID = 1;
    /** Set once the child's guest image was replaced by execve. */
    private static volatile boolean execed;

    private ParentLink() {}

    /** Marks this process as having exec'd (called at a guest execve's point of no return). */
    public static void imageReplaced() {
        execed = true;
    }

    /** Parent side: setpgid(child, pgid) carried out by the child. Returns 0 or -errno. */
    public static long setpgid(Children c, int child, int pgid) {
        int link = c.link(child);
        if (link < 0) return -Errno.EACCES;
        synchronized (c) {
            try {
                UnixSockets.writeBytes(link, ByteBuffer.allocate(5).put(OP_SETPGID).putInt(pgid).array());
                return ByteBuffer.wrap(UnixSockets.readBytes(link, 4)).getInt();
            } catch (IOException e) {
                return -Errno.EACCES;
            }
        }
    }

    /** Child side: answers the parent's requests on a daemon thread until the parent closes the link. */
    static void serve(int link) {
        Thread t = new Thread(() -> {
            try {
                while (true) {
                    ByteBuffer req = ByteBuffer.wrap(UnixSockets.readBytes(link, 5));
                    byte op = req.get();
                    int pgid = req.getInt();
                    long r = op != OP_SETPGID ? -Errno.EINVAL : execed ? -Errno.EACCES : HostSyscalls.call(SETPGID, 0, pgid);
                    UnixSockets.writeBytes(link, ByteBuffer.allocate(4).putInt((int) r).array());
                }
            } catch (IOException e) {
                HostFds.close(link);
            }
        }, "mimic-parent-link");
        t.setDaemon(true);
        t.start();
    }
}
