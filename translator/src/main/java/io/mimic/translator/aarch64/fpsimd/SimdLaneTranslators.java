package io.mimic.translator.aarch64.fpsimd;

import io.mimic.translator.aarch64.A64Context;
import io.mimic.translator.engine.Emitter;
import org.objectweb.asm.Opcodes;

/**
 * Integer Advanced SIMD forms emitted per 64-bit half with a {@link SimdLane} helper whose
 * selectors are constants (C2 inlines the call and folds them): MUL/MLA/MLS, SSHL/USHL,
 * ADDP/UMAXP/UMINP/SMAXP/SMINP and CMTST of three same, the compares with zero of two-register
 * misc, ADDV/UMAXV/UMINV/SMAXV/SMINV, and EXT (plain JVM shifts). They used to call their group's
 * semantic function, which decodes the word per execution and goes through the register array
 * lane by lane: coremark's matrix code (MLA, SSHL, ADDV, EXT) and glibc's string functions
 * (UMAXP, ADDP, CMEQ #0) run them in their inner loops. Each method returns false, having
 * emitted nothing, for an encoding it leaves to the semantic function; the caller has checked
 * that the encoding is allocated.
 */
final class SimdLaneTranslators implements Opcodes {
    private static final String LANE = "io/mimic/translator/aarch64/fpsimd/SimdLane";
    private static final String HALF = "io/mimic/translator/aarch64/fpsimd/SimdHalf";

    private SimdLaneTranslators() {}

    /** Vector three same, integer opcodes below 0x18. */
    static boolean threeSame(A64Context x, int insn) {
        int op = (insn >>> 11) & 31, esz = (insn >>> 22) & 3, d = insn & 31, n = (insn >>> 5) & 31, m = (insn >>> 16) & 31;
        boolean u = (insn & (1 << 29)) != 0, q = (insn & (1 << 30)) != 0;
        if ((insn & (1 << 28)) != 0) return false;
        Emitter e = x.emitter();
        int halves = q ? 2 : 1;
        switch (op) {
            case 0x12, 0x13 -> {                                     // MLA MLS / MUL (PMUL stays)
                if (op == 0x13 && u) return false;
                for (int h = 0; h < halves; h++) {
                    if (op == 0x12) x.getV(d, h);
                    x.getV(n, h);
                    x.getV(m, h);
                    e.constInt(esz);
                    e.callStatic(LANE, "mul", "(JJI)J");
                    if (op == 0x12) {
                        e.constInt(esz);
                        e.callStatic(HALF, u ? "sub" : "add", "(JJI)J");
                    }
                    x.setV(d, h);
                }
            }
            case 0x08 -> {                                           // SSHL USHL
                for (int h = 0; h < halves; h++) {
                    x.getV(n, h);
                    x.getV(m, h);
                    e.constInt(esz);
                    e.constInt(u ? 1 : 0);
                    e.callStatic(LANE, "shl", "(JJIZ)J");
                    x.setV(d, h);
                }
            }
            case 0x11 -> {                                           // CMTST (CMEQ is inline already)
                if (u) return false;
                for (int h = 0; h < halves; h++) {
                    x.getV(n, h);
                    x.getV(m, h);
                    e.op(LAND);
                    e.constInt(esz);
                    e.constInt(SimdLane.EQ);
                    e.callStatic(LANE, "compareZero", "(JII)J");
                    e.constLong(-1);
                    e.op(LXOR);
                    x.setV(d, h);
                }
            }
            case 0x14, 0x15, 0x17 -> {                               // xMAXP xMINP ADDP
                int kind = op == 0x17 ? SimdLane.ADD : op == 0x14 ? (u ? SimdLane.UMAX : SimdLane.SMAX)
                        : (u ? SimdLane.UMIN : SimdLane.SMIN);
                // both result halves before either is stored: each reads both halves of a source
                for (int h = 0; h < halves; h++) {
                    x.getV(q ? (h == 0 ? n : m) : n, 0);
                    if (q) x.getV(h == 0 ? n : m, 1);
                    else x.getV(m, 0);
                    e.constInt(esz);
                    e.constInt(kind);
                    e.callStatic(LANE, "pairwise", "(JJII)J");
                }
                if (q) x.setV(d, 1);
                x.setV(d, 0);
            }
            default -> { return false; }
        }
        if (!q) {
            e.constLong(0);
            x.setV(d, 1);
        }
        return true;
    }

