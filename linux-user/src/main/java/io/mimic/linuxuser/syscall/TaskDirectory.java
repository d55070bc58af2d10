package io.mimic.linuxuser.syscall;

import io.mimic.linuxuser.host.HostLibc;
import io.mimic.linuxuser.host.HostSyscalls;
import io.mimic.linuxuser.process.GuestProcess;
import io.mimic.translator.memory.GuestAccess;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/**
 * Listing /proc/self/task (or /proc/PID/task): the host directory lists every thread of the JVM
 * (compiler, GC, Mimic's own), the guest must see only its threads. getdents64 on a host fd for
 * that directory keeps ".", ".." and the entries whose name is a guest tid, and drops the rest
 * from the buffer in place; the kept entries keep the host's d_off, so seeking still works.
 */
final class TaskDirectory {
    private static final int READLINKAT = HostSyscalls.number("readlinkat"), AT_FDCWD = -100;
    /** struct linux_dirent64: d_ino (8), d_off (8), d_reclen (2), d_type (1), d_name. */
    private static final int RECLEN = 16, NAME = 19;

    private TaskDirectory() {}

    /** True if host fd {@code hostFd} is this process's task directory. */
    static boolean is(GuestProcess p, int hostFd, Arena arena) {
        MemorySegment buf = arena.allocate(64);
        long n = HostLibc.syscall(READLINKAT, AT_FDCWD, arena.allocateFrom("/proc/self/fd/" + hostFd).address(),
                buf.address(), buf.byteSize(), 0, 0);
        if (n <= 0 || n >= buf.byteSize()) return false;
        return new String(buf.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8)
                .equals("/proc/" + p.pid() + "/task");
    }

    /**
     * Drops the entries that are not guest threads from the {@code len} bytes of host-order
     * dirents at guest address {@code buf}; returns the bytes left.
     */
    static long keepGuestThreads(GuestProcess p, long buf, long len) {
        MemorySegment m = GuestAccess.raw();
        long read = buf, write = buf, end = buf + len;
        while (read < end) {
            int reclen = m.get(ValueLayout.JAVA_SHORT_UNALIGNED, read + RECLEN) & 0xffff;
            if (reclen <= 0) break;
            if (keep(p, m, read + NAME, reclen - NAME)) {
                if (write != read) MemorySegment.copy(m, read, m, write, reclen);
                write += reclen;
            }
            read += reclen;
        }
        return write - buf;
    }

    private static boolean keep(GuestProcess p, MemorySegment m, long name, int max) {
        if (m.get(ValueLayout.JAVA_BYTE, name) == '.') { // "." and ".."
            byte b1 = m.get(ValueLayout.JAVA_BYTE, name + 1);
            return b1 == 0 || (b1 == '.' && m.get(ValueLayout.JAVA_BYTE, name + 2) == 0);
        }
        int tid = 0, len = 0;
        for (; len < max; len++) {
            byte b = m.get(ValueLayout.JAVA_BYTE, name + len);
            if (b == 0) break;
            if (b < '0' || b > '9' || tid > 100_000_000) return false;
            tid = tid * 10 + (b - '0');
        }
        return len > 0 && p.thread(tid) != null;
    }
}
