package io.mimic.translator.engine;

import org.junit.jupiter.api.Test;

import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Where a unit loads a register: by its reads' common dominator, never on a loop. */
class RegisterLoadPlacementTest {
    /** Instructions 0, 4, ... up to {@code end} (exclusive): straight-line unless listed. */
    private static TreeMap<Long, DecodedInsn> region(long end, MadeUpInsn... special) {
        TreeMap<Long, DecodedInsn> r = new TreeMap<>();
        for (long pc = 0; pc < end; pc += 4) r.put(pc, new MadeUpInsn(pc, Flow.NEXT, 0));
        for (MadeUpInsn i : special) r.put(i.pc, i);
        return r;
    }

    private static MadeUpInsn branch(long pc, long target) { return new MadeUpInsn(pc, Flow.BRANCH, target); }
    private static MadeUpInsn jump(long pc, long target) { return new MadeUpInsn(pc, Flow.JUMP, target); }
    private static MadeUpInsn stop(long pc) { return new MadeUpInsn(pc, Flow.STOP, 0); }

    private static long at(RegisterLoadPlacement p, long... readers) {
        return p.placeFor(readers, readers.length);
    }

    private static RegisterLoadPlacement placement(TreeMap<Long, DecodedInsn> region, long entry) {
        return new RegisterLoadPlacement(region, RegionLoops.loopSizes(region).keySet(), entry);
    }

    @Test
    void aRegisterReadOnlyAfterALoopIsLoadedAfterIt() {
        // 0 4 | loop 8 12 16 (16 branches back to 8) | 20 24 stop
        TreeMap<Long, DecodedInsn> r = region(32, branch(16, 8), stop(28));
        RegisterLoadPlacement p = placement(r, 0);
        assertEquals(20L, at(p, 20L, 24L));
        assertEquals(24L, at(p, 24L));
    }

    @Test
    void aRegisterReadInALoopIsLoadedBeforeIt() {
        TreeMap<Long, DecodedInsn> r = region(32, branch(16, 8), stop(28));
        RegisterLoadPlacement p = placement(r, 0);
        assertEquals(4L, at(p, 12L), "the loop's own instructions are never the place");
        assertEquals(4L, at(p, 8L, 24L));
    }

    @Test
    void readsOnBothArmsOfABranchAreLoadedBeforeTheBranch() {
        // 0 4 (4 branches to 16) | 8 12 (12 jumps to 20) | 16 | 20 stop
        TreeMap<Long, DecodedInsn> r = region(24, branch(4, 16), jump(12, 20), stop(20));
        RegisterLoadPlacement p = placement(r, 0);
        assertEquals(4L, at(p, 8L, 16L));
        assertEquals(8L, at(p, 8L, 12L), "a read on one arm is loaded on that arm");
        assertEquals(20L, at(p, 20L), "the join is reached once on either path");
    }

    @Test
    void aLoopAtTheEntryIsLoadedInTheEntryCode() {
        // loop 0 4 8 (8 branches back to 0) | 12 stop
        TreeMap<Long, DecodedInsn> r = region(16, branch(8, 0), stop(12));
        RegisterLoadPlacement p = placement(r, 0);
        assertEquals(0L, at(p, 4L));
        assertEquals(p.entry(), at(p, 4L));
        assertEquals(12L, at(p, 12L));
    }

    @Test
    void anEntryInsideTheRegionCountsFromItself() {
        // laid out by address, entered at 8: 0 4 (4 jumps to 16) | 8 12 (12 jumps to 0) | 16 stop
        TreeMap<Long, DecodedInsn> r = region(20, jump(4, 16), jump(12, 0), stop(16));
        RegisterLoadPlacement p = placement(r, 8);
        assertEquals(0L, at(p, 0L, 16L));
        assertEquals(12L, at(p, 12L, 16L));
    }

    @Test
    void aReadOutsideTheRegionsInstructionsIsLoadedInTheEntryCode() {
        TreeMap<Long, DecodedInsn> r = region(16, stop(12));
        RegisterLoadPlacement p = placement(r, 0);
        assertEquals(0L, at(p, 8L, Long.MIN_VALUE));
    }
}
