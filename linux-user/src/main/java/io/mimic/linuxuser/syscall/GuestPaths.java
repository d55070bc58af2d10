package io.mimic.linuxuser.syscall;

import io.mimic.translator.memory.GuestAccess;

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
 *       fd that is not open becomes a name that does not exist.</li>
 * </ul>
 * Everything else passes unchanged (the test is a few byte compares, so ordinary names cost
 * nothing). readlinkat answers {@code /proc/self/exe} itself (see FileSyscalls).
 */
final class GuestPaths {
    private GuestPaths() {}

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
        String rest = procSelf(a, path);
        if (rest != null) {
            if (rest.equals("exe")) return a.process.executablePath;
            String fdPart = rest.startsWith("fd/") ? "fd/" : rest.startsWith("fdinfo/") ? "fdinfo/" : null;
            if (fdPart != null) return fdPath(a, fdPart, rest.substring(fdPart.length()));
            return null;
        }
        if (path.startsWith("/dev/fd/")) return fdPath(a, "fd/", path.substring(8));
        return switch (path) {
            case "/dev/stdin" -> fdPath(a, "fd/", "0");
            case "/dev/stdout" -> fdPath(a, "fd/", "1");
            case "/dev/stderr" -> fdPath(a, "fd/", "2");
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
        return "exe".equals(procSelf(a, path));
    }

    /** What follows "/proc/self/" (or /proc/OWNPID/, /proc/thread-self/), or null. */
    private static String procSelf(SyscallArgs a, String path) {
        if (!path.startsWith("/proc/")) return null;
        int slash = path.indexOf('/', 6);
        if (slash < 0) return null;
        String who = path.substring(6, slash);
        if (!who.equals("self") && !who.equals("thread-self") && !who.equals(Integer.toString(a.process.pid()))) return null;
        return path.substring(slash + 1);
    }

    private static String fdPath(SyscallArgs a, String dir, String numberAndRest) {
        int end = numberAndRest.indexOf('/');
        String num = end < 0 ? numberAndRest : numberAndRest.substring(0, end);
        String tail = end < 0 ? "" : numberAndRest.substring(end);
        int guest;
        try {
            guest = Integer.parseInt(num);
        } catch (NumberFormatException e) {
            return null;
        }
        int host = a.process.fds.host(guest);
        return "/proc/self/" + dir + (host < 0 ? "-1" : Integer.toString(host)) + tail;
    }
}
