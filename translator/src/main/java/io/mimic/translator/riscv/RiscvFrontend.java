package io.mimic.translator.riscv;

import io.mimic.translator.engine.CpuState;
import io.mimic.translator.engine.DecodedInsn;
import io.mimic.translator.engine.Emitter;
import io.mimic.translator.engine.Frontend;
import io.mimic.translator.engine.GuestFault;
import io.mimic.translator.engine.RegisterBank;
import io.mimic.translator.memory.GuestAccess;
import io.mimic.translator.memory.Prot;

import java.util.HashMap;
import java.util.Map;

/** RV64GC + Zba/Zbb/Zbs, little-endian, 2- and 4-byte instructions. */
public final class RiscvFrontend implements Frontend {
    private static final RegisterBank[] BANKS = {
        new RegisterBank("x", 32, 0),
        new RegisterBank("f", 32, -1),
    };

    private static final Map<String, RvTranslator> TRANSLATORS = translators();

    static Map<String, RvTranslator> translators() {
        Map<String, RvTranslator> t = new HashMap<>();
        RvIntegerTranslators.register(t);
        RvControlTranslators.register(t);
        RvAtomicTranslators.register(t);
        RvFloatTranslators.register(t);
        return t;
    }

    /** Pattern names without a translator (must be empty; checked by a unit test). */
    public static java.util.List<String> untranslated() {
        return RiscvDecoder.patterns().stream().map(RiscvDecoder.Pattern::name)
                .filter(n -> !TRANSLATORS.containsKey(n)).toList();
    }

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
        return (int) GuestAccess.raw().get(java.lang.foreign.ValueLayout.JAVA_SHORT_UNALIGNED, addr) & 0xffff;
    }

    @Override
    public void translate(DecodedInsn d, Emitter e) {
        RiscvInsn insn = (RiscvInsn) d;
        RvTranslator t = insn.pattern == null ? null : TRANSLATORS.get(insn.pattern.name());
        if (t == null) {
            e.raise(GuestFault.Kind.ILLEGAL_INSTRUCTION);
        } else {
            t.emit(insn, e);
        }
    }

    @Override
    public String disassemble(DecodedInsn insn) {
        return RiscvDisassembler.format((RiscvInsn) insn);
    }
}
