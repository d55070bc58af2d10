package io.mimic.translator.aarch64.fpsimd;

import io.mimic.translator.aarch64.Arm64Cpu;

import static io.mimic.translator.aarch64.fpsimd.Lanes.*;
import static io.mimic.translator.aarch64.fpsimd.SimdInt.*;

/**
 * FEAT_DotProd (SDOT, UDOT) and FEAT_RDM (SQRDMLAH, SQRDMLSH): the "three same (extra)" group,
 * vector and scalar, and their by-element forms. Each function is also its encoding's decoder:
 * false for an encoding it does not implement (SIGILL).
 */
public final class SimdDot {
    private SimdDot() {}

    /** Advanced SIMD (scalar) three same extra: 0 Q U 0111x size 0 Rm 1 opcode 1 Rn Rd. */
    public static boolean threeExtra(Arm64Cpu c, int insn) {
        int opcode = (insn >>> 11) & 15, esz = size(insn);
        boolean u = u(insn), q = q(insn), sc = scalar(insn);
        int m = (insn >>> 16) & 31;
        if (opcode == 2 && esz == 2 && !sc) {                      // SDOT, UDOT (vector)
            dot(c, insn, u, q, m, -1);
            return true;
        }
        if (u && (opcode == 0 || opcode == 1) && (esz == 1 || esz == 2)) { // SQRDMLAH, SQRDMLSH
            rdm(c, insn, esz, q, sc, opcode == 1, m, -1);
            return true;
        }
        return false;
    }

    /**
     * The by-element forms: SDOT/UDOT Vd.S, Vn.B, Vm.4B[i] (opcode 1110, size 10) and
     * SQRDMLAH/SQRDMLSH by element (U=1, opcode 1101/1111). False for anything else.
     */
    public static boolean byElement(Arm64Cpu c, int insn) {
        int op4 = (insn >>> 12) & 15, esz = size(insn);
        boolean u = u(insn), q = q(insn), sc = scalar(insn);
        boolean l = (insn & (1 << 21)) != 0, h = (insn & (1 << 11)) != 0, mbit = (insn & (1 << 20)) != 0;
        if (op4 == 14 && esz == 2 && !sc) {
            dot(c, insn, u, q, (insn >>> 16) & 31, (h ? 2 : 0) | (l ? 1 : 0));
            return true;
        }
        if (u && (op4 == 13 || op4 == 15) && (esz == 1 || esz == 2)) {
            int index = esz == 1 ? (h ? 4 : 0) | (l ? 2 : 0) | (mbit ? 1 : 0) : (h ? 2 : 0) | (l ? 1 : 0);
            int m = esz == 1 ? (insn >>> 16) & 15 : (insn >>> 16) & 31;
            rdm(c, insn, esz, q, sc, op4 == 15, m, index);
            return true;
        }
        return false;
    }

    /** Each 32-bit lane of Vd plus the dot product of four bytes of Vn and Vm (lane {@code index} of Vm for all, if >= 0). */
    private static void dot(Arm64Cpu c, int insn, boolean unsigned, boolean q, int m, int index) {
        long[] v = c.v;
        int dn = d(insn), nn = n(insn);
        long[] out = new long[2];
        int lanes = q ? 4 : 2;
        for (int i = 0; i < lanes; i++) {
            int acc = (int) get(v, dn, 2, i);
            int mLane = index >= 0 ? index : i;
            for (int k = 0; k < 4; k++) {
                long x = unsigned ? get(v, nn, 0, 4 * i + k) : sget(v, nn, 0, 4 * i + k);
                long y = unsigned ? get(v, m, 0, 4 * mLane + k) : sget(v, m, 0, 4 * mLane + k);
                acc += (int) (x * y);
            }
            put(out, 2, i, acc & 0xFFFFFFFFL);
        }
        write(v, dn, out, q);
    }

    /**
     * SQRDMLAH/SQRDMLSH: saturate((Vd << esize) +/- 2 * Vn * Vm + rounding, then >> esize). The
     * shifted accumulator is a multiple of 2^esize, so the result is Vd + ((+/-p + 2^(esize-2))
     * >> (esize-1)) with p = Vn * Vm, which fits in a long for 16- and 32-bit elements.
     */
    private static void rdm(Arm64Cpu c, int insn, int esz, boolean q, boolean scalar, boolean sub, int m, int index) {
        long[] v = c.v;
        int dn = d(insn), nn = n(insn), bits = 8 << esz;
        long[] out = new long[2];
        int lanes = scalar ? 1 : (q ? 16 : 8) >> esz;
        for (int i = 0; i < lanes; i++) {
            long p = sget(v, nn, esz, i) * sget(v, m, esz, index >= 0 ? index : i);
            long r = sget(v, dn, esz, i) + (((sub ? -p : p) + (1L << (bits - 2))) >> (bits - 1));
            put(out, esz, i, satS(c, r, esz) & emask(esz));
        }
        write(v, dn, out, q && !scalar);
    }
}
