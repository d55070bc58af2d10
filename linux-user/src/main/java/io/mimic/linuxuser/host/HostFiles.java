package io.mimic.linuxuser.host;

import io.mimic.syscalls.linux.LinuxArch;
import io.mimic.syscalls.linux.StructLayout;
import io.mimic.translator.memory.HostSyscall;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/** What the host knows about an open file: its identity and name, for mmap and /proc/self/maps. */
public final class HostFiles {
    private static final int FSTAT = HostSyscalls.number("fstat"), READLINKAT = HostSyscalls.number("readlinkat"),
            FCNTL = HostSyscalls.number("fcntl");
    private static final int F_GETFL = 3, AT_FDCWD = -100;
    public static final int S_IFMT = 0170000, S_IFREG = 0100000, S_IFDIR = 0040000, S_IFCHR = 0020000, S_IFBLK = 0060000;

    /** st_dev, st_ino, st_mode, st_size of an open file and the name its /proc/self/fd link shows. */
    public record FileId(long device, long inode, int mode, long size, String name) {
        public int type() {
            return mode & S_IFMT;
        }
    }

    private HostFiles() {}

    /** fstat and the link name of host fd {@code fd}, or null if the host says the fd is bad. */
    public static FileId identify(int fd) {
        StructLayout st = LinuxArch.host().struct("stat");
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(st.size(), 8);
            if (HostSyscall.call(FSTAT, fd, buf.address(), 0, 0, 0, 0) < 0) return null;
            long dev = buf.get(ValueLayout.JAVA_LONG, st.offset("dev"));
            long ino = buf.get(ValueLayout.JAVA_LONG, st.offset("ino"));
            int mode = buf.get(ValueLayout.JAVA_INT, st.offset("mode"));
            long size = buf.get(ValueLayout.JAVA_LONG, st.offset("size"));
            MemorySegment link = arena.allocateFrom("/proc/self/fd/" + fd);
            MemorySegment name = arena.allocate(4096);
            long n = HostSyscall.call(READLINKAT, AT_FDCWD, link.address(), name.address(), 4096, 0, 0);
            String s = n <= 0 ? "" : new String(name.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8);
            return new FileId(dev, ino, mode, size, s);
        }
    }

    /** The file status flags (F_GETFL) of host fd {@code fd}, or -errno. */
    public static long statusFlags(int fd) {
        return HostSyscall.call(FCNTL, fd, F_GETFL, 0, 0, 0, 0);
    }

    /** The major number of a Linux dev_t (glibc's encoding). */
    public static long major(long dev) {
        return ((dev >>> 8) & 0xfff) | ((dev >>> 32) & ~0xfffL);
    }

    /** The minor number of a Linux dev_t (glibc's encoding). */
    public static long minor(long dev) {
        return (dev & 0xff) | ((dev >>> 12) & ~0xffL);
    }
}
