package io.mimic.translator.aarch64.fpsimd;

import io.mimic.translator.aarch64.A64Context;
import io.mimic.translator.engine.Emitter;
import org.objectweb.asm.Opcodes;

/**
 * Translators of the cryptographic extension groups ({@code crypto_*} in fpsimd.decode). The
 * FEAT_SHA3 instructions (EOR3, BCAX, RAX1, XAR), which Keccak runs two dozen times a round,
 * are JVM code on the register locals, one 64-bit half at a time; the AES, SHA and SM rounds call
 * their {@link A64Crypto} function on the register array.
 */
final class CryptoTranslators implements Opcodes {
    private static final String LONG = "java/lang/Long";

    private CryptoTranslators() {}

    /** Emits {@code insn} of the crypto group {@code group}; false if unallocated. */
    static boolean translate(A64Context x, String group, int insn) {
        return switch (group) {
            case "crypto_aes" -> SimdTranslators.viaArray(x, insn, A64Crypto::aes, A64Crypto.class, "aes");
            case "crypto_sha_3reg" -> SimdTranslators.viaArray(x, insn, A64Crypto::sha3Reg, A64Crypto.class, "sha3Reg");
            case "crypto_sha_2reg" -> SimdTranslators.viaArray(x, insn, A64Crypto::sha2Reg, A64Crypto.class, "sha2Reg");
            case "crypto_sha512_3reg" -> (insn & 0x4C00) == 0x0C00
                    ? sha3(x, insn, 'r')
                    : SimdTranslators.viaArray(x, insn, A64Crypto::sha512ThreeReg, A64Crypto.class, "sha512ThreeReg");
            case "crypto_sha512_2reg" ->
                    SimdTranslators.viaArray(x, insn, A64Crypto::sha512TwoReg, A64Crypto.class, "sha512TwoReg");
            case "crypto_4reg" -> switch ((insn >>> 21) & 3) {
                case 0 -> sha3(x, insn, 'e');
                case 1 -> sha3(x, insn, 'b');
                case 2 -> SimdTranslators.viaArray(x, insn, A64Crypto::sm3ss1, A64Crypto.class, "sm3ss1", insn >>> 10);
                default -> false;
            };
            case "crypto_xar" -> sha3(x, insn, 'x');
            case "crypto_3reg_imm2" -> SimdTranslators.viaArray(x, insn, A64Crypto::sm3tt, A64Crypto.class, "sm3tt");
            default -> false;
        };
    }

    /** EOR3 ('e'), BCAX ('b'), RAX1 ('r'), XAR ('x') on each 64-bit half. */
    private static boolean sha3(A64Context x, int insn, char op) {
        int d = insn & 31, n = (insn >>> 5) & 31, m = (insn >>> 16) & 31, a = (insn >>> 10) & 31;
        Emitter e = x.emitter();
        for (int h = 0; h < 2; h++) {
            x.getV(n, h);
            x.getV(m, h);
            switch (op) {
                case 'e' -> {                                     // Vn ^ Vm ^ Va
                    e.op(LXOR);
                    x.getV(a, h);
                    e.op(LXOR);
                }
                case 'b' -> {                                     // Vn ^ (Vm & ~Va)
                    x.getV(a, h);
                    e.constLong(-1);
                    e.op(LXOR);
                    e.op(LAND);
                    e.op(LXOR);
                }
                case 'r' -> {                                     // Vn ^ ROL(Vm, 1)
                    e.constInt(1);
                    e.callStatic(LONG, "rotateLeft", "(JI)J");
                    e.op(LXOR);
                }
                default -> {                                      // ROR(Vn ^ Vm, imm6)
                    e.op(LXOR);
                    e.constInt((insn >>> 10) & 63);
                    e.callStatic(LONG, "rotateRight", "(JI)J");
                }
            }
            x.setV(d, h);
        }
        return true;
    }
}
