package io.mimic.translator.aarch64.fpsimd;

import io.mimic.translator.aarch64.A64Context;
import io.mimic.translator.aarch64.Arm64Cpu;
import io.mimic.translator.aarch64.Arm64Flags;
import io.mimic.translator.engine.Emitter;
import org.objectweb.asm.Opcodes;

import static io.mimic.translator.aarch64.fpsimd.A64Float.*;

/**
 * Scalar floating point: data processing with 1, 2 and 3 sources, compares, conditional compare
 * and select, FMOV (immediate, register, general), conversions to and from integers and fixed
 * point. Moves and sign operations are inline JVM code; arithmetic calls {@link A64Float} and
 * {@link A64FloatConvert} with the lane format as a constant.
 */
public final class FpScalar implements Opcodes {
    private static final String F = "io/mimic/translator/aarch64/fpsimd/A64Float";
    private static final String CV = "io/mimic/translator/aarch64/fpsimd/A64FloatConvert";
    private static final String SELF = "io/mimic/translator/aarch64/fpsimd/FpScalar";
    private static final String C = A64Context.CPU_DESC;

    private FpScalar() {}

    /** type field (23:22): 00 single, 01 double, 11 half; 10 is unallocated (-1). */
    static int fmt(int insn) {
        return switch ((insn >>> 22) & 3) {
            case 0 -> S;
            case 1 -> D;
            case 3 -> H;
            default -> -1;
        };
    }

    static long widthMask(int fmt) {
        return fmt == D ? -1L : fmt == S ? 0xFFFFFFFFL : 0xFFFFL;
    }

    /** Pops a scalar result into V(d): bits above it are zeroed. */
    static void setScalar(A64Context x, int d) {
        x.setV(d, 0);
        x.emitter().constLong(0);
        x.setV(d, 1);
    }

    /** Pushes the low {@code fmt} bits of V(n). */
    static void getScalar(A64Context x, int n, int fmt) {
        x.getV(n, 0);
        if (fmt != D) {
            x.emitter().constLong(widthMask(fmt));
            x.emitter().op(LAND);
        }
    }

    static boolean oneSource(A64Context x, int insn) {
        int fmt = fmt(insn), op = (insn >>> 15) & 63, d = insn & 31, n = (insn >>> 5) & 31;
        if (fmt < 0) return false;
        Emitter e = x.emitter();
        switch (op) {
            case 0, 1, 2 -> {                                      // FMOV, FABS, FNEG
                getScalar(x, n, fmt);
                if (op != 0) {
                    e.constLong(op == 1 ? widthMask(fmt) >>> 1 : signBit(fmt));
                    e.op(op == 1 ? LAND : LXOR);
                }
            }
            case 3 -> {
                x.pushCpu();
                getScalar(x, n, fmt);
                e.constInt(fmt);
                e.callStatic(F, "sqrt", "(" + C + "JI)J");
            }
            case 4, 5, 7 -> {                                      // FCVT
                int to = op == 4 ? S : op == 5 ? D : H;
                if (to == fmt) return false;
                x.pushCpu();
                getScalar(x, n, fmt);
                e.constInt(fmt);
                e.constInt(to);
                e.constInt(A64FloatConvert.FPCR_MODE);
                e.callStatic(CV, "convert", "(" + C + "JIII)J");
            }
            case 8, 9, 10, 11, 12, 14, 15 -> {                     // FRINTN P M Z A X I
                int mode = switch (op) {
                    case 8 -> RN; case 9 -> RP; case 10 -> RM; case 11 -> RZ; case 12 -> RNA;
                    default -> A64FloatConvert.FPCR_MODE;
                };
                x.pushCpu();
                getScalar(x, n, fmt);
                e.constInt(fmt);
                e.constInt(mode);
                e.constInt(op == 14 ? 1 : 0);
                e.callStatic(CV, "roundInt", "(" + C + "JIIZ)J");
            }
            case 16, 17, 18, 19 -> {                               // FRINT32Z/32X/64Z/64X
                if (fmt == H) return false;
                x.pushCpu();
                getScalar(x, n, fmt);
                e.constInt(fmt);
                e.constInt((op & 1) == 0 ? RZ : A64FloatConvert.FPCR_MODE);
                e.constInt(op < 18 ? 32 : 64);
                e.callStatic(CV, "roundIntN", "(" + C + "JIII)J");
            }
            default -> { return false; }
        }
        setScalar(x, d);
        return true;
    }

