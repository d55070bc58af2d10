package io.mimic.linuxuser.signal;

import io.mimic.linuxuser.host.HostFds;
import io.mimic.linuxuser.host.HostSyscalls;
import io.mimic.linuxuser.process.Children;
import io.mimic.linuxuser.process.GuestProcess;
import io.mimic.linuxuser.process.GuestThread;
import io.mimic.syscalls.linux.LinuxArch;
import io.mimic.translator.memory.HostSyscall;

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
 *
 * <p>A child that stops or continues (CLD_STOPPED, CLD_CONTINUED) makes no pidfd readable and
 * the host's SIGCHLD is out of reach, so while the guest has children the watcher also wakes
 * every {@value #STATE_POLL_MS} ms and asks the host, without consuming anything (waitid with
 * WSTOPPED|WCONTINUED|WNOWAIT), whether each one is stopped or continued; a change from what
 * was last noticed raises SIGCHLD, unless the guest's SIGCHLD action has SA_NOCLDSTOP, as the
 * kernel's do_notify_parent_cldstop. A guest wait that reports the change first sends it
 * instead ({@link #stateReportedByWait}). The cost of polling: a stop is signalled up to
 * {@value #STATE_POLL_MS} ms late, and a stop, continue and stop again all within one interval,
 * the first stop already waited for, raise no second signal.
 */
public final class ChildExitSignals {
    private static final int PIDFD_OPEN = HostSyscalls.number("pidfd_open"), PPOLL = HostSyscalls.number("ppoll"),
            WAITID = HostSyscalls.number("waitid"), EVENTFD2 = HostSyscalls.number("eventfd2"),
            READ = HostSyscalls.number("read"), WRITE = HostSyscalls.number("write"), GETUID = HostSyscalls.number("getuid");
    private static final int P_PIDFD = 3, WEXITED = 4, WSTOPPED = 2, WCONTINUED = 8, WNOHANG = 1, WNOWAIT = 0x01000000,
            POLLIN = 1, EFD_CLOEXEC = 0x80000, EFD_NONBLOCK = 0x800;
    public static final int CLD_EXITED = 1, CLD_KILLED = 2, CLD_DUMPED = 3, CLD_STOPPED = 5, CLD_CONTINUED = 6;
    /** How often children are asked whether they stopped or continued. */
    private static final int STATE_POLL_MS = 10;

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
            HostSyscall.call(WRITE, wakeFd, one.address(), 8, 0, 0, 0);
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
        send(p, pid, (int) HostSyscalls.call(GETUID), code,
                sig == 0 ? (status >> 8) & 0xff : guestSignal(p, sig), 0, 0);
    }

    /**
     * The guest's wait reported that child {@code pid} stopped ({@code code} CLD_STOPPED, by
     * guest signal {@code sig}) or continued (CLD_CONTINUED) before the watcher noticed it: the
     * SIGCHLD the kernel sent at the change is sent now.
     */
    public static void stateReportedByWait(GuestProcess p, int pid, int code, int hostSig) {
        GuestThread who;
        synchronized (p.children) {
            who = queueStateChange(p, pid, code, (int) HostSyscalls.call(GETUID),
                    guestSignal(p, hostSig), 0, 0);
        }
        if (who != null) SignalDelivery.wake(who);
    }

    /** Under the children's lock: SIGCHLD for a stop or continue if it is news and the guest wants it. */
    private static GuestThread queueStateChange(GuestProcess p, int pid, int code, int uid, int sig, long utime, long stime) {
        if (!p.children.noticeStateChange(pid, code)) return null;
        SignalConstants c = SignalConstants.of(p.arch());
        if (SigAction.of(p, c.sigChld).has(c.saNocldstop)) return null;
        return SignalDelivery.queue(p, null, childInfo(p, pid, uid, code, sig, utime, stime));
    }

    private static void run() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment fds = arena.allocate(8L * 1024);
            MemorySegment info = arena.allocate(128, 8);
            MemorySegment scratch = arena.allocate(8, 8);
            MemorySegment interval = arena.allocate(16, 8);
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
                // Set each time: ppoll writes the time left back (0 after a timeout), and a zero
                // timeout would make this loop spin.
                interval.set(ValueLayout.JAVA_LONG, 0, 0);
                interval.set(ValueLayout.JAVA_LONG, 8, STATE_POLL_MS * 1_000_000L);
                long timeout = watched.length == 0 ? 0 : interval.address();
                if (HostSyscall.call(PPOLL, fds.address(), watched.length + 1, timeout, 0, 0, 0) < 0) continue;
                if ((fds.get(ValueLayout.JAVA_SHORT, 6) & POLLIN) != 0) HostSyscall.call(READ, wakeFd, scratch.address(), 8, 0, 0, 0);
                for (int i = 0; i < watched.length; i++) {
                    if (fds.get(ValueLayout.JAVA_SHORT, 8L * (i + 1) + 6) != 0) ended(watched[i], info);
                    else stoppedOrContinued(watched[i], info);
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
        long r = HostSyscall.call(WAITID, P_PIDFD, pidfd, info.address(), WEXITED | WNOWAIT | WNOHANG, 0, 0);
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

    /** Asks whether the child behind {@code pidfd} is stopped or continued (nothing is consumed). */
    private static void stoppedOrContinued(int pidfd, MemorySegment info) {
        Watched w;
        synchronized (ChildExitSignals.class) {
            w = WATCHED.get(pidfd);
        }
        GuestProcess p = w == null ? null : w.children().owner();
        if (p == null) return;
        info.fill((byte) 0);
        long r = HostSyscall.call(WAITID, P_PIDFD, pidfd, info.address(), WSTOPPED | WCONTINUED | WNOWAIT | WNOHANG, 0, 0);
        int code = info.get(ValueLayout.JAVA_INT, 8);
        if (r < 0 || info.get(ValueLayout.JAVA_INT, 16) == 0 || (code != CLD_STOPPED && code != CLD_CONTINUED)) return;
        GuestThread who;
        synchronized (w.children()) {
            who = queueStateChange(p, w.pid(), code, info.get(ValueLayout.JAVA_INT, 20),
                    guestSignal(p, info.get(ValueLayout.JAVA_INT, 24)), info.get(ValueLayout.JAVA_LONG, 32),
                    info.get(ValueLayout.JAVA_LONG, 40));
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
