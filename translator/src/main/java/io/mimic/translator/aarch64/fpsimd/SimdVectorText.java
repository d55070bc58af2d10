package io.mimic.translator.aarch64.fpsimd;

import static io.mimic.translator.aarch64.fpsimd.FpSimdText.arr;
import static io.mimic.translator.aarch64.fpsimd.FpSimdText.f;
import static io.mimic.translator.aarch64.fpsimd.FpSimdText.farr;
import static io.mimic.translator.aarch64.fpsimd.FpSimdText.v;

/**
 * Operands of the Advanced SIMD arithmetic groups (three same/different, two-register misc,
 * across lanes, shifts, by element, permutes, EXT, TBL) and their scalar forms.
 */
final class SimdVectorText {
    private SimdVectorText() {}

    /** A register operand: a vector with arrangement, or for scalar forms a b/h/s/d register. */
    private static String reg(boolean scalar, int n, int size, int q) {
        return scalar ? "bhsdq".charAt(size) + "" + n : v(n, arr(size, q));
    }

    private static String freg(boolean scalar, int n, int sz, int q) {
        return scalar ? (sz == 1 ? "d" : "s") + n : v(n, farr(sz, q));
    }

    static String format(String group, int b, String mn) {
        boolean scalar = group.startsWith("scalar");
        int q = scalar ? 0 : f(b, 30, 30), size = f(b, 23, 22), rd = f(b, 4, 0), rn = f(b, 9, 5), rm = f(b, 20, 16);
        int sz = f(b, 22, 22);
        // these groups take the mnemonic from the opcode tables; the others name their own FP forms
        if (mn.startsWith("(") && group.matches("simd_3same|scalar_3same|simd_3diff|scalar_3diff|simd_perm|simd_tbl")) return null;
        return switch (group) {
            case "simd_3same", "scalar_3same" -> {
                int op = f(b, 15, 11);
                if (op == 3) { // logical ops work on bytes; ORR of a register with itself is MOV
                    if (mn.equals("orr") && rn == rm) yield "mov " + v(rd, arr(0, q)) + ", " + v(rn, arr(0, q));
                    yield mn + " " + v(rd, arr(0, q)) + ", " + v(rn, arr(0, q)) + ", " + v(rm, arr(0, q));
                }
                boolean fp = op >= 24;
                if (!scalar && q == 0 && (fp ? sz == 1 : size == 3)) yield FpSimdText.unallocated(b); // no 1d vectors
                if (fp) yield mn + " " + freg(scalar, rd, sz, q) + ", " + freg(scalar, rn, sz, q) + ", " + freg(scalar, rm, sz, q);
                yield mn + " " + reg(scalar, rd, size, q) + ", " + reg(scalar, rn, size, q) + ", " + reg(scalar, rm, size, q);
            }
            case "simd_3diff", "scalar_3diff" -> {
                int op = f(b, 15, 12);
                if (size == 3 && op != 14) yield null;
                String wide = "." + arr(size + 1, 1), narrow = "." + arr(size, q);
                if (op == 14 && size == 3) wide = ".1q";
                if (op == 14 && size == 3) narrow = q == 1 ? ".2d" : ".1d";
                if (op == 4 || op == 6) yield mn + " v" + rd + narrow + ", v" + rn + wide + ", v" + rm + wide;
                if (op == 1 || op == 3) yield mn + " v" + rd + wide + ", v" + rn + wide + ", v" + rm + narrow;
                if (scalar) yield mn + " " + "bhsdq".charAt(size + 1) + rd + ", " + "bhsd".charAt(size) + rn + ", " + "bhsd".charAt(size) + rm;
                yield mn + " v" + rd + wide + ", v" + rn + narrow + ", v" + rm + narrow;
            }
            case "simd_2misc", "scalar_2misc" -> SimdMiscText.format(b, mn, scalar, q, size, rd, rn);
            case "simd_across" -> {
                int op = f(b, 16, 12);
                if (op == 12 || op == 15) { // FP across lanes: single precision, four lanes only
                    if (f(b, 29, 29) == 0 || sz == 1 || q == 0) yield null;
                    yield (op == 12 ? "fmaxnmv" : "fmaxv").replace("max", size >= 2 ? "min" : "max") + " s" + rd + ", " + v(rn, "4s");
                }
                if (mn.startsWith("(") || size == 3 || size == 2 && q == 0) yield null;
                yield mn + " " + "bhsd".charAt(op == 3 ? size + 1 : size) + rd + ", " + v(rn, arr(size, q));
            }
            case "scalar_pair" -> {
                int op = f(b, 16, 12);
                if (op == 27) yield "addp d" + rd + ", " + v(rn, "2d");
                String name = switch (op) {
                    case 12 -> size >= 2 ? "fminnmp" : "fmaxnmp";
                    case 13 -> size >= 2 ? null : "faddp";
                    case 15 -> size >= 2 ? "fminp" : "fmaxp";
                    default -> null;
                };
                if (name == null || f(b, 29, 29) == 0) yield null;
                yield name + " " + (sz == 1 ? "d" : "s") + rd + ", " + v(rn, sz == 1 ? "2d" : "2s");
            }
            case "simd_shift", "scalar_shift" -> shift(b, mn, scalar, q, rd, rn);
            case "simd_elem", "scalar_elem" -> element(b, mn, scalar, q, size, rd, rn);
            case "simd_perm" -> mn + " " + v(rd, arr(size, q)) + ", " + v(rn, arr(size, q)) + ", " + v(rm, arr(size, q));
            case "simd_ext" -> q == 0 && f(b, 14, 14) == 1 || size != 0 ? FpSimdText.unallocated(b) : "ext " + v(rd, arr(0, q)) + ", " + v(rn, arr(0, q)) + ", " + v(rm, arr(0, q)) + ", #" + f(b, 14, 11);
            case "simd_tbl" -> mn + " " + v(rd, arr(0, q)) + ", " + SimdStructText.list(rn, f(b, 14, 13) + 1, ".16b")
                    + ", " + v(rm, arr(0, q));
            default -> null;
        };
    }

