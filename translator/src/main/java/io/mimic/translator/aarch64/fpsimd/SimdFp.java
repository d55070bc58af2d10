package io.mimic.translator.aarch64.fpsimd;

import io.mimic.translator.aarch64.Arm64Cpu;

import static io.mimic.translator.aarch64.fpsimd.A64Float.*;
import static io.mimic.translator.aarch64.fpsimd.A64FloatConvert.FPCR_MODE;
import static io.mimic.translator.aarch64.fpsimd.Lanes.*;
import static io.mimic.translator.aarch64.fpsimd.SimdInt.*;

/**
 * Floating-point Advanced SIMD semantics (vector and scalar classes) in single and double
 * precision, each lane through {@link A64Float}. As in {@link SimdInt}, each function returns false
 * for an unallocated encoding before touching any state.
 */
public final class SimdFp {
    private SimdFp() {}

    /** Lane format from the sz bit (22): S or D; its log2 byte size is fmt + 1. */
    private static int fmt(int insn) { return (insn & (1 << 22)) != 0 ? D : S; }

    private static boolean a(int insn) { return (insn & (1 << 23)) != 0; }

    private static int lanes(int insn, int fmt) {
        return scalar(insn) ? 1 : (q(insn) ? 16 : 8) >> (fmt + 1);
    }

    /** Binary FP operations by an internal code. */
    static final int ADD = 0, SUB = 1, MUL = 2, DIV = 3, MAX = 4, MIN = 5, MAXNM = 6, MINNM = 7, MULX = 8,
            RECPS = 9, RSQRTS = 10, ABD = 11, CMEQ = 12, CMGE = 13, CMGT = 14, ACGE = 15, ACGT = 16, MLA = 17, MLS = 18;

    static long binary(Arm64Cpu c, int op, long x, long y, long acc, int fmt) {
        // Kept under C2's limit for inlining a hot callee (FreqInlineSize, 325 bytes of bytecode):
        // at 369 bytes it stayed a call in every translated FADD/FMUL/FMLA, its switch unfolded
        // (5% of a64 cpu_mix's samples at 300 rounds). The translator's forms come first.
        return switch (op) {
            case ADD -> add(c, x, y, fmt);
            case SUB -> sub(c, x, y, fmt);
            case MUL -> mul(c, x, y, fmt);
            case DIV -> div(c, x, y, fmt);
            case MAX -> max(c, x, y, fmt);
            case MIN -> min(c, x, y, fmt);
            case MAXNM -> maxnm(c, x, y, fmt);
            case MINNM -> minnm(c, x, y, fmt);
            case MLA -> muladd(c, acc, x, y, fmt);
            case MLS -> muladd(c, acc, x ^ signBit(fmt), y, fmt);
            default -> binaryOther(c, op, x, y, fmt);
        };
    }

    private static long binaryOther(Arm64Cpu c, int op, long x, long y, int fmt) {
        long sign = signBit(fmt);
        return switch (op) {
            case MULX -> mulx(c, x, y, fmt);
            case RECPS -> recipStep(c, x, y, fmt);
            case RSQRTS -> rsqrtStep(c, x, y, fmt);
            case ABD -> sub(c, x, y, fmt) & ~sign;
            case CMEQ -> compareLane(c, x, y, fmt, 0);
            case CMGE -> compareLane(c, x, y, fmt, 1);
            case CMGT -> compareLane(c, x, y, fmt, 2);
            case ACGE -> compareLane(c, x & ~sign, y & ~sign, fmt, 1);
            case ACGT -> compareLane(c, x & ~sign, y & ~sign, fmt, 2);
            default -> throw new IllegalArgumentException("FP operation " + op);
        };
    }

    // ---------------------------------------------------------------- three same

