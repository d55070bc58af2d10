package io.mimic.translator.aarch64.fpsimd;

import io.mimic.translator.aarch64.Arm64Cpu;
import io.mimic.translator.memory.AddressSpace;
import io.mimic.translator.memory.GuestAccess;

/**
 * AdvSIMD structure loads and stores: LD1-LD4/ST1-ST4 (multiple structures), single lanes, and
 * LD1R-LD4R. The address is computed by the translated code (and the post-index writeback done
 * there); these helpers move the elements between guest memory and {@code Arm64Cpu.v}, in the
 * architectural order, so a fault stops at the same element as on hardware.
 */
public final class SimdMem {
    private SimdMem() {}

    /** Registers and interleave of a multiple-structure opcode (bits 15:12): {regs, selem}, or null. */
    static int[] multiShape(int opcode) {
        return switch (opcode) {
            case 0 -> new int[]{4, 4};
            case 2 -> new int[]{4, 1};
            case 4 -> new int[]{3, 3};
            case 6 -> new int[]{3, 1};
            case 7 -> new int[]{1, 1};
            case 8 -> new int[]{2, 2};
            case 10 -> new int[]{2, 1};
            default -> null;
        };
    }

    /** Bytes a multiple-structure instruction transfers, or -1 if it is unallocated. */
    static int multiBytes(int insn) {
        int[] shape = multiShape((insn >>> 12) & 15);
        boolean q = (insn & (1 << 30)) != 0;
        int size = (insn >>> 10) & 3;
        if (shape == null || size == 3 && !q && shape[1] > 1) return -1;
        return shape[0] * (q ? 16 : 8);
    }

    /** LD2/LD3/LD4 and ST2/ST3/ST4 (and LD1/ST1, though the translator inlines those). */
    public static void multi(Arm64Cpu c, long addr, int insn) {
        int[] shape = multiShape((insn >>> 12) & 15);
        boolean q = (insn & (1 << 30)) != 0, load = (insn & (1 << 22)) != 0;
        int esz = (insn >>> 10) & 3, t = insn & 31, ebytes = 1 << esz;
        int regs = shape[0], selem = shape[1], rpt = regs / selem;
        int elements = (q ? 16 : 8) >> esz;
        long[] v = c.v;
        if (load) {
            // the registers written are zeroed above 64 bits for the D forms
            for (int r = 0; r < regs; r++) if (!q) v[2 * ((t + r) & 31) + 1] = 0;
        }
        int total = regs * (q ? 16 : 8);
        if (load && (addr >>> AddressSpace.PAGE_SHIFT) == ((addr + total - 1) >>> AddressSpace.PAGE_SHIFT)) {
            loadInPage(c, addr, total, t, rpt, selem, esz, elements);
            return;
        }
        long a = addr;
        for (int rep = 0; rep < rpt; rep++) {
            for (int e = 0; e < elements; e++) {
                for (int s = 0; s < selem; s++) {
                    int reg = (t + rep + s) & 31;
                    if (load) setLane(v, reg, esz, e, load(c, a, esz));
                    else store(c, a, Lanes.get(v, reg, esz, e), esz);
                    a += ebytes;
                }
            }
        }
    }

    /**
     * LD2-LD4 of a block inside one page: read with 64-bit loads, then de-interleaved into the
     * registers. Only the first load can fault (the page is readable or not), before any
     * register changed, as the element-by-element loop's first element would; it took a load
     * helper call and a two-long array per byte (4% of a64 sha256's samples, one LD4 per block).
     */
    private static void loadInPage(Arm64Cpu c, long addr, int total, int t, int rpt, int selem, int esz, int elements) {
        long[] w = new long[total >>> 3];
        for (int i = 0; i < w.length; i++) w[i] = GuestAccess.ld64le(addr + 8L * i, c, GuestAccess.PC_FROM_HANDLER);
        long[] v = c.v;
        long m = Lanes.emask(esz);
        int ebits = 8 << esz;
        for (int rep = 0; rep < rpt; rep++) {
            for (int s = 0; s < selem; s++) {
                long lo = 0, hi = 0;
                for (int e = 0; e < elements; e++) {
                    int off = ((rep * elements + e) * selem + s) << esz, pos = e * ebits;
                    long x = w[off >>> 3] >>> ((off & 7) * 8) & m;
                    if (pos < 64) lo |= x << pos;
                    else hi |= x << (pos - 64);
                }
                int reg = (t + rep + s) & 31;
                v[2 * reg] = lo;
                v[2 * reg + 1] = hi;                      // 0 for the 64-bit forms
            }
        }
    }

