package io.mimic.translator.riscv;

import io.mimic.translator.engine.Emitter;
import io.mimic.translator.engine.GuestFault;
import org.objectweb.asm.Opcodes;

import java.util.Map;

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

    static void register(Map<String, RvTranslator> t) {
        t.put("flw", (i, e) -> {
            RvControlTranslators.address(i, e);
            e.load("ld32ule");
            e.constLong(BOX);
            e.op(LOR);
            setF(e, i.rd);
        });
        t.put("fld", (i, e) -> {
            RvControlTranslators.address(i, e);
            e.load("ld64le");
            setF(e, i.rd);
        });
        t.put("fsw", (i, e) -> {
            RvControlTranslators.address(i, e);
            f(e, i.rs2);
            e.store("st32le");
        });
        t.put("fsd", (i, e) -> {
            RvControlTranslators.address(i, e);
            f(e, i.rs2);
            e.store("st64le");
        });
        t.put("fmv.x.d", (i, e) -> { f(e, i.rs1); setX(e, i.rd); });
        t.put("fmv.d.x", (i, e) -> { x(e, i.rs1); setF(e, i.rd); });
        t.put("fmv.x.w", (i, e) -> { f(e, i.rs1); e.callStatic(FLOAT, "fmv_x_w", "(J)J"); setX(e, i.rd); });
        t.put("fmv.w.x", (i, e) -> { x(e, i.rs1); e.callStatic(FLOAT, "fmv_w_x", "(J)J"); setF(e, i.rd); });

        for (String p : new String[] {"s", "d"}) {
            for (String op : new String[] {"fadd", "fsub", "fmul", "fdiv"}) {
                t.put(op + "." + p, arith(2, false, true));
            }
            t.put("fsqrt." + p, arith(1, false, true));
            for (String op : new String[] {"fmadd", "fmsub", "fnmsub", "fnmadd"}) {
                t.put(op + "." + p, arith(3, false, true));
            }
            for (String op : new String[] {"fmin", "fmax"}) {
                t.put(op + "." + p, arith(2, false, false));
            }
            for (String op : new String[] {"feq", "flt", "fle"}) {
                t.put(op + "." + p, arith(2, true, false));
            }
            for (String op : new String[] {"fsgnj", "fsgnjn", "fsgnjx"}) {
                t.put(op + "." + p, pure(2));
            }
            t.put("fclass." + p, (i, e) -> {
                f(e, i.rs1);
                e.callStatic(FLOAT, helperName(i), "(J)J");
                setX(e, i.rd);
            });
            for (String in : new String[] {"w", "wu", "l", "lu"}) {
                t.put("fcvt." + in + "." + p, convert(false, true));   // float -> integer
                t.put("fcvt." + p + "." + in, convert(true, false));   // integer -> float
            }
        }
        t.put("fcvt.s.d", convert(false, false));
        t.put("fcvt.d.s", convert(false, false));
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
    private static RvTranslator arith(int operands, boolean toX, boolean rounding) {
        return (i, e) -> {
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
        };
    }

    /** Sign injection: no CPU state, no flags. */
    private static RvTranslator pure(int operands) {
        return (i, e) -> {
            f(e, i.rs1);
            f(e, i.rs2);
            e.callStatic(FLOAT, helperName(i), "(JJ)J");
            setF(e, i.rd);
        };
    }

    /** Conversions: source bank X if {@code fromX}, destination bank X if {@code toX}. */
    private static RvTranslator convert(boolean fromX, boolean toX) {
        return (i, e) -> {
            if (badStaticRm(i, e)) return;
            if (i.rm == 7) e.mayFault();
            e.pushCpu();
            if (fromX) x(e, i.rs1); else f(e, i.rs1);
            e.constInt(i.rm);
            e.callStatic(FLOAT, helperName(i), "(" + CPU_DESC + "JI)J");
            if (toX) setX(e, i.rd); else setF(e, i.rd);
        };
    }
}
