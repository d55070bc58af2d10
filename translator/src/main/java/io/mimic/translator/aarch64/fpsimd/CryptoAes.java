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

    /** Source byte of each output byte: ShiftRows moves row r left by r columns, InvShiftRows right. */
    private static final int[] SHIFT = new int[16], INV_SHIFT = new int[16];

    static {
        for (int c = 0; c < 4; c++) {
            for (int r = 0; r < 4; r++) {
                SHIFT[r + 4 * c] = r + 4 * ((c + r) & 3);
                INV_SHIFT[r + 4 * c] = r + 4 * ((c - r + 4) & 3);
            }
        }
    }

    private static int byteAt(long lo, long hi, int i) {
        return (int) ((i < 8 ? lo : hi) >>> 8 * (i & 7)) & 0xFF;
    }

    /** AESE (decrypt false) or AESD: V(d) = [Inv]SubBytes([Inv]ShiftRows(V(d) ^ V(n))). */
    static void round(long[] v, int d, int n, boolean decrypt) {
        long lo = v[2 * d] ^ v[2 * n], hi = v[2 * d + 1] ^ v[2 * n + 1];
        byte[] box = decrypt ? INV_SBOX : SBOX;
        int[] from = decrypt ? INV_SHIFT : SHIFT;
        long outLo = 0, outHi = 0;
        for (int i = 0; i < 8; i++) {
            outLo |= (long) (box[byteAt(lo, hi, from[i])] & 0xFF) << 8 * i;
            outHi |= (long) (box[byteAt(lo, hi, from[i + 8])] & 0xFF) << 8 * i;
        }
        v[2 * d] = outLo;
        v[2 * d + 1] = outHi;
    }

    /** Doubling in GF(2^8) of the four bytes of {@code w} at once. */
    private static int xtime4(int w) {
        return (w & 0x7F7F7F7F) << 1 ^ ((w >>> 7) & 0x01010101) * 0x1B;
    }

    /**
     * MixColumns of one column (byte r of the column is bits 8r+7:8r): b_r = 2a_r ^ 3a_(r+1) ^
     * a_(r+2) ^ a_(r+3); InvMixColumns is MixColumns after a_r ^= 4(a_r ^ a_(r+2)).
     */
    private static int mixColumn(int w, boolean inverse) {
        if (inverse) w ^= xtime4(xtime4(w ^ Integer.rotateRight(w, 16)));
        int x = xtime4(w);
        return x ^ Integer.rotateRight(w ^ x, 8) ^ Integer.rotateRight(w, 16) ^ Integer.rotateRight(w, 24);
    }

    /** AESMC (inverse false) or AESIMC: V(d) = [Inv]MixColumns(V(n)). */
    static void mixColumns(long[] v, int d, int n, boolean inverse) {
        long lo = v[2 * n], hi = v[2 * n + 1];
        v[2 * d] = mixColumn((int) lo, inverse) & 0xFFFFFFFFL | (long) mixColumn((int) (lo >>> 32), inverse) << 32;
        v[2 * d + 1] = mixColumn((int) hi, inverse) & 0xFFFFFFFFL | (long) mixColumn((int) (hi >>> 32), inverse) << 32;
    }
}