    private static String shift(int b, String mn, boolean scalar, int q, int rd, int rn) {
        if (mn.startsWith("(")) return null;
        int immh = f(b, 22, 19), immhb = f(b, 22, 16), op = f(b, 15, 11);
        int size = 31 - Integer.numberOfLeadingZeros(immh), esize = 8 << size;
        boolean left = op == 10 || op == 12 || op == 14 || op == 20;
        int amount = left ? immhb - esize : 2 * esize - immhb;
        if (op == 28 || op == 31) { // fixed-point conversions: FP lanes of 32 or 64 bits
            if (size < 2) return null;
            return mn + " " + (scalar ? "sd".charAt(size - 2) + "" + rd + ", " + "sd".charAt(size - 2) + rn
                    : v(rd, arr(size, q)) + ", " + v(rn, arr(size, q))) + ", #" + amount;
        }
        if (op >= 16 && op <= 19) { // narrowing: the source has lanes twice as wide
            if (size == 3) return null;
            return scalar ? mn + " " + "bhsd".charAt(size) + rd + ", " + "bhsd".charAt(size + 1) + rn + ", #" + amount
                    : mn + " " + v(rd, arr(size, q)) + ", " + v(rn, arr(size + 1, 1)) + ", #" + amount;
        }
        if (op == 20) {
            if (size == 3 || scalar) return null;
            String ext = mn.startsWith("s") ? "sxtl" : "uxtl";
            if (amount == 0) return ext + (mn.endsWith("2") ? "2" : "") + " " + v(rd, arr(size + 1, 1)) + ", " + v(rn, arr(size, q));
            return mn + " " + v(rd, arr(size + 1, 1)) + ", " + v(rn, arr(size, q)) + ", #" + amount;
        }
        if (size == 3 && q == 0 && !scalar) return null;
        return mn + " " + (scalar ? "bhsd".charAt(size) + "" + rd + ", " + "bhsd".charAt(size) + rn
                : v(rd, arr(size, q)) + ", " + v(rn, arr(size, q))) + ", #" + amount;
    }

    private static String element(int b, String mn, boolean scalar, int q, int size, int rd, int rn) {
        int op = f(b, 15, 12), h = f(b, 11, 11), l = f(b, 21, 21), m = f(b, 20, 20);
        boolean u = f(b, 29, 29) == 1;
        String name = u ? switch (op) {
            case 0 -> "mla"; case 4 -> "mls"; case 2 -> "umlal"; case 6 -> "umlsl"; case 9 -> "fmulx";
            case 10 -> "umull"; case 13 -> "sqrdmlah"; case 15 -> "sqrdmlsh"; case 14 -> "udot"; default -> null; }
            : switch (op) {
            case 1 -> "fmla"; case 2 -> "smlal"; case 3 -> "sqdmlal"; case 5 -> "fmls"; case 6 -> "smlsl";
            case 7 -> "sqdmlsl"; case 8 -> "mul"; case 9 -> "fmul"; case 10 -> "smull"; case 11 -> "sqdmull";
            case 12 -> "sqdmulh"; case 13 -> "sqrdmulh"; case 14 -> "sdot"; default -> null; };
        if (name == null) return null;
        boolean fp = op == 1 || op == 5 || op == 9;
        boolean longForm = !fp && op != 14 && (op & 3) == 2 || op == 3 || op == 7 || op == 11;
        int index, rm;
        if (size == 1 || fp && size == 0) { index = h << 2 | l << 1 | m; rm = f(b, 19, 16); }
        else if (size == 2) { index = h << 1 | l; rm = f(b, 20, 16); }
        else if (size == 3 && fp && l == 0) { index = h; rm = f(b, 20, 16); }
        else return null;
        int es = fp && size == 0 ? 1 : size;
        String lane = ", v" + rm + "." + "bhsd".charAt(es) + "[" + index + "]";
        if (longForm) {
            if (scalar) return name + " " + "bhsd".charAt(es + 1) + rd + ", " + "bhsd".charAt(es) + rn + lane;
            String n2 = q == 1 ? name + "2" : name;
            return n2 + " " + v(rd, arr(es + 1, 1)) + ", " + v(rn, arr(es, q)) + lane;
        }
        if (op == 14) return name + " " + v(rd, arr(2, q)) + ", " + v(rn, arr(0, q)) + ", v" + rm + ".4b[" + index + "]";
        if (scalar) return name + " " + "bhsd".charAt(es) + rd + ", " + "bhsd".charAt(es) + rn + lane;
        return name + " " + v(rd, arr(es, q)) + ", " + v(rn, arr(es, q)) + lane;
    }
}
