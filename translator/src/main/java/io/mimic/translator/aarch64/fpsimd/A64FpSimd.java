package io.mimic.translator.aarch64.fpsimd;

import io.mimic.translator.aarch64.A64Context;

/**
 * Entry point of the scalar FP, Advanced SIMD and crypto translators, and of the AdvSIMD
 * structure loads and stores (LD1-LD4/ST1-ST4 multiple and single lane, LD1R-LD4R).
 *
 * <p>Contract with the base front-end ({@code io.mimic.translator.aarch64}):
 * <ul>
 *   <li>The base decoder hands over every encoding of the class "Data processing - scalar FP and
 *       Advanced SIMD" (op0 = x111, bits 27:25 = 111) and of the AdvSIMD load/store
 *       multiple/single structure classes ({@code insn & 0xBE000000 == 0x0C000000}). Scalar
 *       FP/SIMD register loads and stores (LDR/STR/LDUR/STUR/LDP/STP/LDNP of B/H/S/D/Q and the
 *       literal LDR) stay in the base, which shares their addressing modes with the integer ones.</li>
 *   <li>{@link #translate} emits the instruction through the {@link A64Context} (registers,
 *       NZCV, vector halves, memory access with faults, helper calls) and returns true; it
 *       returns false, having emitted nothing, for an unallocated or unimplemented encoding,
 *       and the base raises SIGILL.</li>
 *   <li>Instructions that read or write NZCV (FCMP/FCMPE, FCCMP/FCCMPE, FCSEL) are known to the
 *       base's flag liveness analysis by encoding; FCMP may skip writing NZCV when
 *       {@link A64Context#flagsLive()} is false.</li>
 *   <li>{@link #disassemble} gives the text for {@code -d in_asm}, or null to let the base
 *       print a generic mnemonic.</li>
 * </ul>
 * This placeholder implements nothing yet: every encoding is reported unallocated.
 */
public final class A64FpSimd {
    private A64FpSimd() {}

    /** Emits {@code insn}; false if it is not implemented (the caller raises SIGILL). */
    public static boolean translate(A64Context ctx, int insn) {
        return false;
    }

    /** Assembly text (mnemonic and operands) of {@code insn} at {@code pc}, or null. */
    public static String disassemble(int insn, long pc) {
        return null;
    }
}
