package io.mimic.translator.riscv;

/** Operand layouts of 32-bit RISC-V encodings; each knows how to extract its immediate. */
public enum RiscvFormat {
    R, I, S, B, U, J, SH, SHW, R4, A, LR, CSR, CSRI, FR, F1, FCMP, NONE;

    long immediate(int b) {
        return switch (this) {
            case I -> b >> 20;
            case S -> ((b >> 25) << 5) | ((b >>> 7) & 0x1f);
            case B -> ((b >> 31) << 12) | (((b >>> 7) & 1) << 11) | (((b >>> 25) & 0x3f) << 5) | (((b >>> 8) & 0xf) << 1);
            case U -> b & 0xfffff000;
            case J -> ((b >> 31) << 20) | (b & 0xff000) | (((b >>> 20) & 1) << 11) | (((b >>> 21) & 0x3ff) << 1);
            case SH -> (b >>> 20) & 0x3f;
            case SHW -> (b >>> 20) & 0x1f;
            case CSRI -> (b >>> 15) & 0x1f;
            default -> 0;
        };
    }
}
