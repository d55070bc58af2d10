package io.mimic.translator.aarch64.fpsimd;

/**
 * FEAT_SHA1, FEAT_SHA256 and FEAT_SHA512 on the vector register array (V(r) = v[2r] low,
 * v[2r+1] high), following the Arm ARM's pseudocode (SHA1hash, SHA256hash, the SHA512
 * schedule and hash steps). 32-bit words are element i of a register, element 0 lowest.
 */
final class CryptoSha {
    private CryptoSha() {}

    static int[] words(long[] v, int r) {
        long lo = v[2 * r], hi = v[2 * r + 1];
        return new int[]{(int) lo, (int) (lo >>> 32), (int) hi, (int) (hi >>> 32)};
    }

    static void put(long[] v, int d, int[] w) {
        v[2 * d] = w[0] & 0xFFFFFFFFL | (long) w[1] << 32;
        v[2 * d + 1] = w[2] & 0xFFFFFFFFL | (long) w[3] << 32;
    }

    private static int choose(int x, int y, int z) {
        return ((y ^ z) & x) ^ z;
    }

    private static int majority(int x, int y, int z) {
        return (x & y) | ((x | y) & z);
    }

    // ---------------------------------------------------------------- SHA-1

    /** SHA1C (f 0), SHA1P (1), SHA1M (2): four rounds on Q(d) = abcd, S(n) = e, V(m) = W+K. */
    static void sha1Hash(long[] v, int d, int n, int m, int f) {
        int[] x = words(v, d), w = words(v, m);
        int y = (int) v[2 * n];
        for (int e = 0; e < 4; e++) {
            int t = switch (f) {
                case 0 -> choose(x[1], x[2], x[3]);
                case 1 -> x[1] ^ x[2] ^ x[3];
                default -> majority(x[1], x[2], x[3]);
            };
            y += Integer.rotateLeft(x[0], 5) + t + w[e];
            x[1] = Integer.rotateLeft(x[1], 30);
            // ROL(Y:X, 32) on 160 bits
            int top = x[3];
            x[3] = x[2];
            x[2] = x[1];
            x[1] = x[0];
            x[0] = y;
            y = top;
        }
        put(v, d, x);
    }

    static void sha1h(long[] v, int d, int n) {
        v[2 * d] = Integer.rotateLeft((int) v[2 * n], 30) & 0xFFFFFFFFL;
        v[2 * d + 1] = 0;
    }

    static void sha1su0(long[] v, int d, int n, int m) {
        long lo = v[2 * d + 1] ^ v[2 * d] ^ v[2 * m], hi = v[2 * n] ^ v[2 * d + 1] ^ v[2 * m + 1];
        v[2 * d] = lo;
        v[2 * d + 1] = hi;
    }

    static void sha1su1(long[] v, int d, int n) {
        int[] x = words(v, d), y = words(v, n);
        int[] t = {x[0] ^ y[1], x[1] ^ y[2], x[2] ^ y[3], x[3]};
        put(v, d, new int[]{Integer.rotateLeft(t[0], 1), Integer.rotateLeft(t[1], 1), Integer.rotateLeft(t[2], 1),
            Integer.rotateLeft(t[3], 1) ^ Integer.rotateLeft(t[0], 2)});
    }

    // ---------------------------------------------------------------- SHA-256

    /** SHA256H (part1) and SHA256H2: SHA256hash(X, Y, W) of the Arm ARM; returns X or Y. */
    static void sha256Hash(long[] v, int d, int n, int m, boolean part1) {
        int[] x = words(v, part1 ? d : n), y = words(v, part1 ? n : d), w = words(v, m);
        for (int e = 0; e < 4; e++) {
            int chs = choose(y[0], y[1], y[2]);
            int maj = majority(x[0], x[1], x[2]);
            int sig1 = Integer.rotateRight(y[0], 6) ^ Integer.rotateRight(y[0], 11) ^ Integer.rotateRight(y[0], 25);
            int sig0 = Integer.rotateRight(x[0], 2) ^ Integer.rotateRight(x[0], 13) ^ Integer.rotateRight(x[0], 22);
            int t = y[3] + sig1 + chs + w[e];
            x[3] = t + x[3];
            y[3] = t + sig0 + maj;
            // ROL(Y:X, 32) on 256 bits
            int xTop = x[3], yTop = y[3];
            System.arraycopy(x, 0, x, 1, 3);
            System.arraycopy(y, 0, y, 1, 3);
            x[0] = yTop;
            y[0] = xTop;
        }
        put(v, d, part1 ? x : y);
    }

