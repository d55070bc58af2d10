package io.mimic.translator.riscv;

import io.mimic.translator.engine.CpuState;
import io.mimic.translator.engine.DecodedInsn;
import io.mimic.translator.engine.Emitter;
import io.mimic.translator.engine.Frontend;
import io.mimic.translator.engine.GuestFault;
import io.mimic.translator.engine.RegisterBank;
import io.mimic.translator.memory.GuestAccess;
import io.mimic.translator.memory.Prot;


/** RV64GC + Zba/Zbb/Zbs, little-endian, 2- and 4-byte instructions. */
public final class RiscvFrontend implements Frontend {
    private static final RegisterBank[] BANKS = {
        new RegisterBank("x", 32, 0),
        new RegisterBank("f", 32, -1),
    };


    @Override
    public String name() {
        return "riscv64";
    }

    @Override
    public Class<? extends CpuState> cpuClass() {
        return RiscvCpu.class;
    }

    @Override
    public RegisterBank[] registerBanks() {
        return BANKS;
    }

    @Override
    public DecodedInsn decode(CpuState cpu, long pc) {
        int low = fetch16(cpu, pc);
        if ((low & 3) != 3) {
            int expanded = RiscvCompressed.expand(low);
            return new RiscvInsn(pc, 2, expanded == 0 ? null : RiscvDecoder.match(expanded), expanded, low);
        }
        int bits = low | (fetch16(cpu, pc + 2) << 16);
        return new RiscvInsn(pc, 4, RiscvDecoder.match(bits), bits, -1);
    }

    private static int fetch16(CpuState cpu, long addr) {
        if ((cpu.memory.prot(addr) & Prot.EXEC) == 0) {
            throw cpu.fault(GuestFault.Kind.EXEC, addr);
        }
        return GuestAccess.peekShort(addr);
    }

    @Override
    public void translate(DecodedInsn d, Emitter e) {
        RiscvInsn insn = (RiscvInsn) d;
        // Each extension group translates its own patterns and says false for the others.
        boolean done = insn.pattern != null
                && (RvIntegerTranslators.translate(insn, e) || RvControlTranslators.translate(insn, e)
                    || RvFloatTranslators.translate(insn, e) || RvAtomicTranslators.translate(insn, e));
        if (!done) e.raise(GuestFault.Kind.ILLEGAL_INSTRUCTION);
    }

    @Override
    public String disassemble(DecodedInsn insn) {
        return RiscvDisassembler.format((RiscvInsn) insn);
    }
}
