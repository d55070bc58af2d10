package io.mimic.translator.aarch64.fpsimd;

/**
 * FEAT_AES rounds on one 128-bit register value (two longs, byte i of the AES state is byte i of
 * the register: columns are 4-byte groups, as the Arm ARM's AESShiftRows and AESMixColumns
 * index them). The S-boxes are computed once from their definition (inverse in GF(2^8) modulo
 * x^8+x^4+x^3+x+1, then the affine map), not copied as tables.
 */
final class CryptoAes {
    private static final byte[] SBOX = new byte[256], INV_SBOX = new byte[256];

    static {
        for (int x = 0; x < 256; x++) {
            int inv = x == 0 ? 0 : power(x, 254);
            int s = inv ^ rotl8(inv, 1) ^ rotl8(inv, 2) ^ rotl8(inv, 3) ^ rotl8(inv, 4) ^ 0x63;
            SBOX[x] = (byte) s;
            INV_SBOX[s] = (byte) x;
        }
    }

    private CryptoAes() {}

    private static int rotl8(int x, int n) {
        return (x << n | x >>> (8 - n)) & 0xFF;
    }

    /** Multiplication in GF(2^8) with the AES polynomial. */
    static int mul(int a, int b) {
        int r = 0;
        for (; b != 0; b >>>= 1) {
            if ((b & 1) != 0) r ^= a;
            a = (a << 1) ^ ((a & 0x80) != 0 ? 0x11B : 0);
        }
        return r;
    }

    private static int power(int x, int e) {
        int r = 1;
        for (; e != 0; e >>>= 1, x = mul(x, x)) if ((e & 1) != 0) r = mul(r, x);
        return r;
    }

    private static byte[] bytes(long lo, long hi) {
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (lo >>> 8 * i);
            b[i + 8] = (byte) (hi >>> 8 * i);
        }
        return b;
    }

    private static void store(long[] v, int d, byte[] b) {
        long lo = 0, hi = 0;
        for (int i = 7; i >= 0; i--) {
            lo = lo << 8 | (b[i] & 0xFF);
            hi = hi << 8 | (b[i + 8] & 0xFF);
        }
        v[2 * d] = lo;
        v[2 * d + 1] = hi;
    }

    /** AESE (decrypt false) or AESD: V(d) = [Inv]SubBytes([Inv]ShiftRows(V(d) ^ V(n))). */
    static void round(long[] v, int d, int n, boolean decrypt) {
        byte[] s = bytes(v[2 * d] ^ v[2 * n], v[2 * d + 1] ^ v[2 * n + 1]), out = new byte[16];
        for (int c = 0; c < 4; c++) {
            for (int r = 0; r < 4; r++) {
                // ShiftRows moves row r left by r columns; InvShiftRows moves it right
                int from = r + 4 * ((decrypt ? c - r + 4 : c + r) & 3);
                out[r + 4 * c] = (decrypt ? INV_SBOX : SBOX)[s[from] & 0xFF];
            }
        }
        store(v, d, out);
    }

    /** AESMC (inverse false) or AESIMC: V(d) = [Inv]MixColumns(V(n)). */
    static void mixColumns(long[] v, int d, int n, boolean inverse) {
        byte[] s = bytes(v[2 * n], v[2 * n + 1]), out = new byte[16];
        int[] k = inverse ? new int[]{14, 11, 13, 9} : new int[]{2, 3, 1, 1};
        for (int c = 0; c < 4; c++) {
            for (int r = 0; r < 4; r++) {
                int acc = 0;
                for (int j = 0; j < 4; j++) acc ^= mul(s[4 * c + j] & 0xFF, k[(j - r + 4) & 3]);
                out[r + 4 * c] = (byte) acc;
            }
        }
        store(v, d, out);
    }
}