    public static boolean threeSame(Arm64Cpu c, int insn) {
        int op5 = (insn >>> 11) & 31;
        if (op5 < 0x18) return false;
        int key = (u(insn) ? 0x40 : 0) | (a(insn) ? 0x20 : 0) | (op5 & 7);
        int fmt = fmt(insn);
        boolean sc = scalar(insn), q = q(insn);
        if (!sc && fmt == D && !q) return false;
        int op;
        boolean pairwise = false;
        switch (key) {
            case 0x00 -> op = MAXNM;
            case 0x20 -> op = MINNM;
            case 0x01 -> op = MLA;
            case 0x21 -> op = MLS;
            case 0x02 -> op = ADD;
            case 0x22 -> op = SUB;
            case 0x03 -> op = MULX;
            case 0x04 -> op = CMEQ;
            case 0x06 -> op = MAX;
            case 0x26 -> op = MIN;
            case 0x07 -> op = RECPS;
            case 0x27 -> op = RSQRTS;
            case 0x40 -> { op = MAXNM; pairwise = true; }
            case 0x60 -> { op = MINNM; pairwise = true; }
            case 0x42 -> { op = ADD; pairwise = true; }
            case 0x62 -> op = ABD;
            case 0x43 -> op = MUL;
            case 0x44 -> op = CMGE;
            case 0x64 -> op = CMGT;
            case 0x45 -> op = ACGE;
            case 0x65 -> op = ACGT;
            case 0x46 -> { op = MAX; pairwise = true; }
            case 0x66 -> { op = MIN; pairwise = true; }
            case 0x47 -> op = DIV;
            default -> { return false; }
        }
        if (sc && (pairwise || op == MAXNM || op == MINNM || op == MLA || op == MLS || op == ADD || op == SUB
                || op == MAX || op == MIN || op == MUL || op == DIV)) return false;
        long[] v = c.v;
        int dn = d(insn), nn = n(insn), mn = m(insn), esz = fmt + 1, lanes = lanes(insn, fmt);
        long[] out = new long[2];
        for (int i = 0; i < lanes; i++) {
            long x, y;
            if (pairwise) {
                int src = 2 * i < lanes ? nn : mn, j = (2 * i) % lanes;
                x = get(v, src, esz, j);
                y = get(v, src, esz, j + 1);
            } else {
                x = get(v, nn, esz, i);
                y = get(v, mn, esz, i);
            }
            put(out, esz, i, binary(c, op, x, y, get(v, dn, esz, i), fmt));
        }
        write(v, dn, out, q);
        return true;
    }

    // ---------------------------------------------------------------- two-register misc

