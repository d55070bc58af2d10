package io.mimic.translator.riscv;

import io.mimic.translator.engine.DecodedInsn;
import io.mimic.translator.engine.Flow;

/** A decoded RISC-V instruction: the matched pattern plus its operand fields. */
public final class RiscvInsn extends DecodedInsn {
    /** The pattern matched, or null if the bytes are not a valid instruction. */
    public final RiscvDecoder.Pattern pattern;
    /** The 32-bit encoding (compressed instructions are expanded to it). */
    public final int bits;
    /** The original 16-bit encoding of a compressed instruction, or -1. */
    public final int compressedBits;
    public final int rd, rs1, rs2, rs3, rm, csr;
    public final long imm;

    RiscvInsn(long pc, int length, RiscvDecoder.Pattern pattern, int bits, int compressedBits) {
        super(pc, length);
        this.pattern = pattern;
        this.bits = bits;
        this.compressedBits = compressedBits;
        this.rd = (bits >>> 7) & 31;
        this.rs1 = (bits >>> 15) & 31;
        this.rs2 = (bits >>> 20) & 31;
        this.rs3 = (bits >>> 27) & 31;
        this.rm = (bits >>> 12) & 7;
        this.csr = bits >>> 20;
        this.imm = pattern == null ? 0 : pattern.format().immediate(bits);
    }

    public String name() {
        return pattern == null ? "illegal" : pattern.name();
    }

    @Override
    public Flow flow() {
        if (pattern == null) return Flow.STOP;
        // jal that links (rd != x0) is a call: the ABI's ra/t0 link registers and any other.
        if (pattern.flow() == Flow.JUMP && rd != 0) return Flow.CALL;
        return pattern.flow();
    }

    @Override
    public long target() {
        return pc + imm;
    }
}
