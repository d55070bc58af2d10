package io.mimic.tests.random;

import java.util.Random;

/** Seeded random values biased towards the interesting ones (boundaries, specials). */
final class Values {
    private Values() {}

    private static final long[] INT_SPECIALS = {
        0, 1, -1, 2, -2, 3, 7, 31, 32, 63, 64,
        Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1, Long.MAX_VALUE - 1,
        0x7fffffffL, 0x80000000L, 0xffffffffL, 0x100000000L, 0xffffffff80000000L, 0xffffffff7fffffffL,
        0x000000007ffffffeL, 0xffffffff00000000L, 0x00000000ffff8000L, 0xffffffffffff8000L, 0x8000L, 0x7fffL,
        0xffffL, 0x80L, 0x7fL, 0xffL, 0xffffffffffffff80L, 0x5555555555555555L, 0xaaaaaaaaaaaaaaaaL,
        0x0123456789abcdefL, 0xfedcba9876543210L, 0x8000000000000001L, 0x00000001ffffffffL,
    };

    /** A 64-bit integer, often an interesting one. */
    static long anInt(Random r) {
        return switch (r.nextInt(12)) {
            case 0, 1 -> INT_SPECIALS[r.nextInt(INT_SPECIALS.length)];
            case 2 -> r.nextInt(129) - 64;
            case 3 -> 1L << r.nextInt(64);
            case 4 -> r.nextBoolean() ? ~(1L << r.nextInt(64)) : -(1L << r.nextInt(64));
            case 5 -> r.nextInt();                                  // sign-extended 32-bit
            case 6 -> r.nextInt() & 0xffffffffL;                     // zero-extended 32-bit
            case 7 -> (r.nextLong() & ~0xffffffffL) | (INT_SPECIALS[r.nextInt(INT_SPECIALS.length)] & 0xffffffffL);
            case 8 -> bytePattern(r);
            default -> r.nextLong();
        };
    }

