package io.mimic.translator.aarch64.fpsimd;

import io.mimic.translator.aarch64.Arm64FpSimdNames;

/**
 * Operands of the FP/SIMD encodings for -d in_asm, in GNU objdump's syntax (its preferred
 * aliases where they are cheap: mov for orr/ins/umov, mvn for not, sxtl/uxtl). The mnemonic
 * comes from Arm64FpSimdNames' opcode tables; this class only knows where each decode group
 * keeps its registers, arrangement and immediates. Returns null when it has no text, and the
 * caller then prints the mnemonic alone.
 */
final class FpSimdText {
    private static final String[] ARR = {"8b", "16b", "4h", "8h", "2s", "4s", "1d", "2d"};
    private static final String BHSD = "bhsdq";
    static final String[] COND = {"eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt", "gt", "le", "al", "nv"};

    private FpSimdText() {}

    static int f(int b, int hi, int lo) {
        return (b >>> lo) & ((1 << (hi - lo + 1)) - 1);
    }

    static String v(int n, String arr) { return "v" + n + "." + arr; }
    static String arr(int size, int q) { return size > 3 ? "?" : ARR[size * 2 + q]; }
    /** FP arrangement from sz and Q: 2s/4s/2d. */
    static String farr(int sz, int q) { return sz == 1 ? (q == 1 ? "2d" : "1d") : (q == 1 ? "4s" : "2s"); }
    static String s(int size, int n) { return BHSD.charAt(size) + "" + n; }
    static String gp(int n, boolean x) { return n == 31 ? (x ? "xzr" : "wzr") : (x ? "x" : "w") + n; }
    static String xsp(int n) { return n == 31 ? "sp" : "x" + n; }
    /** Scalar FP register of ftype 0 (single), 1 (double), 3 (half). */
    static String fr(int type, int n) { return (type == 0 ? "s" : type == 1 ? "d" : type == 3 ? "h" : "?") + n; }

    /** objdump's spelling of an encoding the architecture leaves unallocated. */
    static String unallocated(int b) {
        return String.format(".inst 0x%08x (unallocated)", b);
    }

    static String format(String group, int b) {
        String text = text(group, b);
        return text != null && text.contains("?") ? unallocated(b) : text;
    }

    private static String text(String group, int b) {
        String mn = Arm64FpSimdNames.mnemonic(b);
        return switch (group) {
            case "ldst_multi", "ldst_multi_post" -> mn.startsWith("(") ? null : SimdStructText.multi(b, mn);
            case "ldst_single", "ldst_single_post" -> SimdStructText.single(b);
            case "fp_int", "fp_fixed", "fp_1src", "fp_cmp", "fp_imm", "fp_ccmp", "fp_2src", "fp_csel", "fp_3src" ->
                    mn.startsWith("(") ? null : FpScalarText.format(group, b, mn);
            case "simd_copy", "scalar_copy" -> SimdCopyText.format(b, group.startsWith("scalar"));
            case "simd_modimm" -> SimdCopyText.modimm(b, mn);
            default -> SimdVectorText.format(group, b, mn);
        };
    }
}
