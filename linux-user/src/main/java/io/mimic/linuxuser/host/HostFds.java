package io.mimic.linuxuser.host;

import io.mimic.translator.memory.HostSyscall;


/**
 * Host file descriptors behind guest ones (see FdTable): creating them close-on-exec, closing
 * them without disturbing the JVM. The JVM's own standard streams are host fds 0-2: when the
 * guest closes the guest fd behind one of them, the host fd is pointed at /dev/null instead of
 * being closed, so that the guest's pipe or terminal is released (a reader sees EOF) while a
 * later host open can never land on 0-2 and receive the JVM's own diagnostics.
 */
public final class HostFds {
    private static final int CLOSE = HostSyscalls.number("close"), FCNTL = HostSyscalls.number("fcntl"),
            DUP3 = HostSyscalls.number("dup3"), OPENAT = HostSyscalls.number("openat");
    private static final int F_DUPFD_CLOEXEC = 1030, F_GETFD = 1, O_RDWR = 2, O_CLOEXEC = 0x80000, AT_FDCWD = -100;
    /** Lowest number for new host fds: never one of the standard streams. */
    private static final int FIRST = 3;
    private static int devNull = -1;

    private HostFds() {}

    /** True if the host has {@code fd} open. */
    public static boolean isOpen(int fd) {
        return HostSyscall.call(FCNTL, fd, F_GETFD, 0, 0, 0, 0) >= 0;
    }

    /** A close-on-exec host duplicate of {@code fd} (numbered 3 or above), or -errno. */
    public static int dup(int fd) {
        return (int) HostSyscall.call(FCNTL, fd, F_DUPFD_CLOEXEC, FIRST, 0, 0, 0);
    }

    /** Closes a host fd the guest owned; returns 0 or -errno (the fd is gone either way). */
    public static int close(int fd) {
        if (fd <= 2) {
            int nul = devNull();
            if (nul >= 0) return (int) Math.min(0, HostSyscall.call(DUP3, nul, fd, 0, 0, 0, 0));
        }
        return (int) HostSyscall.call(CLOSE, fd, 0, 0, 0, 0, 0);
    }

    /**
     * Makes sure a new host fd is numbered 3 or above (the kernel gives the lowest free host
     * number, which could be a standard stream the JVM lacks): returns fd, a moved copy, or -errno.
     */
    public static int aboveStandard(int fd) {
        if (fd < 0 || fd >= FIRST) return fd;
        int moved = dup(fd);
        HostSyscall.call(CLOSE, fd, 0, 0, 0, 0, 0);
        return moved;
    }

    private static synchronized int devNull() {
        if (devNull < 0) {
            try (var arena = java.lang.foreign.Arena.ofConfined()) {
                var path = arena.allocateFrom("/dev/null");
                devNull = aboveStandard((int) HostSyscall.call(OPENAT, AT_FDCWD, path.address(), O_RDWR | O_CLOEXEC, 0, 0, 0));
            }
        }
        return devNull;
    }
}