    /** Each byte 0x00, 0xff, 0x80, 0x7f or random. */
    private static long bytePattern(Random r) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            long b = switch (r.nextInt(5)) {
                case 0 -> 0x00;
                case 1 -> 0xff;
                case 2 -> 0x80;
                case 3 -> 0x7f;
                default -> r.nextInt(256);
            };
            v |= b << (8 * i);
        }
        return v;
    }

    private static final long[] DOUBLE_SPECIALS = {
        0x0000000000000000L, 0x8000000000000000L,                 // +-0
        0x7ff0000000000000L, 0xfff0000000000000L,                 // +-inf
        0x7ff8000000000000L, 0xfff8000000000000L,                 // qNaN (canonical, negative)
        0x7ff0000000000001L, 0x7ff4000000000000L,                 // sNaN
        0x7ff8000000000123L, 0xfff7ffffffffffffL,                 // qNaN payload, negative sNaN
        0x0000000000000001L, 0x8000000000000001L,                 // +-min subnormal
        0x000fffffffffffffL, 0x0010000000000000L,                 // max subnormal, min normal
        0x7fefffffffffffffL, 0xffefffffffffffffL,                 // +-max
        0x3ff0000000000000L, 0xbff0000000000000L, 0x3fe0000000000000L, 0x4000000000000000L,
        0x41e0000000000000L, 0xc1e0000000000000L,                 // +-2^31
        0x41dfffffffc00000L, 0x41efffffffe00000L,                 // 2^31-1, 2^32-1
        0x41f0000000000000L, 0xc1e0000000200000L,                 // 2^32, -2^31-1
        0x43e0000000000000L, 0xc3e0000000000000L,                 // +-2^63
        0x43efffffffffffffL, 0x43f0000000000000L,                 // below 2^64, 2^64
        0x4340000000000000L, 0x3ff0000000000001L,                 // 2^53, 1+ulp
        0x3fe0000000000001L, 0x3ff8000000000000L, 0xc004000000000000L, // 0.5+ulp, 1.5, -2.5
        0x36a0000000000000L, 0x47e0000000000000L,                 // outside single range
    };

    private static final int[] SINGLE_SPECIALS = {
        0x00000000, 0x80000000, 0x7f800000, 0xff800000, 0x7fc00000, 0xffc00000, 0x7f800001, 0x7fa00000,
        0x7fc00123, 0xffbfffff, 0x00000001, 0x80000001, 0x007fffff, 0x00800000, 0x7f7fffff, 0xff7fffff,
        0x3f800000, 0xbf800000, 0x3f000000, 0x40000000, 0x4f000000, 0xcf000000, 0x4effffff, 0x4f800000,
        0xcf000001, 0x5f000000, 0xdf000000, 0x5f7fffff, 0x5f800000, 0x4b800000, 0x3f800001, 0x3fc00000,
        0xc0200000, 0x3f000001,
    };

    /** A double's bits, often a special one. */
    static long aDouble(Random r) {
        return switch (r.nextInt(8)) {
            case 0, 1, 2 -> DOUBLE_SPECIALS[r.nextInt(DOUBLE_SPECIALS.length)];
            case 3 -> Double.doubleToRawLongBits((r.nextInt(4001) - 2000) / (double) (1 << r.nextInt(12)));
            case 4 -> Double.doubleToRawLongBits((r.nextBoolean() ? 1 : -1)
                    * Math.scalb(1.0 + r.nextInt(1 << 20) / (double) (1 << 20), r.nextInt(140) - 70));
            case 5 -> DOUBLE_SPECIALS[r.nextInt(DOUBLE_SPECIALS.length)] + (r.nextInt(5) - 2);
            default -> r.nextLong();
        };
    }

    /** A single's bits (32), often a special one. */
    static int aSingle(Random r) {
        return switch (r.nextInt(8)) {
            case 0, 1, 2 -> SINGLE_SPECIALS[r.nextInt(SINGLE_SPECIALS.length)];
            case 3 -> Float.floatToRawIntBits((r.nextInt(4001) - 2000) / (float) (1 << r.nextInt(12)));
            case 4 -> Float.floatToRawIntBits((r.nextBoolean() ? 1 : -1)
                    * Math.scalb(1.0f + r.nextInt(1 << 12) / (float) (1 << 12), r.nextInt(80) - 40));
            case 5 -> SINGLE_SPECIALS[r.nextInt(SINGLE_SPECIALS.length)] + (r.nextInt(5) - 2);
            default -> r.nextInt();
        };
    }

    /** Mostly a boundary integer. */
    static long specialInt(Random r) {
        return r.nextInt(100) < 55 ? INT_SPECIALS[r.nextInt(INT_SPECIALS.length)] : anInt(r);
    }

    /** Mostly a special double; often one of the first 12 (zeros, infinities, NaNs, subnormals). */
    static long specialDouble(Random r) {
        int k = r.nextInt(100);
        if (k < 45) return DOUBLE_SPECIALS[r.nextInt(12)];
        return k < 70 ? DOUBLE_SPECIALS[r.nextInt(DOUBLE_SPECIALS.length)] : aDouble(r);
    }

    /** Mostly a special single (32 bits); often one of the first 12. */
    static int specialSingle(Random r) {
        int k = r.nextInt(100);
        if (k < 45) return SINGLE_SPECIALS[r.nextInt(12)];
        return k < 70 ? SINGLE_SPECIALS[r.nextInt(SINGLE_SPECIALS.length)] : aSingle(r);
    }

    static long boxed(int single) {
        return 0xffffffff00000000L | (single & 0xffffffffL);
    }

    /** A 64-bit FP register value: a NaN-boxed single, a double, or (rarely) an improperly boxed single. */
    static long anFpRegister(Random r) {
        int k = r.nextInt(100);
        if (k < 48) return boxed(aSingle(r));
        if (k < 94) return aDouble(r);
        long upper = r.nextBoolean() ? 0 : (r.nextLong() & 0xffffffff00000000L);
        if (upper == 0xffffffff00000000L) upper = 0x7fffffff00000000L;
        return upper | (aSingle(r) & 0xffffffffL);
    }

    /** A data word for the buffer. */
    static long aDataWord(Random r) {
        return switch (r.nextInt(10)) {
            case 0, 1 -> anInt(r);
            case 2 -> aDouble(r);
            case 3 -> (aSingle(r) & 0xffffffffL) | ((long) aSingle(r) << 32);
            default -> r.nextLong();
        };
    }

    /** A 12-bit signed immediate, often a boundary. */
    static int imm12(Random r) {
        return switch (r.nextInt(6)) {
            case 0 -> new int[] {0, 1, -1, 2047, -2048, 2046, -2047, 31, 32, 63, 64, -32}[r.nextInt(12)];
            case 1 -> r.nextInt(64) - 32;
            default -> r.nextInt(4096) - 2048;
        };
    }
}
