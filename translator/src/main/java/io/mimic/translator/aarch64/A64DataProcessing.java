package io.mimic.translator.aarch64;

import io.mimic.translator.engine.Emitter;
import org.objectweb.asm.Opcodes;

/**
 * Integer data processing: the immediate and register classes of A64. One generator per
 * shape (add/sub, logical, bitfield, conditional, multiply, 1- and 2-source); 32-bit forms
 * compute on longs and zero-extend the result when writing W registers.
 */
final class A64DataProcessing implements Opcodes {
    private static final String JJ_J = "(JJ)J", J_J = "(J)J";

    private A64DataProcessing() {}

    static boolean translate(Arm64Insn i, A64Context c) {
        String n = i.name();
        return switch (i.pattern.format()) {
            case ADR -> adr(i, c);
            case ADDSUB_IMM -> addSubImm(i, c, n);
            case MINMAX_IMM -> minMaxImm(i, c, n);
            case LOGIC_IMM -> logicImm(i, c, n);
            case MOVW -> moveWide(i, c, n);
            case BITFIELD -> bitfield(i, c, n);
            case EXTR -> extr(i, c);
            case LOGIC_SREG -> logicReg(i, c, n);
            case ADDSUB_SREG -> addSubShifted(i, c, n);
            case ADDSUB_EREG -> addSubExtended(i, c, n);
            case ADC -> adc(i, c, n);
            case CCMP -> ccmp(i, c, n);
            case CSEL -> csel(i, c, n);
            case DP3 -> dp3(i, c, n);
            case DP2 -> dp2(i, c, n);
            case DP1 -> dp1(i, c, n);
            default -> false;
        };
    }

    // ------------------------------------------------------------------ compare and branch

    /** Compares whose operands a B.cond right after them can test directly. */
    static boolean fusable(Arm64Insn i) {
        return i.pattern != null && switch (i.name()) {
            case "subs_imm", "subs_sreg", "subs_ereg", "adds_imm", "adds_sreg", "adds_ereg", "ands_imm", "ands_sreg" -> true;
            default -> false;
        };
    }

    /** The two operand pushers of a fusable compare (for ANDS: Rn and the mask/shifted Rm), or null. */
    private static Runnable[] operands(Arm64Insn s, A64Context c) {
        Emitter e = c.emitter();
        boolean is64 = s.sf();
        switch (s.pattern.format()) {
            case ADDSUB_IMM -> {
                long imm = (long) s.field(21, 10) << (s.field(22, 22) == 1 ? 12 : 0);
                return new Runnable[]{() -> c.getXSp(s.rn()), () -> e.constLong(imm)};
            }
            case ADDSUB_SREG, LOGIC_SREG -> {
                int type = s.field(23, 22), amount = s.field(15, 10);
                if (!is64 && amount >= 32 || s.pattern.format() == Arm64Format.ADDSUB_SREG && type == 3) return null;
                return new Runnable[]{() -> c.getX(s.rn()), () -> shifted(c, s.rm(), type, amount, is64)};
            }
            case ADDSUB_EREG -> {
                int option = s.field(15, 13), amount = s.field(12, 10);
                if (amount > 4) return null;
                return new Runnable[]{() -> c.getXSp(s.rn()), () -> extended(c, s.rm(), option, amount)};
            }
            case LOGIC_IMM -> {
                Long mask = Arm64Ops.bitmask(s.field(22, 22), s.field(15, 10), s.field(21, 16), is64);
                if (mask == null) return null;
                return new Runnable[]{() -> c.getX(s.rn()), () -> e.constLong(mask)};
            }
            default -> {
                return null;
            }
        }
    }

    /** Sign-extends (signed) or zero-extends the low word of the long on the stack. */
    private static void narrow(A64Context c, boolean signed) {
        if (signed) {
            c.emitter().op(L2I);
            c.emitter().op(I2L);
        } else {
            c.zeroExtend32();
        }
    }

