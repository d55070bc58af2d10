package io.mimic.translator.aarch64;

/**
 * Which instructions read or write NZCV, for the lazy-flags analysis. Base instructions are
 * known by pattern; the FP ones (FCMP, FCCMP, FCSEL, in the fpsimd classes) by encoding.
 */
final class Arm64FlagUse {
    static final int READS = 1, WRITES = 2;

    private Arm64FlagUse() {}

    static int of(Arm64Insn insn) {
        if (insn.pattern == null) return READS;
        int b = insn.bits;
        return switch (insn.pattern.name()) {
            case "adds_imm", "subs_imm", "ands_imm", "ands_sreg", "bics_sreg", "adds_sreg", "subs_sreg",
                 "adds_ereg", "subs_ereg" -> WRITES;
            case "adcs", "sbcs", "ccmn_reg", "ccmp_reg", "ccmn_imm", "ccmp_imm" -> READS | WRITES;
            case "adc", "sbc", "b_cond", "csel", "csinc", "csinv", "csneg" -> READS;
            case "msr" -> isNzcv(insn) ? WRITES : 0;
            case "mrs" -> isNzcv(insn) ? READS
                    : insn.field(20, 5) == Arm64System.RNDR || insn.field(20, 5) == Arm64System.RNDRRS ? WRITES : 0;
            case "fpsimd" -> fp(b);
            default -> 0;
        };
    }

    private static boolean isNzcv(Arm64Insn insn) {
        return insn.field(20, 5) == A64Control.SYSREG_NZCV;
    }

    /** FCMP/FCMPE and FJCVTZS write NZCV; FCCMP/FCCMPE read and write it; FCSEL reads it. */
    private static int fp(int b) {
        if ((b & 0xFF20FC00) == 0x1E202000) return WRITES;
        if ((b & 0xFFFFFC00) == 0x1E7E0000) return WRITES;      // FJCVTZS
        if ((b & 0xFF200C00) == 0x1E200400) return READS | WRITES;
        if ((b & 0xFF200C00) == 0x1E200C00) return READS;
        return 0;
    }
}
