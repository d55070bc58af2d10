package io.mimic.translator.aarch64.fpsimd;

import static io.mimic.translator.aarch64.fpsimd.FpSimdText.arr;
import static io.mimic.translator.aarch64.fpsimd.FpSimdText.f;
import static io.mimic.translator.aarch64.fpsimd.FpSimdText.farr;
import static io.mimic.translator.aarch64.fpsimd.FpSimdText.v;

/** Operands of the two-register miscellaneous group (vector and scalar). */
final class SimdMiscText {
    private SimdMiscText() {}

    static String format(int b, String mn, boolean scalar, int q, int size, int rd, int rn) {
        int op = f(b, 16, 12);
        boolean u = f(b, 29, 29) == 1;
        String bhsd = "bhsd";
        if (op >= 8 && op <= 10 && !(u && op == 10)) {
            if (mn.startsWith("(")) return null; // integer compares against zero
            if (mn.startsWith("(")) return null;
        return mn + " " + (scalar ? bhsd.charAt(size) + "" + rd + ", " + bhsd.charAt(size) + rn
                    : v(rd, arr(size, q)) + ", " + v(rn, arr(size, q))) + ", #0";
        }
        if (op == 18 || op == 20) { // narrowing XTN, SQXTN, SQXTUN, UQXTN
            if (size == 3) return null;
            return scalar ? mn + " " + bhsd.charAt(size) + rd + ", " + bhsd.charAt(size + 1) + rn
                    : mn + " " + v(rd, arr(size, q)) + ", " + v(rn, arr(size + 1, 1));
        }
        if (op == 19 && u) return size == 3 ? null : mn + " " + v(rd, arr(size + 1, 1)) + ", " + v(rn, arr(size, q)) + ", #" + (8 << size);
        if (op == 22 && scalar) return u && size == 1 ? "fcvtxn s" + rd + ", d" + rn : null;
        if (op == 22 && (size & 2) == 0) { // FCVTN, FCVTXN: 4h from 4s, 2s from 2d
            return mn + " " + v(rd, size == 1 ? arr(2, q) : arr(1, q)) + ", " + v(rn, size == 1 ? "2d" : "4s");
        }
        if (op == 23 && (size & 2) == 0) return mn + " " + v(rd, size == 1 ? "2d" : "4s") + ", " + v(rn, size == 1 ? arr(2, q) : arr(1, q));
        if (op == 2 || op == 6) return size == 3 ? null : mn + " " + v(rd, arr(size + 1, q)) + ", " + v(rn, arr(size, q));
        if (op == 5 && u && size == 1) return "rbit " + v(rd, arr(0, q)) + ", " + v(rn, arr(0, q));
        if (op == 5 && u && size == 0) return "mvn " + v(rd, arr(0, q)) + ", " + v(rn, arr(0, q));
        if (op >= 12 && op <= 15 && (size & 2) != 0 || op >= 22) { // FP lanes: sz picks single or double
            String name = fpName(op, u, (size & 2) != 0, mn);
            if (name == null || name.equals("frecpx") && !scalar) return null;
            String zero = op >= 12 && op <= 14 ? ", #0.0" : "";
            int sz = size & 1;
            return name + " " + (scalar ? (sz == 1 ? "d" : "s") + rd + ", " + (sz == 1 ? "d" : "s") + rn
                    : v(rd, farr(sz, q)) + ", " + v(rn, farr(sz, q))) + zero;
        }
        if (mn.startsWith("(")) return null;
        return mn + " " + (scalar ? bhsd.charAt(size) + "" + rd + ", " + bhsd.charAt(size) + rn
                : v(rd, arr(size, q)) + ", " + v(rn, arr(size, q)));
    }

    /** FP two-register ops: the table gives the a = 0 names; a = 1 selects a second set. */
    private static String fpName(int op, boolean u, boolean a, String mn) {
        if (!a) return mn.startsWith("(") ? null : mn;
        return u ? switch (op) {
            case 12 -> "fcmge"; case 13 -> "fcmle"; case 15 -> "fneg"; case 24 -> null; case 25 -> "frinti";
            case 26 -> "fcvtpu"; case 27 -> "fcvtzu"; case 28 -> "ursqrte"; case 29 -> "frsqrte"; case 31 -> "fsqrt";
            default -> null; }
            : switch (op) {
            case 12 -> "fcmgt"; case 13 -> "fcmeq"; case 14 -> "fcmlt"; case 15 -> "fabs"; case 24 -> "frintp";
            case 25 -> "frintz"; case 26 -> "fcvtps"; case 27 -> "fcvtzs"; case 28 -> "urecpe"; case 29 -> "frecpe";
            case 31 -> "frecpx"; // scalar only; the vector encoding is unallocated
            default -> null; };
    }
}
