package io.mimic.translator.aarch64.fpsimd;

import static io.mimic.translator.aarch64.fpsimd.FpSimdText.COND;
import static io.mimic.translator.aarch64.fpsimd.FpSimdText.f;
import static io.mimic.translator.aarch64.fpsimd.FpSimdText.fr;
import static io.mimic.translator.aarch64.fpsimd.FpSimdText.gp;

/** Operands of the scalar floating-point groups (fp_*), in objdump's syntax. */
final class FpScalarText {
    private FpScalarText() {}

    /** The 8-bit FP immediate (VFPExpandImm), printed as objdump does (%.18e). */
    static String fpImm(int imm8) {
        // bits bcd give exponents 1..4 when b = 0 and -3..0 when b = 1: flipping b makes it exp + 3
        int sign = imm8 >> 7, exp = ((imm8 >> 4) & 7) ^ 4, frac = imm8 & 15;
        double value = (16 + frac) / 16.0 * Math.pow(2, exp - 3);
        return "#" + String.format("%.18e", sign == 1 ? -value : value);
    }

    static String format(String group, int b, String mn) {
        int type = f(b, 23, 22), rd = f(b, 4, 0), rn = f(b, 9, 5), rm = f(b, 20, 16);
        if (type == 2 && !group.equals("fp_int")) return null;
        return switch (group) {
            case "fp_int" -> integer(b, mn, type, rd, rn);
            case "fp_fixed" -> {
                boolean x = f(b, 31, 31) == 1;
                String fbits = ", #" + (64 - f(b, 15, 10));
                yield mn.endsWith("f") ? mn + " " + fr(type, rd) + ", " + gp(rn, x) + fbits
                        : mn + " " + gp(rd, x) + ", " + fr(type, rn) + fbits;
            }
            case "fp_1src" -> {
                int op = f(b, 20, 15);
                if (op >= 4 && op <= 7 && (op & 3) == type) yield FpSimdText.unallocated(b);
                if (op >= 4 && op <= 7) yield "fcvt " + fr(op & 3, rd) + ", " + fr(type, rn);
                yield mn + " " + fr(type, rd) + ", " + fr(type, rn);
            }
            case "fp_cmp" -> f(b, 15, 14) != 0 || f(b, 2, 0) != 0 ? FpSimdText.unallocated(b) : mn + " " + fr(type, rn) + ", " + (f(b, 3, 3) == 1 ? "#0.0" : fr(type, rm));
            case "fp_imm" -> mn + " " + fr(type, rd) + ", " + fpImm(f(b, 20, 13));
            case "fp_ccmp" -> mn + " " + fr(type, rn) + ", " + fr(type, rm) + ", #0x" + Integer.toHexString(f(b, 3, 0))
                    + ", " + COND[f(b, 15, 12)];
            case "fp_2src" -> mn + " " + fr(type, rd) + ", " + fr(type, rn) + ", " + fr(type, rm);
            case "fp_csel" -> mn + " " + fr(type, rd) + ", " + fr(type, rn) + ", " + fr(type, rm) + ", " + COND[f(b, 15, 12)];
            case "fp_3src" -> mn + " " + fr(type, rd) + ", " + fr(type, rn) + ", " + fr(type, rm) + ", " + fr(type, f(b, 14, 10));
            default -> null;
        };
    }

    private static String integer(int b, String mn, int type, int rd, int rn) {
        boolean x = f(b, 31, 31) == 1;
        int op = f(b, 18, 16);
        if (type == 2) { // FMOV to or from the top half of a 128-bit register
            if (!x || f(b, 20, 19) != 1 || op < 6) return null;
            return op == 6 ? "fmov " + gp(rd, true) + ", v" + rn + ".d[1]" : "fmov v" + rd + ".d[1], " + gp(rn, true);
        }
        int rmode = f(b, 20, 19);
        boolean ok = switch (op) {
            case 0, 1 -> true;
            case 2, 3, 4, 5 -> rmode == 0;
            default -> rmode == 0 && (type == 3 || (type == 1) == x) || rmode == 3 && op == 6 && type == 1 && !x;
        };
        if (!ok) return FpSimdText.unallocated(b);
        if (op == 2 || op == 3 || op == 7) return mn + " " + fr(type, rd) + ", " + gp(rn, x);
        return mn + " " + gp(rd, x) + ", " + fr(type, rn);
    }
}
