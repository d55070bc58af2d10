package io.mimic.translator.aarch64;

import io.mimic.translator.aarch64.fpsimd.A64FpSimd;

/**
 * Formats decoded A64 instructions for -d in_asm, from the same decode table as translation.
 * The base instructions get operands in the manual's syntax (without the preferred aliases,
 * except MOV/CMP/NOP-like ones that make traces readable); FP/SIMD encodings are described by
 * the fpsimd package, or by a generic name when it has none.
 */
public final class Arm64Disassembler {
    private static final String[] COND = {"eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt", "gt", "le", "al", "nv"};
    private static final String[] SHIFT = {"lsl", "lsr", "asr", "ror"};
    private static final String[] EXTEND = {"uxtb", "uxth", "uxtw", "uxtx", "sxtb", "sxth", "sxtw", "sxtx"};

    private Arm64Disassembler() {}

    /** Integer register name: x0..x30, then sp or xzr for 31; w-names for 32-bit. */
    static String r(int n, boolean is64, boolean sp) {
        if (n == 31) return sp ? (is64 ? "sp" : "wsp") : (is64 ? "xzr" : "wzr");
        return (is64 ? "x" : "w") + n;
    }

    private static String x(int n) { return r(n, true, false); }
    private static String xsp(int n) { return r(n, true, true); }
    private static String hex(long v) { return v < 0 ? "#-0x" + Long.toHexString(-v) : "#0x" + Long.toHexString(v); }

    public static String format(Arm64Insn i) {
        String enc = String.format("%08x", i.bits);
        if (i.pattern == null) return enc + "  .inst 0x" + enc + " (unallocated)";
        String text = text(i);
        return enc + "  " + text;
    }

