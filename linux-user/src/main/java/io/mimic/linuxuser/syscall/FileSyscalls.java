package io.mimic.linuxuser.syscall;

import io.mimic.linuxuser.host.HostSyscalls;
import io.mimic.syscalls.linux.Errno;
import io.mimic.syscalls.linux.LinuxArch;
import io.mimic.syscalls.linux.StructLayout;
import io.mimic.translator.memory.GuestAccess;
import io.mimic.translator.memory.HostSyscall;

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
        r.passthrough("getcwd", "w1 i");
        r.passthrough("chdir", "h");
        r.passthrough("fchdir", "f");
        r.passthrough("chroot", "h");
        r.passthrough("umask", "i");
        r.passthrough("mkdirat", "d p i");
        r.passthrough("mknodat", "d p i i");
        r.passthrough("unlinkat", "d p i");
        r.passthrough("symlinkat", "s d p");
        r.passthrough("linkat", "d p d p i");
        r.passthrough("renameat", "d p d p");
        r.passthrough("renameat2", "d p d p i");
        r.register("readlinkat", FileSyscalls::readlinkat);
        r.passthrough("faccessat", "d p i");
        r.passthrough("faccessat2", "d p i i");
        r.passthrough("fchmod", "f i");
        r.passthrough("fchmodat", "d p i");
        r.passthrough("fchmodat2", "d p i i");
        r.passthrough("fchown", "f i i");
        r.passthrough("fchownat", "d p i i i");
        r.passthrough("utimensat", "d p <timespec*2 i");
        r.passthrough("truncate", "p i");
        r.passthrough("ftruncate", "f i");
        r.passthrough("fallocate", "f i i i");
        r.passthrough("fsync", "f");
        r.passthrough("fdatasync", "f");
        r.passthrough("sync", "");
        r.passthrough("syncfs", "f");
        r.passthrough("sync_file_range", "f i i i");
        r.passthrough("fadvise64", "f i i i");
        r.passthrough("readahead", "f i i");
        r.passthrough("flock", "f i");
        r.register("getdents64", FileSyscalls::getdents64);
        r.passthrough("fstat", "f >stat");
        r.passthrough("newfstatat", "d p >stat i");
        r.passthrough("statx", "d p i i >statx");
        r.passthrough("statfs", "p >statfs");
        r.passthrough("fstatfs", "f >statfs");
        // Extended attributes: names are strings, values bytes.
        r.passthrough("setxattr", "p s r3 i i");
        r.passthrough("lsetxattr", "p s r3 i i");
        r.passthrough("fsetxattr", "f s r3 i i");
        r.passthrough("getxattr", "p s w3 i");
        r.passthrough("lgetxattr", "p s w3 i");
        r.passthrough("fgetxattr", "f s w3 i");
        r.passthrough("listxattr", "p w2 i");
        r.passthrough("llistxattr", "p w2 i");
        r.passthrough("flistxattr", "f w2 i");
        r.passthrough("removexattr", "p s");
        r.passthrough("lremovexattr", "p s");
        r.passthrough("fremovexattr", "f s");
        // Mounting is the host's business; an unprivileged guest gets the host's EPERM.
        r.passthrough("mount", "s p s i s");
        r.passthrough("umount2", "p i");
        r.passthrough("pivot_root", "p p");
        r.passthrough("acct", "p");
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
        return HostSyscall.call(HOST_READLINKAT, dir, hostPath, buf, bufSize, 0, 0);
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
        long r = HostSyscall.call(HostSyscalls.number("openat2"), a.dirFd(0), a.path(1), host.address(), hh.size(), 0, 0);
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
        long r = HostSyscall.call(HOST_GETDENTS64, h, buf, count, 0, 0, 0);
        if (r > 0 && TaskDirectory.is(a.process, h, a.arg(1), r, a.arena())) {
            // Only the guest's threads; a batch of the JVM's alone must not read as the end.
            while (r > 0 && (r = TaskDirectory.keepGuestThreads(a.process, a.arg(1), r)) == 0) {
                r = HostSyscall.call(HOST_GETDENTS64, h, buf, count, 0, 0, 0);
            }
        }
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
