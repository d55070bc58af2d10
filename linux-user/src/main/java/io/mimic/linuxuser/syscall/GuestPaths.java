package io.mimic.linuxuser.syscall;

import io.mimic.linuxuser.proc.ProcTarget;
import io.mimic.linuxuser.process.GuestProcess;
import io.mimic.linuxuser.process.Sysroot;
import io.mimic.translator.memory.GuestAccess;
import io.mimic.translator.memory.HostReservation;

import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/**
 * File names that mean something different to the guest than to the JVM process, rewritten
 * before the host sees them:
 * <ul>
 *   <li>{@code /proc/self/exe} (also {@code /proc/PID/exe}, {@code /proc/thread-self/exe}):
 *       the guest executable, not the java binary;</li>
 *   <li>{@code /proc/self/fd/N}, {@code /proc/self/fdinfo/N}, {@code /dev/fd/N} and
 *       {@code /dev/stdin|stdout|stderr}: guest fd N is host fd {@code FdTable.host(N)}; a guest
 *       fd that is not open becomes a name that does not exist;</li>
 *   <li>the same under {@code /proc/self/task/TID/} for a guest thread; {@code task/TID} of one
 *       of the JVM's own threads becomes a name that does not exist.</li>
 * </ul>
 * Then, with a sysroot ({@code -L}), an absolute name that exists inside it names that file
 * (see {@link Sysroot}); everything else passes unchanged (the test is a few byte compares, so
 * ordinary names cost nothing without a sysroot). readlinkat answers {@code /proc/self/exe}
 * itself (see FileSyscalls); the generated /proc files are opened by {@code ProcFiles}.
 */
public final class GuestPaths {
    private GuestPaths() {}

    /**
     * The host name of a guest file name, for callers outside the syscall layer (execve): the
     * /proc and /dev names above rewritten, then the sysroot applied.
     */
    public static String hostPath(GuestProcess p, String path) {
        String special = rewrite(p, path);
        if (special != null) return special;
        return p.sysroot == null ? path : p.sysroot.hostPath(path);
    }

    /**
     * The host address of the NUL-terminated host name for the guest name of {@code len} bytes
     * at {@code g}; {@code sysroot} false keeps the name out of the sysroot (chdir, chroot: the
     * working directory stays a host directory, as under qemu, so getcwd never shows the sysroot).
     */
    static long hostAddress(SyscallArgs a, long g, int len, boolean sysroot) {
        String special = rewrite(a, g, len);
        if (special != null) return a.arena().allocateFrom(special).address();
        Sysroot root = a.process.sysroot;
        if (sysroot && root != null && len > 0 && GuestAccess.raw().get(ValueLayout.JAVA_BYTE, g) == '/') {
            long h = root.hostPath(GuestAccess.raw().asSlice(g, len), len, a.arena());
            if (h != 0) return h;
        }
        return HostReservation.hostAddress(g);
    }

    /** The host name for a guest name of {@code len} bytes at {@code g}, or null to keep it. */
    static String rewrite(SyscallArgs a, long g, int len) {
        if (len < 8 || GuestAccess.raw().get(ValueLayout.JAVA_BYTE, g) != '/') return null;
        byte c1 = GuestAccess.raw().get(ValueLayout.JAVA_BYTE, g + 1);
        if (c1 != 'p' && c1 != 'd') return null;
        byte[] b = new byte[len];
        GuestAccess.copyOut(g, b, 0, len);
        return rewrite(a, new String(b, StandardCharsets.UTF_8));
    }

    static String rewrite(SyscallArgs a, String path) {
        return rewrite(a.process, path);
    }

    static String rewrite(GuestProcess p, String path) {
        ProcTarget target = ProcTarget.of(p, null, path);
        if (target != null) {
            // task/TID of one of the JVM's own threads: a name that does not exist (tid 0 never does).
            if (target.noSuchThread()) return "/proc/self/task/0/" + target.file();
            String rest = target.file();
            if (rest.equals("exe")) return p.executablePath;
            String fdPart = rest.startsWith("fd/") ? "fd/" : rest.startsWith("fdinfo/") ? "fdinfo/" : null;
            if (fdPart != null) return fdPath(p, fdPart, rest.substring(fdPart.length()));
            return null;
        }
        if (path.startsWith("/dev/fd/")) return fdPath(p, "fd/", path.substring(8));
        return switch (path) {
            case "/dev/stdin" -> fdPath(p, "fd/", "0");
            case "/dev/stdout" -> fdPath(p, "fd/", "1");
            case "/dev/stderr" -> fdPath(p, "fd/", "2");
            default -> null;
        };
    }

    /** The executable's path with symbolic links resolved, as the kernel's /proc/self/exe link reads. */
    static String realExecutable(SyscallArgs a) {
        try {
            return java.nio.file.Path.of(a.process.executablePath).toRealPath().toString();
        } catch (java.io.IOException | RuntimeException e) {
            return a.process.executablePath;
        }
    }

    /** True if the guest name is the executable's /proc link. */
    static boolean isProcExe(SyscallArgs a, String path) {
        ProcTarget t = ProcTarget.of(a.process, null, path);
        return t != null && !t.noSuchThread() && t.file().equals("exe");
    }

    private static String fdPath(GuestProcess p, String dir, String numberAndRest) {
        int end = numberAndRest.indexOf('/');
        String num = end < 0 ? numberAndRest : numberAndRest.substring(0, end);
        String tail = end < 0 ? "" : numberAndRest.substring(end);
        int guest;
        try {
            guest = Integer.parseInt(num);
        } catch (NumberFormatException e) {
            return null;
        }
        int host = p.fds.host(guest);
        return "/proc/self/" + dir + (host < 0 ? "-1" : Integer.toString(host)) + tail;
    }
}
