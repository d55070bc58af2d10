package io.mimic.translator.riscv;

import io.mimic.translator.engine.Emitter;
import io.mimic.translator.engine.GuestFault;
import org.objectweb.asm.Opcodes;

import java.lang.invoke.VarHandle;
import java.util.Map;

import static io.mimic.translator.riscv.RvEmit.*;

/** Jumps, branches, loads and stores, fences, ecall/ebreak and Zicsr. */
final class RvControlTranslators implements Opcodes {
    private RvControlTranslators() {}

    static void register(Map<String, RvTranslator> t) {
        t.put("jal", (i, e) -> {
            if (!e.isZeroRegister(X, i.rd)) {
                e.constLong(i.nextPc());
                setX(e, i.rd);
            }
            e.jump(i.target());
        });
        t.put("jalr", RvControlTranslators::jalr);
        t.put("beq", branch(Emitter.Cond.EQ));
        t.put("bne", branch(Emitter.Cond.NE));
        t.put("blt", branch(Emitter.Cond.LT));
        t.put("bge", branch(Emitter.Cond.GE));
        t.put("bltu", branch(Emitter.Cond.LTU));
        t.put("bgeu", branch(Emitter.Cond.GEU));

        t.put("lb", load("ld8s"));
        t.put("lh", load("ld16sle"));
        t.put("lw", load("ld32sle"));
        t.put("ld", load("ld64le"));
        t.put("lbu", load("ld8u"));
        t.put("lhu", load("ld16ule"));
        t.put("lwu", load("ld32ule"));
        t.put("sb", store("st8"));
        t.put("sh", store("st16le"));
        t.put("sw", store("st32le"));
        t.put("sd", store("st64le"));

        // RVWMO fences map to a full JVM fence; user mode has no I/O ordering to honour.
        t.put("fence", (i, e) -> e.callStatic(VarHandle.class, "fullFence", "()V"));
        t.put("fence.i", (i, e) -> e.flushCodeAndContinue(i.nextPc()));
        t.put("ecall", (i, e) -> e.systemCall(i.nextPc()));
        t.put("ebreak", (i, e) -> e.raise(GuestFault.Kind.BREAKPOINT));

        t.put("csrrw", csr(RiscvCsr.WRITE, false));
        t.put("csrrs", csr(RiscvCsr.SET, false));
        t.put("csrrc", csr(RiscvCsr.CLEAR, false));
        t.put("csrrwi", csr(RiscvCsr.WRITE, true));
        t.put("csrrsi", csr(RiscvCsr.SET, true));
        t.put("csrrci", csr(RiscvCsr.CLEAR, true));
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

    private static RvTranslator branch(Emitter.Cond cond) {
        return (i, e) -> {
            x(e, i.rs1);
            x(e, i.rs2);
            e.branch(cond, i.target());
        };
    }

    static void address(RiscvInsn i, Emitter e) {
        x(e, i.rs1);
        if (i.imm != 0) {
            e.constLong(i.imm);
            e.op(LADD);
        }
    }

    private static RvTranslator load(String helper) {
        return (i, e) -> {
            address(i, e);
            e.load(helper);
            setX(e, i.rd);
        };
    }

    private static RvTranslator store(String helper) {
        return (i, e) -> {
            address(i, e);
            x(e, i.rs2);
            e.store(helper);
        };
    }

    /**
     * Zicsr: the helper reads the old value and applies the write. As the spec says, csrrw with
     * rd=x0 does not read and csrrs/csrrc with rs1=x0 (or uimm=0) do not write.
     */
    private static RvTranslator csr(int op, boolean immediate) {
        return (i, e) -> {
            boolean writes = op == RiscvCsr.WRITE || i.rs1 != 0;
            boolean reads = op != RiscvCsr.WRITE || !e.isZeroRegister(X, i.rd);
            e.mayFault();
            e.pushCpu();
            e.constInt(i.csr);
            if (immediate) e.constLong(i.rs1); else x(e, i.rs1);
            e.constInt(op | (writes ? RiscvCsr.DO_WRITE : 0) | (reads ? RiscvCsr.DO_READ : 0));
            e.callStatic(RiscvCsr.class, "access", "(" + CPU_DESC + "IJI)J");
            setX(e, i.rd);
        };
    }
}