    public static boolean twoMisc(Arm64Cpu c, int insn) {
        int op5 = (insn >>> 12) & 31;
        boolean u = u(insn), a = a(insn), sc = scalar(insn), q = q(insn);
        int fmt = fmt(insn);
        long[] v = c.v;
        int dn = d(insn), nn = n(insn);
        // widening and narrowing conversions first (their lane counts differ)
        if (!a && op5 == 0x16 && (!u || fmt == D)) {            // FCVTN(2), FCVTXN(2)
            if (!u && sc) return false;
            int from = fmt == D ? D : S, to = fmt == D ? S : H;
            int nl = sc ? 1 : 4 >> to;
            int part = q ? nl : 0;
            long[] out = {q ? v[2 * dn] : 0, 0};
            for (int i = 0; i < nl; i++) {
                long x = get(v, nn, from + 1, i);
                put(out, to + 1, i + part, A64FloatConvert.convert(c, x, from, to, u ? RODD : FPCR_MODE));
            }
            write(v, dn, out, q);
            return true;
        }
        if (!a && !u && op5 == 0x17 && !sc) {                       // FCVTL(2)
            int to = fmt == D ? D : S, from = fmt == D ? S : H;
            int nl = 4 >> from, part = q ? nl : 0;
            long[] out = new long[2];
            for (int i = 0; i < nl; i++) put(out, to + 1, i, A64FloatConvert.convert(c, get(v, nn, from + 1, i + part), from, to, FPCR_MODE));
            write(v, dn, out, true);
            return true;
        }
        if (!sc && fmt == D && !q) return false;
        int key = (u ? 0x40 : 0) | (a ? 0x20 : 0) | op5;
        int esz = fmt + 1, lanes = lanes(insn, fmt);
        long sign = signBit(fmt);
        // validate
        boolean ok = switch (key) {
            case 0x18, 0x19, 0x38, 0x39, 0x58, 0x59, 0x79, 0x1E, 0x1F, 0x5E, 0x5F -> !sc;   // FRINT*
            case 0x1A, 0x1B, 0x3A, 0x3B, 0x1C, 0x5A, 0x5B, 0x7A, 0x7B, 0x5C, 0x1D, 0x5D -> true; // FCVT*, SCVTF, UCVTF
            case 0x2C, 0x2D, 0x2E, 0x6C, 0x6D -> true;                                     // FCMxx #0
            case 0x2F, 0x6F, 0x7F -> !sc;                                                  // FABS FNEG FSQRT
            case 0x3D, 0x7D -> true;                                                       // FRECPE FRSQRTE
            case 0x3C, 0x7C -> !sc && fmt == S;                                            // URECPE URSQRTE
            case 0x3F -> sc;                                                               // FRECPX
            default -> false;
        };
        if (!ok) return false;
        long[] out = new long[2];
        for (int i = 0; i < lanes; i++) {
            long x = get(v, nn, esz, i), r;
            r = switch (key) {
                case 0x18 -> A64FloatConvert.roundInt(c, x, fmt, RN, false);
                case 0x19 -> A64FloatConvert.roundInt(c, x, fmt, RM, false);
                case 0x38 -> A64FloatConvert.roundInt(c, x, fmt, RP, false);
                case 0x39 -> A64FloatConvert.roundInt(c, x, fmt, RZ, false);
                case 0x58 -> A64FloatConvert.roundInt(c, x, fmt, RNA, false);
                case 0x59 -> A64FloatConvert.roundInt(c, x, fmt, FPCR_MODE, true);
                case 0x79 -> A64FloatConvert.roundInt(c, x, fmt, FPCR_MODE, false);
                case 0x1E -> A64FloatConvert.roundIntN(c, x, fmt, RZ, 32);
                case 0x1F -> A64FloatConvert.roundIntN(c, x, fmt, RZ, 64);
                case 0x5E -> A64FloatConvert.roundIntN(c, x, fmt, FPCR_MODE, 32);
                case 0x5F -> A64FloatConvert.roundIntN(c, x, fmt, FPCR_MODE, 64);
                case 0x1A -> A64FloatConvert.toFixed(c, x, fmt, 0, false, 8 << esz, RN);
                case 0x1B -> A64FloatConvert.toFixed(c, x, fmt, 0, false, 8 << esz, RM);
                case 0x3A -> A64FloatConvert.toFixed(c, x, fmt, 0, false, 8 << esz, RP);
                case 0x3B -> A64FloatConvert.toFixed(c, x, fmt, 0, false, 8 << esz, RZ);
                case 0x1C -> A64FloatConvert.toFixed(c, x, fmt, 0, false, 8 << esz, RNA);
                case 0x5A -> A64FloatConvert.toFixed(c, x, fmt, 0, true, 8 << esz, RN);
                case 0x5B -> A64FloatConvert.toFixed(c, x, fmt, 0, true, 8 << esz, RM);
                case 0x7A -> A64FloatConvert.toFixed(c, x, fmt, 0, true, 8 << esz, RP);
                case 0x7B -> A64FloatConvert.toFixed(c, x, fmt, 0, true, 8 << esz, RZ);
                case 0x5C -> A64FloatConvert.toFixed(c, x, fmt, 0, true, 8 << esz, RNA);
                case 0x1D -> A64FloatConvert.fromFixed(c, x, fmt, 0, false, 8 << esz);
                case 0x5D -> A64FloatConvert.fromFixed(c, x, fmt, 0, true, 8 << esz);
                case 0x2C -> compareLane(c, x, 0, fmt, 2);
                case 0x2D -> compareLane(c, x, 0, fmt, 0);
                case 0x2E -> compareLane(c, 0, x, fmt, 2);
                case 0x6C -> compareLane(c, x, 0, fmt, 1);
                case 0x6D -> compareLane(c, 0, x, fmt, 1);
                case 0x2F -> x & ~sign;
                case 0x6F -> x ^ sign;
                case 0x3D -> A64Estimate.recip(c, x, fmt);
                case 0x7D -> A64Estimate.rsqrt(c, x, fmt);
                case 0x3C -> A64Estimate.urecpe(x);
                case 0x7C -> A64Estimate.ursqrte(x);
                case 0x3F -> A64Estimate.recpX(c, x, fmt);
                default -> sqrt(c, x, fmt);
            };
            put(out, esz, i, r);
        }
        write(v, dn, out, q);
        return true;
    }