    /**
     * B.cond fused with the compare {@code s} right before it: branches on the compare's
     * operands or result instead of unpacking NZCV. False (nothing emitted) where that cannot
     * be done: V-based conditions, and operand-based ones when the compare overwrote a source.
     */
    static boolean branchOnCompare(Arm64Insn s, int cond, long target, A64Context c) {
        Runnable[] ops = operands(s, c);
        if (ops == null || cond >= 14) return false;
        Emitter e = c.emitter();
        boolean is64 = s.sf();
        String n = s.name();
        boolean sub = n.startsWith("subs"), and = n.startsWith("ands");
        int rd = s.rd();
        boolean rmIsSource = s.pattern.format() != Arm64Format.ADDSUB_IMM && s.pattern.format() != Arm64Format.LOGIC_IMM;
        boolean intact = rd == 31 || rd != s.rn() && !(rmIsSource && rd == s.rm());
        // conditions on the result alone (and, after ANDS, those with V = 0)
        Emitter.Cond onResult = switch (cond) {
            case 0 -> Emitter.Cond.EQ;
            case 1 -> Emitter.Cond.NE;
            case 4 -> Emitter.Cond.LT;
            case 5 -> Emitter.Cond.GE;
            case 10 -> and ? Emitter.Cond.GE : null;
            case 11 -> and ? Emitter.Cond.LT : null;
            case 12 -> and ? Emitter.Cond.GT : null;
            case 13 -> and ? Emitter.Cond.LE : null;
            default -> null;
        };
        if (onResult != null) {
            if (rd != 31) {
                c.getX(rd);
            } else {
                ops[0].run();
                ops[1].run();
                e.op(sub ? LSUB : and ? LAND : LADD);
            }
            if (!is64) narrow(c, true);
            e.constLong(0);
            e.branch(onResult, target);
            return true;
        }
        if (!sub || !intact) return false;
        Emitter.Cond onOperands = switch (cond) {
            case 2 -> Emitter.Cond.GEU;
            case 3 -> Emitter.Cond.LTU;
            case 8 -> Emitter.Cond.GTU;
            case 9 -> Emitter.Cond.LEU;
            case 10 -> Emitter.Cond.GE;
            case 11 -> Emitter.Cond.LT;
            case 12 -> Emitter.Cond.GT;
            case 13 -> Emitter.Cond.LE;
            default -> null;
        };
        if (onOperands == null) return false;
        boolean signed = cond >= 10;
        ops[0].run();
        if (!is64) narrow(c, signed);
        ops[1].run();
        if (!is64) narrow(c, signed);
        e.branch(onOperands, target);
        return true;
    }

    // ------------------------------------------------------------------ immediate class

    private static boolean adr(Arm64Insn i, A64Context c) {
        long imm = (i.sfield(23, 5) << 2) | i.field(30, 29);
        long value = i.name().equals("adrp") ? (i.pc & ~0xfffL) + (imm << 12) : i.pc + imm;
        c.emitter().constLong(value);
        c.setX(i.rd());
        return true;
    }

    private static boolean addSubImm(Arm64Insn i, A64Context c, String n) {
        long imm = (long) i.field(21, 10) << (i.field(22, 22) == 1 ? 12 : 0);
        Emitter e = c.emitter();
        Runnable a = () -> c.getXSp(i.rn());
        Runnable b = () -> e.constLong(imm);
        boolean s = n.startsWith("adds") || n.startsWith("subs");
        addSub(i, c, n.startsWith("sub"), s, a, b, !s);
        return true;
    }

    /**
     * Rd = A +/- B with optional flags. {@code rdSp}: Rd 31 is SP (else XZR). The operands are
     * emitted twice when both flags and result are needed (they are register reads and shifts).
     */
    private static void addSub(Arm64Insn i, A64Context c, boolean sub, boolean setFlags, Runnable a, Runnable b, boolean rdSp) {
        Emitter e = c.emitter();
        boolean is64 = i.sf();
        if (setFlags && c.flagsLive()) {
            a.run();
            b.run();
            e.callStatic(Arm64Flags.class, (sub ? "sub" : "add") + (is64 ? "64" : "32"), JJ_J);
            c.setNzcv();
        }
        int rd = i.rd();
        if (!rdSp && c.isZr(rd)) return;
        a.run();
        b.run();
        e.op(sub ? LSUB : LADD);
        if (rdSp) {
            if (!is64) c.zeroExtend32();
            c.setXSp(rd);
        } else {
            c.setXW(rd, is64);
        }
    }

    private static boolean minMaxImm(Arm64Insn i, A64Context c, String n) {
        boolean signed = n.charAt(0) == 's';
        long imm = signed ? i.sfield(17, 10) : i.field(17, 10);
        c.getX(i.rn());
        c.emitter().constLong(imm);
        c.callStatic(Arm64Ops.class, n.substring(0, 4) + (i.sf() ? "64" : "32"), JJ_J);
        c.setXW(i.rd(), i.sf());
        return true;
    }

