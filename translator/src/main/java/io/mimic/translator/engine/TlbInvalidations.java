package io.mimic.translator.engine;

import io.mimic.translator.memory.AddressSpace;

import java.util.Arrays;

/**
 * The address ranges whose mappings changed since a CPU's TLB last caught up. Any thread may
 * add a range (the one that unmaps or protects memory); only the CPU's own thread applies them
 * to its TLB, at a safe point, so no refill races with an invalidation: a refill that read the
 * page table before a change is undone by the range that the change recorded afterwards.
 *
 * Only the entries inside a changed range are dropped: a program's munmaps are mostly of heap
 * memory it no longer uses, and a full flush made every page it still uses miss again (lua5.4's
 * benchmark: 46,000 refills after 63 full flushes, 31,700 with ranges).
 */
final class TlbInvalidations {
    /** Ranges kept before giving up and flushing everything. */
    private static final int MAX_RANGES = 16;

    private final long[] starts = new long[MAX_RANGES], ends = new long[MAX_RANGES];
    private int count;
    private boolean all;

    /** Records that [start, start + length) changed; called from any thread. */
    synchronized void add(long start, long length) {
        if (count == MAX_RANGES) {
            all = true;
        } else {
            starts[count] = start;
            ends[count] = start + length;
            count++;
        }
    }

    /** Drops the TLB entries of the recorded ranges from {@code read} and {@code write}; owner thread only. */
    void apply(long[] read, long[] write) {
        long[] s, e;
        boolean flushAll;
        synchronized (this) {
            if (count == 0 && !all) return;
            flushAll = all;
            s = Arrays.copyOf(starts, count);
            e = Arrays.copyOf(ends, count);
            count = 0;
            all = false;
        }
        if (flushAll) {
            if (EngineStats.ON) EngineStats.tlbFlushes.increment();
            Arrays.fill(read, CpuState.TLB_INVALID);
            Arrays.fill(write, CpuState.TLB_INVALID);
            return;
        }
        if (EngineStats.ON) EngineStats.tlbRangeInvalidations.add(s.length);
        for (int i = 0; i < s.length; i++) {
            drop(read, s[i], e[i]);
            drop(write, s[i], e[i]);
        }
    }

    /** Invalidates the entries whose page lies in [start, end). */
    private static void drop(long[] tlb, long start, long end) {
        long first = start & AddressSpace.PAGE_MASK;
        if ((end - first) >>> AddressSpace.PAGE_SHIFT < tlb.length) {
            // Fewer pages than slots: each page can only be in its own slot.
            for (long page = first; page < end; page += AddressSpace.PAGE_SIZE) {
                int i = (int) (page >>> AddressSpace.PAGE_SHIFT) & (tlb.length - 1);
                if (tlb[i] == page) tlb[i] = CpuState.TLB_INVALID;
            }
            return;
        }
        for (int i = 0; i < tlb.length; i++) {
            long tag = tlb[i];
            if (tag != CpuState.TLB_INVALID && tag >= first && tag < end) tlb[i] = CpuState.TLB_INVALID;
        }
    }
}
