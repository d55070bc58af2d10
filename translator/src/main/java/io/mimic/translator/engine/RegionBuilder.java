package io.mimic.translator.engine;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongPredicate;

/**
 * Chooses the guest instructions of one translated unit: everything reachable from the entry
 * through fall-through and fixed branch/jump targets, up to a size cap. Loops whose back-edge
 * lands inside the region become JVM loops. Indirect jumps, system calls and traps end a path.
 *
 * <p>A path also ends where another unit already starts, unless that instruction is on a loop
 * the region holds whole. Without that rule a loop longer than the cap drifts: the unit entered
 * at the first cut runs on around the loop to a cut of its own, a third unit starts there, and
 * so on, each a copy of most of the loop for the JIT to compile (riscv64 cpu_mix's n-body loop
 * was in seven units, each 70-140 ms of C2). The exception keeps a loop whole in the unit that
 * can hold it even when a unit made earlier starts inside it (sha256's rounds loop, entered
 * first through a cut). Both rules together: riscv64 coremark -19%, nbody -18%, xz -6 -29%
 * (docs/PERFORMANCE.md).
 */
final class RegionBuilder {
    private RegionBuilder() {}

    /**
     * A unit's instructions (pc -> instruction, ascending) and, for those on a loop the region
     * holds whole, the number of instructions of that loop ({@link RegionLoops}).
     */
    record Region(TreeMap<Long, DecodedInsn> insns, Map<Long, Integer> loopSizes) {
        /** The instructions on loops of more than {@code n} instructions. */
        Set<Long> pcsOnLoopsLongerThan(int n) {
            Set<Long> pcs = new HashSet<>();
            loopSizes.forEach((pc, size) -> { if (size > n) pcs.add(pc); });
            return pcs;
        }
    }

    /**
     * The entry always decodes (or its fetch fault is thrown). {@code unitStartsAt} tells where
     * units already start.
     */
    static Region build(Frontend frontend, CpuState cpu, long entry, int maxInsns, LongPredicate unitStartsAt) {
        Map<Long, DecodedInsn> decoded = new HashMap<>();
        TreeMap<Long, DecodedInsn> unbounded = explore(frontend, cpu, entry, maxInsns, pc -> false, decoded);
        Map<Long, Integer> loops = RegionLoops.loopSizes(unbounded);
        LongPredicate stop = pc -> unitStartsAt.test(pc) && !loops.containsKey(pc);
        boolean cut = false;
        for (long pc : unbounded.keySet()) cut |= pc != entry && stop.test(pc);
        if (!cut) return new Region(unbounded, loops);
        TreeMap<Long, DecodedInsn> region = explore(frontend, cpu, entry, maxInsns, stop, decoded);
        return new Region(region, RegionLoops.loopSizes(region));
    }

    /** A breadth-first walk from the entry that does not go past pcs {@code stopAt} accepts. */
    private static TreeMap<Long, DecodedInsn> explore(Frontend frontend, CpuState cpu, long entry, int maxInsns,
                                                      LongPredicate stopAt, Map<Long, DecodedInsn> decoded) {
        TreeMap<Long, DecodedInsn> region = new TreeMap<>();
        ArrayDeque<Long> work = new ArrayDeque<>();
        DecodedInsn first = decoded.computeIfAbsent(entry, pc -> frontend.decode(cpu, pc));
        region.put(entry, first);
        enqueueSuccessors(first, work);
        while (!work.isEmpty() && region.size() < maxInsns) {
            long pc = work.removeFirst();
            if (region.containsKey(pc) || overlaps(region, pc) || stopAt.test(pc)) continue;
            DecodedInsn insn = decoded.get(pc);
            if (insn == null) {
                try {
                    insn = frontend.decode(cpu, pc);
                } catch (GuestFault unfetchable) {
                    continue; // leave it as an exit; the fault is raised if execution gets there
                }
                decoded.put(pc, insn);
            }
            if (overlapsNext(region, insn)) continue;
            region.put(pc, insn);
            enqueueSuccessors(insn, work);
        }
        return region;
    }

    private static void enqueueSuccessors(DecodedInsn insn, ArrayDeque<Long> work) {
        for (long next : insn.fixedSuccessors()) follow(insn, next, work);
    }

    /**
     * A backward target goes to the front of the queue: a loop's back-edge is followed before the
     * paths that leave the loop, so that a loop that fits in the cap is held whole (sha256's rounds
     * loop otherwise ran as two units, its exit path taking the cap's last places breadth-first).
     */
    private static void follow(DecodedInsn insn, long next, ArrayDeque<Long> work) {
        if (next <= insn.pc) work.addFirst(next);
        else work.addLast(next);
    }

    /** An instruction starting inside another one already in the region (odd, but guests do it). */
    private static boolean overlaps(TreeMap<Long, DecodedInsn> region, long pc) {
        var below = region.lowerEntry(pc);
        return below != null && below.getValue().nextPc() > pc;
    }

    private static boolean overlapsNext(TreeMap<Long, DecodedInsn> region, DecodedInsn insn) {
        Long above = region.higherKey(insn.pc);
        return above != null && above < insn.nextPc();
    }
}
