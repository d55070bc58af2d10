package io.mimic.translator.aarch64;

import io.mimic.translator.engine.Emitter;
import io.mimic.translator.engine.GuestFault;
import org.objectweb.asm.Opcodes;

import java.lang.invoke.VarHandle;

/** Branches, exception generation, hints, barriers and system-register access. */
final class A64Control implements Opcodes {
    /** System registers as op0:op1:CRn:CRm:op2 (bits 20:5 of MRS/MSR). */
    static int sysreg(int op0, int op1, int crn, int crm, int op2) {
        return (op0 << 14) | (op1 << 11) | (crn << 7) | (crm << 3) | op2;
    }

    static final int SYSREG_NZCV = sysreg(3, 3, 4, 2, 0);

    private A64Control() {}

    static boolean translate(Arm64Insn i, A64Context c) {
        Emitter e = c.emitter();
        switch (i.name()) {
            case "b" -> e.jump(i.target());
            case "bl" -> {
                e.constLong(i.nextPc());
                c.setX(30);
                e.jump(i.target());
            }
            case "b_cond" -> {
                if (i.flagSource == null || !A64DataProcessing.branchOnCompare(i.flagSource, i.field(3, 0), i.target(), c)) {
                    c.condition(i.field(3, 0));
                    branchIfNonZeroInt(e, i.target());
                }
            }
            case "cbz", "cbnz" -> {
                if (i.sf()) c.getX(i.rd()); else c.getW(i.rd());
                e.constLong(0);
                e.branch(i.name().equals("cbz") ? Emitter.Cond.EQ : Emitter.Cond.NE, i.target());
            }
            case "tbz", "tbnz" -> {
                int bit = (i.field(31, 31) << 5) | i.field(23, 19);
                c.getX(i.rd());
                e.constLong(1L << bit);
                e.op(LAND);
                e.constLong(0);
                e.branch(i.name().equals("tbz") ? Emitter.Cond.EQ : Emitter.Cond.NE, i.target());
            }
            case "br", "ret" -> {
                c.getX(i.rn());
                e.jumpIndirect();
            }
            case "blr" -> {
                c.getX(i.rn()); // the target is read before X30 is written (BLR X30)
                e.constLong(i.nextPc());
                c.setX(30);
                e.jumpIndirect();
            }
            case "svc" -> e.systemCall(i.nextPc());
            case "brk" -> e.raise(GuestFault.Kind.BREAKPOINT);
            case "udf" -> e.raise(GuestFault.Kind.ILLEGAL_INSTRUCTION);
            // Every hint (NOP, YIELD, WFE, BTI, PACIASP/AUTIASP without FEAT_PAuth, ...) that is
            // not implemented executes as a NOP, as the architecture requires.
            case "hint" -> { }
            case "dmb", "dsb" -> e.callStatic(VarHandle.class, "fullFence", "()V");
            case "isb" -> { }
            case "clrex" -> {
                c.pushCpu();
                e.callStatic(Arm64System.class, "clrex", "(" + A64Context.CPU_DESC + ")V");
            }
            case "mrs" -> {
                return mrs(i, c);
            }
            case "msr" -> {
                return msr(i, c);
            }
            case "sys" -> {
                return sys(i, c);
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** Int 0/1 on the stack: branch if non-zero. */
    static void branchIfNonZeroInt(Emitter e, long target) {
        e.op(I2L);
        e.constLong(0);
        e.branch(Emitter.Cond.NE, target);
    }

    private static boolean mrs(Arm64Insn i, A64Context c) {
        int reg = i.field(20, 5);
        Emitter e = c.emitter();
        if (reg == SYSREG_NZCV) {
            c.getNzcv();
            c.setX(i.rd());
            return true;
        }
        if (!Arm64System.readable(reg)) return false;
        c.pushCpu();
        e.constInt(reg);
        e.callStatic(Arm64System.class, "read", "(" + A64Context.CPU_DESC + "I)J");
        c.setX(i.rd());
        if (reg == Arm64System.RNDR || reg == Arm64System.RNDRRS) { // success is NZCV = 0000
            e.constLong(0);
            c.setNzcv();
        }
        return true;
    }

    private static boolean msr(Arm64Insn i, A64Context c) {
        int reg = i.field(20, 5);
        Emitter e = c.emitter();
        if (reg == SYSREG_NZCV) {
            c.getX(i.rd());
            e.constLong(0xF0000000L);
            e.op(LAND);
            c.setNzcv();
            return true;
        }
        if (!Arm64System.writable(reg)) return false;
        c.pushCpu();
        e.constInt(reg);
        c.getX(i.rd());
        e.callStatic(Arm64System.class, "write", "(" + A64Context.CPU_DESC + "IJ)V");
        return true;
    }

    /** SYS: the cache maintenance that EL0 may do. */
    private static boolean sys(Arm64Insn i, A64Context c) {
        int op1 = i.field(18, 16), crn = i.field(15, 12), crm = i.field(11, 8), op2 = i.field(7, 5);
        Emitter e = c.emitter();
        if (op1 != 3 || crn != 7) return false;
        if (crm == 4 && op2 == 1) { // DC ZVA
            c.mayFault();
            c.getX(i.rd());
            c.pushCpu();
            e.callStatic(Arm64System.class, "dcZva", "(J" + A64Context.CPU_DESC + ")V");
            return true;
        }
        if (crm == 5 && op2 == 1) { // IC IVAU: code may have changed; discard translations
            e.flushCodeAndContinue(i.nextPc());
            return true;
        }
        // DC CVAC, CVAU, CVAP, CVADP, CIVAC: nothing to write back in an emulator
        return op2 == 1 && (crm == 10 || crm == 11 || crm == 12 || crm == 13 || crm == 14);
    }
}
