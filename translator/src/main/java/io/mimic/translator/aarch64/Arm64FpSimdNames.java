package io.mimic.translator.aarch64;

/**
 * Mnemonics of the FP/SIMD encodings for -d in_asm when the fpsimd package gives no text of
 * its own: the class's opcode tables from the manual, mnemonic only (operands are the fpsimd
 * disassembler's job). Unknown encodings get their class name.
 */
public final class Arm64FpSimdNames {
    private static final String[] FP2 = {"fmul", "fdiv", "fadd", "fsub", "fmax", "fmin", "fmaxnm", "fminnm", "fnmul"};
    private static final String[] FP1 = {"fmov", "fabs", "fneg", "fsqrt", "fcvt", "fcvt", "fcvt", "fcvt", "frintn", "frintp",
        "frintm", "frintz", "frinta", null, "frintx", "frinti", "frint32z", "frint32x", "frint64z", "frint64x"};
    private static final String[] SAME_S = {"shadd", "sqadd", "srhadd", null, "shsub", "sqsub", "cmgt", "cmge", "sshl", "sqshl",
        "srshl", "sqrshl", "smax", "smin", "sabd", "saba", "add", "cmtst", "mla", "mul", "smaxp", "sminp", "sqdmulh", "addp",
        "fmaxnm", "fmla", "fadd", "fmulx", "fcmeq", "fmlal", "fmax", "frecps"};
    private static final String[] SAME_U = {"uhadd", "uqadd", "urhadd", null, "uhsub", "uqsub", "cmhi", "cmhs", "ushl", "uqshl",
        "urshl", "uqrshl", "umax", "umin", "uabd", "uaba", "sub", "cmeq", "mls", "pmul", "umaxp", "uminp", "sqrdmulh", null,
        "fmaxnmp", "fmlal2", "faddp", "fmul", "fcmge", "facge", "fmaxp", "fdiv"};
    private static final String[] MISC_S = {"rev64", "rev16", "saddlp", "suqadd", "cls", "cnt", "sadalp", "sqabs", "cmgt", "cmeq",
        "cmlt", "abs", null, null, null, null, null, null, "xtn", null, "sqxtn", null, "fcvtn", "fcvtl", "frintn", "frintm",
        "fcvtns", "fcvtms", "fcvtas", "scvtf", null, null};
    private static final String[] MISC_U = {"rev32", null, "uaddlp", "usqadd", "clz", "not", "uadalp", "sqneg", "cmge", "cmle",
        null, "neg", null, null, null, null, null, null, "sqxtun", "shll", "uqxtn", null, "fcvtxn", null, "frinta", "frintx",
        "fcvtnu", "fcvtmu", "fcvtau", "ucvtf", null, null};
    private static final String[] SHIFT_S = {"sshr", null, "ssra", null, "srshr", null, "srsra", null, null, null, "shl", null,
        null, null, "sqshl", null, "shrn", "rshrn", "sqshrn", "sqrshrn", "sshll", null, null, null, null, null, null, null,
        "scvtf", null, null, "fcvtzs"};
    private static final String[] SHIFT_U = {"ushr", null, "usra", null, "urshr", null, "ursra", null, "sri", null, "sli", null,
        "sqshlu", null, "uqshl", null, "sqshrun", "sqrshrun", "uqshrn", "uqrshrn", "ushll", null, null, null, null, null, null,
        null, "ucvtf", null, null, "fcvtzu"};
    private static final String[] DIFF_S = {"saddl", "saddw", "ssubl", "ssubw", "addhn", "sabal", "subhn", "sabdl", "smlal",
        "sqdmlal", "smlsl", "sqdmlsl", "smull", "sqdmull", "pmull", null};
    private static final String[] DIFF_U = {"uaddl", "uaddw", "usubl", "usubw", "raddhn", "uabal", "rsubhn", "uabdl", "umlal",
        null, "umlsl", null, "umull", null, null, null};
    private static final String[] PERMUTE = {null, "uzp1", "trn1", "zip1", null, "uzp2", "trn2", "zip2"};

    private Arm64FpSimdNames() {}

    private static int f(int b, int hi, int lo) {
        return (b >>> lo) & ((1 << (hi - lo + 1)) - 1);
    }

    private static String or(String s, String cls) {
        return s != null ? s : cls;
    }

    public static String mnemonic(int b) {
        if ((b & 0xBE000000) == 0x0C000000) return structure(b);
        if ((b & 0x5F000000) == 0x1E000000 && f(b, 21, 21) == 1) return scalarFp(b);
        if ((b & 0x5F000000) == 0x1F000000) {
            return new String[]{"fmadd", "fmsub", "fnmadd", "fnmsub"}[f(b, 21, 21) << 1 | f(b, 15, 15)];
        }
        if ((b & 0x5F200000) == 0x1E000000) { // conversions to and from fixed point: rmode:opcode
            return switch (f(b, 20, 16)) {
                case 0x18 -> "fcvtzs";
                case 0x19 -> "fcvtzu";
                case 0x02 -> "scvtf";
                case 0x03 -> "ucvtf";
                default -> "(fp fixed-point conversion)";
            };
        }
        String crypto = io.mimic.translator.aarch64.fpsimd.A64FpSimd.cryptoText(b);   // AES, SHA, SHA3, SM3, SM4
        if (crypto != null) return crypto.substring(0, crypto.indexOf(' '));
        if ((b & 0x9F000000) == 0x0E000000 || (b & 0xDF000000) == 0x5E000000) return vector(b);
        if (((b & 0x9F800000) == 0x0F000000 || (b & 0xDF800000) == 0x5F000000) && f(b, 22, 19) != 0 && f(b, 10, 10) == 1) {
            String s = (f(b, 29, 29) == 1 ? SHIFT_U : SHIFT_S)[f(b, 15, 11)];
            return s == null ? "(advsimd shift)" : s.endsWith("n") || s.endsWith("ll") ? q2(b, s) : s;
        }
        if ((b & 0x9FF80400) == 0x0F000400) return modifiedImmediate(b);
        if ((b & 0x9F000400) == 0x0F000000) return "(advsimd by element)";
        return "(fp/simd)";
    }

