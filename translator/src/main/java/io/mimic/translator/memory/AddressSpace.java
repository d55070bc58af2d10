package io.mimic.translator.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The guest's virtual address space: which pages are mapped and with what permissions. The
 * bytes themselves live in {@link HostReservation#SPACE}. Permissions are kept per page in a
 * two-level table (fast lookups on TLB misses) and as a sorted map of mapped ranges (finding
 * free gaps for mmap, printing /proc/self/maps).
 */
public final class AddressSpace {
    public static final int PAGE_SHIFT = 12;
    public static final long PAGE_SIZE = 1L << PAGE_SHIFT;
    public static final long PAGE_MASK = ~(PAGE_SIZE - 1);
    public static final long LIMIT = HostReservation.SIZE;

    private static final int L2_BITS = 16;
    private final byte[][] pageProt = new byte[(int) (LIMIT >>> (PAGE_SHIFT + L2_BITS))][];

    /** start -> end (exclusive) of every mapped range, merged or not; used for gaps and /proc maps. */
    private final TreeMap<Long, Mapping> mappings = new TreeMap<>();

    /** Bytes mapped now, and the most ever mapped at once (/proc/self/status: VmSize, VmPeak). */
    private long mappedBytes, peakMappedBytes;

    /** Everything that caches permissions (TLBs) or derived data (translated code) about pages. */
    private final List<ChangeListener> listeners = new CopyOnWriteArrayList<>();

    /** A mapped range with its permissions and what backs it, as /proc/self/maps shows it. */
    public record Mapping(long start, long end, int prot, Backing backing) {
        public String name() {
            return backing.name();
        }
    }

    /**
     * What a mapping shows besides its range and permissions: the file it was mapped from (name,
     * offset of the range's first byte in the file, device and inode numbers) or, for anonymous
     * memory, an optional label such as "[stack]" with zero offset, device and inode. The
     * operating-system layer fills it in; the address space only keeps it and splits it.
     */
    public record Backing(String name, long offset, long device, long inode, boolean shared) {
        public static final Backing ANONYMOUS = new Backing("", 0, 0, 0, false);

        public static Backing anonymous(String label) {
            return label.isEmpty() ? ANONYMOUS : new Backing(label, 0, 0, 0, false);
        }

        /** The same backing for a range starting {@code delta} bytes further in. */
        Backing advancedBy(long delta) {
            return inode == 0 && device == 0 && offset == 0 ? this : new Backing(name, offset + delta, device, inode, shared);
        }
    }

    /** Told when permissions of a range shrink or its contents are replaced. */
    public interface ChangeListener {
        void rangeChanged(long start, long length);
    }

    public void addListener(ChangeListener l) { listeners.add(l); }
    public void removeListener(ChangeListener l) { listeners.remove(l); }

    public static long pageDown(long a) { return a & PAGE_MASK; }
    public static long pageUp(long a) { return (a + PAGE_SIZE - 1) & PAGE_MASK; }

    /** Permissions of the page holding {@code addr}, or 0 if unmapped. */
    public int prot(long addr) {
        if (addr < 0 || addr >= LIMIT) return 0;
        long page = addr >>> PAGE_SHIFT;
        byte[] l2 = pageProt[(int) (page >>> L2_BITS)];
        return l2 == null ? 0 : l2[(int) (page & ((1 << L2_BITS) - 1))];
    }

    /** True if every byte of [addr, addr+len) is mapped with all bits of {@code need}. */
    public boolean check(long addr, long len, int need) {
        if (len == 0) return true;
        if (addr < 0 || len < 0 || addr + len > LIMIT || addr + len < addr) return false;
        for (long p = pageDown(addr); p < addr + len; p += PAGE_SIZE) {
            int pr = prot(p);
            if ((pr & Prot.MAPPED) == 0 || (effective(pr) & need) != need) return false;
        }
        return true;
    }

    /** Write access implies read access, as on every Linux port we emulate. */
    private static int effective(int prot) {
        return (prot & Prot.WRITE) != 0 ? prot | Prot.READ : prot;
    }

    /** Maps [start, start+len) (page aligned) with {@code prot}, replacing what was there. */
    public void map(long start, long len, int prot, String name) {
        map(start, len, prot, Backing.anonymous(name));
    }

    /** Maps [start, start+len) (page aligned) with {@code prot} and the given backing, replacing what was there. */
    public synchronized void map(long start, long len, int prot, Backing backing) {
        checkRange(start, len);
        removeRange(start, start + len);
        mappings.put(start, new Mapping(start, start + len, prot, backing));
        mappedBytes += len;
        peakMappedBytes = Math.max(peakMappedBytes, mappedBytes);
        setProt(start, len, prot | Prot.MAPPED);
        notifyChanged(start, len);
    }

    /** Unmaps the range and gives its pages back to the host (they read as zero if mapped again). */
    public synchronized void unmap(long start, long len) {
        checkRange(start, len);
        removeRange(start, start + len);
        setProt(start, len, 0);
        HostReservation.discard(start, len);
        notifyChanged(start, len);
    }

    /** Changes permissions of mapped pages in the range; returns false if part of it is unmapped. */
    public synchronized boolean protect(long start, long len, int prot) {
        checkRange(start, len);
        for (long p = start; p < start + len; p += PAGE_SIZE) {
            if ((prot(p) & Prot.MAPPED) == 0) return false;
        }
        List<Mapping> parts = splitOut(start, start + len);
        for (Mapping m : parts) mappings.put(m.start(), new Mapping(m.start(), m.end(), prot, m.backing()));
        setProt(start, len, prot | Prot.MAPPED);
        notifyChanged(start, len);
        return true;
    }

    public synchronized boolean isFree(long start, long len) {
        if (start < 0 || start + len > LIMIT || len <= 0) return false;
        Map.Entry<Long, Mapping> below = mappings.lowerEntry(start + len);
        return below == null || below.getValue().end() <= start;
    }

    /**
     * Finds a free gap of {@code len} bytes, searching downward from {@code top} (exclusive) to
     * {@code bottom}, the way Linux places mmap regions below the stack. Returns -1 if none.
     */
    public synchronized long findFreeBelow(long top, long bottom, long len) {
        long candidateEnd = pageDown(top);
        while (candidateEnd - len >= bottom) {
            long start = candidateEnd - len;
            Map.Entry<Long, Mapping> below = mappings.lowerEntry(candidateEnd);
            if (below == null || below.getValue().end() <= start) return start;
            candidateEnd = below.getValue().start();
        }
        return -1;
    }

    /** The mapping that holds {@code addr}, or null. */
    public synchronized Mapping mappingAt(long addr) {
        Map.Entry<Long, Mapping> e = mappings.floorEntry(addr);
        return e != null && e.getValue().end() > addr ? e.getValue() : null;
    }

    /** The most bytes ever mapped at once in this address space (Linux's VmPeak). */
    public synchronized long peakMappedBytes() {
        return peakMappedBytes;
    }

    public synchronized List<Mapping> mappings() {
        return new ArrayList<>(mappings.values());
    }

    /** Removes everything (used when a process image is replaced by execve, and by tests). */
    public synchronized void clear() {
        for (Mapping m : new ArrayList<>(mappings.values())) unmap(m.start(), m.end() - m.start());
    }

    private void checkRange(long start, long len) {
        if ((start & ~PAGE_MASK) != 0 || (len & ~PAGE_MASK) != 0 || start < 0 || len < 0 || start + len > LIMIT) {
            throw new IllegalArgumentException("bad guest range " + Long.toHexString(start) + "+" + Long.toHexString(len));
        }
    }

    private void removeRange(long start, long end) {
        for (Mapping m : splitOut(start, end)) {
            mappings.remove(m.start());
            mappedBytes -= m.end() - m.start();
        }
    }

    /** Splits mappings at start and end so that the range is covered by whole entries; returns those. */
    private List<Mapping> splitOut(long start, long end) {
        Map.Entry<Long, Mapping> e = mappings.lowerEntry(start);
        if (e != null && e.getValue().end() > start) {
            Mapping m = e.getValue();
            mappings.put(m.start(), new Mapping(m.start(), start, m.prot(), m.backing()));
            mappings.put(start, new Mapping(start, m.end(), m.prot(), m.backing().advancedBy(start - m.start())));
        }
        e = mappings.lowerEntry(end);
        if (e != null && e.getValue().end() > end) {
            Mapping m = e.getValue();
            mappings.put(m.start(), new Mapping(m.start(), end, m.prot(), m.backing()));
            mappings.put(end, new Mapping(end, m.end(), m.prot(), m.backing().advancedBy(end - m.start())));
        }
        return new ArrayList<>(mappings.subMap(start, true, end, false).values());
    }

    private void setProt(long start, long len, int prot) {
        for (long p = start >>> PAGE_SHIFT; p < (start + len) >>> PAGE_SHIFT; p++) {
            int l1 = (int) (p >>> L2_BITS);
            byte[] l2 = pageProt[l1];
            if (l2 == null) {
                if (prot == 0) continue;
                l2 = pageProt[l1] = new byte[1 << L2_BITS];
            }
            l2[(int) (p & ((1 << L2_BITS) - 1))] = (byte) prot;
        }
    }

    private void notifyChanged(long start, long len) {
        for (ChangeListener l : listeners) l.rangeChanged(start, len);
    }
}