    private static boolean logicImm(Arm64Insn i, A64Context c, String n) {
        Long mask = Arm64Ops.bitmask(i.field(22, 22), i.field(15, 10), i.field(21, 16), i.sf());
        if (mask == null) return false;
        Emitter e = c.emitter();
        boolean is64 = i.sf();
        int op = switch (n) {
            case "orr_imm" -> LOR;
            case "eor_imm" -> LXOR;
            default -> LAND;
        };
        if (n.equals("ands_imm")) {
            c.getX(i.rn());
            e.constLong(mask);
            e.op(LAND);
            logicResult(i, c);
            return true;
        }
        c.getX(i.rn());
        e.constLong(mask);
        e.op(op);
        if (!is64) c.zeroExtend32();
        c.setXSp(i.rd());
        return true;
    }

    /** Result of ANDS/BICS on the stack: write Rd (XZR-capable) and N, Z (C = V = 0) if live. */
    private static void logicResult(Arm64Insn i, A64Context c) {
        Emitter e = c.emitter();
        boolean is64 = i.sf();
        if (c.flagsLive()) {
            e.op(DUP2);
            e.callStatic(Arm64Flags.class, is64 ? "nz64" : "nz32", J_J);
            c.setNzcv();
        }
        c.setXW(i.rd(), is64);
    }

    private static boolean moveWide(Arm64Insn i, A64Context c, String n) {
        int hw = i.field(22, 21);
        if (!i.sf() && hw >= 2) return false;
        int shift = hw * 16;
        long imm = (long) i.field(20, 5) << shift;
        Emitter e = c.emitter();
        switch (n) {
            case "movz" -> e.constLong(imm);
            case "movn" -> e.constLong(~imm);
            default -> {
                c.getX(i.rd());
                e.constLong(~(0xffffL << shift));
                e.op(LAND);
                e.constLong(imm);
                e.op(LOR);
            }
        }
        c.setXW(i.rd(), i.sf());
        return true;
    }

    /** SBFM/UBFM/BFM with constant shifts and masks (every alias: LSL, LSR, ASR, SXTB, UBFX, BFI...). */
    private static boolean bitfield(Arm64Insn i, A64Context c, String n) {
        boolean is64 = i.sf();
        int nbit = i.field(22, 22), r = i.field(21, 16), s = i.field(15, 10);
        if (nbit != (is64 ? 1 : 0) || !is64 && (r >= 32 || s >= 32)) return false;
        int size = is64 ? 64 : 32;
        Emitter e = c.emitter();
        int width, pos, lsb;
        if (s >= r) {
            width = s - r + 1;
            lsb = r;
            pos = 0;
        } else {
            width = s + 1;
            lsb = 0;
            pos = size - r;
        }
        long fieldMask = width == 64 ? -1L : (1L << width) - 1;
        if (n.equals("bfm")) {
            long dstMask = ~(fieldMask << pos);
            c.getX(i.rd());
            e.constLong(dstMask);
            e.op(LAND);
            c.getX(i.rn());
            if (lsb != 0) {
                e.constInt(lsb);
                e.op(LUSHR);
            }
            e.constLong(fieldMask);
            e.op(LAND);
            if (pos != 0) {
                e.constInt(pos);
                e.op(LSHL);
            }
            e.op(LOR);
        } else {
            // move the field to the top of the long, then shift it down with sign or zero fill
            c.getX(i.rn());
            int up = 64 - (lsb + width);
            if (up != 0) {
                e.constInt(up);
                e.op(LSHL);
            }
            if (64 - width != 0) {
                e.constInt(64 - width);
                e.op(n.equals("sbfm") ? LSHR : LUSHR);
            }
            if (pos != 0) {
                e.constInt(pos);
                e.op(LSHL);
            }
        }
        c.setXW(i.rd(), is64);
        return true;
    }

    private static boolean extr(Arm64Insn i, A64Context c) {
        boolean is64 = i.sf();
        int lsb = i.field(15, 10);
        if (i.field(22, 22) != (is64 ? 1 : 0) || !is64 && lsb >= 32) return false;
        Emitter e = c.emitter();
        if (lsb == 0) {
            c.getX(i.rm());
        } else { // (Rn:Rm) >> lsb; the W form's upper half is dropped by setXW
            if (is64) {
                c.getX(i.rm());
            } else {
                c.getW(i.rm());
            }
            e.constInt(lsb);
            e.op(LUSHR);
            c.getX(i.rn());
            e.constInt((is64 ? 64 : 32) - lsb);
            e.op(LSHL);
            e.op(LOR);
        }
        c.setXW(i.rd(), is64);
        return true;
    }

    // ------------------------------------------------------------------ register class

