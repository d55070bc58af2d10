package io.mimic.linuxuser.process;

import io.mimic.linuxuser.host.HostFds;
import io.mimic.linuxuser.host.HostSyscalls;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The fd table a program starts with: the fds its parent left open, at the same numbers. Inside
 * the JVM those cannot be told from the JVM's own (jars, the modules file, /dev/random...), so
 * the launcher lists them before it starts java, in {@value #INHERITED_FDS_VARIABLE} (numbers
 * separated by spaces or commas; the variable is removed from the guest's environment). Without
 * it the guest gets 0, 1 and 2, where the host has them open.
 */
public final class StandardFds {
    /** The launcher's list of the fds the guest inherits. */
    public static final String INHERITED_FDS_VARIABLE = "MIMIC_INHERITED_FDS";

    private static final int RLIMIT_NOFILE = 7;

    private StandardFds() {}

    static FdTable table() {
        long[] nofile = nofileLimits();
        FdTable t = new FdTable(nofile[0], nofile[1]);
        for (int fd : inherited(System.getenv(INHERITED_FDS_VARIABLE))) {
            if (fd < t.limit() && HostFds.isOpen(fd)) t.install(fd, fd, false);
        }
        return t;
    }

    /**
     * The fd numbers in the launcher's list (words of 1-7 digits, separated by blanks or commas;
     * other words are ignored), or 0, 1, 2 without one. Parsed by hand: a regex and a stream cost
     * 7 ms of every start in a cold JVM.
     */
    static int[] inherited(String list) {
        if (list == null || list.isBlank()) return new int[] {0, 1, 2};
        int[] fds = new int[8];
        int n = 0;
        int i = 0, len = list.length();
        while (i < len) {
            int start = i;
            while (i < len && !separator(list.charAt(i))) i++;
            if (i - start >= 1 && i - start <= 7 && allDigits(list, start, i)) {
                int fd = Integer.parseInt(list, start, i, 10);
                if (!contains(fds, n, fd)) {
                    if (n == fds.length) fds = java.util.Arrays.copyOf(fds, n * 2);
                    fds[n++] = fd;
                }
            }
            while (i < len && separator(list.charAt(i))) i++;
        }
        return java.util.Arrays.copyOf(fds, n);
    }

    private static boolean separator(char c) {
        return c == ',' || Character.isWhitespace(c);
    }

    private static boolean allDigits(String s, int from, int to) {
        for (int i = from; i < to; i++) if (s.charAt(i) < '0' || s.charAt(i) > '9') return false;
        return true;
    }

    private static boolean contains(int[] a, int n, int v) {
        for (int i = 0; i < n; i++) if (a[i] == v) return true;
        return false;
    }

    /** The host's RLIMIT_NOFILE (soft, hard), where the guest's start (1024 if it cannot be read). */
    private static long[] nofileLimits() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment rl = arena.allocate(16, 8);
            long r = HostSyscalls.call(HostSyscalls.number("prlimit64"), 0, RLIMIT_NOFILE, 0, rl.address());
            return r < 0 ? new long[] {1024, 1024} : new long[] {rl.get(ValueLayout.JAVA_LONG, 0), rl.get(ValueLayout.JAVA_LONG, 8)};
        }
    }
}
