package io.mimic.linuxuser.syscall;

import io.mimic.linuxuser.host.HostLibc;
import io.mimic.linuxuser.host.HostSyscalls;
import io.mimic.syscalls.linux.Errno;
import io.mimic.syscalls.linux.LinuxArch;
import io.mimic.syscalls.linux.StructLayout;
import io.mimic.translator.memory.GuestAccess;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Files, directories, links, attributes and file systems. */
final class FileSyscalls {
    private static final int HOST_READLINKAT = HostSyscalls.number("readlinkat"), HOST_GETDENTS64 = HostSyscalls.number("getdents64");

    private FileSyscalls() {}

    static void register(SyscallRegistry r) {
        Passthrough openat = Passthrough.of("openat", "d p o i : fd");
        r.register("openat", a -> {
            long fd = GeneratedFiles.open(a, 1, a.arg(2));
            return fd != GeneratedFiles.NOT_GENERATED ? fd : openat.call(a);
        });
        r.register("openat2", FileSyscalls::openat2);
        r.register("getcwd", Passthrough.of("getcwd", "w1 i"));
        r.register("chdir", Passthrough.of("chdir", "h"));
        r.register("fchdir", Passthrough.of("fchdir", "f"));
        r.register("chroot", Passthrough.of("chroot", "h"));
        r.register("umask", Passthrough.of("umask", "i"));
        r.register("mkdirat", Passthrough.of("mkdirat", "d p i"));
        r.register("mknodat", Passthrough.of("mknodat", "d p i i"));
        r.register("unlinkat", Passthrough.of("unlinkat", "d p i"));
        r.register("symlinkat", Passthrough.of("symlinkat", "s d p"));
        r.register("linkat", Passthrough.of("linkat", "d p d p i"));
        r.register("renameat", Passthrough.of("renameat", "d p d p"));
        r.register("renameat2", Passthrough.of("renameat2", "d p d p i"));
        r.register("readlinkat", FileSyscalls::readlinkat);
        r.register("faccessat", Passthrough.of("faccessat", "d p i"));
        r.register("faccessat2", Passthrough.of("faccessat2", "d p i i"));
        r.register("fchmod", Passthrough.of("fchmod", "f i"));
        r.register("fchmodat", Passthrough.of("fchmodat", "d p i"));
        r.register("fchmodat2", Passthrough.of("fchmodat2", "d p i i"));
        r.register("fchown", Passthrough.of("fchown", "f i i"));
        r.register("fchownat", Passthrough.of("fchownat", "d p i i i"));
        r.register("utimensat", Passthrough.of("utimensat", "d p <timespec*2 i"));
        r.register("truncate", Passthrough.of("truncate", "p i"));
        r.register("ftruncate", Passthrough.of("ftruncate", "f i"));
        r.register("fallocate", Passthrough.of("fallocate", "f i i i"));
        r.register("fsync", Passthrough.of("fsync", "f"));
        r.register("fdatasync", Passthrough.of("fdatasync", "f"));
        r.register("sync", Passthrough.of("sync", ""));
        r.register("syncfs", Passthrough.of("syncfs", "f"));
        r.register("sync_file_range", Passthrough.of("sync_file_range", "f i i i"));
        r.register("fadvise64", Passthrough.of("fadvise64", "f i i i"));
        r.register("readahead", Passthrough.of("readahead", "f i i"));
        r.register("flock", Passthrough.of("flock", "f i"));
        r.register("getdents64", FileSyscalls::getdents64);
        r.register("fstat", Passthrough.of("fstat", "f >stat"));
        r.register("newfstatat", Passthrough.of("newfstatat", "d p >stat i"));
        r.register("statx", Passthrough.of("statx", "d p i i >statx"));
        r.register("statfs", Passthrough.of("statfs", "p >statfs"));
        r.register("fstatfs", Passthrough.of("fstatfs", "f >statfs"));
        // Extended attributes: names are strings, values bytes.
        r.register("setxattr", Passthrough.of("setxattr", "p s r3 i i"));
        r.register("lsetxattr", Passthrough.of("lsetxattr", "p s r3 i i"));
        r.register("fsetxattr", Passthrough.of("fsetxattr", "f s r3 i i"));
        r.register("getxattr", Passthrough.of("getxattr", "p s w3 i"));
        r.register("lgetxattr", Passthrough.of("lgetxattr", "p s w3 i"));
        r.register("fgetxattr", Passthrough.of("fgetxattr", "f s w3 i"));
        r.register("listxattr", Passthrough.of("listxattr", "p w2 i"));
        r.register("llistxattr", Passthrough.of("llistxattr", "p w2 i"));
        r.register("flistxattr", Passthrough.of("flistxattr", "f w2 i"));
        r.register("removexattr", Passthrough.of("removexattr", "p s"));
        r.register("lremovexattr", Passthrough.of("lremovexattr", "p s"));
        r.register("fremovexattr", Passthrough.of("fremovexattr", "f s"));
        // Mounting is the host's business; an unprivileged guest gets the host's EPERM.
        r.register("mount", Passthrough.of("mount", "s p s i s"));
        r.register("umount2", Passthrough.of("umount2", "p i"));
        r.register("pivot_root", Passthrough.of("pivot_root", "p p"));
        r.register("acct", Passthrough.of("acct", "p"));
    }

