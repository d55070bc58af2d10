package io.mimic.linuxuser.proc;

import io.mimic.linuxuser.host.HostSyscalls;
import io.mimic.linuxuser.process.GuestProcess;
import io.mimic.linuxuser.process.ImageLayout;
import io.mimic.translator.memory.AddressSpace;
import io.mimic.translator.memory.HostReservation;
import io.mimic.translator.memory.Prot;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The guest's memory as Linux's mm accounting counts it (/proc/self/stat and status), from the
 * guest's own mappings only, never the JVM's: sizes in bytes, resident pages as the host holds
 * them (mincore over each mapping).
 *
 * @param size     every mapping (VmSize)
 * @param data     private writable mappings other than the stack (VmData)
 * @param stack    the [stack] mapping (VmStk)
 * @param code     the executable's code range, start_code to end_code (VmExe)
 * @param libCode  executable mappings beyond that (VmLib)
 * @param residentAnon   resident pages of private anonymous mappings (RssAnon), in bytes
 * @param residentFile   resident pages of file mappings (RssFile)
 * @param residentShared resident pages of shared anonymous mappings (RssShmem)
 */
record MemoryUsage(long size, long data, long stack, long code, long libCode, long residentAnon, long residentFile,
                   long residentShared) {
    private static final int MINCORE = HostSyscalls.number("mincore");

    long resident() {
        return residentAnon + residentFile + residentShared;
    }

    static MemoryUsage of(GuestProcess p) {
        long size = 0, data = 0, stack = 0, exec = 0, anon = 0, file = 0, shared = 0;
        try (Arena arena = Arena.ofConfined()) {
            for (AddressSpace.Mapping m : p.memory.mappings()) {
                long len = m.end() - m.start();
                size += len;
                boolean isStack = m.name().equals("[stack]"), write = (m.prot() & Prot.WRITE) != 0;
                if (isStack) stack += len;
                else if (write && !m.backing().shared()) data += len;
                if ((m.prot() & Prot.EXEC) != 0 && !write && !isStack) exec += len;
                long pages = residentPages(arena, m);
                if (m.backing().inode() != 0) file += pages;
                else if (m.backing().shared()) shared += pages;
                else anon += pages;
            }
        }
        ImageLayout img = p.image;
        long code = img == null ? 0 : AddressSpace.pageUp(img.endCode()) - AddressSpace.pageDown(img.startCode());
        return new MemoryUsage(size, data, stack, code, Math.max(0, exec - code), anon << AddressSpace.PAGE_SHIFT,
                file << AddressSpace.PAGE_SHIFT, shared << AddressSpace.PAGE_SHIFT);
    }

    private static long residentPages(Arena arena, AddressSpace.Mapping m) {
        long n = (m.end() - m.start()) >>> AddressSpace.PAGE_SHIFT;
        MemorySegment vec = arena.allocate(n);
        if (HostSyscalls.call(MINCORE, HostReservation.hostAddress(m.start()), m.end() - m.start(), vec.address()) < 0) return 0;
        long pages = 0;
        for (long i = 0; i < n; i++) pages += vec.get(ValueLayout.JAVA_BYTE, i) & 1;
        return pages;
    }
}
