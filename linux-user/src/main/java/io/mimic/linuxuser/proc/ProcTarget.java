package io.mimic.linuxuser.proc;

import io.mimic.linuxuser.process.GuestProcess;
import io.mimic.linuxuser.process.GuestThread;

/**
 * A name under the guest's own /proc directory, resolved the way the kernel resolves it:
 * /proc/self/FILE, /proc/PID/FILE (the guest's pid), /proc/thread-self/FILE (the calling
 * thread's), and the per-thread forms /proc/self/task/TID/FILE and /proc/PID/task/TID/FILE,
 * where TID must be one of the guest's threads (the JVM's own threads are not).
 *
 * @param thread the thread a per-thread name designates, or null for the process's files
 * @param file   what follows the process or thread directory ("stat", "fd/3", "task", ...)
 * @param noSuchThread true if the name is under task/TID for a TID that is no guest thread
 */
public record ProcTarget(GuestThread thread, String file, boolean noSuchThread) {

    /**
     * The target of {@code path} for process {@code p} read by {@code current} (null when the
     * caller's thread does not matter), or null if the name is not under the guest's own /proc.
     */
    public static ProcTarget of(GuestProcess p, GuestThread current, String path) {
        if (!path.startsWith("/proc/")) return null;
        int slash = path.indexOf('/', 6);
        if (slash < 0) return null;
        String who = path.substring(6, slash), rest = path.substring(slash + 1);
        if (who.equals("thread-self")) return new ProcTarget(current, rest, false);
        if (!who.equals("self") && !who.equals(Integer.toString(p.pid()))) return null;
        if (!rest.startsWith("task/")) return new ProcTarget(null, rest, false);
        int end = rest.indexOf('/', 5);
        if (end < 0) return new ProcTarget(null, rest, false); // task/TID itself: a directory of the host's
        int tid;
        try {
            tid = Integer.parseInt(rest.substring(5, end));
        } catch (NumberFormatException e) {
            return new ProcTarget(null, rest, true);
        }
        GuestThread t = p.thread(tid);
        return new ProcTarget(t, rest.substring(end + 1), t == null);
    }
}
