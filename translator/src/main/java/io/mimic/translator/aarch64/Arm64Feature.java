package io.mimic.translator.aarch64;

import java.util.EnumSet;
import java.util.Set;

/**
 * The architectural features this A64 implementation has. One table: the ID registers that
 * MRS reads ({@link Arm64System}) and the OS layer's HWCAP bits are derived from it, so what is
 * advertised is exactly what is implemented. The FP/SIMD/crypto entries belong to the fpsimd
 * package: it adds a feature here when its instructions are complete.
 */
public enum Arm64Feature {
    // ---- base (io.mimic.translator.aarch64)
    /** CRC32/CRC32C instructions. */
    CRC32,
    /** FEAT_LSE: CAS, CASP, LD<op>, SWP. */
    ATOMICS,
    /** FEAT_LSE128: LDCLRP, LDSETP, SWPP. */
    LSE128,
    /** FEAT_LRCPC: LDAPR. */
    LRCPC,
    /** FEAT_LRCPC2: LDAPUR/STLUR. */
    LRCPC2,
    /** FEAT_RNG: RNDR, RNDRRS. */
    RNG,
    /** FEAT_CSSC: ABS, CNT, CTZ, SMAX/SMIN/UMAX/UMIN. */
    CSSC,
    /** DC CVAP (FEAT_DPB). */
    DCPOP,

    // ---- FP, Advanced SIMD and crypto (io.mimic.translator.aarch64.fpsimd)
    FP, ASIMD, FPHP, ASIMDHP, AES, PMULL, SHA1, SHA2, SHA512, SHA3, SM3, SM4,
    ASIMDRDM, ASIMDDP, ASIMDFHM, JSCVT, FCMA, FRINT, I8MM, BF16;

    /** What is implemented now. */
    public static final Set<Arm64Feature> IMPLEMENTED = EnumSet.of(
            CRC32, ATOMICS, LSE128, LRCPC, LRCPC2, RNG, CSSC, DCPOP,
            FP, ASIMD, JSCVT, FRINT,
            AES, PMULL, SHA1, SHA2, SHA512, SHA3, SM3, SM4);

    public static boolean has(Arm64Feature f) {
        return IMPLEMENTED.contains(f);
    }
}
