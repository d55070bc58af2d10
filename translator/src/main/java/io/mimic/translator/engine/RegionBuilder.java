package io.mimic.translator.engine;

import java.util.ArrayDeque;
import java.util.TreeMap;

/**
 * Chooses the guest instructions of one translated unit: everything reachable from the entry
 * through fall-through and fixed branch/jump targets, up to a size cap. Loops whose back-edge
 * lands inside the region become JVM loops. Indirect jumps, system calls and traps end a path.
 */
final class RegionBuilder {
    private RegionBuilder() {}

    /** Returns pc -> instruction, ascending. The entry always decodes (or its fetch fault is thrown). */
    static TreeMap<Long, DecodedInsn> build(Frontend frontend, CpuState cpu, long entry, int maxInsns) {
        TreeMap<Long, DecodedInsn> region = new TreeMap<>();
        ArrayDeque<Long> work = new ArrayDeque<>();
        region.put(entry, frontend.decode(cpu, entry));
        enqueueSuccessors(region.get(entry), work);
        while (!work.isEmpty() && region.size() < maxInsns) {
            long pc = work.removeFirst();
            if (region.containsKey(pc) || overlaps(region, pc)) continue;
            DecodedInsn insn;
            try {
                insn = frontend.decode(cpu, pc);
            } catch (GuestFault unfetchable) {
                continue; // leave it as an exit; the fault is raised if execution gets there
            }
            if (overlapsNext(region, insn)) continue;
            region.put(pc, insn);
            enqueueSuccessors(insn, work);
        }
        return region;
    }

    private static void enqueueSuccessors(DecodedInsn insn, ArrayDeque<Long> work) {
        switch (insn.flow()) {
            case NEXT -> work.addLast(insn.nextPc());
            case BRANCH -> {
                work.addLast(insn.nextPc());
                work.addLast(insn.target());
            }
            case JUMP -> work.addLast(insn.target());
            case CALL, STOP -> { }
        }
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
