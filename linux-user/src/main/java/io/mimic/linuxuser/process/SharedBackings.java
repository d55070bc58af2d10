package io.mimic.linuxuser.process;

import io.mimic.linuxuser.host.HostFds;
import io.mimic.linuxuser.host.HostSyscalls;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.HashMap;
import java.util.Map;

/**
 * Host fds of the files behind the guest's MAP_SHARED mappings (a memfd for anonymous ones),
 * keyed by the file's device and inode, so fork can hand the child the same files to map: the
 * host kernel's own mapping list (/proc/self/maps) says which guest ranges are shared and with
 * which file, this table gives an fd for it. Unmapping needs no bookkeeping here; fds whose file
 * is no longer mapped are closed by {@link #retainOnly}.
 */
public final class SharedBackings {
    private static final int FSTAT = HostSyscalls.number("fstat");
    private final Map<FileId, Integer> fds = new HashMap<>();

    /** A file as /proc/self/maps names it: device major, minor, inode. */
    public record FileId(long major, long minor, long inode) {}

    /** Keeps a duplicate of {@code hostFd}, whose file is now mapped shared in the guest. */
    public synchronized void add(int hostFd) {
        FileId id = identify(hostFd);
        if (id == null || fds.containsKey(id)) return;
        int dup = HostFds.dup(hostFd);
        if (dup >= 0) fds.put(id, dup);
    }

    /** The kept fd of a mapped file, or -1. */
    public synchronized int fd(FileId id) {
        Integer fd = fds.get(id);
        return fd == null ? -1 : fd;
    }

    /** Closes the fds of files that are no longer mapped. */
    public synchronized void retainOnly(java.util.Set<FileId> mapped) {
        fds.entrySet().removeIf(e -> {
            if (mapped.contains(e.getKey())) return false;
            HostFds.close(e.getValue());
            return true;
        });
    }

    /** Forgets and closes everything (execve drops every mapping). */
    public synchronized void clear() {
        retainOnly(java.util.Set.of());
    }

    private static FileId identify(int hostFd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment st = arena.allocate(144, 8);
            if (HostSyscalls.call(FSTAT, hostFd, st.address()) < 0) return null;
            long dev = st.get(ValueLayout.JAVA_LONG, 0), ino = st.get(ValueLayout.JAVA_LONG, 8);
            long major = ((dev >>> 8) & 0xfff) | ((dev >>> 32) & ~0xfffL);
            long minor = (dev & 0xff) | ((dev >>> 12) & ~0xffL);
            return new FileId(major, minor, ino);
        }
    }
}