    /** Vector CMGT/CMGE/CMEQ/CMLE/CMLT against zero. */
    static boolean twoMisc(A64Context x, int insn) {
        if ((insn & (1 << 28)) != 0) return false;
        boolean u = (insn & (1 << 29)) != 0, q = (insn & (1 << 30)) != 0;
        int op5 = (insn >>> 12) & 31, esz = (insn >>> 22) & 3, d = insn & 31, n = (insn >>> 5) & 31;
        int kind;
        switch ((u ? 32 : 0) | op5) {
            case 0x08 -> kind = SimdLane.GT;
            case 0x28 -> kind = SimdLane.GE;
            case 0x09 -> kind = SimdLane.EQ;
            case 0x29 -> kind = SimdLane.LE;
            case 0x0A -> kind = SimdLane.LT;
            default -> { return false; }
        }
        Emitter e = x.emitter();
        for (int h = 0; h < 2; h++) {
            if (h == 1 && !q) {
                e.constLong(0);
            } else {
                x.getV(n, h);
                e.constInt(esz);
                e.constInt(kind);
                e.callStatic(LANE, "compareZero", "(JII)J");
            }
            x.setV(d, h);
        }
        return true;
    }

    /** ADDV, UMAXV, UMINV, SMAXV, SMINV (the widening SADDLV/UADDLV stay with the semantic function). */
    static boolean across(A64Context x, int insn) {
        int op5 = (insn >>> 12) & 31, esz = (insn >>> 22) & 3, d = insn & 31, n = (insn >>> 5) & 31;
        boolean u = (insn & (1 << 29)) != 0, q = (insn & (1 << 30)) != 0;
        int kind = switch (op5) {
            case 0x1B -> SimdLane.ADD;
            case 0x0A -> u ? SimdLane.UMAX : SimdLane.SMAX;
            case 0x1A -> u ? SimdLane.UMIN : SimdLane.SMIN;
            default -> -1;
        };
        if (kind < 0) return false;
        Emitter e = x.emitter();
        x.getV(n, 0);
        if (q) x.getV(n, 1);
        else e.constLong(0);
        e.constInt(esz);
        e.constInt((q ? 16 : 8) >> esz);
        e.constInt(kind);
        e.callStatic(LANE, "across", "(JJIII)J");
        x.setV(d, 0);
        e.constLong(0);
        x.setV(d, 1);
        return true;
    }

    /** EXT: bytes imm4.. of the concatenation m:n (128 or 64 bits), as funnel shifts of the halves. */
    static void ext(A64Context x, int insn) {
        int imm4 = (insn >>> 11) & 15, d = insn & 31, n = (insn >>> 5) & 31, m = (insn >>> 16) & 31;
        boolean q = (insn & (1 << 30)) != 0;
        Emitter e = x.emitter();
        // the source as 64-bit words, lowest first: n.lo n.hi m.lo m.hi, or n.lo m.lo
        int[][] words = q ? new int[][]{{n, 0}, {n, 1}, {m, 0}, {m, 1}} : new int[][]{{n, 0}, {m, 0}};
        int word = imm4 >>> 3, shift = (imm4 & 7) * 8;
        for (int h = 0; h < (q ? 2 : 1); h++) {
            int[] lo = words[word + h];
            x.getV(lo[0], lo[1]);
            if (shift != 0) {
                e.constInt(shift);
                e.op(LUSHR);
                int[] hi = words[word + h + 1];
                x.getV(hi[0], hi[1]);
                e.constInt(64 - shift);
                e.op(LSHL);
                e.op(LOR);
            }
        }
        if (q) x.setV(d, 1);
        else {
            e.constLong(0);
            x.setV(d, 1);
        }
        x.setV(d, 0);
    }
}