    /** The "2" form (upper half) of a widening or narrowing instruction when Q = 1. */
    private static String q2(int b, String s) {
        return f(b, 30, 30) == 1 && (b & 0x10000000) == 0 ? s + "2" : s;
    }

    private static String modifiedImmediate(int b) {
        int cmode = f(b, 15, 12);
        boolean op = f(b, 29, 29) == 1;
        if (cmode == 15) return "fmov";
        if (cmode == 14) return "movi";
        if (cmode >= 12) return op ? "mvni" : "movi";
        if ((cmode & 1) == 1) return op ? "bic" : "orr";
        return op ? "mvni" : "movi";
    }

    private static String structure(int b) {
        boolean load = f(b, 22, 22) == 1;
        String ld = load ? "ld" : "st";
        if (f(b, 24, 24) == 0) {
            return switch (f(b, 15, 12)) {
                case 0 -> ld + "4";
                case 2, 6, 7, 10 -> ld + "1";
                case 4 -> ld + "3";
                case 8 -> ld + "2";
                default -> "(advsimd structure)";
            };
        }
        int opcode = f(b, 15, 13), r = f(b, 21, 21);
        int n = ((opcode & 1) << 1 | r) + 1;
        return opcode >= 6 ? (load ? "ld" + n + "r" : "(advsimd structure)") : ld + n + " (lane)";
    }

    private static String scalarFp(int b) {
        if (f(b, 11, 10) == 2) return or(f(b, 15, 12) < FP2.length ? FP2[f(b, 15, 12)] : null, "(scalar fp 2-source)");
        if (f(b, 11, 10) == 1) return f(b, 4, 4) == 1 ? "fccmpe" : "fccmp";
        if (f(b, 11, 10) == 3) return "fcsel";
        if (f(b, 14, 10) == 0x10) return or(f(b, 20, 15) < FP1.length ? FP1[f(b, 20, 15)] : null, "(scalar fp 1-source)");
        if (f(b, 13, 10) == 8) return f(b, 4, 4) == 1 ? "fcmpe" : "fcmp";
        if (f(b, 12, 10) == 4) return "fmov";
        if (f(b, 15, 10) == 0) {
            int rmode = f(b, 20, 19), op = f(b, 18, 16);
            return switch (op) {
                case 0 -> "fcvt" + "npmz".charAt(rmode) + "s";
                case 1 -> "fcvt" + "npmz".charAt(rmode) + "u";
                case 2 -> "scvtf";
                case 3 -> "ucvtf";
                case 4 -> "fcvtas";
                case 5 -> "fcvtau";
                case 6, 7 -> rmode == 3 ? "fjcvtzs" : "fmov";
                default -> "(fp conversion)";
            };
        }
        return "(scalar fp)";
    }

    private static String vector(int b) {
        boolean u = f(b, 29, 29) == 1;
        if (f(b, 21, 21) == 1 && f(b, 10, 10) == 1) {
            int op = f(b, 15, 11);
            if (op == 3) {
                String[] logic = u ? new String[]{"eor", "bsl", "bit", "bif"} : new String[]{"and", "bic", "orr", "orn"};
                return logic[f(b, 23, 22)];
            }
            String s = (u ? SAME_U : SAME_S)[op];
            if (s != null && op >= 24 && f(b, 23, 23) == 1) {
                s = s.equals("faddp") ? "fabd" : s.equals("fcmge") ? "fcmgt" : s.equals("facge") ? "facgt"
                        : s.replace("max", "min").replace("fadd", "fsub").replace("fmla", "fmls").replace("frecps", "frsqrts");
            }
            return or(s, "(advsimd three same)");
        }
        if (f(b, 21, 17) == 0x10 && f(b, 11, 10) == 2) {
            String s = (u ? MISC_U : MISC_S)[f(b, 16, 12)];
            return s == null ? "(advsimd two-reg misc)" : f(b, 16, 12) >= 18 && f(b, 16, 12) <= 23 ? q2(b, s) : s;
        }
        if (f(b, 21, 17) == 0x18 && f(b, 11, 10) == 2) {
            return switch (f(b, 16, 12)) {
                case 3 -> u ? "uaddlv" : "saddlv";
                case 10 -> u ? "umaxv" : "smaxv";
                case 26 -> u ? "uminv" : "sminv";
                case 27 -> "addv";
                default -> "(advsimd across lanes)";
            };
        }
        if (f(b, 21, 21) == 1 && f(b, 11, 10) == 0) {
            String s = (u ? DIFF_U : DIFF_S)[f(b, 15, 12)];
            return s == null ? "(advsimd three different)" : q2(b, s);
        }
        if ((b & 0x1FE08400) == 0x0E000400) {
            if (u) return "ins";
            return switch (f(b, 14, 11)) {
                case 0, 1 -> "dup";
                case 3 -> "ins";
                case 5 -> "smov";
                case 7 -> "umov";
                default -> "(advsimd copy)";
            };
        }
        if ((b & 0x3F208C00) == 0x0E000800) return or(PERMUTE[f(b, 14, 12)], "(advsimd permute)");
        if ((b & 0x3F208400) == 0x2E000000) return "ext";
        if ((b & 0x3F208C00) == 0x0E000000) return f(b, 12, 12) == 1 ? "tbx" : "tbl";
        return "(advsimd)";
    }
}