    private static String text(Arm64Insn i) {
        String n = i.name();
        boolean sf = i.sf();
        int rd = i.rd(), rn = i.rn(), rm = i.rm();
        String base = n.contains("_") ? n.substring(0, n.indexOf('_')) : n;
        return switch (i.pattern.format()) {
            case FPSIMD -> {
                String s = A64FpSimd.disassemble(i.bits, i.pc);
                yield s != null ? s : fpGeneric(i);
            }
            case ADR -> base + " " + x(rd) + ", 0x" + Long.toHexString(n.equals("adrp")
                    ? (i.pc & ~0xfffL) + (((i.sfield(23, 5) << 2) | i.field(30, 29)) << 12)
                    : i.pc + ((i.sfield(23, 5) << 2) | i.field(30, 29)));
            case ADDSUB_IMM -> {
                boolean s = base.endsWith("s");
                yield base + " " + r(rd, sf, !s) + ", " + r(rn, sf, true) + ", " + hex(i.field(21, 10))
                        + (i.field(22, 22) == 1 ? ", lsl #12" : "");
            }
            case MINMAX_IMM -> base + " " + r(rd, sf, false) + ", " + r(rn, sf, false) + ", #"
                    + (base.charAt(0) == 's' ? i.sfield(17, 10) : i.field(17, 10));
            case LOGIC_IMM -> {
                Long m = Arm64Ops.bitmask(i.field(22, 22), i.field(15, 10), i.field(21, 16), sf);
                yield base + " " + r(rd, sf, !base.equals("ands")) + ", " + r(rn, sf, false) + ", "
                        + (m == null ? "<reserved>" : "#0x" + Long.toHexString(m));
            }
            case MOVW -> base + " " + r(rd, sf, false) + ", " + hex(i.field(20, 5))
                    + (i.field(22, 21) != 0 ? ", lsl #" + 16 * i.field(22, 21) : "");
            case BITFIELD -> base + " " + r(rd, sf, false) + ", " + r(rn, sf, false) + ", #" + i.field(21, 16) + ", #" + i.field(15, 10);
            case EXTR -> "extr " + r(rd, sf, false) + ", " + r(rn, sf, false) + ", " + r(rm, sf, false) + ", #" + i.field(15, 10);
            case B26 -> base + " 0x" + Long.toHexString(i.target());
            case BCOND -> "b." + COND[i.field(3, 0)] + " 0x" + Long.toHexString(i.target());
            case CB -> base + " " + r(rd, sf, false) + ", 0x" + Long.toHexString(i.target());
            case TB -> base + " " + r(rd, sf, false) + ", #" + ((i.field(31, 31) << 5) | i.field(23, 19)) + ", 0x" + Long.toHexString(i.target());
            case BR -> n.equals("ret") && rn == 30 ? "ret" : base + " " + x(rn);
            case EXC -> base + " " + hex(n.equals("udf") ? i.field(15, 0) : i.field(20, 5));
            case SYS -> sys(i);
            case LS_EXCL -> excl(i);
            case CAS -> cas(i);
            case ATOMIC -> atomic(i);
            case ATOMIC128 -> base + " " + x(rd) + ", " + x(rm) + ", [" + xsp(rn) + "]";
            case LS_LIT -> (n.equals("ldr_lit") && i.field(31, 30) == 2 ? "ldrsw " : n.equals("ldr_lit") && i.field(31, 30) == 3 ? "prfm " : "ldr ")
                    + lsReg(i, n.equals("ldrv_lit"), n.equals("ldrv_lit") ? 4 << i.field(31, 30) : i.field(31, 30) == 0 ? 4 : 8, rd)
                    + ", 0x" + Long.toHexString(i.pc + (i.sfield(23, 5) << 2));
            case LS_PAIR -> pair(i);
            case LS_IMM9, LS_UIMM, LS_REG -> single(i);
            case LOGIC_SREG, ADDSUB_SREG -> {
                String shift = i.field(15, 10) == 0 ? "" : ", " + SHIFT[i.field(23, 22)] + " #" + i.field(15, 10);
                yield base + " " + r(rd, sf, false) + ", " + r(rn, sf, false) + ", " + r(rm, sf, false) + shift;
            }
            case ADDSUB_EREG -> {
                boolean s = base.endsWith("s");
                int opt = i.field(15, 13), amt = i.field(12, 10);
                yield base + " " + r(rd, sf, !s) + ", " + r(rn, sf, true) + ", " + r(rm, sf && (opt & 3) == 3, false)
                        + ", " + EXTEND[opt] + (amt != 0 ? " #" + amt : "");
            }
            case ADC -> base + " " + r(rd, sf, false) + ", " + r(rn, sf, false) + ", " + r(rm, sf, false);
            case CCMP -> base + " " + r(rn, sf, false) + ", " + (n.endsWith("imm") ? "#" + i.field(20, 16) : r(rm, sf, false))
                    + ", #" + i.field(3, 0) + ", " + COND[i.field(15, 12)];
            case CSEL -> base + " " + r(rd, sf, false) + ", " + r(rn, sf, false) + ", " + r(rm, sf, false) + ", " + COND[i.field(15, 12)];
            case DP3 -> {
                boolean longForm = n.endsWith("l");
                boolean high = n.endsWith("mulh");
                String src = (longForm ? "w" : sf ? "x" : "w");
                yield base + " " + r(rd, sf, false) + ", " + (src.equals("w") ? r(rn, false, false) : x(rn)) + ", "
                        + (src.equals("w") ? r(rm, false, false) : x(rm)) + (high ? "" : ", " + r(i.ra(), sf, false));
            }
            case DP2 -> base + " " + r(rd, sf || !n.startsWith("crc") ? sf : false, false) + ", " + r(rn, sf && !n.startsWith("crc"), false)
                    + ", " + r(rm, sf, false);
            case DP1 -> (n.equals("rev_w") ? "rev" : base) + " " + r(rd, sf, false) + ", " + r(rn, sf, false);
        };
    }

