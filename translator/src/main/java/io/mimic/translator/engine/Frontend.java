package io.mimic.translator.engine;

/**
 * One guest ISA: decodes instructions and emits their semantics through the {@link Emitter}.
 * Endianness, instruction length, flags and register conventions are the front-end's business;
 * the core only sees {@link DecodedInsn}s and emitter calls.
 */
public interface Frontend {
    /** The ISA's name as users type it (riscv64, aarch64, ...). */
    String name();

    /** The CpuState subclass that translated code is handed (its register banks are fields). */
    Class<? extends CpuState> cpuClass();

    RegisterBank[] registerBanks();

    /**
     * Decodes the instruction at {@code pc}. Throws the guest's EXEC fault (via
     * {@link CpuState#fault}) if the bytes cannot be fetched; returns an instruction whose
     * translation raises SIGILL if they do not decode.
     */
    DecodedInsn decode(CpuState cpu, long pc);

    /**
     * Called once per region before any instruction of it is translated, with the region's
     * instructions in address order and the unit's entry. A front-end may annotate its
     * instructions here, e.g. mark condition flags that no later instruction reads (lazy flags).
     */
    default void prepareRegion(java.util.NavigableMap<Long, DecodedInsn> region, long entry) {}

    /** Emits the instruction's semantics. */
    void translate(DecodedInsn insn, Emitter e);

    /** One line of assembly for -d in_asm. */
    String disassemble(DecodedInsn insn);
}