    private static int sigma0(int x) {
        return Integer.rotateRight(x, 7) ^ Integer.rotateRight(x, 18) ^ (x >>> 3);
    }

    private static int sigma1(int x) {
        return Integer.rotateRight(x, 17) ^ Integer.rotateRight(x, 19) ^ (x >>> 10);
    }

    static void sha256su0(long[] v, int d, int n) {
        int[] x = words(v, d), y = words(v, n);
        put(v, d, new int[]{x[0] + sigma0(x[1]), x[1] + sigma0(x[2]), x[2] + sigma0(x[3]), x[3] + sigma0(y[0])});
    }

    static void sha256su1(long[] v, int d, int n, int m) {
        int[] x = words(v, d), y = words(v, n), z = words(v, m);
        int r0 = x[0] + sigma1(z[2]) + y[1], r1 = x[1] + sigma1(z[3]) + y[2];
        int r2 = x[2] + sigma1(r0) + y[3], r3 = x[3] + sigma1(r1) + z[0];
        put(v, d, new int[]{r0, r1, r2, r3});
    }

    // ---------------------------------------------------------------- SHA-512

    private static long bigSigma0(long x) {
        return Long.rotateRight(x, 28) ^ Long.rotateRight(x, 34) ^ Long.rotateRight(x, 39);
    }

    private static long bigSigma1(long x) {
        return Long.rotateRight(x, 14) ^ Long.rotateRight(x, 18) ^ Long.rotateRight(x, 41);
    }

    /** SHA512H: two rounds' T1 terms; X = V(n), Y = V(m), W = V(d). */
    static void sha512h(long[] v, int d, int n, int m) {
        long x0 = v[2 * n], x1 = v[2 * n + 1], y0 = v[2 * m], y1 = v[2 * m + 1];
        long hi = ((y1 & x0) ^ (~y1 & x1)) + bigSigma1(y1) + v[2 * d + 1];
        long tmp = hi + y0;
        long lo = ((tmp & y1) ^ (~tmp & x0)) + bigSigma1(tmp) + v[2 * d];
        v[2 * d] = lo;
        v[2 * d + 1] = hi;
    }

    /** SHA512H2: two rounds' T2 terms; X = V(n), Y = V(m), W = V(d). */
    static void sha512h2(long[] v, int d, int n, int m) {
        long x0 = v[2 * n], y0 = v[2 * m], y1 = v[2 * m + 1];
        long hi = ((x0 & y1) ^ (x0 & y0) ^ (y1 & y0)) + bigSigma0(y0) + v[2 * d + 1];
        long lo = ((hi & y0) ^ (hi & y1) ^ (y1 & y0)) + bigSigma0(hi) + v[2 * d];
        v[2 * d] = lo;
        v[2 * d + 1] = hi;
    }

    static void sha512su0(long[] v, int d, int n) {
        long w1 = v[2 * d + 1], x0 = v[2 * n];
        v[2 * d] += Long.rotateRight(w1, 1) ^ Long.rotateRight(w1, 8) ^ (w1 >>> 7);
        v[2 * d + 1] += Long.rotateRight(x0, 1) ^ Long.rotateRight(x0, 8) ^ (x0 >>> 7);
    }

    static void sha512su1(long[] v, int d, int n, int m) {
        for (int h = 0; h < 2; h++) {
            long x = v[2 * n + h];
            v[2 * d + h] += (Long.rotateRight(x, 19) ^ Long.rotateRight(x, 61) ^ (x >>> 6)) + v[2 * m + h];
        }
    }
}