    /** Pushes Rm shifted by type (LSL, LSR, ASR, ROR) and amount, with 32-bit semantics for W. */
    private static void shifted(A64Context c, int rm, int type, int amount, boolean is64) {
        Emitter e = c.emitter();
        if (amount == 0) {
            c.getX(rm);
            return;
        }
        switch (type) {
            case 0 -> {
                c.getX(rm);
                e.constInt(amount);
                e.op(LSHL);
            }
            case 1 -> {
                if (is64) c.getX(rm); else c.getW(rm);
                e.constInt(amount);
                e.op(LUSHR);
            }
            case 2 -> {
                c.getX(rm);
                if (!is64) {
                    e.op(L2I);
                    e.op(I2L);
                }
                e.constInt(amount);
                e.op(LSHR);
            }
            default -> {
                c.getX(rm);
                e.constLong(amount);
                c.callStatic(Arm64Ops.class, is64 ? "ror64" : "ror32", JJ_J);
            }
        }
    }

    private static boolean logicReg(Arm64Insn i, A64Context c, String n) {
        boolean is64 = i.sf();
        int type = i.field(23, 22), amount = i.field(15, 10);
        if (!is64 && amount >= 32) return false;
        Emitter e = c.emitter();
        boolean flags = n.equals("ands_sreg") || n.equals("bics_sreg");
        if (!flags && c.isZr(i.rd())) return true;
        boolean invert = i.field(21, 21) == 1;
        int op = switch (n.substring(0, 3)) {
            case "orr", "orn" -> LOR;
            case "eor", "eon" -> LXOR;
            default -> LAND;
        };
        // MOV (ORR Rd, XZR, Rm) is the commonest form: skip the OR with zero
        boolean mov = op == LOR && !invert && i.rn() == 31;
        if (!mov) c.getX(i.rn());
        shifted(c, i.rm(), type, amount, is64);
        if (invert) {
            e.constLong(-1);
            e.op(LXOR);
        }
        if (!mov) e.op(op);
        if (flags) logicResult(i, c); else c.setXW(i.rd(), is64);
        return true;
    }

    private static boolean addSubShifted(Arm64Insn i, A64Context c, String n) {
        boolean is64 = i.sf();
        int type = i.field(23, 22), amount = i.field(15, 10);
        if (type == 3 || !is64 && amount >= 32) return false;
        boolean s = n.startsWith("adds") || n.startsWith("subs");
        addSub(i, c, n.startsWith("sub"), s, () -> c.getX(i.rn()), () -> shifted(c, i.rm(), type, amount, is64), false);
        return true;
    }

    private static boolean addSubExtended(Arm64Insn i, A64Context c, String n) {
        int option = i.field(15, 13), amount = i.field(12, 10);
        if (amount > 4) return false;
        boolean s = n.startsWith("adds") || n.startsWith("subs");
        addSub(i, c, n.startsWith("sub"), s, () -> c.getXSp(i.rn()), () -> extended(c, i.rm(), option, amount), !s);
        return true;
    }

    /** Pushes Rm extended by option (UXTB..SXTX) and shifted left by amount (0-4). */
    static void extended(A64Context c, int rm, int option, int amount) {
        Emitter e = c.emitter();
        c.getX(rm);
        switch (option) {
            case 0 -> { e.constLong(0xffL); e.op(LAND); }
            case 1 -> { e.constLong(0xffffL); e.op(LAND); }
            case 2 -> c.zeroExtend32();
            case 4 -> { e.op(L2I); e.op(I2B); e.op(I2L); }
            case 5 -> { e.op(L2I); e.op(I2S); e.op(I2L); }
            case 6 -> { e.op(L2I); e.op(I2L); }
            default -> { } // UXTX, SXTX
        }
        if (amount != 0) {
            e.constInt(amount);
            e.op(LSHL);
        }
    }

    private static boolean adc(Arm64Insn i, A64Context c, String n) {
        Emitter e = c.emitter();
        boolean is64 = i.sf(), sub = n.startsWith("sbc");
        Runnable b = () -> {
            c.getX(i.rm());
            if (sub) {
                e.constLong(-1);
                e.op(LXOR);
            }
        };
        if (n.endsWith("s") && c.flagsLive()) {
            c.getX(i.rn());
            b.run();
            c.getNzcv();
            c.callStatic(Arm64Flags.class, "carry", J_J);
            c.callStatic(Arm64Flags.class, is64 ? "adc64" : "adc32", "(JJJ)J");
            // the result below needs the old carry: compute it first, set NZCV last
            if (!c.isZr(i.rd())) {
                c.getX(i.rn());
                b.run();
                e.op(LADD);
                c.getNzcv();
                c.callStatic(Arm64Flags.class, "carry", J_J);
                e.op(LADD);
                c.setXW(i.rd(), is64);
            }
            c.setNzcv();
            return true;
        }
        if (c.isZr(i.rd())) return true;
        c.getX(i.rn());
        b.run();
        e.op(LADD);
        c.getNzcv();
        c.callStatic(Arm64Flags.class, "carry", J_J);
        e.op(LADD);
        c.setXW(i.rd(), is64);
        return true;
    }

