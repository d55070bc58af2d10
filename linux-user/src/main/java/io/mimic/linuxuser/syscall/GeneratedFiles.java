package io.mimic.linuxuser.syscall;

import io.mimic.linuxuser.host.HostFds;
import io.mimic.linuxuser.host.HostSyscalls;
import io.mimic.linuxuser.proc.ProcFiles;
import io.mimic.syscalls.linux.Errno;
import io.mimic.translator.memory.GuestAccess;
import io.mimic.translator.memory.HostSyscall;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Opening one of the files Mimic generates for the guest (see {@link ProcFiles}): the content
 * goes into a host memfd positioned at 0, which the guest gets as an ordinary fd, so read,
 * pread, lseek, fstat and mmap behave as on any file. The files are read-only, as the kernel's:
 * opening one for writing is EACCES.
 */
final class GeneratedFiles {
    /** The result when the name is not a generated file: the caller opens it on the host. */
    static final long NOT_GENERATED = Long.MIN_VALUE;

    private static final int MEMFD_CREATE = HostSyscalls.number("memfd_create"), WRITE = HostSyscalls.number("write"),
            LSEEK = HostSyscalls.number("lseek");
    private static final int MFD_CLOEXEC = 1, O_ACCMODE = 3;

    private GeneratedFiles() {}

    /** Opens the guest name at argument {@code pathArg} if it is generated; else {@link #NOT_GENERATED}. */
    static long open(SyscallArgs a, int pathArg, long guestFlags) {
        long g = a.arg(pathArg);
        if (g == 0 || !a.process.memory.check(g, 6, io.mimic.translator.memory.Prot.READ)) return NOT_GENERATED;
        MemorySegment m = GuestAccess.raw();
        if (m.get(ValueLayout.JAVA_BYTE, g) != '/' || m.get(ValueLayout.JAVA_BYTE, g + 1) != 'p'
                || m.get(ValueLayout.JAVA_BYTE, g + 5) != '/') {
            return NOT_GENERATED;
        }
        String path = a.readString(g);
        byte[] content = ProcFiles.content(a.process, a.thread, path);
        if (content == null) return NOT_GENERATED;
        if ((guestFlags & O_ACCMODE) != 0) return -Errno.EACCES;
        boolean cloexec = (guestFlags & a.arch().openFlags().value("O_CLOEXEC")) != 0;
        int fd = memfd(a.arena(), path.substring(path.lastIndexOf('/') + 1), content);
        return fd < 0 ? fd : Passthrough.newFd(a, fd, cloexec);
    }

    /** A close-on-exec host memfd holding {@code content}, positioned at 0; or -errno. */
    static int memfd(Arena arena, String name, byte[] content) {
        int fd = (int) HostSyscall.call(MEMFD_CREATE, arena.allocateFrom(name).address(), MFD_CLOEXEC, 0, 0, 0, 0);
        if (fd < 0) return fd;
        MemorySegment buf = arena.allocate(Math.max(content.length, 1));
        MemorySegment.copy(content, 0, buf, ValueLayout.JAVA_BYTE, 0, content.length);
        long done = 0;
        while (done < content.length) {
            long n = HostSyscall.call(WRITE, fd, buf.address() + done, content.length - done, 0, 0, 0);
            if (n <= 0) {
                HostFds.close(fd);
                return (int) (n < 0 ? n : -Errno.EIO);
            }
            done += n;
        }
        HostSyscall.call(LSEEK, fd, 0, 0, 0, 0, 0);
        return fd;
    }
}