    /**
     * readlinkat: /proc/self/exe names the guest executable (GuestProcess.executablePath), not
     * the java binary; other names go to the host (with /proc/self/fd/N translated).
     */
    private static long readlinkat(SyscallArgs a) {
        long bufSize = a.arg(3);
        if ((int) bufSize <= 0) return -Errno.EINVAL;
        long pathPtr = a.arg(1);
        if (pathPtr == 0) return -Errno.EFAULT;
        String path = a.readString(pathPtr);
        if (GuestPaths.isProcExe(a, path)) {
            byte[] exe = GuestPaths.realExecutable(a).getBytes(StandardCharsets.UTF_8);
            int n = (int) Math.min(exe.length, bufSize);
            a.writeBytes(a.arg(2), exe, n);
            return n;
        }
        int dir = a.dirFd(0);
        long hostPath = a.path(1);
        long buf = a.buffer(2, bufSize, true);
        return HostLibc.syscall(HOST_READLINKAT, dir, hostPath, buf, bufSize, 0, 0);
    }

    /** openat2: struct open_how carries the flags, translated as openat's are. */
    private static long openat2(SyscallArgs a) {
        long size = a.arg(3);
        StructLayout how = a.arch().struct("open_how");
        if (size < how.size()) return -Errno.EINVAL;
        a.checkGuest(a.arg(2), size, false);
        ByteOrder order = a.order();
        MemorySegment m = GuestAccess.raw();
        long guestHow = a.arg(2);
        // Bytes past the structure this build knows must be zero (the kernel's rule for extensible structs).
        for (long i = how.size(); i < size; i++) if (m.get(java.lang.foreign.ValueLayout.JAVA_BYTE, guestHow + i) != 0) return -Errno.E2BIG;
        long flags = StructConverter.field(m, guestHow, how, "flags", order);
        long mode = StructConverter.field(m, guestHow, how, "mode", order);
        long resolve = StructConverter.field(m, guestHow, how, "resolve", order);
        LinuxArch arch = a.arch();
        if ((flags & ~arch.openFlags().knownBits()) != 0) return -Errno.EINVAL;
        long generated = GeneratedFiles.open(a, 1, flags);
        if (generated != GeneratedFiles.NOT_GENERATED) return generated;
        boolean cloexec = (flags & arch.openFlags().value("O_CLOEXEC")) != 0;
        StructLayout hh = LinuxArch.host().struct("open_how");
        MemorySegment host = a.arena().allocate(hh.size(), 8);
        ByteOrder ho = LinuxArch.host().byteOrder();
        StructConverter.setField(host, 0, hh, "flags", Passthrough.openFlagsToHost(arch, flags) | Passthrough.HOST_O_CLOEXEC, ho);
        StructConverter.setField(host, 0, hh, "mode", mode, ho);
        StructConverter.setField(host, 0, hh, "resolve", resolve, ho);
        long r = HostLibc.syscall(HostSyscalls.number("openat2"), a.dirFd(0), a.path(1), host.address(), hh.size(), 0, 0);
        return r < 0 ? r : Passthrough.newFd(a, (int) r, cloexec);
    }

    /**
     * getdents64: struct linux_dirent64 is the same on every ABI but for byte order; a guest of
     * the other order gets its integer fields swapped in place.
     */
    private static long getdents64(SyscallArgs a) {
        int h = a.fd(0);
        long count = a.arg(2) & 0xffffffffL;
        long buf = a.buffer(1, count, true);
        long r = HostLibc.syscall(HOST_GETDENTS64, h, buf, count, 0, 0, 0);
        if (r <= 0 || a.order() == LinuxArch.host().byteOrder()) return r;
        StructLayout d = LinuxArch.host().struct("dirent64");
        MemorySegment m = GuestAccess.raw();
        long p = a.arg(1), end = p + r;
        ByteOrder ho = LinuxArch.host().byteOrder();
        while (p < end) {
            int reclen = (int) StructConverter.field(m, p, d, "reclen", ho);
            for (String f : new String[] {"ino", "off", "reclen"}) {
                StructLayout.Field fl = d.field(f);
                long v = StructConverter.get(m, p + fl.offset(), fl.width(), fl.signed(), ho);
                StructConverter.put(m, p + fl.offset(), fl.width(), v, a.order());
            }
            if (reclen <= 0) break;
            p += reclen;
        }
        return r;
    }
}
