package io.mimic.translator.engine;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongPredicate;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which instructions a unit takes: loops held whole, paths ended where other units start. */
class RegionBuilderTest {
    private static final class Code implements Frontend {
        final Map<Long, MadeUpInsn> special = new HashMap<>();

        Code branch(long pc, long target) { special.put(pc, new MadeUpInsn(pc, Flow.BRANCH, target)); return this; }
        Code stop(long pc) { special.put(pc, new MadeUpInsn(pc, Flow.STOP, 0)); return this; }

        @Override public String name() { return "test"; }
        @Override public Class<? extends CpuState> cpuClass() { return CpuState.class; }
        @Override public RegisterBank[] registerBanks() { return new RegisterBank[0]; }
        @Override public DecodedInsn decode(CpuState cpu, long pc) { return special.getOrDefault(pc, new MadeUpInsn(pc, Flow.NEXT, 0)); }
        @Override public void translate(DecodedInsn insn, Emitter e) { throw new UnsupportedOperationException(); }
        @Override public String disassemble(DecodedInsn insn) { return ""; }
    }

    private static List<Long> build(Code code, long entry, int cap, LongPredicate unitStartsAt) {
        return List.copyOf(RegionBuilder.build(code, null, entry, cap, unitStartsAt).insns().keySet());
    }

    private static LongPredicate units(long... entries) {
        return pc -> { for (long e : entries) if (e == pc) return true; return false; };
    }

    @Test
    void pathEndsWhereAnotherUnitStarts() {
        Code code = new Code().stop(40);
        assertEquals(List.of(0L, 4L, 8L, 12L, 16L), build(code, 0, 64, units(20)));
        assertEquals(11, build(code, 0, 64, units()).size());
    }

    @Test
    void aUnitStartingInsideALoopTheRegionHoldsWholeDoesNotSplitIt() {
        // 0..12 loop back to 0 at 12; 16 stops. A unit already starts at 8 (a cut made earlier).
        Code code = new Code().branch(12, 0).stop(16);
        assertEquals(List.of(0L, 4L, 8L, 12L, 16L), build(code, 4, 64, units(8)));
    }

    @Test
    void aLoopLongerThanTheCapDoesNotDrift() {
        // A loop of ten instructions (0..36, back to 0 at 36) and a cap of eight: the unit entered
        // at the cut (20) ends where the unit at the loop's head starts instead of running on
        // around the loop to a cut of its own.
        Code code = new Code().branch(36, 0).stop(40);
        assertEquals(List.of(20L, 24L, 28L, 32L, 36L, 40L), build(code, 20, 8, units(0)));
        assertEquals(List.of(0L, 4L, 20L, 24L, 28L, 32L, 36L, 40L), build(code, 20, 8, units()));
    }

    @Test
    void aBackEdgeIsFollowedBeforeThePathsLeavingTheLoop() {
        // Loop 0..12 (back to 0 at 12), entered at 8; the way out (16, 20, ...) is longer than
        // the cap's room. Breadth-first alone would take 16 and 20 before 4.
        Code code = new Code().branch(12, 0);
        List<Long> region = build(code, 8, 5, units());
        assertEquals(List.of(0L, 4L, 8L, 12L, 16L), region);
    }

    @Test
    void loopsAreTheStronglyConnectedParts() {
        Code code = new Code().branch(12, 4).branch(24, 24).stop(28);
        TreeMap<Long, DecodedInsn> region = RegionBuilder.build(code, null, 0, 64, units()).insns();
        assertEquals(Set.of(4L, 8L, 12L, 24L), RegionLoops.loopSizes(region).keySet());
    }
}
