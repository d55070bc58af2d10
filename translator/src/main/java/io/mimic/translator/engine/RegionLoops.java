package io.mimic.translator.engine;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Finds the instructions of a region that lie on a loop inside it: those in a strongly connected
 * component of the region's control-flow graph with more than one instruction, or branching to
 * themselves. Tarjan's algorithm, iterative so that a large region (MIMIC_MAX_BLOCK_INSNS) cannot
 * exhaust the stack.
 */
final class RegionLoops {
    private RegionLoops() {}

    /** The instructions on loops, each with the number of instructions of its loop (its component). */
    static Map<Long, Integer> loopSizes(TreeMap<Long, DecodedInsn> region) {
        long[] pcs = pcsOf(region);
        int n = pcs.length;
        int[][] succ = successorsOf(region, pcs);

        int[] order = new int[n], low = new int[n], edge = new int[n], stack = new int[n], call = new int[n];
        boolean[] onStack = new boolean[n];
        java.util.Arrays.fill(order, -1);
        int counter = 0, sp = 0;
        Map<Long, Integer> result = new HashMap<>();
        for (int root = 0; root < n; root++) {
            if (order[root] >= 0) continue;
            int depth = 0;
            call[depth++] = root;
            order[root] = low[root] = counter++;
            stack[sp++] = root;
            onStack[root] = true;
            while (depth > 0) {
                int v = call[depth - 1];
                if (edge[v] < succ[v].length) {
                    int w = succ[v][edge[v]++];
                    if (order[w] < 0) {
                        order[w] = low[w] = counter++;
                        stack[sp++] = w;
                        onStack[w] = true;
                        call[depth++] = w;
                    } else if (onStack[w]) {
                        low[v] = Math.min(low[v], order[w]);
                    }
                    continue;
                }
                depth--;
                if (depth > 0) low[call[depth - 1]] = Math.min(low[call[depth - 1]], low[v]);
                if (low[v] != order[v]) continue;
                int size = 0, w;
                int top = sp;
                do {
                    w = stack[--sp];
                    onStack[w] = false;
                    size++;
                } while (w != v);
                if (size > 1 || selfLoop(succ[v], v)) {
                    for (int i = sp; i < top; i++) result.put(pcs[stack[i]], size);
                }
            }
        }
        return result;
    }

    /** The region's instruction addresses, ascending: instruction i of the graph is at pcs[i]. */
    static long[] pcsOf(TreeMap<Long, DecodedInsn> region) {
        long[] pcs = new long[region.size()];
        int k = 0;
        for (long pc : region.keySet()) pcs[k++] = pc;
        return pcs;
    }

    /**
     * For each instruction, the indices (in {@code pcs}) of its fixed successors inside the region.
     * By binary search in the sorted addresses: this runs for every unit translated, and a map of
     * boxed addresses cost more than the search.
     */
    static int[][] successorsOf(TreeMap<Long, DecodedInsn> region, long[] pcs) {
        int[][] succ = new int[pcs.length][];
        int k = 0;
        for (DecodedInsn insn : region.values()) {
            long[] next = insn.fixedSuccessors();
            int[] out = new int[next.length];
            int n = 0;
            for (long pc : next) {
                int i = java.util.Arrays.binarySearch(pcs, pc);
                if (i >= 0) out[n++] = i;
            }
            succ[k++] = n == out.length ? out : java.util.Arrays.copyOf(out, n);
        }
        return succ;
    }

    private static boolean selfLoop(int[] succ, int v) {
        for (int w : succ) if (w == v) return true;
        return false;
    }
}
