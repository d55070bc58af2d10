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

    /** Drops the TLB entries of the recorded ranges from {@code cpu}'s TLB; its own thread only. */
    void apply(CpuState cpu) {
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
            cpu.flushTlb();
            return;
        }
        if (EngineStats.ON) EngineStats.tlbRangeInvalidations.add(s.length);
        for (int i = 0; i < s.length; i++) {
            drop(cpu.tlbRead, s[i], e[i]);
            drop(cpu.tlbWrite, s[i], e[i]);
        }
    }

    /** Invalidates the entries whose page lies in [start, end). */
    private static void drop(long[] tlb, long start, long end) {
        long first = start & AddressSpace.PAGE_MASK;
        if ((end - first) >>> AddressSpace.PAGE_SHIFT < CpuState.TLB_SIZE) {
            // Fewer pages than slots: each page can only be in its own slot.
            for (long page = first; page < end; page += AddressSpace.PAGE_SIZE) {
                int i = CpuState.tlbSlot(page);
                if (tlb[i] == page) tlb[i] = CpuState.TLB_INVALID;
            }
            return;
        }
        // TLB_INVALID (-1) is below every page, so it is never in the range.
        for (int i = 0; i < tlb.length; i++) {
            if (tlb[i] >= first && tlb[i] < end) tlb[i] = CpuState.TLB_INVALID;
        }
    }
}
