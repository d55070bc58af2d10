package io.mimic.linuxuser.syscall;

import io.mimic.linuxuser.host.HostFiles;
import io.mimic.linuxuser.host.HostSyscalls;
import io.mimic.linuxuser.process.GuestProcess;
import io.mimic.syscalls.linux.Errno;
import io.mimic.translator.memory.AddressSpace;
import io.mimic.translator.memory.GuestAccess;
import io.mimic.translator.memory.HostReservation;
import io.mimic.translator.memory.Prot;

import java.lang.foreign.MemorySegment;

/** brk, mmap, munmap, mprotect, mremap, madvise over the guest address space. */
final class MemorySyscalls {
    static final int MAP_SHARED = 0x01, MAP_PRIVATE = 0x02, MAP_SHARED_VALIDATE = 0x03, MAP_FIXED = 0x10,
            MAP_ANONYMOUS = 0x20, MAP_FIXED_NOREPLACE = 0x100000;
    static final int MREMAP_MAYMOVE = 1, MREMAP_FIXED = 2;
    static final int MADV_DONTNEED = 4;
    /** The host's access modes in F_GETFL (the same on every Linux ABI). */
    private static final int O_WRONLY = 1, O_RDWR = 2;

    private static final int HOST_PREAD = HostSyscalls.number("pread64");

    private MemorySyscalls() {}

    static void register(SyscallRegistry r) {
        r.register("brk", locked(MemorySyscalls::brk));
        r.register("mmap", locked(MemorySyscalls::mmap));
        r.register("munmap", locked(MemorySyscalls::munmap));
        r.register("mprotect", locked(MemorySyscalls::mprotect));
        r.register("mremap", locked(MemorySyscalls::mremap));
        r.register("madvise", MemorySyscalls::madvise);
        r.register("msync", MemorySyscalls::msync);
        r.register("mincore", MemorySyscalls::mincore);
        // Locking guest pages: checked against the guest's mappings; the JVM's own memory is
        // never locked (mlockall would lock the whole 1 TiB reservation and the heap).
        r.register("mlock", a -> lockRange(a));
        r.register("munlock", a -> lockRange(a));
        r.register("mlock2", a -> (a.arg(2) & ~1L) != 0 ? -Errno.EINVAL : lockRange(a));
        r.register("mlockall", a -> (a.arg(0) & ~7L) != 0 || a.arg(0) == 0 ? -Errno.EINVAL : 0);
        r.register("munlockall", a -> 0);
    }

    /**
     * Runs a call that looks at the address space and then changes it (find a gap, then map it)
     * under the address space's lock, so that two threads never place mappings in the same gap.
     */
    private static SyscallHandler locked(SyscallHandler h) {
        return a -> {
            synchronized (a.process.memory) {
                return h.call(a);
            }
        };
    }

    private static long brk(SyscallArgs a) {
        GuestProcess p = a.process;
        long want = a.arg(0);
        if (want < p.brkStart) return p.brk;
        long oldTop = AddressSpace.pageUp(p.brk), newTop = AddressSpace.pageUp(want);
        if (newTop > oldTop) {
            if (newTop > p.mmapTop || !p.memory.isFree(oldTop, newTop - oldTop)) return p.brk;
            p.memory.map(oldTop, newTop - oldTop, Prot.READ | Prot.WRITE, "[heap]");
        } else if (newTop < oldTop) {
            p.memory.unmap(newTop, oldTop - newTop);
        }
        p.brk = want;
        return want;
    }

