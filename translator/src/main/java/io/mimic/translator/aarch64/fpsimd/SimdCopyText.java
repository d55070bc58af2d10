package io.mimic.translator.aarch64.fpsimd;

import static io.mimic.translator.aarch64.fpsimd.FpSimdText.arr;
import static io.mimic.translator.aarch64.fpsimd.FpSimdText.f;
import static io.mimic.translator.aarch64.fpsimd.FpSimdText.gp;
import static io.mimic.translator.aarch64.fpsimd.FpSimdText.v;

/** Operands of the copy (DUP/INS/UMOV/SMOV) and modified-immediate (MOVI/MVNI/ORR/BIC/FMOV) groups. */
final class SimdCopyText {
    private SimdCopyText() {}

    static String format(int b, boolean scalar) {
        int imm5 = f(b, 20, 16), imm4 = f(b, 14, 11), q = f(b, 30, 30), rd = f(b, 4, 0), rn = f(b, 9, 5);
        int size = Integer.numberOfTrailingZeros(imm5);
        if (size > 3) return null;
        char t = "bhsd".charAt(size);
        String lane = "." + t + "[" + (imm5 >> (size + 1)) + "]";
        if (scalar) return imm4 == 0 && f(b, 29, 29) == 0 ? "mov " + t + rd + ", v" + rn + lane : null;
        if (f(b, 29, 29) == 1) { // INS (element): the source index is imm4 scaled by the element size
            return q == 1 ? "mov v" + rd + lane + ", v" + rn + "." + t + "[" + (imm4 >> size) + "]" : null;
        }
        return switch (imm4) {
            case 0 -> size == 3 && q == 0 ? null : "dup " + v(rd, arr(size, q)) + ", v" + rn + lane;
            case 1 -> size == 3 && q == 0 ? null : "dup " + v(rd, arr(size, q)) + ", " + gp(rn, size == 3);
            case 3 -> q == 1 ? "mov v" + rd + lane + ", " + gp(rn, size == 3) : null;
            case 5 -> size < 2 || size == 2 && q == 1 ? "smov " + gp(rd, q == 1) + ", v" + rn + lane : null;
            case 7 -> size == 3 && q == 1 || size == 2 && q == 0 ? "mov " + gp(rd, q == 1) + ", v" + rn + lane
                    : q == 0 ? "umov " + gp(rd, false) + ", v" + rn + lane : null;
            default -> null;
        };
    }

    static String modimm(int b, String mn) {
        int op = f(b, 29, 29), cmode = f(b, 15, 12), q = f(b, 30, 30), rd = f(b, 4, 0);
        int imm8 = f(b, 18, 16) << 5 | f(b, 9, 5);
        if (f(b, 11, 11) == 1) return null;
        if (cmode == 15) {
            if (op == 1 && q == 0) return null;
            return "fmov " + v(rd, op == 1 ? "2d" : q == 1 ? "4s" : "2s") + ", " + FpScalarText.fpImm(imm8);
        }
        String hex = "#0x" + Integer.toHexString(imm8);
        if (cmode == 14 && op == 1) { // each bit of imm8 is a byte of the 64-bit immediate
            long m = 0;
            for (int k = 0; k < 8; k++) if ((imm8 >> k & 1) == 1) m |= 0xffL << (8 * k);
            return "movi " + (q == 1 ? v(rd, "2d") : "d" + rd) + ", #0x" + Long.toHexString(m);
        }
        if (cmode == 14) return "movi " + v(rd, arr(0, q)) + ", " + hex;
        if (cmode >= 12) return mn + " " + v(rd, arr(2, q)) + ", " + hex + ", msl #" + ((cmode & 1) == 0 ? 8 : 16);
        int size = cmode < 8 ? 2 : 1, shift = (cmode >> 1 & (size == 2 ? 3 : 1)) * 8;
        return mn + " " + v(rd, arr(size, q)) + ", " + hex + (shift == 0 ? "" : ", lsl #" + shift);
    }
}
