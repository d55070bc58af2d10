package io.mimic.translator.aarch64;

/** Operand layouts of the A64 decode table; the disassembler formats each one. */
public enum Arm64Format {
    ADR, ADDSUB_IMM, MINMAX_IMM, LOGIC_IMM, MOVW, BITFIELD, EXTR,
    B26, BCOND, CB, TB, BR, EXC, SYS,
    LS_EXCL, CAS, LS_IMM9, LS_LIT, LS_PAIR, LS_REG, LS_UIMM, ATOMIC, ATOMIC128,
    LOGIC_SREG, ADDSUB_SREG, ADDSUB_EREG, ADC, CCMP, CSEL, DP3, DP2, DP1,
    /** Handed to the fpsimd package as a whole. */
    FPSIMD
}
