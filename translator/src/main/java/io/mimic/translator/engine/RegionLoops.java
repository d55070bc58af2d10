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
        int n = region.size();
        long[] pcs = new long[n];
        Map<Long, Integer> indexOf = new HashMap<>(n * 2);
        int k = 0;
        for (long pc : region.keySet()) {
            pcs[k] = pc;
            indexOf.put(pc, k++);
        }
        int[][] succ = new int[n][];
        for (int i = 0; i < n; i++) succ[i] = successors(region.get(pcs[i]), indexOf);

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

    /** The indices ({@code indexOf}) of the instruction's fixed successors inside the region. */
    static int[] successors(DecodedInsn insn, Map<Long, Integer> indexOf) {
        long[] next = insn.fixedSuccessors();
        int[] out = new int[next.length];
        int n = 0;
        for (long pc : next) {
            Integer i = indexOf.get(pc);
            if (i != null) out[n++] = i;
        }
        return n == out.length ? out : java.util.Arrays.copyOf(out, n);
    }

    private static boolean selfLoop(int[] succ, int v) {
        for (int w : succ) if (w == v) return true;
        return false;
    }
}
