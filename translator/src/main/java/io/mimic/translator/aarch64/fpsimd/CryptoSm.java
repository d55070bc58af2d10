package io.mimic.translator.aarch64.fpsimd;

import static io.mimic.translator.aarch64.fpsimd.CryptoSha.put;
import static io.mimic.translator.aarch64.fpsimd.CryptoSha.words;
import static java.lang.Integer.rotateLeft;

/**
 * FEAT_SM3 and FEAT_SM4 (the Chinese hash GB/T 32905 and block cipher GB/T 32907) on the vector
 * register array, following the Arm ARM's pseudocode. Words are 32-bit elements, element 0
 * lowest.
 */
final class CryptoSm {
    /** The SM4 S-box of GB/T 32907. */
    private static final byte[] SBOX = hex(
            "d690e9fecce13db716b614c228fb2c052b679a762abe04c3aa44132649860699"
            + "9c4250f491ef987a33540b43edcfac62e4b31ca9c908e89580df94fa758f3fa6"
            + "4707a7fcf37317ba83593c19e6854fa8686b81b27164da8bf8eb0f4b70569d35"
            + "1e240e5e6358d1a225227c3b01217887d40046579fd327524c3602e7a0c4c89e"
            + "eabf8ad240c738b5a3f7f2cef96115a1e0ae5da49b341a55ad933230f58cb1e3"
            + "1df6e22e8266ca60c02923ab0d534e6fd5db3745defd8e2f03ff6a726d6c5b51"
            + "8d1baf92bbddbc7f11d95c411f105ad80ac13188a5cd7bbd2d74d012b8e5b4b0"
            + "8969974a0c96777e65b9f109c56ec68418f07dec3adc4d2079ee5f3ed7cb3948");

    private CryptoSm() {}

    private static byte[] hex(String s) {
        byte[] b = new byte[s.length() / 2];
        for (int i = 0; i < b.length; i++) b[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        return b;
    }

    // ---------------------------------------------------------------- SM3

    /** SM3SS1: the top word of V(d) is ROL(ROL(Vn3, 12) + Vm3 + Va3, 7); the rest is zero. */
    static void sm3ss1(long[] v, int d, int n, int m, int a) {
        int x = rotateLeft(rotateLeft(words(v, n)[3], 12) + words(v, m)[3] + words(v, a)[3], 7);
        put(v, d, new int[]{0, 0, 0, x});
    }

    /** SM3TT1A (op 0), SM3TT1B (1), SM3TT2A (2), SM3TT2B (3) with Wj = V(m).S[imm2]. */
    static void sm3tt(long[] v, int d, int n, int m, int imm2, int op) {
        int[] s = words(v, d);
        int wj = words(v, m)[imm2], n3 = words(v, n)[3];
        int f = switch (op) {
            case 0, 2 -> s[3] ^ s[2] ^ s[1];
            case 1 -> (s[3] & s[1]) | (s[3] & s[2]) | (s[1] & s[2]);
            default -> (s[3] & s[2]) | (~s[3] & s[1]);
        };
        int t;
        int rotated;
        if (op < 2) {
            t = f + s[0] + (n3 ^ rotateLeft(s[3], 12)) + wj;       // TT1 with SS2
            rotated = rotateLeft(s[2], 9);
        } else {
            t = f + s[0] + n3 + wj;                               // TT2, then P0
            t = t ^ rotateLeft(t, 9) ^ rotateLeft(t, 17);
            rotated = rotateLeft(s[2], 19);
        }
        put(v, d, new int[]{s[1], rotated, s[3], t});
    }

    /** SM3PARTW1: the first part of the message expansion (P1 of three words). */
    static void sm3partw1(long[] v, int d, int n, int m) {
        int[] x = words(v, d), y = words(v, n), z = words(v, m), r = new int[4];
        for (int i = 0; i < 4; i++) {
            int t = x[i] ^ y[i] ^ rotateLeft(i < 3 ? z[i + 1] : r[0], 15);
            r[i] = t ^ rotateLeft(t, 15) ^ rotateLeft(t, 23);
        }
        put(v, d, r);
    }

    /** SM3PARTW2: the second part of the message expansion. */
    static void sm3partw2(long[] v, int d, int n, int m) {
        int[] x = words(v, d), y = words(v, n), z = words(v, m), r = new int[4];
        for (int i = 0; i < 4; i++) r[i] = x[i] ^ y[i] ^ rotateLeft(z[i], 7);
        int t = y[0] ^ rotateLeft(z[0], 7);
        r[3] ^= rotateLeft(t, 15) ^ rotateLeft(t, 30) ^ rotateLeft(t, 6);
        put(v, d, r);
    }

    // ---------------------------------------------------------------- SM4

    private static int tau(int x) {
        int r = 0;
        for (int i = 0; i < 32; i += 8) r |= (SBOX[(x >>> i) & 0xFF] & 0xFF) << i;
        return r;
    }

    /**
     * Four SM4 rounds on the state {@code s} with round keys (SM4E) or key-schedule constants
     * (SM4EKEY) {@code k}; the linear transform is L (key false) or L' (key true).
     */
    private static int[] rounds(int[] s, int[] k, boolean key) {
        for (int i = 0; i < 4; i++) {
            int t = tau(s[(i + 1) & 3] ^ s[(i + 2) & 3] ^ s[(i + 3) & 3] ^ k[i]);
            s[i] ^= key ? t ^ rotateLeft(t, 13) ^ rotateLeft(t, 23)
                    : t ^ rotateLeft(t, 2) ^ rotateLeft(t, 10) ^ rotateLeft(t, 18) ^ rotateLeft(t, 24);
        }
        return s;
    }

    /** SM4E: four encryption rounds of the state V(d) with the round keys V(n). */
    static void sm4e(long[] v, int d, int n) {
        put(v, d, rounds(words(v, d), words(v, n), false));
    }

    /** SM4EKEY: four round keys from the keys V(n) and the constants V(m). */
    static void sm4ekey(long[] v, int d, int n, int m) {
        put(v, d, rounds(words(v, n), words(v, m), true));
    }
}