    // ---------------------------------------------------------------- across lanes, scalar pairwise

    /** FMAXNMV, FMINNMV, FMAXV, FMINV (4S only in single precision). */
    public static boolean across(Arm64Cpu c, int insn) {
        int op5 = (insn >>> 12) & 31;
        if (!u(insn) || (op5 != 0x0C && op5 != 0x0F) || !q(insn) || (insn & (1 << 22)) != 0) return false;
        int op = op5 == 0x0C ? (a(insn) ? MINNM : MAXNM) : (a(insn) ? MIN : MAX);
        long[] v = c.v;
        int nn = n(insn);
        // reduced as a tree, as the pseudocode's Reduce() does
        long l = binary(c, op, get(v, nn, 2, 0), get(v, nn, 2, 1), 0, S);
        long h = binary(c, op, get(v, nn, 2, 2), get(v, nn, 2, 3), 0, S);
        long r = binary(c, op, l, h, 0, S);
        v[2 * d(insn)] = r;
        v[2 * d(insn) + 1] = 0;
        return true;
    }

    /** Scalar pairwise: ADDP (D), FADDP, FMAXP, FMINP, FMAXNMP, FMINNMP. */
    public static boolean scalarPairwise(Arm64Cpu c, int insn) {
        int op5 = (insn >>> 12) & 31;
        long[] v = c.v;
        int dn = d(insn), nn = n(insn);
        if (!u(insn)) {
            if (op5 != 0x1B || size(insn) != 3) return false;
            v[2 * dn] = v[2 * nn] + v[2 * nn + 1];
            v[2 * dn + 1] = 0;
            return true;
        }
        int op;
        switch ((a(insn) ? 0x20 : 0) | op5) {
            case 0x0C -> op = MAXNM;
            case 0x0D -> op = ADD;
            case 0x0F -> op = MAX;
            case 0x2C -> op = MINNM;
            case 0x2F -> op = MIN;
            default -> { return false; }
        }
        int fmt = fmt(insn), esz = fmt + 1;
        long r = binary(c, op, get(v, nn, esz, 0), get(v, nn, esz, 1), 0, fmt);
        v[2 * dn] = r;
        v[2 * dn + 1] = 0;
        return true;
    }

    // ---------------------------------------------------------------- by element

    /** FMLA, FMLS, FMUL, FMULX (by element), vector and scalar. */
    public static boolean byElementFp(Arm64Cpu c, int insn) {
        int op4 = (insn >>> 12) & 15;
        boolean u = u(insn), sc = scalar(insn), q = q(insn);
        int op = switch ((u ? 16 : 0) | op4) {
            case 0x01 -> MLA;
            case 0x05 -> MLS;
            case 0x09 -> MUL;
            case 0x19 -> MULX;
            default -> -1;
        };
        if (op < 0 || (insn & (1 << 23)) == 0) return false;   // size 0x is FP16 / unallocated here
        int fmt = fmt(insn), esz = fmt + 1;
        boolean l = (insn & (1 << 21)) != 0, h = (insn & (1 << 11)) != 0;
        if (fmt == D && (l || !q && !sc)) return false;
        int index = fmt == D ? (h ? 1 : 0) : (h ? 2 : 0) | (l ? 1 : 0);
        int mn = (insn >>> 16) & 31;                              // M:Rm, all 32 registers for S and D
        long[] v = c.v;
        int dn = d(insn), nn = n(insn), lanes = lanes(insn, fmt);
        long y = get(v, mn, esz, index);
        long[] out = new long[2];
        for (int i = 0; i < lanes; i++) {
            put(out, esz, i, binary(c, op, get(v, nn, esz, i), y, get(v, dn, esz, i), fmt));
        }
        write(v, dn, out, q);
        return true;
    }
}