    static boolean twoSource(A64Context x, int insn) {
        int fmt = fmt(insn), op = (insn >>> 12) & 15;
        if (fmt < 0 || op > 8) return false;
        String name = switch (op) {
            case 0 -> "mul"; case 1 -> "div"; case 2 -> "add"; case 3 -> "sub"; case 4 -> "max";
            case 5 -> "min"; case 6 -> "maxnm"; case 7 -> "minnm"; default -> "nmul";
        };
        Emitter e = x.emitter();
        x.pushCpu();
        getScalar(x, (insn >>> 5) & 31, fmt);
        getScalar(x, (insn >>> 16) & 31, fmt);
        if (fmt != H && (name.equals("mul") || name.equals("add") || name.equals("sub"))) {
            // FMUL, FADD, FSUB of doubles or singles: the format's own method (A64Float.addD...)
            e.callStatic(F, name + (fmt == D ? "D" : "S"), "(" + C + "JJ)J");
        } else {
            e.constInt(fmt);
            e.callStatic(F, name, "(" + C + "JJI)J");
        }
        setScalar(x, insn & 31);
        return true;
    }

    static boolean threeSource(A64Context x, int insn) {
        int fmt = fmt(insn);
        if (fmt < 0) return false;
        boolean o1 = (insn & (1 << 21)) != 0, o0 = (insn & (1 << 15)) != 0;
        Emitter e = x.emitter();
        x.pushCpu();
        getScalar(x, (insn >>> 10) & 31, fmt);                     // Ra
        if (o1) { e.constLong(signBit(fmt)); e.op(LXOR); }         // FNMADD, FNMSUB negate the addend
        getScalar(x, (insn >>> 5) & 31, fmt);                      // Rn
        if (o1 != o0) { e.constLong(signBit(fmt)); e.op(LXOR); }   // FMSUB, FNMADD negate the product
        getScalar(x, (insn >>> 16) & 31, fmt);                     // Rm
        e.constInt(fmt);
        e.callStatic(F, "muladd", "(" + C + "JJJI)J");
        setScalar(x, insn & 31);
        return true;
    }

    static boolean compare(A64Context x, int insn) {
        int fmt = fmt(insn);
        if (fmt < 0 || (insn & 7) != 0 || ((insn >>> 14) & 3) != 0) return false;
        boolean zero = (insn & 8) != 0, signal = (insn & 16) != 0;
        Emitter e = x.emitter();
        x.pushCpu();
        getScalar(x, (insn >>> 5) & 31, fmt);
        if (zero) e.constLong(0);
        else getScalar(x, (insn >>> 16) & 31, fmt);
        e.constInt(fmt);
        e.constInt(signal ? 1 : 0);
        e.callStatic(F, "compare", "(" + C + "JJIZ)J");
        x.setNzcv();
        return true;
    }

    static boolean condCompare(A64Context x, int insn) {
        int fmt = fmt(insn);
        if (fmt < 0) return false;
        Emitter e = x.emitter();
        x.pushCpu();
        getScalar(x, (insn >>> 5) & 31, fmt);
        getScalar(x, (insn >>> 16) & 31, fmt);
        e.constInt(fmt);
        e.constInt((insn & 16) != 0 ? 1 : 0);
        x.getNzcv();
        e.constInt((insn >>> 12) & 15);
        e.constLong((long) (insn & 15) << 28);
        e.callStatic(SELF, "fccmp", "(" + C + "JJIZJIJ)J");
        x.setNzcv();
        return true;
    }

    /** FCCMP/FCCMPE: compare if the condition holds on {@code nzcv}, else the immediate flags. */
    public static long fccmp(Arm64Cpu c, long a, long b, int fmt, boolean signal, long nzcv, int cond, long imm) {
        if (Arm64Flags.cond(nzcv, cond) == 0) return imm;
        return A64Float.compare(c, a, b, fmt, signal);
    }

    static boolean select(A64Context x, int insn) {
        int fmt = fmt(insn);
        if (fmt < 0) return false;
        Emitter e = x.emitter();
        x.condition((insn >>> 12) & 15);
        getScalar(x, (insn >>> 5) & 31, fmt);
        getScalar(x, (insn >>> 16) & 31, fmt);
        e.callStatic(SELF, "pick", "(IJJ)J");
        setScalar(x, insn & 31);
        return true;
    }

    public static long pick(int cond, long a, long b) {
        return cond != 0 ? a : b;
    }

    static boolean immediate(A64Context x, int insn) {
        int fmt = fmt(insn);
        if (fmt < 0 || ((insn >>> 5) & 31) != 0) return false;
        int imm8 = (insn >>> 13) & 0xFF;
        x.emitter().constLong(vfpExpandImm(imm8, fmt));
        setScalar(x, insn & 31);
        return true;
    }

