package io.mimic.translator.aarch64;

import io.mimic.translator.aarch64.fpsimd.A64FpSimd;
import io.mimic.translator.engine.CpuState;
import io.mimic.translator.engine.DecodedInsn;
import io.mimic.translator.engine.Emitter;
import io.mimic.translator.engine.Flow;
import io.mimic.translator.engine.Frontend;
import io.mimic.translator.engine.GuestFault;
import io.mimic.translator.engine.RegisterBank;
import io.mimic.translator.memory.GuestAccess;
import io.mimic.translator.memory.Prot;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;

/** AArch64 (A64), little-endian, fixed 4-byte instructions. */
public final class Arm64Frontend implements Frontend {
    private static final RegisterBank[] BANKS = {
        new RegisterBank("x", 32, -1),     // X0-X30, SP; XZR is decided per operand
        new RegisterBank("v", 64, -1),
        new RegisterBank("nzcv", 1, -1),
    };

    @Override
    public String name() {
        return "aarch64";
    }

    @Override
    public Class<? extends CpuState> cpuClass() {
        return Arm64Cpu.class;
    }

    @Override
    public RegisterBank[] registerBanks() {
        return BANKS;
    }

    @Override
    public DecodedInsn decode(CpuState cpu, long pc) {
        if ((cpu.memory.prot(pc) & Prot.EXEC) == 0 || (pc & 3) != 0) {
            throw cpu.fault(GuestFault.Kind.EXEC, pc);
        }
        int bits = GuestAccess.peekInt(pc);
        return new Arm64Insn(pc, Arm64Decoder.match(bits), bits);
    }

    /**
     * Lazy flags: an instruction's NZCV is dead if, following straight-line code inside the
     * region, another instruction overwrites all four flags before anything can read them.
     * Anything that leaves the straight line (branches, exits, faults' signal handlers aside)
     * counts as a reader.
     */
    @Override
    public void prepareRegion(NavigableMap<Long, DecodedInsn> region, long entry) {
        List<Arm64Insn> list = new ArrayList<>(region.size());
        for (DecodedInsn d : region.values()) list.add((Arm64Insn) d);
        // Where control can arrive other than by falling through: the entry, branch targets, and
        // call targets (a bl whose callee lies in the region reaches it by goto, so a B.cond
        // there must not test the compare that falls through into it).
        java.util.Set<Long> joins = new java.util.HashSet<>();
        joins.add(entry);
        for (Arm64Insn insn : list) {
            Flow f = insn.flow();
            if (f == Flow.BRANCH || f == Flow.JUMP || f == Flow.CALL) joins.add(insn.target());
        }
        // A B.cond right after the compare that set its flags tests the compare's operands
        // directly (the packed NZCV is still stored for the unit's exits).
        for (int i = 1; i < list.size(); i++) {
            Arm64Insn b = list.get(i), prev = list.get(i - 1);
            if (b.pattern != null && b.name().equals("b_cond") && prev.nextPc() == b.pc && prev.flow() == Flow.NEXT
                    && !joins.contains(b.pc) && A64DataProcessing.fusable(prev)) {
                b.flagSource = prev;
            }
        }
        boolean liveBeforeNext = true;
        for (int i = list.size() - 1; i >= 0; i--) {
            Arm64Insn insn = list.get(i);
            boolean straight = insn.flow() == Flow.NEXT && i + 1 < list.size() && list.get(i + 1).pc == insn.nextPc();
            boolean liveAfter = !straight || liveBeforeNext;
            insn.flagsLive = liveAfter;
            int use = Arm64FlagUse.of(insn);
            liveBeforeNext = (use & Arm64FlagUse.READS) != 0 || liveAfter && (use & Arm64FlagUse.WRITES) == 0;
        }
    }

    @Override
    public void translate(DecodedInsn d, Emitter e) {
        Arm64Insn insn = (Arm64Insn) d;
        A64Context ctx = new A64Context(e, insn);
        boolean done = insn.pattern != null && switch (insn.pattern.format()) {
            case FPSIMD -> A64FpSimd.translate(ctx, insn.bits);
            case B26, BCOND, CB, TB, BR, EXC, SYS -> A64Control.translate(insn, ctx);
            case LS_EXCL, CAS, ATOMIC, ATOMIC128 -> A64Atomic.translate(insn, ctx);
            case LS_IMM9, LS_LIT, LS_PAIR, LS_REG, LS_UIMM -> A64LoadStore.translate(insn, ctx);
            default -> A64DataProcessing.translate(insn, ctx);
        };
        if (!done) e.raise(GuestFault.Kind.ILLEGAL_INSTRUCTION);
    }

    @Override
    public String disassemble(DecodedInsn insn) {
        return Arm64Disassembler.format((Arm64Insn) insn);
    }
}
