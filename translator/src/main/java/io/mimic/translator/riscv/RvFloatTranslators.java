package io.mimic.translator.riscv;

import io.mimic.translator.engine.Emitter;
import io.mimic.translator.engine.GuestFault;
import org.objectweb.asm.Opcodes;


import static io.mimic.translator.riscv.RvEmit.*;

/**
 * F and D: loads/stores and moves are emitted directly; arithmetic calls {@link RiscvFloat},
 * which implements rounding modes, fflags and NaN rules exactly. The helper for instruction
 * "fadd.s" is RiscvFloat.fadd_s.
 */
final class RvFloatTranslators implements Opcodes {
    private static final long BOX = 0xFFFFFFFF00000000L;
    private static final String FLOAT = "io/mimic/translator/riscv/RiscvFloat";

    private RvFloatTranslators() {}

    static boolean translate(RiscvInsn i, Emitter e) {
        String n = i.name();
        switch (n) {
            case "flw" -> {
                RvControlTranslators.address(i, e);
                e.load("ld32ule");
                e.constLong(BOX);
                e.op(LOR);
                setF(e, i.rd);
            }
            case "fld" -> {
                RvControlTranslators.address(i, e);
                e.load("ld64le");
                setF(e, i.rd);
            }
            case "fsw" -> {
                RvControlTranslators.address(i, e);
                f(e, i.rs2);
                e.store("st32le");
            }
            case "fsd" -> {
                RvControlTranslators.address(i, e);
                f(e, i.rs2);
                e.store("st64le");
            }
            case "fmv.x.d" -> { f(e, i.rs1); setX(e, i.rd); }
            case "fmv.d.x" -> { x(e, i.rs1); setF(e, i.rd); }
            case "fmv.x.w" -> { f(e, i.rs1); e.callStatic(FLOAT, "fmv_x_w", "(J)J"); setX(e, i.rd); }
            case "fmv.w.x" -> { x(e, i.rs1); e.callStatic(FLOAT, "fmv_w_x", "(J)J"); setF(e, i.rd); }
            case "fadd.s", "fsub.s", "fmul.s", "fdiv.s", "fadd.d", "fsub.d", "fmul.d", "fdiv.d" -> arith(i, e, 2, false, true);
            case "fsqrt.s", "fsqrt.d" -> arith(i, e, 1, false, true);
            case "fmadd.s", "fmsub.s", "fnmsub.s", "fnmadd.s", "fmadd.d", "fmsub.d", "fnmsub.d", "fnmadd.d" ->
                    arith(i, e, 3, false, true);
            case "fmin.s", "fmax.s", "fmin.d", "fmax.d" -> arith(i, e, 2, false, false);
            case "feq.s", "flt.s", "fle.s", "feq.d", "flt.d", "fle.d" -> arith(i, e, 2, true, false);
            case "fsgnj.s", "fsgnjn.s", "fsgnjx.s", "fsgnj.d", "fsgnjn.d", "fsgnjx.d" -> signInjection(i, e);
            case "fclass.s", "fclass.d" -> {
                f(e, i.rs1);
                e.callStatic(FLOAT, helperName(i), "(J)J");
                setX(e, i.rd);
            }
            case "fcvt.s.d", "fcvt.d.s" -> convert(i, e, false, false);
            default -> {
                if (n.matches("fcvt\\.(w|wu|l|lu)\\.[sd]")) {
                    convert(i, e, false, true);            // float -> integer
                } else if (n.matches("fcvt\\.[sd]\\.(w|wu|l|lu)")) {
                    convert(i, e, true, false);            // integer -> float
                } else {
                    return false;
                }
            }
        }
        return true;
    }

    static String helperName(RiscvInsn i) {
        return i.name().replace('.', '_');
    }

    /** Static rounding modes 5 and 6 are reserved: the instruction is illegal. */
    private static boolean badStaticRm(RiscvInsn i, Emitter e) {
        if (i.rm == 5 || i.rm == 6) {
            e.raise(GuestFault.Kind.ILLEGAL_INSTRUCTION);
            return true;
        }
        return false;
    }

    /** rd = helper(cpu, rs1[, rs2[, rs3]][, rm]); integer result if {@code toX}. */
    private static void arith(RiscvInsn i, Emitter e, int operands, boolean toX, boolean rounding) {
        {
            if (rounding && badStaticRm(i, e)) return;
            if (rounding && i.rm == 7) e.mayFault();
            StringBuilder desc = new StringBuilder("(" + CPU_DESC);
            e.pushCpu();
            int[] regs = {i.rs1, i.rs2, i.rs3};
            for (int k = 0; k < operands; k++) {
                f(e, regs[k]);
                desc.append('J');
            }
            if (rounding) {
                e.constInt(i.rm);
                desc.append('I');
            }
            desc.append(")J");
            e.callStatic(FLOAT, helperName(i), desc.toString());
            if (toX) setX(e, i.rd); else setF(e, i.rd);
        }
    }

    /** Sign injection: no CPU state, no flags. */
    private static void signInjection(RiscvInsn i, Emitter e) {
        f(e, i.rs1);
        f(e, i.rs2);
        e.callStatic(FLOAT, helperName(i), "(JJ)J");
        setF(e, i.rd);
    }

    /** Conversions: source bank X if {@code fromX}, destination bank X if {@code toX}. */
    private static void convert(RiscvInsn i, Emitter e, boolean fromX, boolean toX) {
        if (badStaticRm(i, e)) return;
        if (i.rm == 7) e.mayFault();
        e.pushCpu();
        if (fromX) x(e, i.rs1); else f(e, i.rs1);
        e.constInt(i.rm);
        e.callStatic(FLOAT, helperName(i), "(" + CPU_DESC + "JI)J");
        if (toX) setX(e, i.rd); else setF(e, i.rd);
    }
}
