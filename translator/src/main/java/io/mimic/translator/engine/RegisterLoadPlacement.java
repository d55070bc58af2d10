package io.mimic.translator.engine;

import java.util.Set;
import java.util.TreeMap;

/**
 * Where a unit loads a guest register from the CPU into its JVM local: at the start of the
 * instruction that dominates every instruction reading it (the unit's entry, or a later one), moved
 * out of any loop that instruction lies on. A register loaded at the entry and first read after a
 * loop stayed live through the loop, and C2, short of registers there, kept the loop's own values
 * in stack slots (riscv64 cpu_mix's sieve loop reloaded its stride, bound and CPU from the stack on
 * every iteration). Only for units whose register writes reach the CPU at once: there the CPU
 * holds every register's current value at every instruction boundary, so a load anywhere reads
 * what a load at the entry would have carried there (see {@code Emitter#setReg}).
 *
 * <p>Dominators by the iterative algorithm of Cooper, Harvey and Kennedy over the region's
 * control-flow graph (fall-through and fixed branch targets inside the region).
 */
final class RegisterLoadPlacement {
    private final long entry;
    private final long[] pcs;
    private final int[] idom;
    private final int[] rpoNumber;
    private final boolean[] onLoop;

    RegisterLoadPlacement(TreeMap<Long, DecodedInsn> region, Set<Long> pcsOnLoops, long entry) {
        this.entry = entry;
        pcs = RegionLoops.pcsOf(region);
        int n = pcs.length;
        onLoop = new boolean[n];
        for (int i = 0; i < n; i++) onLoop[i] = pcsOnLoops.contains(pcs[i]);
        int[][] succ = RegionLoops.successorsOf(region, pcs);
        int[] predCount = new int[n];
        for (int[] s : succ) for (int j : s) predCount[j]++;
        int[][] preds = new int[n][];
        for (int i = 0; i < n; i++) preds[i] = new int[predCount[i]];
        java.util.Arrays.fill(predCount, 0);
        for (int i = 0; i < n; i++) {
            for (int j : succ[i]) preds[j][predCount[j]++] = i;
        }
        rpoNumber = new int[n];
        java.util.Arrays.fill(rpoNumber, -1);
        idom = new int[n];
        java.util.Arrays.fill(idom, -1);
        int root = java.util.Arrays.binarySearch(pcs, entry);
        if (root < 0) return;
        int[] rpo = reversePostorder(root, succ, n);
        for (int i = 0; i < rpo.length; i++) rpoNumber[rpo[i]] = i;
        idom[root] = root;
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int i = 1; i < rpo.length; i++) {
                int b = rpo[i];
                int d = -1;
                for (int p : preds[b]) {
                    if (idom[p] < 0) continue;
                    d = d < 0 ? p : intersect(p, d);
                }
                if (d >= 0 && idom[b] != d) {
                    idom[b] = d;
                    changed = true;
                }
            }
        }
    }

    long entry() {
        return entry;
    }

    /**
     * The pc of the instruction at whose start a register read by the instructions
     * {@code readers[0 .. count)} is loaded: their nearest common dominator, or its nearest dominator off every loop. The entry
     * means the unit's prologue (the entry's own start may be a loop's head).
     */
    long placeFor(long[] readers, int count) {
        int d = -1;
        for (int r = 0; r < count; r++) {
            int i = java.util.Arrays.binarySearch(pcs, readers[r]);
            if (i < 0 || idom[i] < 0) return entry;   // not an instruction of the region's graph
            d = d < 0 ? i : intersect(i, d);
        }
        if (d < 0) return entry;
        while (onLoop[d] && idom[d] != d) d = idom[d];
        return pcs[d];
    }

    private int intersect(int a, int b) {
        while (a != b) {
            while (rpoNumber[a] > rpoNumber[b]) a = idom[a];
            while (rpoNumber[b] > rpoNumber[a]) b = idom[b];
        }
        return a;
    }

    /** The nodes reachable from {@code root} in reverse postorder (an iterative depth-first walk). */
    private static int[] reversePostorder(int root, int[][] succ, int n) {
        int[] post = new int[n];
        int count = 0;
        boolean[] seen = new boolean[n];
        int[] stack = new int[n], edge = new int[n];
        int sp = 0;
        stack[sp++] = root;
        seen[root] = true;
        while (sp > 0) {
            int v = stack[sp - 1];
            if (edge[v] < succ[v].length) {
                int w = succ[v][edge[v]++];
                if (!seen[w]) {
                    seen[w] = true;
                    stack[sp++] = w;
                }
                continue;
            }
            sp--;
            post[count++] = v;
        }
        int[] rpo = new int[count];
        for (int i = 0; i < count; i++) rpo[i] = post[count - 1 - i];
        return rpo;
    }
}