    private static String sys(Arm64Insn i) {
        String n = i.name();
        return switch (n) {
            case "hint" -> switch (i.field(11, 5)) {
                case 0 -> "nop";
                case 1 -> "yield";
                case 2 -> "wfe";
                case 3 -> "wfi";
                case 4 -> "sev";
                case 5 -> "sevl";
                case 0x19 -> "paciasp";
                case 0x1d -> "autiasp";
                case 0x1b -> "pacibsp";
                case 0x1f -> "autibsp";
                case 0x20, 0x22, 0x24, 0x26 -> "bti" + new String[]{"", " c", " j", " jc"}[(i.field(11, 5) >> 1) & 3];
                default -> "hint #" + i.field(11, 5);
            };
            case "dmb", "dsb" -> n + " #" + i.field(11, 8);
            case "isb", "clrex" -> n;
            case "mrs" -> "mrs " + x(i.rd()) + ", " + sysregName(i.field(20, 5));
            case "msr" -> "msr " + sysregName(i.field(20, 5)) + ", " + x(i.rd());
            default -> "sys #" + i.field(18, 16) + ", C" + i.field(15, 12) + ", C" + i.field(11, 8) + ", #" + i.field(7, 5) + ", " + x(i.rd());
        };
    }

    static String sysregName(int reg) {
        if (reg == A64Control.SYSREG_NZCV) return "nzcv";
        if (reg == Arm64System.TPIDR_EL0) return "tpidr_el0";
        if (reg == Arm64System.FPCR) return "fpcr";
        if (reg == Arm64System.FPSR) return "fpsr";
        if (reg == Arm64System.CNTVCT_EL0) return "cntvct_el0";
        if (reg == Arm64System.CNTFRQ_EL0) return "cntfrq_el0";
        if (reg == Arm64System.CTR_EL0) return "ctr_el0";
        if (reg == Arm64System.DCZID_EL0) return "dczid_el0";
        if (reg == Arm64System.MIDR_EL1) return "midr_el1";
        if (reg == Arm64System.RNDR) return "rndr";
        if (reg == Arm64System.RNDRRS) return "rndrrs";
        return String.format("s%d_%d_c%d_c%d_%d", reg >>> 14, (reg >>> 11) & 7, (reg >>> 7) & 15, (reg >>> 3) & 15, reg & 7);
    }

    private static String sizeSuffix(int size) {
        return size == 0 ? "b" : size == 1 ? "h" : "";
    }

    private static String excl(Arm64Insn i) {
        String n = i.name();
        int size = i.field(31, 30);
        boolean is64 = size == 3;
        boolean pair = n.endsWith("p") && !n.equals("ldapr");
        String sfx = pair ? "" : sizeSuffix(size);
        boolean pairX = pair && i.field(30, 30) == 1;
        String rt = r(i.rd(), pair ? pairX : is64, false);
        String mn = n + sfx;
        if (n.startsWith("st") && n.contains("x")) {
            return mn + " " + r(i.rm(), false, false) + ", " + rt + (pair ? ", " + r(i.ra(), pairX, false) : "") + ", [" + xsp(i.rn()) + "]";
        }
        return mn + " " + rt + (pair ? ", " + r(i.ra(), pairX, false) : "") + ", [" + xsp(i.rn()) + "]";
    }

    private static String order(Arm64Insn i, int a, int l) {
        return (i.field(a, a) == 1 ? "a" : "") + (i.field(l, l) == 1 ? "l" : "");
    }

    private static String cas(Arm64Insn i) {
        int size = i.field(31, 30);
        String ord = order(i, 22, 15);
        if (i.name().equals("casp")) {
            boolean x = i.field(30, 30) == 1;
            return "casp" + ord + " " + r(i.rm(), x, false) + ", " + r(i.rm() + 1, x, false) + ", " + r(i.rd(), x, false)
                    + ", " + r(i.rd() + 1, x, false) + ", [" + xsp(i.rn()) + "]";
        }
        return "cas" + ord + sizeSuffix(size) + " " + r(i.rm(), size == 3, false) + ", " + r(i.rd(), size == 3, false) + ", [" + xsp(i.rn()) + "]";
    }

    private static String atomic(Arm64Insn i) {
        int size = i.field(31, 30);
        return i.name() + order(i, 23, 22) + sizeSuffix(size) + " " + r(i.rm(), size == 3, false) + ", "
                + r(i.rd(), size == 3, false) + ", [" + xsp(i.rn()) + "]";
    }

    /** Rt as the transfer register: V names by size (b, h, s, d, q) or x/w. */
    private static String lsReg(Arm64Insn i, boolean vector, int bytes, int rt) {
        if (vector) return "bhsdq".charAt(Integer.numberOfTrailingZeros(bytes)) + String.valueOf(rt);
        return r(rt, bytes == 8, false);
    }

