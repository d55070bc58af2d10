package io.mimic.linuxuser.syscall;

import io.mimic.linuxuser.host.HostSyscalls;
import io.mimic.linuxuser.process.GuestProcess;
import io.mimic.translator.memory.GuestAccess;
import io.mimic.translator.memory.HostSyscall;

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

    /**
     * True if host fd {@code hostFd}, which just read the {@code len} bytes of dirents at guest
     * address {@code dirents}, is this process's task directory. Names other than "." and ".."
     * that are not all digits settle it in memory; only a listing of numbers costs a readlink.
     */
    static boolean is(GuestProcess p, int hostFd, long dirents, long len, Arena arena) {
        if (!onlyNumbers(dirents, len)) return false;
        MemorySegment buf = arena.allocate(64);
        long n = HostSyscall.call(READLINKAT, AT_FDCWD, arena.allocateFrom("/proc/self/fd/" + hostFd).address(),
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

    private static boolean onlyNumbers(long buf, long len) {
        MemorySegment m = GuestAccess.raw();
        for (long at = buf, end = buf + len; at < end; ) {
            int reclen = m.get(ValueLayout.JAVA_SHORT_UNALIGNED, at + RECLEN) & 0xffff;
            if (reclen <= NAME) return false;
            if (!dot(m, at + NAME) && number(m, at + NAME, reclen - NAME) < 0) return false;
            at += reclen;
        }
        return true;
    }

    private static boolean keep(GuestProcess p, MemorySegment m, long name, int max) {
        if (dot(m, name)) return true;
        int tid = number(m, name, max);
        return tid >= 0 && p.thread(tid) != null;
    }

    /** True for the names "." and "..". */
    private static boolean dot(MemorySegment m, long name) {
        if (m.get(ValueLayout.JAVA_BYTE, name) != '.') return false;
        byte b1 = m.get(ValueLayout.JAVA_BYTE, name + 1);
        return b1 == 0 || (b1 == '.' && m.get(ValueLayout.JAVA_BYTE, name + 2) == 0);
    }

    /** The decimal number a NUL-terminated name of at most {@code max} bytes spells, or -1. */
    private static int number(MemorySegment m, long name, int max) {
        int n = 0, len = 0;
        for (; len < max; len++) {
            byte b = m.get(ValueLayout.JAVA_BYTE, name + len);
            if (b == 0) break;
            if (b < '0' || b > '9' || n > 100_000_000) return -1;
            n = n * 10 + (b - '0');
        }
        return len > 0 ? n : -1;
    }
}
