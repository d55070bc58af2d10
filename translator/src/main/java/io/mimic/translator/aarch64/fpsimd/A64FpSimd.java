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
 *       FP/SIMD register loads and stores stay in the base.</li>
 *   <li>{@link #translate} finds the encoding's group in {@code fpsimd.decode} and emits the
 *       instruction through the {@link A64Context}; it returns false, having emitted nothing, for
 *       an unallocated or unimplemented encoding, and the base raises SIGILL.</li>
 *   <li>FCMP/FCMPE, FCCMP/FCCMPE, FCSEL and FJCVTZS are known to the base's flag liveness.</li>
 * </ul>
 */
public final class A64FpSimd {
    private A64FpSimd() {}

    /** Emits {@code insn}; false if it is not implemented (the caller raises SIGILL). */
    public static boolean translate(A64Context ctx, int insn) {
        String group = FpSimdDecoder.group(insn);
        if (group == null) return false;
        return switch (group) {
            case "fp_int" -> FpScalar.toFromInt(ctx, insn);
            case "fp_fixed" -> FpScalar.toFromFixed(ctx, insn);
            case "fp_1src" -> FpScalar.oneSource(ctx, insn);
            case "fp_cmp" -> FpScalar.compare(ctx, insn);
            case "fp_imm" -> FpScalar.immediate(ctx, insn);
            case "fp_ccmp" -> FpScalar.condCompare(ctx, insn);
            case "fp_2src" -> FpScalar.twoSource(ctx, insn);
            case "fp_csel" -> FpScalar.select(ctx, insn);
            case "fp_3src" -> FpScalar.threeSource(ctx, insn);
            case "simd_3same", "scalar_3same" -> SimdTranslators.threeSame(ctx, insn);
            case "simd_3diff", "scalar_3diff" -> SimdDiffTranslators.threeDiff(ctx, insn);
            case "simd_2misc", "scalar_2misc" -> SimdTranslators.twoMisc(ctx, insn);
            case "simd_3extra", "scalar_3extra" ->
                    SimdTranslators.viaArray(ctx, insn, SimdDot::threeExtra, SimdDot.class, "threeExtra");
            case "simd_across" -> SimdTranslators.across(ctx, insn);
            case "scalar_pair" ->
                    SimdTranslators.viaArray(ctx, insn, SimdFp::scalarPairwise, SimdFp.class, "scalarPairwise");
            case "simd_copy", "scalar_copy" -> SimdTranslators.copy(ctx, insn);
            case "simd_modimm" -> SimdTranslators.modImm(ctx, insn);
            case "simd_shift", "scalar_shift" -> SimdShiftTranslators.shiftImm(ctx, insn);
            case "simd_elem", "scalar_elem" -> SimdTranslators.byElement(ctx, insn);
            case "simd_perm" -> SimdTranslators.viaArray(ctx, insn, SimdInt::permute, SimdInt.class, "permute");
            case "simd_ext" -> SimdTranslators.ext(ctx, insn);
            case "simd_tbl" -> SimdTranslators.viaArray(ctx, insn, SimdInt::table, SimdInt.class, "table",
                    (insn >>> 5) + 1, (insn >>> 5) + 2, (insn >>> 5) + 3);
            case "ldst_multi" -> SimdLoadStore.translate(ctx, insn, false, false);
            case "ldst_multi_post" -> SimdLoadStore.translate(ctx, insn, false, true);
            case "ldst_single" -> SimdLoadStore.translate(ctx, insn, true, false);
            case "ldst_single_post" -> SimdLoadStore.translate(ctx, insn, true, true);
            default -> group.startsWith("crypto_") && CryptoTranslators.translate(ctx, group, insn);
        };
    }

    /** Assembly text (mnemonic and operands) of {@code insn} at {@code pc}, or null. */
    public static String disassemble(int insn, long pc) {
        String group = FpSimdDecoder.group(insn);
        if (group == null) return null;
        if (group.startsWith("crypto_")) return CryptoNames.text(insn, group);
        return FpSimdText.format(group, insn);
    }

    /** Assembly text of a cryptographic extension instruction; null for other or unallocated encodings. */
    public static String cryptoText(int insn) {
        String group = FpSimdDecoder.group(insn);
        return group != null && group.startsWith("crypto_") ? CryptoNames.text(insn, group) : null;
    }
}
