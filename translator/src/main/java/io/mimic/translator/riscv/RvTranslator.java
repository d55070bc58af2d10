package io.mimic.translator.riscv;

import io.mimic.translator.engine.Emitter;

/** Emits one RISC-V instruction's semantics. */
@FunctionalInterface
interface RvTranslator {
    void emit(RiscvInsn insn, Emitter e);
}