    /** Bytes a single-structure instruction transfers, or -1 if it is unallocated. */
    static int singleBytes(int insn) {
        int opcode = (insn >>> 13) & 7, size = (insn >>> 10) & 3;
        boolean s = (insn & (1 << 12)) != 0, load = (insn & (1 << 22)) != 0, r = (insn & (1 << 21)) != 0;
        int selem = ((opcode & 1) << 1 | (r ? 1 : 0)) + 1;
        int scale = opcode >>> 1, esz;
        switch (scale) {
            case 0 -> esz = 0;
            case 1 -> { if ((size & 1) != 0) return -1; esz = 1; }
            case 2 -> {
                if ((size & 2) != 0 || size == 1 && s) return -1;
                esz = size == 0 ? 2 : 3;
            }
            default -> {
                if (!load || s) return -1;
                esz = size;
            }
        }
        return selem << esz;
    }

    public static void single(Arm64Cpu c, long addr, int insn) {
        int opcode = (insn >>> 13) & 7, size = (insn >>> 10) & 3, t = insn & 31;
        boolean q = (insn & (1 << 30)) != 0, s = (insn & (1 << 12)) != 0, load = (insn & (1 << 22)) != 0;
        boolean r = (insn & (1 << 21)) != 0;
        int selem = ((opcode & 1) << 1 | (r ? 1 : 0)) + 1, scale = opcode >>> 1;
        long[] v = c.v;
        if (scale == 3) {                                     // LD1R-LD4R
            int esz = size;
            long a = addr;
            for (int k = 0; k < selem; k++) {
                long x = load(c, a, esz);
                int reg = (t + k) & 31;
                long rep = SimdHalf.dup(x, esz);
                v[2 * reg] = rep;
                v[2 * reg + 1] = q ? rep : 0;
                a += 1L << esz;
            }
            return;
        }
        int esz, index;
        int qs = (q ? 8 : 0) | (s ? 4 : 0) | size;
        switch (scale) {
            case 0 -> { esz = 0; index = qs; }
            case 1 -> { esz = 1; index = qs >>> 1; }
            default -> {
                if (size == 0) { esz = 2; index = qs >>> 2; }
                else { esz = 3; index = q ? 1 : 0; }
            }
        }
        long a = addr;
        for (int k = 0; k < selem; k++) {
            int reg = (t + k) & 31;
            if (load) setLane(v, reg, esz, index, load(c, a, esz));
            else store(c, a, Lanes.get(v, reg, esz, index), esz);
            a += 1L << esz;
        }
    }

    private static void setLane(long[] v, int reg, int esz, int i, long x) {
        long[] out = {v[2 * reg], v[2 * reg + 1]};
        Lanes.put(out, esz, i, x);
        v[2 * reg] = out[0];
        v[2 * reg + 1] = out[1];
    }

    private static long load(Arm64Cpu c, long a, int esz) {
        return switch (esz) {
            case 0 -> GuestAccess.ld8u(a, c, GuestAccess.PC_FROM_HANDLER);
            case 1 -> GuestAccess.ld16ule(a, c, GuestAccess.PC_FROM_HANDLER);
            case 2 -> GuestAccess.ld32ule(a, c, GuestAccess.PC_FROM_HANDLER);
            default -> GuestAccess.ld64le(a, c, GuestAccess.PC_FROM_HANDLER);
        };
    }

    private static void store(Arm64Cpu c, long a, long x, int esz) {
        switch (esz) {
            case 0 -> GuestAccess.st8(a, x, c, GuestAccess.PC_FROM_HANDLER);
            case 1 -> GuestAccess.st16le(a, x, c, GuestAccess.PC_FROM_HANDLER);
            case 2 -> GuestAccess.st32le(a, x, c, GuestAccess.PC_FROM_HANDLER);
            default -> GuestAccess.st64le(a, x, c, GuestAccess.PC_FROM_HANDLER);
        }
    }
}