    private static String pair(Arm64Insn i) {
        String n = i.name();
        int opc = i.field(31, 30), type = i.field(24, 23);
        boolean vector = n.endsWith("v");
        int bytes = vector ? 4 << opc : opc == 2 ? 8 : 4;
        String mn = (n.startsWith("ld") ? "ld" : "st") + (type == 0 ? "np" : opc == 1 && !vector ? "psw" : "p");
        long imm = i.sfield(21, 15) * bytes;
        String regs = lsReg(i, vector, opc == 1 && !vector ? 8 : bytes, i.rd()) + ", " + lsReg(i, vector, opc == 1 && !vector ? 8 : bytes, i.ra());
        return mn + " " + regs + ", " + addr(i.rn(), imm, type == 1 ? 1 : type == 3 ? 3 : 0);
    }

    private static String addr(int rn, long imm, int mode) {
        return switch (mode) {
            case 1 -> "[" + xsp(rn) + "], #" + imm;
            case 3 -> "[" + xsp(rn) + ", #" + imm + "]!";
            default -> imm == 0 ? "[" + xsp(rn) + "]" : "[" + xsp(rn) + ", #" + imm + "]";
        };
    }

    private static String single(Arm64Insn i) {
        int size = i.field(31, 30), opc = i.field(23, 22);
        boolean vector = i.field(26, 26) == 1;
        String n = i.name();
        int bytes;
        String mn;
        boolean to64;
        if (n.startsWith("stlur") || n.startsWith("ldapur")) {
            bytes = 1 << size;
            to64 = n.equals("ldapursx") || size == 3;
            mn = n.replace("ldapursx", "ldapurs").replace("ldapursw", "ldapurs") + sizeSuffix(size)
                    + (n.equals("ldapursx") && size == 2 ? "w" : "");
            if (mn.equals("ldapurs")) mn = "ldapursw";
            return mn + " " + r(i.rd(), to64, false) + ", " + addr(i.rn(), i.sfield(20, 12), 0);
        }
        if (vector) {
            bytes = opc >= 2 ? 16 : 1 << size;
            mn = (opc == 0 || opc == 2) ? "str" : "ldr";
            to64 = true;
        } else {
            bytes = 1 << size;
            to64 = size == 3 || opc == 2;
            if (opc == 2 && size == 3) mn = "prfm";
            else mn = (opc == 0 ? "str" : opc == 1 ? "ldr" : "ldrs") + (size == 2 && opc >= 2 ? "w" : sizeSuffix(size));
        }
        String rt = vector ? lsReg(i, true, bytes, i.rd()) : mn.equals("prfm") ? "#" + i.rd() : r(i.rd(), to64, false);
        return switch (i.pattern.format()) {
            case LS_UIMM -> mn + " " + rt + ", " + addr(i.rn(), (long) i.field(21, 10) * bytes, 0);
            case LS_REG -> {
                int option = i.field(15, 13);
                boolean s = i.field(12, 12) == 1;
                String ext = option == 3 ? (s ? ", lsl #" + Integer.numberOfTrailingZeros(bytes) : "")
                        : ", " + EXTEND[option] + (s ? " #" + Integer.numberOfTrailingZeros(bytes) : "");
                yield mn + " " + rt + ", [" + xsp(i.rn()) + ", " + r(i.rm(), (option & 1) == 1, false) + ext + "]";
            }
            default -> {
                int mode = i.field(11, 10);
                String m = mode == 0 ? mn.replaceFirst("^(ld|st)r", "$1ur").replace("prfm", "prfum")
                        : mode == 2 ? mn.replaceFirst("^(ld|st)r", "$1tr") : mn;
                yield m + " " + rt + ", " + addr(i.rn(), i.sfield(20, 12), mode == 1 ? 1 : mode == 3 ? 3 : 0);
            }
        };
    }

    /** A name for an FP/SIMD encoding that the fpsimd package did not describe. */
    private static String fpGeneric(Arm64Insn i) {
        String m = Arm64FpSimdNames.mnemonic(i.bits);
        return m.startsWith("(") ? String.format(".inst 0x%08x (unallocated)", i.bits) : m;
    }
}