    private static long mmap(SyscallArgs a) {
        GuestProcess p = a.process;
        long addr = a.arg(0), len = a.arg(1), off = a.arg(5);
        int prot = a.intArg(2), flags = a.intArg(3), guestFd = a.intArg(4);
        int type = flags & 0x0f;
        if (len <= 0 || (off & ~AddressSpace.PAGE_MASK) != 0 || (prot & ~7) != 0
                || (type != MAP_SHARED && type != MAP_PRIVATE && type != MAP_SHARED_VALIDATE)) {
            return -Errno.EINVAL;
        }
        long size = AddressSpace.pageUp(len);
        if (size <= 0 || size > AddressSpace.LIMIT) return -Errno.ENOMEM;
        long at = place(p, addr, size, flags);
        if (at < 0) return at;
        boolean anonymous = (flags & MAP_ANONYMOUS) != 0;
        int fd = anonymous ? -1 : p.fds.host(guestFd);
        if (!anonymous && fd < 0) return -Errno.EBADF;
        AddressSpace.Backing backing = AddressSpace.Backing.ANONYMOUS;
        if (!anonymous) {
            HostFiles.FileId id = HostFiles.identify(fd);
            if (id == null) return -Errno.EBADF;
            long err = fileMappingError(fd, id, type, prot);
            if (err != 0) return err;
            backing = new AddressSpace.Backing(id.name(), off, id.device(), id.inode(), type != MAP_PRIVATE);
        }
        if ((flags & MAP_FIXED) != 0 && !p.memory.isFree(at, size)) p.memory.unmap(at, size);
        if (anonymous) {
            p.memory.map(at, size, prot, backing);
            return at;
        }
        if (type != MAP_PRIVATE) {
            long r = HostReservation.mapSharedFile(at, size, fd, off);
            if (r < 0) return r;
            p.memory.map(at, size, prot, backing);
            return at;
        }
        // Private file mapping: a private copy read from the file. The rest of the page holding
        // the end of the file reads as zero, as on Linux; whole pages past the end also read as
        // zero here, where Linux would raise SIGBUS on access.
        p.memory.map(at, size, prot, backing);
        long done = 0;
        while (done < size) {
            long n = HostSyscalls.call(HOST_PREAD, fd, HostReservation.hostAddress(at + done), size - done, off + done);
            if (n < 0) {
                p.memory.unmap(at, size);
                return n;
            }
            if (n == 0) break;
            done += n;
        }
        return at;
    }

    /**
     * The kernel's checks of the file behind a mapping (do_mmap): the file must be open for
     * reading, for writing too if a shared mapping may write it, and be something that can be
     * mapped (a regular file or a device; a directory, pipe or socket is ENODEV).
     */
    private static long fileMappingError(int fd, HostFiles.FileId id, int type, int prot) {
        long fl = HostFiles.statusFlags(fd);
        if (fl < 0) return fl;
        int access = (int) (fl & 3);
        if (type != MAP_PRIVATE && (prot & Prot.WRITE) != 0 && access != O_RDWR) return -Errno.EACCES;
        if (access == O_WRONLY) return -Errno.EACCES;
        int t = id.type();
        if (t != HostFiles.S_IFREG && t != HostFiles.S_IFCHR && t != HostFiles.S_IFBLK) return -Errno.ENODEV;
        return 0;
    }

    /** Chooses where a new mapping goes, as Linux does: the fixed address, the hint if free, else top-down. */
    private static long place(GuestProcess p, long addr, long size, int flags) {
        if ((flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) != 0) {
            if ((addr & ~AddressSpace.PAGE_MASK) != 0) return -Errno.EINVAL;
            if (addr + size > p.abi.taskSize() || addr < AddressSpace.PAGE_SIZE) return -Errno.ENOMEM;
            if ((flags & MAP_FIXED) == 0 && !p.memory.isFree(addr, size)) return -Errno.EEXIST;
            return addr;
        }
        long hint = AddressSpace.pageDown(addr);
        if (hint != 0 && hint + size <= p.mmapTop && p.memory.isFree(hint, size)) return hint;
        long at = p.memory.findFreeBelow(p.mmapTop, p.mmapBottom, size);
        return at < 0 ? -Errno.ENOMEM : at;
    }

    private static long munmap(SyscallArgs a) {
        long addr = a.arg(0), len = a.arg(1);
        if ((addr & ~AddressSpace.PAGE_MASK) != 0 || len <= 0 || addr + len > AddressSpace.LIMIT) return -Errno.EINVAL;
        a.process.memory.unmap(addr, AddressSpace.pageUp(len));
        return 0;
    }

    private static long mprotect(SyscallArgs a) {
        long addr = a.arg(0), len = a.arg(1);
        int prot = a.intArg(2);
        if ((addr & ~AddressSpace.PAGE_MASK) != 0 || (prot & ~7) != 0) return -Errno.EINVAL;
        if (len == 0) return 0;
        if (addr + len > AddressSpace.LIMIT) return -Errno.ENOMEM;
        return a.process.memory.protect(addr, AddressSpace.pageUp(len), prot) ? 0 : -Errno.ENOMEM;
    }

