package io.mimic.linuxuser.fork;

import io.mimic.linuxuser.host.HostSyscalls;
import io.mimic.linuxuser.process.SharedBackings;
import io.mimic.translator.memory.AddressSpace;
import io.mimic.translator.memory.HostReservation;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What of the guest's memory a fork must copy, asked of the host kernel: which pages of the
 * reservation were ever touched (/proc/self/pagemap: present or swapped; a page never touched
 * reads as zero in the child too, so it is not sent), and which guest ranges are host MAP_SHARED
 * mappings (/proc/self/maps), which the child maps from the same file instead of copying.
 */
final class MemoryImage {
    private static final int OPENAT = HostSyscalls.number("openat"), PREAD = HostSyscalls.number("pread64"),
            CLOSE = HostSyscalls.number("close");
    private static final int AT_FDCWD = -100, O_RDONLY_CLOEXEC = 0x80000;
    private static final long PRESENT = 1L << 63, SWAPPED = 1L << 62;
    /** Pagemap entries read per call (8 bytes each). */
    private static final int BATCH = 4096;

    /** A shared guest range and the file behind it. */
    record Shared(long start, long end, long offset, SharedBackings.FileId file) {}

    private MemoryImage() {}

    /** The guest ranges that are host shared mappings, from /proc/self/maps. */
    static List<Shared> sharedRanges() throws IOException {
        long base = HostReservation.hostAddress(0);
        List<Shared> out = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("/proc/self/maps"), StandardCharsets.ISO_8859_1)) {
            // start-end perms offset major:minor inode [path]
            String[] f = line.split("\\s+", 7);
            if (f.length < 5 || f[1].length() < 4 || f[1].charAt(3) != 's') continue;
            int dash = f[0].indexOf('-');
            long start = Long.parseUnsignedLong(f[0], 0, dash, 16), end = Long.parseUnsignedLong(f[0], dash + 1, f[0].length(), 16);
            if (Long.compareUnsigned(start, base) < 0 || Long.compareUnsigned(end, base + HostReservation.SIZE) > 0) continue;
            int colon = f[3].indexOf(':');
            SharedBackings.FileId id = new SharedBackings.FileId(Long.parseLong(f[3], 0, colon, 16),
                    Long.parseLong(f[3], colon + 1, f[3].length(), 16), Long.parseLong(f[4]));
            out.add(new Shared(start - base, end - base, Long.parseUnsignedLong(f[2], 16), id));
        }
        return out;
    }

    /** Appends to {@code runs} (start, length pairs) the touched pages of [start, end). */
    static void touchedRuns(long start, long end, List<long[]> runs) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            long fd = HostSyscalls.call(OPENAT, AT_FDCWD, arena.allocateFrom("/proc/self/pagemap").address(), O_RDONLY_CLOEXEC);
            if (fd < 0) {
                runs.add(new long[] {start, end - start}); // no pagemap: send everything
                return;
            }
            try {
                MemorySegment buf = arena.allocate(8L * BATCH, 8);
                long runStart = -1;
                long page = start;
                while (page < end) {
                    int n = (int) Math.min(BATCH, (end - page) >>> AddressSpace.PAGE_SHIFT);
                    long hostPage = HostReservation.hostAddress(page) >>> AddressSpace.PAGE_SHIFT;
                    long got = HostSyscalls.call(PREAD, fd, buf.address(), 8L * n, hostPage * 8);
                    if (got != 8L * n) throw new IOException("pagemap: " + got);
                    for (int i = 0; i < n; i++, page += AddressSpace.PAGE_SIZE) {
                        boolean touched = (buf.getAtIndex(ValueLayout.JAVA_LONG, i) & (PRESENT | SWAPPED)) != 0;
                        if (touched && runStart < 0) runStart = page;
                        if (!touched && runStart >= 0) {
                            runs.add(new long[] {runStart, page - runStart});
                            runStart = -1;
                        }
                    }
                }
                if (runStart >= 0) runs.add(new long[] {runStart, end - runStart});
            } finally {
                HostSyscalls.call(CLOSE, fd);
            }
        }
    }
}
