package io.mimic.linuxuser.signal;

import io.mimic.linuxuser.host.HostFds;
import io.mimic.linuxuser.host.HostLibc;
import io.mimic.linuxuser.host.HostSyscalls;
import io.mimic.linuxuser.process.Children;
import io.mimic.linuxuser.process.GuestProcess;
import io.mimic.linuxuser.process.GuestThread;
import io.mimic.syscalls.linux.LinuxArch;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The guest's SIGCHLD when one of its children exits. The host's SIGCHLD cannot be forwarded
 * (the JVM does not pass it to Java handlers), so Mimic watches each child through a pidfd,
 * which the host makes readable when the child ends: one daemon thread polls them all and, on
 * an exit, peeks at the status (waitid with WNOWAIT: the child stays for the guest's wait) and
 * queues SIGCHLD with CLD_EXITED/CLD_KILLED/CLD_DUMPED, the child's pid, uid and status, as the
 * kernel does. If the guest's wait reaps the child first, the wait sends it
 * ({@link #reapedBeforeNoticed}); {@link Children#noticeExit} makes sure only one of them does.
 * Stops and continues of children (CLD_STOPPED, CLD_CONTINUED) raise no SIGCHLD here.
 */
public final class ChildExitSignals {
    private static final int PIDFD_OPEN = HostSyscalls.number("pidfd_open"), PPOLL = HostSyscalls.number("ppoll"),
            WAITID = HostSyscalls.number("waitid"), EVENTFD2 = HostSyscalls.number("eventfd2"),
            READ = HostSyscalls.number("read"), WRITE = HostSyscalls.number("write");
    private static final int P_PIDFD = 3, WEXITED = 4, WNOHANG = 1, WNOWAIT = 0x01000000, POLLIN = 1,
            EFD_CLOEXEC = 0x80000, EFD_NONBLOCK = 0x800;
    public static final int CLD_EXITED = 1, CLD_KILLED = 2, CLD_DUMPED = 3;

    private record Watched(Children children, int pid) {}

    /** pidfd -> the child it watches. */
    private static final Map<Integer, Watched> WATCHED = new LinkedHashMap<>();
    private static int wakeFd = -1;

    private ChildExitSignals() {}

    /** Starts watching child {@code pid} of {@code c}'s process (no SIGCHLD if the host has no pidfds). */
    public static void watch(Children c, int pid) {
        int pidfd = (int) HostSyscalls.call(PIDFD_OPEN, pid, 0);
        if (pidfd < 0) return;
        pidfd = HostFds.aboveStandard(pidfd);
        synchronized (ChildExitSignals.class) {
            if (wakeFd < 0) {
                wakeFd = HostFds.aboveStandard((int) HostSyscalls.call(EVENTFD2, 0, EFD_CLOEXEC | EFD_NONBLOCK));
                if (wakeFd < 0) {
                    HostFds.close(pidfd);
                    return;
                }
                Thread t = new Thread(ChildExitSignals::run, "mimic-child-exits");
                t.setDaemon(true);
                t.start();
            }
            WATCHED.put(pidfd, new Watched(c, pid));
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment one = arena.allocate(ValueLayout.JAVA_LONG);
            one.set(ValueLayout.JAVA_LONG, 0, 1);
            HostLibc.syscall(WRITE, wakeFd, one.address(), 8, 0, 0, 0);
        }
    }

    /**
     * The guest's wait reaped {@code pid} with wait status {@code status} before the watcher saw
     * it end: the SIGCHLD the kernel sent at its exit is sent now.
     */
    public static void reapedBeforeNoticed(GuestProcess p, int pid, int status) {
        if (!p.children.noticeExit(pid)) return;
        int sig = status & 0x7f;
        int code = sig == 0 ? CLD_EXITED : (status & 0x80) != 0 ? CLD_DUMPED : CLD_KILLED;
        send(p, pid, (int) HostSyscalls.call(HostSyscalls.number("getuid")), code,
                sig == 0 ? (status >> 8) & 0xff : guestSignal(p, sig), 0, 0);
    }

    private static void run() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment fds = arena.allocate(8L * 1024);
            MemorySegment info = arena.allocate(128, 8);
            MemorySegment scratch = arena.allocate(8, 8);
            while (true) {
                int[] watched;
                synchronized (ChildExitSignals.class) {
                    watched = WATCHED.keySet().stream().mapToInt(Integer::intValue).limit(1023).toArray();
                }
                fds.set(ValueLayout.JAVA_INT, 0, wakeFd);
                fds.set(ValueLayout.JAVA_INT, 4, POLLIN);
                for (int i = 0; i < watched.length; i++) {
                    fds.set(ValueLayout.JAVA_INT, 8L * (i + 1), watched[i]);
                    fds.set(ValueLayout.JAVA_INT, 8L * (i + 1) + 4, POLLIN);
                }
                if (HostLibc.syscall(PPOLL, fds.address(), watched.length + 1, 0, 0, 0, 0) < 0) continue;
                if ((fds.get(ValueLayout.JAVA_SHORT, 6) & POLLIN) != 0) HostLibc.syscall(READ, wakeFd, scratch.address(), 8, 0, 0, 0);
                for (int i = 0; i < watched.length; i++) {
                    if (fds.get(ValueLayout.JAVA_SHORT, 8L * (i + 1) + 6) == 0) continue;
                    ended(watched[i], info);
                }
            }
        }
    }

    /** pidfd {@code pidfd} became readable: its process ended. */
    private static void ended(int pidfd, MemorySegment info) {
        Watched w;
        synchronized (ChildExitSignals.class) {
            w = WATCHED.remove(pidfd);
        }
        if (w == null) return;
        info.fill((byte) 0);
        long r = HostLibc.syscall(WAITID, P_PIDFD, pidfd, info.address(), WEXITED | WNOWAIT | WNOHANG, 0, 0);
        HostFds.close(pidfd);
        GuestProcess p = w.children().owner();
        if (r < 0 || p == null || info.get(ValueLayout.JAVA_INT, 16) == 0) return; // already reaped: the wait sends it
        int code = info.get(ValueLayout.JAVA_INT, 8), status = info.get(ValueLayout.JAVA_INT, 24);
        // Noticing and queueing under the children's lock, which the guest's wait takes to record
        // the reaping: the signal is queued (or discarded) before that wait returns, with the
        // dispositions and mask of then, as the kernel sends it at the exit. Queued later, it could
        // find SIGCHLD blocked by what the guest did after the wait, and stay as a stale signal.
        // The wake-up comes after the lock: it waits for the receiver, whose wait may need it.
        GuestThread who;
        synchronized (w.children()) {
            if (!w.children().noticeExit(w.pid())) return;
            who = SignalDelivery.queue(p, null, childInfo(p, w.pid(), info.get(ValueLayout.JAVA_INT, 20), code,
                    code == CLD_EXITED ? status : guestSignal(p, status), info.get(ValueLayout.JAVA_LONG, 32),
                    info.get(ValueLayout.JAVA_LONG, 40)));
        }
        if (who != null) SignalDelivery.wake(who);
    }

    private static void send(GuestProcess p, int pid, int uid, int code, int status, long utime, long stime) {
        SignalDelivery.send(p, null, childInfo(p, pid, uid, code, status, utime, stime));
    }

    private static SigInfo childInfo(GuestProcess p, int pid, int uid, int code, int status, long utime, long stime) {
        int sigchld = SignalConstants.of(p.arch()).sigChld;
        return SigInfo.child(sigchld, code, pid, uid, status, utime, stime, p.abi.frontendByteOrder());
    }

    /** A host signal number as the guest's ABI numbers it (by name). */
    private static int guestSignal(GuestProcess p, int hostSig) {
        String name = LinuxArch.host().signals().symbol(hostSig);
        return name == null ? hostSig : (int) p.arch().signals().value(name);
    }
}
