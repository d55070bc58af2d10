package io.mimic.translator.aarch64.fpsimd;

import io.mimic.translator.aarch64.A64Context;
import io.mimic.translator.engine.Emitter;
import org.objectweb.asm.Opcodes;

/**
 * AdvSIMD three different. The widening add/subtract and multiply(-accumulate) forms
 * ((S/U)ADDL, SUBL, ADDW, SUBW, MULL, MLAL, MLSL and their "2" forms) are emitted per 64-bit
 * half of the result: the source lanes widened by {@link SimdWidth} (constant arguments, inlined
 * by C2) and combined with lane-wise add/subtract. {@link SimdInt#threeDiff} decoded the word per
 * execution, lane by lane through the register array: 5.8% of a64 coremark's samples (the 16-bit
 * matrix multiply, vectorized by gcc into SMULL/SMLAL). The other forms (absolute difference,
 * narrowing high half, saturating doubling, PMULL) and the scalar ones still call it.
 */
final class SimdDiffTranslators implements Opcodes {
    private static final String WIDTH = "io/mimic/translator/aarch64/fpsimd/SimdWidth";

    private SimdDiffTranslators() {}

    static boolean threeDiff(A64Context x, int insn) {
        if (!SimdTranslators.allocated(SimdInt::threeDiff, insn)) return false;
        int op = (insn >>> 12) & 15, esz = (insn >>> 22) & 3;
        boolean u = (insn & (1 << 29)) != 0, q = (insn & (1 << 30)) != 0, scalar = (insn & (1 << 28)) != 0;
        boolean inline = switch (op) {
            case 0, 1, 2, 3, 8, 10, 12 -> !scalar;
            default -> false;
        };
        if (!inline) return SimdTranslators.viaArray(x, insn, SimdInt::threeDiff, SimdInt.class, "threeDiff");
        Emitter e = x.emitter();
        int d = insn & 31, n = (insn >>> 5) & 31, m = (insn >>> 16) & 31, part = q ? 1 : 0;
        // both result halves on the stack before either is stored: d may be n or m
        for (int h = 0; h < 2; h++) {
            switch (op) {
                case 0, 2 -> {                                   // ADDL SUBL
                    widened(x, n, part, esz, h, u);
                    widened(x, m, part, esz, h, u);
                    lanes(e, esz + 1, op == 0 ? "add" : "sub");
                }
                case 1, 3 -> {                                   // ADDW SUBW
                    x.getV(n, h);
                    widened(x, m, part, esz, h, u);
                    lanes(e, esz + 1, op == 1 ? "add" : "sub");
                }
                default -> {                                     // MLAL MLSL MULL
                    if (op != 12) x.getV(d, h);
                    x.getV(n, part);
                    x.getV(m, part);
                    e.constInt(esz);
                    e.constInt(h);
                    e.constInt(u ? 0 : 1);
                    e.callStatic(WIDTH, "mull", "(JJIIZ)J");
                    if (op != 12) lanes(e, esz + 1, op == 8 ? "add" : "sub");
                }
            }
        }
        x.setV(d, 1);
        x.setV(d, 0);
        return true;
    }

    /** Pushes the lanes of chunk {@code chunk} of V(r)'s half {@code half}, widened. */
    private static void widened(A64Context x, int r, int half, int esz, int chunk, boolean unsigned) {
        x.getV(r, half);
        x.emitter().constInt(esz);
        x.emitter().constInt(chunk);
        x.emitter().callStatic(WIDTH, unsigned ? "uwiden" : "swiden", "(JII)J");
    }

    /** Lane-wise add or sub ({@link SimdHalf}) of the two longs on the stack. */
    private static void lanes(Emitter e, int esz, String op) {
        if (esz == 3) {
            e.op(op.equals("add") ? LADD : LSUB);
            return;
        }
        e.constInt(esz);
        e.callStatic("io/mimic/translator/aarch64/fpsimd/SimdHalf", op, "(JJI)J");
    }
}