    /** VFPExpandImm: sign, 3-bit exponent (with the top bit inverted and replicated) and 4-bit fraction. */
    static long vfpExpandImm(int imm8, int fmt) {
        int e = fmt == H ? 5 : fmt == S ? 8 : 11, f = fmt == H ? 10 : fmt == S ? 23 : 52;
        long sign = (imm8 >>> 7) & 1;
        long b6 = (imm8 >>> 6) & 1;
        long exp = (b6 ^ 1) << (e - 1) | (b6 == 1 ? ((1L << (e - 3)) - 1) << 2 : 0) | (imm8 >>> 4) & 3;
        long frac = (long) (imm8 & 15) << (f - 4);
        return sign << (e + f) | exp << f | frac;
    }

    // ---------------------------------------------------------------- FP <-> integer

    static boolean toFromInt(A64Context x, int insn) {
        boolean sf = insn < 0;
        int fmt = fmt(insn), rmode = (insn >>> 19) & 3, op = (insn >>> 16) & 7, d = insn & 31, n = (insn >>> 5) & 31;
        int type = (insn >>> 22) & 3;
        Emitter e = x.emitter();
        if (op == 6 || op == 7) {
            if (rmode == 1 && type == 2 && sf) {                    // FMOV Xd, Vn.D[1] / Vd.D[1], Xn
                if (op == 6) { x.getV(n, 1); x.setX(d); }
                else { x.getX(n); x.setV(d, 1); }
                return true;
            }
            if (op == 6 && rmode == 3 && type == 1 && !sf) {        // FJCVTZS
                x.pushCpu();
                x.getV(n, 0);
                e.callStatic(CV, "fjcvtzs", "(" + C + "J)J");
                e.op(DUP2);
                x.setW(d);
                e.constInt(32);
                e.op(LUSHR);
                e.constLong(1);
                e.op(LXOR);
                e.constInt(30);
                e.op(LSHL);
                x.setNzcv();
                return true;
            }
            if (rmode != 0 || fmt < 0 || fmt == S && sf || fmt == D && !sf) return false;
            if (op == 6) {
                getScalar(x, n, fmt);
                x.setX(d);
            } else {
                x.getX(n);
                if (fmt != D) { e.constLong(widthMask(fmt)); e.op(LAND); }
                setScalar(x, d);
            }
            return true;
        }
        if (fmt < 0) return false;
        if (op == 2 || op == 3) {                                   // SCVTF, UCVTF
            if (rmode != 0) return false;
            x.pushCpu();
            x.getX(n);
            e.constInt(fmt);
            e.constInt(0);
            e.constInt(op == 3 ? 1 : 0);
            e.constInt(sf ? 64 : 32);
            e.callStatic(CV, "fromFixed", "(" + C + "JIIZI)J");
            setScalar(x, d);
            return true;
        }
        int mode;
        if (op == 0 || op == 1) mode = rmode;                        // RN RP RM RZ as FPCR encodes them
        else if (rmode == 0) mode = RNA;                             // FCVTAS, FCVTAU
        else return false;
        x.pushCpu();
        getScalar(x, n, fmt);
        e.constInt(fmt);
        e.constInt(0);
        e.constInt((op & 1) != 0 ? 1 : 0);
        e.constInt(sf ? 64 : 32);
        e.constInt(mode);
        e.callStatic(CV, "toFixed", "(" + C + "JIIZII)J");
        x.setX(d);
        return true;
    }

    static boolean toFromFixed(A64Context x, int insn) {
        boolean sf = insn < 0;
        int fmt = fmt(insn), rmode = (insn >>> 19) & 3, op = (insn >>> 16) & 7, scale = (insn >>> 10) & 63;
        if (fmt < 0 || !sf && scale < 32 || op > 3) return false;
        int fbits = 64 - scale;
        Emitter e = x.emitter();
        x.pushCpu();
        if (op >= 2) {
            if (rmode != 0) return false;
            x.getX((insn >>> 5) & 31);
            e.constInt(fmt);
            e.constInt(fbits);
            e.constInt(op == 3 ? 1 : 0);
            e.constInt(sf ? 64 : 32);
            e.callStatic(CV, "fromFixed", "(" + C + "JIIZI)J");
            setScalar(x, insn & 31);
        } else {
            if (rmode != 3) return false;
            getScalar(x, (insn >>> 5) & 31, fmt);
            e.constInt(fmt);
            e.constInt(fbits);
            e.constInt(op == 1 ? 1 : 0);
            e.constInt(sf ? 64 : 32);
            e.constInt(RZ);
            e.callStatic(CV, "toFixed", "(" + C + "JIIZII)J");
            x.setX(insn & 31);
        }
        return true;
    }
}
