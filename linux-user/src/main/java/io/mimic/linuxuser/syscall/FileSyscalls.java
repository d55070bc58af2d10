package io.mimic.linuxuser.syscall;

import io.mimic.linuxuser.host.HostLibc;
import io.mimic.linuxuser.host.HostSyscalls;
import io.mimic.syscalls.linux.Errno;
import io.mimic.syscalls.linux.StatLayout;
import io.mimic.translator.memory.GuestAccess;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** File descriptors, files and directories. Guest fds are host fds. */
final class FileSyscalls {
    private static final int HOST_FSTAT = HostSyscalls.number("fstat"), HOST_NEWFSTATAT = HostSyscalls.number("newfstatat");
    private static final int HOST_READV = HostSyscalls.number("readv"), HOST_WRITEV = HostSyscalls.number("writev");
    private static final int HOST_IOCTL = HostSyscalls.number("ioctl"), HOST_FCNTL = HostSyscalls.number("fcntl");
    private static final int IOV_MAX = 1024;

    private FileSyscalls() {}

    static void register(SyscallRegistry r) {
        r.register("read", Passthrough.of("read", "i w2 i"));
        r.register("write", Passthrough.of("write", "i r2 i"));
        r.register("pread64", Passthrough.of("pread64", "i w2 i i"));
        r.register("pwrite64", Passthrough.of("pwrite64", "i r2 i i"));
        r.register("readv", a -> vector(a, HOST_READV, true));
        r.register("writev", a -> vector(a, HOST_WRITEV, false));
        r.register("openat", Passthrough.of("openat", "i s i i"));
        r.register("close", Passthrough.of("close", "i"));
        r.register("lseek", Passthrough.of("lseek", "i i i"));
        r.register("dup", Passthrough.of("dup", "i"));
        r.register("dup3", Passthrough.of("dup3", "i i i"));
        r.register("pipe2", Passthrough.of("pipe2", "W8 i"));
        r.register("ftruncate", Passthrough.of("ftruncate", "i i"));
        r.register("getdents64", Passthrough.of("getdents64", "i w2 i"));
        r.register("getcwd", Passthrough.of("getcwd", "w1 i"));
        r.register("chdir", Passthrough.of("chdir", "s"));
        r.register("mkdirat", Passthrough.of("mkdirat", "i s i"));
        r.register("unlinkat", Passthrough.of("unlinkat", "i s i"));
        r.register("renameat", Passthrough.of("renameat", "i s i s"));
        r.register("linkat", Passthrough.of("linkat", "i s i s i"));
        r.register("readlinkat", Passthrough.of("readlinkat", "i s w3 i"));
        r.register("faccessat", Passthrough.of("faccessat", "i s i"));
        // struct statx is the same on every ABI.
        r.register("statx", Passthrough.of("statx", "i s i i W256"));
        r.register("fstat", a -> stat(a, -1));
        r.register("newfstatat", a -> stat(a, 1));
        r.register("ioctl", FileSyscalls::ioctl);
        r.register("fcntl", FileSyscalls::fcntl);
    }

    /** readv/writev: the iovec array holds guest pointers; each one is checked and translated. */
    private static long vector(SyscallArgs a, int hostNumber, boolean kernelWrites) {
        long iov = a.arg(1);
        int count = a.intArg(2);
        if (count < 0 || count > IOV_MAX) return -Errno.EINVAL;
        a.checkGuest(iov, 16L * count, false);
        var order = a.process.abi.frontendByteOrder();
        ValueLayout.OfLong word = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(order);
        MemorySegment m = GuestAccess.raw();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment host = arena.allocate(16L * Math.max(count, 1), 8);
            for (int i = 0; i < count; i++) {
                long base = m.get(word, iov + 16L * i), len = m.get(word, iov + 16L * i + 8);
                if (len < 0) return -Errno.EINVAL;
                host.set(ValueLayout.JAVA_LONG, 16L * i, len == 0 ? 0 : a.hostPointer(base, len, kernelWrites));
                host.set(ValueLayout.JAVA_LONG, 16L * i + 8, len);
            }
            return HostLibc.syscall(hostNumber, a.arg(0), host.address(), count, 0, 0, 0);
        }
    }

    /** fstat (pathArg < 0) and newfstatat (path in argument 1, buffer in 2, flags in 3). */
    private static long stat(SyscallArgs a, int pathArg) {
        StatLayout guestLayout = a.process.abi.statLayout();
        int bufArg = pathArg < 0 ? 1 : 2;
        long guestBuf = a.arg(bufArg);
        a.checkGuest(guestBuf, guestLayout.size(), true);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment host = arena.allocate(StatLayout.X86_64.size(), 8);
            long r = pathArg < 0
                    ? HostLibc.syscall(HOST_FSTAT, a.arg(0), host.address(), 0, 0, 0, 0)
                    : HostLibc.syscall(HOST_NEWFSTATAT, a.arg(0), a.string(1), host.address(), a.arg(3), 0, 0);
            if (r < 0) return r;
            StatConversion.toGuest(host, StatLayout.X86_64, guestBuf, guestLayout, a.process.abi.frontendByteOrder());
            return r;
        }
    }

    /**
     * Terminal ioctls whose structures are the same on the guest and the host. Anything else is
     * refused: passing an unknown request's pointer to the host kernel could let it write
     * outside the guest's memory.
     */
    private static long ioctl(SyscallArgs a) {
        int req = a.intArg(1);
        long size = switch (req) {
            case 0x5401, 0x5402, 0x5403, 0x5404 -> 36; // TCGETS, TCSETS, TCSETSW, TCSETSF: struct termios
            case 0x5413, 0x5414 -> 8;                  // TIOCGWINSZ, TIOCSWINSZ: struct winsize
            case 0x540f, 0x5410, 0x541b, 0x5429 -> 4;  // TIOCGPGRP, TIOCSPGRP, FIONREAD, TIOCGSID
            case 0x5421 -> 4;                          // FIONBIO
            case 0x5451, 0x5450 -> 0;                  // FIOCLEX, FIONCLEX
            default -> -1;
        };
        if (size < 0) return -Errno.ENOTTY;
        boolean kernelWrites = req == 0x5401 || req == 0x5413 || req == 0x540f || req == 0x541b || req == 0x5429;
        long p = size == 0 ? 0 : a.buffer(2, size, kernelWrites);
        return HostLibc.syscall(HOST_IOCTL, a.arg(0), req, p, 0, 0, 0);
    }

    private static long fcntl(SyscallArgs a) {
        int cmd = a.intArg(1);
        return switch (cmd) {
            case 0, 1, 2, 3, 4, 8, 9, 1024, 1025, 1030, 1031, 1032, 1033, 1034 ->
                    HostLibc.syscall(HOST_FCNTL, a.arg(0), cmd, a.arg(2), 0, 0, 0);
            // struct flock: same 32-byte layout on 64-bit asm-generic and x86_64.
            case 5, 6, 7, 36, 37, 38 -> HostLibc.syscall(HOST_FCNTL, a.arg(0), cmd, a.buffer(2, 32, cmd == 5 || cmd == 36), 0, 0, 0);
            default -> -Errno.EINVAL;
        };
    }
}
