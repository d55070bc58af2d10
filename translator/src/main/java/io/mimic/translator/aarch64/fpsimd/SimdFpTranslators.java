package io.mimic.translator.aarch64.fpsimd;

import io.mimic.translator.aarch64.A64Context;
import io.mimic.translator.engine.Emitter;
import org.objectweb.asm.Opcodes;

/**
 * Vector FP three same: FADD, FSUB, FMUL, FDIV, FMLA, FMLS, FMAX, FMIN, FMAXNM and FMINNM are
 * emitted per 64-bit half as a call of {@link SimdFpLane#binary} with the operation and format
 * as constants, instead of {@link SimdFp#threeSame} decoding the word per execution and moving
 * lanes through the register array (3.3% of a64 cpu_mix's samples with its callee
 * {@code binary}: the vectorized matrix multiply and 5-body loops). Pairwise, compare,
 * estimate-step and scalar forms still call the semantic function.
 */
final class SimdFpTranslators implements Opcodes {
    private static final String LANE = "io/mimic/translator/aarch64/fpsimd/SimdFpLane";

    private SimdFpTranslators() {}

    /** False, having emitted nothing, for a form left to the semantic function (the caller checked allocation). */
    static boolean threeSame(A64Context x, int insn) {
        if ((insn & (1 << 28)) != 0) return false;
        boolean u = (insn & (1 << 29)) != 0, a = (insn & (1 << 23)) != 0, q = (insn & (1 << 30)) != 0;
        int key = (u ? 0x40 : 0) | (a ? 0x20 : 0) | ((insn >>> 11) & 7);
        int op = switch (key) {
            case 0x02 -> SimdFp.ADD;
            case 0x22 -> SimdFp.SUB;
            case 0x43 -> SimdFp.MUL;
            case 0x47 -> SimdFp.DIV;
            case 0x01 -> SimdFp.MLA;
            case 0x21 -> SimdFp.MLS;
            case 0x06 -> SimdFp.MAX;
            case 0x26 -> SimdFp.MIN;
            case 0x00 -> SimdFp.MAXNM;
            case 0x20 -> SimdFp.MINNM;
            default -> -1;
        };
        if (op < 0) return false;
        int fmt = (insn & (1 << 22)) != 0 ? A64Float.D : A64Float.S;
        int d = insn & 31, n = (insn >>> 5) & 31, m = (insn >>> 16) & 31;
        Emitter e = x.emitter();
        for (int h = 0; h < 2; h++) {
            if (h == 1 && !q) {
                e.constLong(0);
            } else {
                x.pushCpu();
                e.constInt(op);
                x.getV(n, h);
                x.getV(m, h);
                if (op == SimdFp.MLA || op == SimdFp.MLS) x.getV(d, h);
                else e.constLong(0);
                e.constInt(fmt);
                x.callStatic(SimdFpLane.class, "binary", "(" + A64Context.CPU_DESC + "IJJJI)J");
            }
            x.setV(d, h);
        }
        return true;
    }
}
