package io.mimic.translator.aarch64.fpsimd;

import io.mimic.translator.aarch64.Arm64Cpu;

/**
 * The semantic functions of the cryptographic extension groups (FEAT_AES, FEAT_SHA1,
 * FEAT_SHA256, FEAT_SHA512, FEAT_SM3, FEAT_SM4; the FEAT_SHA3 logic is emitted inline by
 * {@link CryptoTranslators}): each reads its group's opcode fields, returns false for an
 * unallocated combination and otherwise updates the register array. Called from translated code
 * (and once at translation on a scratch CPU, to decide allocation).
 */
public final class A64Crypto {
    private A64Crypto() {}

    private static int d(int insn) { return insn & 31; }
    private static int n(int insn) { return (insn >>> 5) & 31; }
    private static int m(int insn) { return (insn >>> 16) & 31; }

    /** Cryptographic AES: AESE, AESD, AESMC, AESIMC. */
    public static boolean aes(Arm64Cpu c, int insn) {
        int op = (insn >>> 12) & 31;
        switch (op) {
            case 4, 5 -> CryptoAes.round(c.v, d(insn), n(insn), op == 5);
            case 6, 7 -> CryptoAes.mixColumns(c.v, d(insn), n(insn), op == 7);
            default -> { return false; }
        }
        return true;
    }

    /** Cryptographic three-register SHA: SHA1C/P/M, SHA1SU0, SHA256H, SHA256H2, SHA256SU1. */
    public static boolean sha3Reg(Arm64Cpu c, int insn) {
        int op = (insn >>> 12) & 7, d = d(insn), n = n(insn), m = m(insn);
        switch (op) {
            case 0, 1, 2 -> CryptoSha.sha1Hash(c.v, d, n, m, op);
            case 3 -> CryptoSha.sha1su0(c.v, d, n, m);
            case 4, 5 -> CryptoSha.sha256Hash(c.v, d, n, m, op == 4);
            case 6 -> CryptoSha.sha256su1(c.v, d, n, m);
            default -> { return false; }
        }
        return true;
    }

    /** Cryptographic two-register SHA: SHA1H, SHA1SU1, SHA256SU0. */
    public static boolean sha2Reg(Arm64Cpu c, int insn) {
        int op = (insn >>> 12) & 31, d = d(insn), n = n(insn);
        switch (op) {
            case 0 -> CryptoSha.sha1h(c.v, d, n);
            case 1 -> CryptoSha.sha1su1(c.v, d, n);
            case 2 -> CryptoSha.sha256su0(c.v, d, n);
            default -> { return false; }
        }
        return true;
    }

    /**
     * Cryptographic three-register SHA512 (O:opcode): SHA512H, SHA512H2, SHA512SU1, SM3PARTW1,
     * SM3PARTW2, SM4EKEY. RAX1 (0:11) is emitted inline and is not handled here.
     */
    public static boolean sha512ThreeReg(Arm64Cpu c, int insn) {
        int op = (insn >>> 12) & 4 | (insn >>> 10) & 3, d = d(insn), n = n(insn), m = m(insn);
        switch (op) {
            case 0 -> CryptoSha.sha512h(c.v, d, n, m);
            case 1 -> CryptoSha.sha512h2(c.v, d, n, m);
            case 2 -> CryptoSha.sha512su1(c.v, d, n, m);
            case 4 -> CryptoSm.sm3partw1(c.v, d, n, m);
            case 5 -> CryptoSm.sm3partw2(c.v, d, n, m);
            case 6 -> CryptoSm.sm4ekey(c.v, d, n, m);
            default -> { return false; }
        }
        return true;
    }

    /** Cryptographic two-register SHA512: SHA512SU0, SM4E. */
    public static boolean sha512TwoReg(Arm64Cpu c, int insn) {
        switch ((insn >>> 10) & 3) {
            case 0 -> CryptoSha.sha512su0(c.v, d(insn), n(insn));
            case 1 -> CryptoSm.sm4e(c.v, d(insn), n(insn));
            default -> { return false; }
        }
        return true;
    }

    /** SM3SS1 (the four-register group with Op0 = 10; EOR3 and BCAX are inline). */
    public static boolean sm3ss1(Arm64Cpu c, int insn) {
        if (((insn >>> 21) & 3) != 2) return false;
        CryptoSm.sm3ss1(c.v, d(insn), n(insn), m(insn), (insn >>> 10) & 31);
        return true;
    }

    /** Cryptographic three-register, imm2: SM3TT1A, SM3TT1B, SM3TT2A, SM3TT2B. */
    public static boolean sm3tt(Arm64Cpu c, int insn) {
        CryptoSm.sm3tt(c.v, d(insn), n(insn), m(insn), (insn >>> 12) & 3, (insn >>> 10) & 3);
        return true;
    }
}