    private static boolean ccmp(Arm64Insn i, A64Context c, String n) {
        if (!c.flagsLive()) return true;
        Emitter e = c.emitter();
        c.getX(i.rn());
        if (n.endsWith("imm")) e.constLong(i.field(20, 16)); else c.getX(i.rm());
        c.getNzcv();
        e.constInt(i.field(15, 12));
        e.constLong((long) i.field(3, 0) << 28);
        String op = n.startsWith("ccmn") ? "ccmn" : "ccmp";
        c.callStatic(Arm64Flags.class, op + (i.sf() ? "64" : "32"), "(JJJIJ)J");
        c.setNzcv();
        return true;
    }

    private static boolean csel(Arm64Insn i, A64Context c, String n) {
        if (c.isZr(i.rd())) return true;
        Emitter e = c.emitter();
        c.getX(i.rn());
        c.getX(i.rm());
        switch (n) {
            case "csinc" -> { e.constLong(1); e.op(LADD); }
            case "csinv" -> { e.constLong(-1); e.op(LXOR); }
            case "csneg" -> e.op(LNEG);
            default -> { }
        }
        c.condition(i.field(15, 12));
        c.callStatic(Arm64Ops.class, "select", "(JJI)J");
        c.setXW(i.rd(), i.sf());
        return true;
    }

    private static boolean dp3(Arm64Insn i, A64Context c, String n) {
        if (c.isZr(i.rd())) return true;
        Emitter e = c.emitter();
        switch (n) {
            case "smulh", "umulh" -> {
                c.getX(i.rn());
                c.getX(i.rm());
                c.callStatic(Arm64Ops.class, n, JJ_J);
                c.setX(i.rd());
                return true;
            }
            default -> { }
        }
        c.getX(i.ra());
        switch (n) {
            case "smaddl", "smsubl" -> {
                c.getX(i.rn()); e.op(L2I); e.op(I2L);
                c.getX(i.rm()); e.op(L2I); e.op(I2L);
            }
            case "umaddl", "umsubl" -> {
                c.getW(i.rn());
                c.getW(i.rm());
            }
            default -> {
                c.getX(i.rn());
                c.getX(i.rm());
            }
        }
        e.op(LMUL);
        e.op(n.endsWith("subl") || n.equals("msub") ? LSUB : LADD);
        c.setXW(i.rd(), i.sf() || n.endsWith("l"));
        return true;
    }

    private static boolean dp2(Arm64Insn i, A64Context c, String n) {
        if (c.isZr(i.rd())) return true;
        Emitter e = c.emitter();
        boolean is64 = i.sf();
        c.getX(i.rn());
        c.getX(i.rm());
        switch (n) {
            case "lslv", "lsrv", "asrv" -> {
                if (is64) {
                    e.op(L2I);
                    e.op(n.equals("lslv") ? LSHL : n.equals("lsrv") ? LUSHR : LSHR);
                } else {
                    c.callStatic(Arm64Ops.class, n.substring(0, 3) + "32", JJ_J);
                }
            }
            case "rorv" -> c.callStatic(Arm64Ops.class, is64 ? "ror64" : "ror32", JJ_J);
            case "udiv", "sdiv" -> c.callStatic(Arm64Ops.class, n + (is64 ? "64" : "32"), JJ_J);
            case "smax", "umax", "smin", "umin" -> c.callStatic(Arm64Ops.class, n + (is64 ? "64" : "32"), JJ_J);
            default -> c.callStatic(Arm64Crc.class, n, JJ_J); // crc32*, crc32c*
        }
        c.setXW(i.rd(), is64);
        return true;
    }

    private static boolean dp1(Arm64Insn i, A64Context c, String n) {
        if (c.isZr(i.rd())) return true;
        boolean is64 = i.sf();
        c.getX(i.rn());
        String helper = switch (n) {
            case "rev16" -> "rev16";
            case "rev32" -> "rev32x";
            case "rev_w" -> "rev32w";
            case "rev" -> "rev64";
            default -> n + (is64 ? "64" : "32");
        };
        c.callStatic(Arm64Ops.class, helper, J_J);
        c.setXW(i.rd(), is64);
        return true;
    }
}