    private static long mremap(SyscallArgs a) {
        GuestProcess p = a.process;
        long old = a.arg(0), oldSize = AddressSpace.pageUp(a.arg(1)), newSize = AddressSpace.pageUp(a.arg(2));
        int flags = a.intArg(3);
        if ((old & ~AddressSpace.PAGE_MASK) != 0 || newSize == 0 || (flags & ~3) != 0) return -Errno.EINVAL;
        if ((flags & MREMAP_FIXED) != 0) return -Errno.EINVAL; // only with MAYMOVE and a target; not used by glibc's malloc
        int prot = p.memory.prot(old);
        if ((prot & Prot.MAPPED) == 0 || !p.memory.check(old, oldSize, 0)) return -Errno.EFAULT;
        prot &= 7;
        if (newSize <= oldSize) {
            if (newSize < oldSize) p.memory.unmap(old + newSize, oldSize - newSize);
            return old;
        }
        AddressSpace.Mapping was = p.memory.mappingAt(old);
        AddressSpace.Backing backing = was == null ? AddressSpace.Backing.ANONYMOUS : was.backing();
        if (p.memory.isFree(old + oldSize, newSize - oldSize) && old + newSize <= p.mmapTop) {
            p.memory.map(old + oldSize, newSize - oldSize, prot, backing.inode() == 0 ? backing
                    : new AddressSpace.Backing(backing.name(), backing.offset() + (old + oldSize - was.start()),
                            backing.device(), backing.inode(), backing.shared()));
            return old;
        }
        if ((flags & MREMAP_MAYMOVE) == 0) return -Errno.ENOMEM;
        long at = p.memory.findFreeBelow(p.mmapTop, p.mmapBottom, newSize);
        if (at < 0) return -Errno.ENOMEM;
        p.memory.map(at, newSize, prot, backing.inode() == 0 ? backing
                : new AddressSpace.Backing(backing.name(), backing.offset() + (old - was.start()),
                        backing.device(), backing.inode(), backing.shared()));
        MemorySegment m = GuestAccess.raw();
        MemorySegment.copy(m, old, m, at, oldSize);
        p.memory.unmap(old, oldSize);
        return at;
    }

    private static long madvise(SyscallArgs a) {
        long addr = a.arg(0), len = AddressSpace.pageUp(a.arg(1));
        if ((addr & ~AddressSpace.PAGE_MASK) != 0) return -Errno.EINVAL;
        if (a.intArg(2) == MADV_DONTNEED) {
            if (!a.process.memory.check(addr, len, 0)) return -Errno.ENOMEM;
            HostReservation.discard(addr, len);
        }
        return 0;
    }

    private static long msync(SyscallArgs a) {
        long addr = a.arg(0), len = AddressSpace.pageUp(a.arg(1));
        int flags = a.intArg(2);
        if ((addr & ~AddressSpace.PAGE_MASK) != 0 || (flags & ~7) != 0 || (flags & 5) == 5) return -Errno.EINVAL;
        if (len == 0) return 0;
        if (!a.process.memory.check(addr, len, 0)) return -Errno.ENOMEM;
        // Shared file mappings are host mappings at the same place: the host syncs them.
        return HostSyscalls.call(HostSyscalls.number("msync"), HostReservation.hostAddress(addr), len, flags);
    }

    private static long mincore(SyscallArgs a) {
        long addr = a.arg(0), len = a.arg(1);
        if ((addr & ~AddressSpace.PAGE_MASK) != 0) return -Errno.EINVAL;
        long pages = AddressSpace.pageUp(len) >>> AddressSpace.PAGE_SHIFT;
        if (len == 0) return 0;
        if (!a.process.memory.check(addr, AddressSpace.pageUp(len), 0)) return -Errno.ENOMEM;
        long vec = a.buffer(2, pages, true);
        if (vec == 0) return -Errno.EFAULT;
        return HostSyscalls.call(HostSyscalls.number("mincore"), HostReservation.hostAddress(addr), len, vec);
    }

    private static long lockRange(SyscallArgs a) {
        long addr = AddressSpace.pageDown(a.arg(0));
        long end = AddressSpace.pageUp(a.arg(0) + a.arg(1));
        if (end < addr) return -Errno.EINVAL;
        return a.process.memory.check(addr, end - addr, 0) ? 0 : -Errno.ENOMEM;
    }
}
