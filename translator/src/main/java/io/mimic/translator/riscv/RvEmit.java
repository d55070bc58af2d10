package io.mimic.translator.riscv;

import io.mimic.translator.engine.Emitter;
import org.objectweb.asm.Opcodes;

/** Shared emit shapes for RISC-V translators (register banks, operand shapes, helper calls). */
final class RvEmit implements Opcodes {
    static final int X = 0, F = 1;
    static final String CPU_DESC = "Lio/mimic/translator/riscv/RiscvCpu;";

    private RvEmit() {}

    static void x(Emitter e, int r) { e.getReg(X, r); }
    static void setX(Emitter e, int r) { e.setReg(X, r); }
    static void f(Emitter e, int r) { e.getReg(F, r); }
    static void setF(Emitter e, int r) { e.setReg(F, r); }

    /** Sign-extends the low 32 bits of the long on the stack (RV64 *W results). */
    static void sext32(Emitter e) {
        e.op(L2I);
        e.op(I2L);
    }

    /** rd = rs1 OP rs2 with a JVM long opcode. */
    static void rr(RiscvInsn i, Emitter e, int opcode) {
        x(e, i.rs1);
        x(e, i.rs2);
        e.op(opcode);
        setX(e, i.rd);
    }

    /** rd = rs1 OP imm with a JVM long opcode. */
    static void ri(RiscvInsn i, Emitter e, int opcode) {
        x(e, i.rs1);
        e.constLong(i.imm);
        e.op(opcode);
        setX(e, i.rd);
    }

    /** rd = rs1 SHIFT (rs2 & 63): JVM shifts mask the count exactly as RV64 does. */
    static void shiftReg(RiscvInsn i, Emitter e, int opcode) {
        x(e, i.rs1);
        x(e, i.rs2);
        e.op(L2I);
        e.op(opcode);
        setX(e, i.rd);
    }

    static void shiftImm(RiscvInsn i, Emitter e, int opcode) {
        x(e, i.rs1);
        e.constInt((int) i.imm);
        e.op(opcode);
        setX(e, i.rd);
    }

    /** 32-bit op on int operands (I2L sign-extends the result as RV64 requires). */
    static void rrW(RiscvInsn i, Emitter e, int intOpcode) {
        x(e, i.rs1);
        e.op(L2I);
        x(e, i.rs2);
        e.op(L2I);
        e.op(intOpcode);
        e.op(I2L);
        setX(e, i.rd);
    }

    /** rd = helper(rs1, rs2) for a static long(long,long) in {@link RiscvOps}. */
    static void helper2(RiscvInsn i, Emitter e, String name) {
        x(e, i.rs1);
        x(e, i.rs2);
        e.callStatic(RiscvOps.class, name, "(JJ)J");
        setX(e, i.rd);
    }

    /** rd = helper(rs1, imm). */
    static void helperImm(RiscvInsn i, Emitter e, String name) {
        x(e, i.rs1);
        e.constLong(i.imm);
        e.callStatic(RiscvOps.class, name, "(JJ)J");
        setX(e, i.rd);
    }

    /** rd = helper(rs1). */
    static void helper1(RiscvInsn i, Emitter e, String name) {
        x(e, i.rs1);
        e.callStatic(RiscvOps.class, name, "(J)J");
        setX(e, i.rd);
    }
}
