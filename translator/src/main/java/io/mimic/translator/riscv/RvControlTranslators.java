package io.mimic.translator.riscv;

import io.mimic.translator.engine.Emitter;
import io.mimic.translator.engine.GuestFault;
import org.objectweb.asm.Opcodes;

import java.lang.invoke.VarHandle;

import static io.mimic.translator.riscv.RvEmit.*;

/** Jumps, branches, loads and stores, fences, ecall/ebreak and Zicsr. */
final class RvControlTranslators implements Opcodes {
    private RvControlTranslators() {}

    static boolean translate(RiscvInsn i, Emitter e) {
        switch (i.name()) {
            case "jal" -> {
                if (!e.isZeroRegister(X, i.rd)) {
                    e.constLong(i.nextPc());
                    setX(e, i.rd);
                }
                e.jump(i.target());
            }
            case "jalr" -> jalr(i, e);
            case "beq" -> branch(i, e, Emitter.Cond.EQ);
            case "bne" -> branch(i, e, Emitter.Cond.NE);
            case "blt" -> branch(i, e, Emitter.Cond.LT);
            case "bge" -> branch(i, e, Emitter.Cond.GE);
            case "bltu" -> branch(i, e, Emitter.Cond.LTU);
            case "bgeu" -> branch(i, e, Emitter.Cond.GEU);
            case "lb" -> load(i, e, "ld8s");
            case "lh" -> load(i, e, "ld16sle");
            case "lw" -> load(i, e, "ld32sle");
            case "ld" -> load(i, e, "ld64le");
            case "lbu" -> load(i, e, "ld8u");
            case "lhu" -> load(i, e, "ld16ule");
            case "lwu" -> load(i, e, "ld32ule");
            case "sb" -> store(i, e, "st8");
            case "sh" -> store(i, e, "st16le");
            case "sw" -> store(i, e, "st32le");
            case "sd" -> store(i, e, "st64le");
            // RVWMO fences map to a full JVM fence; user mode has no I/O ordering to honour.
            case "fence" -> e.callStatic(VarHandle.class, "fullFence", "()V");
            case "fence.i" -> e.flushCodeAndContinue(i.nextPc());
            case "ecall" -> e.systemCall(i.nextPc());
            case "ebreak" -> e.raise(GuestFault.Kind.BREAKPOINT);
            case "csrrw" -> csr(i, e, RiscvCsr.WRITE, false);
            case "csrrs" -> csr(i, e, RiscvCsr.SET, false);
            case "csrrc" -> csr(i, e, RiscvCsr.CLEAR, false);
            case "csrrwi" -> csr(i, e, RiscvCsr.WRITE, true);
            case "csrrsi" -> csr(i, e, RiscvCsr.SET, true);
            case "csrrci" -> csr(i, e, RiscvCsr.CLEAR, true);
            default -> {
                return false;
            }
        }
        return true;
    }

    private static void jalr(RiscvInsn i, Emitter e) {
        // The target is computed before rd is written: rd may equal rs1.
        x(e, i.rs1);
        e.constLong(i.imm);
        e.op(LADD);
        e.constLong(~1L);
        e.op(LAND);
        if (!e.isZeroRegister(X, i.rd)) {
            e.constLong(i.nextPc());
            setX(e, i.rd);
        }
        e.jumpIndirect();
    }

    private static void branch(RiscvInsn i, Emitter e, Emitter.Cond cond) {
        x(e, i.rs1);
        x(e, i.rs2);
        e.branch(cond, i.target());
    }

    static void address(RiscvInsn i, Emitter e) {
        x(e, i.rs1);
        if (i.imm != 0) {
            e.constLong(i.imm);
            e.op(LADD);
        }
    }

    private static void load(RiscvInsn i, Emitter e, String helper) {
        address(i, e);
        e.load(helper);
        setX(e, i.rd);
    }

    private static void store(RiscvInsn i, Emitter e, String helper) {
        address(i, e);
        x(e, i.rs2);
        e.store(helper);
    }

    /**
     * Zicsr: the helper reads the old value and applies the write. As the spec says, csrrw with
     * rd=x0 does not read and csrrs/csrrc with rs1=x0 (or uimm=0) do not write.
     */
    private static void csr(RiscvInsn i, Emitter e, int op, boolean immediate) {
        boolean writes = op == RiscvCsr.WRITE || i.rs1 != 0;
        boolean reads = op != RiscvCsr.WRITE || !e.isZeroRegister(X, i.rd);
        e.mayFault();
        e.pushCpu();
        e.constInt(i.csr);
        if (immediate) e.constLong(i.rs1); else x(e, i.rs1);
        e.constInt(op | (writes ? RiscvCsr.DO_WRITE : 0) | (reads ? RiscvCsr.DO_READ : 0));
        e.callStatic(RiscvCsr.class, "access", "(" + CPU_DESC + "IJI)J");
        setX(e, i.rd);
    }
}
