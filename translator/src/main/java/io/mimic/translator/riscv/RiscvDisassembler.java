package io.mimic.translator.riscv;

/** Formats decoded instructions for -d in_asm, from the same decode table as translation. */
public final class RiscvDisassembler {
    private static final String[] X = {
        "zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1", "a0", "a1", "a2", "a3", "a4", "a5",
        "a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6"};
    private static final String[] F = {
        "ft0", "ft1", "ft2", "ft3", "ft4", "ft5", "ft6", "ft7", "fs0", "fs1", "fa0", "fa1", "fa2", "fa3", "fa4", "fa5",
        "fa6", "fa7", "fs2", "fs3", "fs4", "fs5", "fs6", "fs7", "fs8", "fs9", "fs10", "fs11", "ft8", "ft9", "ft10", "ft11"};
    private static final String[] RM = {"rne", "rtz", "rdn", "rup", "rmm", "rm5", "rm6", "dyn"};

    private RiscvDisassembler() {}

    /** The ABI name of integer register {@code i} (a0, sp, ...). */
    public static String xName(int i) {
        return X[i];
    }

    public static String format(RiscvInsn i) {
        String enc = i.compressedBits >= 0 ? String.format("%04x    ", i.compressedBits) : String.format("%08x", i.bits);
        if (i.pattern == null) return enc + "  illegal";
        String n = i.name();
        boolean fpDest = n.startsWith("f") && !n.startsWith("fence") && !isFpToInt(n);
        boolean fpSrc = n.startsWith("f") && !n.startsWith("fence") && !isIntToFp(n);
        String rd = fpDest ? F[i.rd] : X[i.rd];
        String rs1 = fpSrc && !isFpLoadStore(n) ? F[i.rs1] : X[i.rs1];
        String rs2 = fpSrc ? F[i.rs2] : X[i.rs2];
        String ops = switch (i.pattern.format()) {
            case R, FCMP -> rd + "," + rs1 + "," + rs2;
            case FR -> rd + "," + rs1 + "," + rs2 + rm(i);
            case R4 -> rd + "," + rs1 + "," + rs2 + "," + F[i.rs3] + rm(i);
            case F1 -> rd + "," + rs1 + (n.startsWith("fcvt") || n.startsWith("fsqrt") ? rm(i) : "");
            case I -> isLoad(n) ? rd + "," + i.imm + "(" + X[i.rs1] + ")" : rd + "," + rs1 + "," + i.imm;
            case S -> rs2 + "," + i.imm + "(" + X[i.rs1] + ")";
            case B -> X[i.rs1] + "," + X[i.rs2] + "," + String.format("0x%x", i.target());
            case U -> rd + "," + String.format("0x%x", (i.imm >>> 12) & 0xfffff);
            case J -> rd + "," + String.format("0x%x", i.target());
            case SH, SHW -> rd + "," + rs1 + "," + i.imm;
            case A -> rd + "," + X[i.rs2] + ",(" + X[i.rs1] + ")";
            case LR -> rd + ",(" + X[i.rs1] + ")";
            case CSR -> rd + "," + csrName(i.csr) + "," + X[i.rs1];
            case CSRI -> rd + "," + csrName(i.csr) + "," + i.rs1;
            case NONE -> "";
        };
        return enc + "  " + (ops.isEmpty() ? n : String.format("%-10s %s", n, ops));
    }

    private static String rm(RiscvInsn i) {
        return i.rm == 7 ? "" : "," + RM[i.rm];
    }

    private static boolean isLoad(String n) {
        return n.startsWith("l") || n.equals("flw") || n.equals("fld") || n.equals("jalr");
    }

    private static boolean isFpLoadStore(String n) {
        return n.equals("flw") || n.equals("fld") || n.equals("fsw") || n.equals("fsd");
    }

    private static boolean isFpToInt(String n) {
        return n.matches("fcvt\\.(w|wu|l|lu)\\.[sd]") || n.startsWith("fmv.x") || n.startsWith("fclass")
                || n.startsWith("feq") || n.startsWith("flt") || n.startsWith("fle");
    }

    private static boolean isIntToFp(String n) {
        return n.matches("fcvt\\.[sd]\\.(w|wu|l|lu)") || n.matches("fmv\\.[wd]\\.x");
    }

    private static String csrName(int csr) {
        return switch (csr) {
            case RiscvCsr.FFLAGS -> "fflags";
            case RiscvCsr.FRM -> "frm";
            case RiscvCsr.FCSR -> "fcsr";
            case RiscvCsr.CYCLE -> "cycle";
            case RiscvCsr.TIME -> "time";
            case RiscvCsr.INSTRET -> "instret";
            default -> String.format("0x%03x", csr);
        };
    }
}
