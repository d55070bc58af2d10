package io.mimic.translator.riscv;

/**
 * Pure integer semantics that are more than one JVM opcode. Each is tiny, so the JIT inlines it
 * into the translated code; they are not per-instruction interpreter calls.
 */
public final class RiscvOps {
    private RiscvOps() {}

    public static long slt(long a, long b) { return a < b ? 1 : 0; }
    public static long sltu(long a, long b) { return Long.compareUnsigned(a, b) < 0 ? 1 : 0; }

    public static long mulh(long a, long b) { return Math.multiplyHigh(a, b); }
    public static long mulhu(long a, long b) { return Math.unsignedMultiplyHigh(a, b); }
    /** High half of signed a times unsigned b. */
    public static long mulhsu(long a, long b) { return Math.multiplyHigh(a, b) + ((b >> 63) & a); }

    public static long div(long a, long b) {
        if (b == 0) return -1;
        if (a == Long.MIN_VALUE && b == -1) return a;
        return a / b;
    }

    public static long divu(long a, long b) { return b == 0 ? -1 : Long.divideUnsigned(a, b); }

    public static long rem(long a, long b) {
        if (b == 0) return a;
        if (a == Long.MIN_VALUE && b == -1) return 0;
        return a % b;
    }

    public static long remu(long a, long b) { return b == 0 ? a : Long.remainderUnsigned(a, b); }

    public static long divw(long a, long b) {
        int x = (int) a, y = (int) b;
        if (y == 0) return -1;
        if (x == Integer.MIN_VALUE && y == -1) return x;
        return x / y;
    }

    public static long divuw(long a, long b) {
        int y = (int) b;
        return y == 0 ? -1 : (int) Integer.divideUnsigned((int) a, y);
    }

    public static long remw(long a, long b) {
        int x = (int) a, y = (int) b;
        if (y == 0) return x;
        if (x == Integer.MIN_VALUE && y == -1) return 0;
        return x % y;
    }

    public static long remuw(long a, long b) {
        int y = (int) b;
        return y == 0 ? (int) a : (int) Integer.remainderUnsigned((int) a, y);
    }

    // ---- Zba
    public static long sh1add(long a, long b) { return (a << 1) + b; }
    public static long sh2add(long a, long b) { return (a << 2) + b; }
    public static long sh3add(long a, long b) { return (a << 3) + b; }
    public static long adduw(long a, long b) { return (a & 0xffffffffL) + b; }
    public static long sh1adduw(long a, long b) { return ((a & 0xffffffffL) << 1) + b; }
    public static long sh2adduw(long a, long b) { return ((a & 0xffffffffL) << 2) + b; }
    public static long sh3adduw(long a, long b) { return ((a & 0xffffffffL) << 3) + b; }
    public static long slliuw(long a, long sh) { return (a & 0xffffffffL) << sh; }

    // ---- Zbb
    public static long andn(long a, long b) { return a & ~b; }
    public static long orn(long a, long b) { return a | ~b; }
    public static long xnor(long a, long b) { return ~(a ^ b); }
    public static long clz(long a) { return Long.numberOfLeadingZeros(a); }
    public static long ctz(long a) { return Long.numberOfTrailingZeros(a); }
    public static long cpop(long a) { return Long.bitCount(a); }
    public static long clzw(long a) { return Integer.numberOfLeadingZeros((int) a); }
    public static long ctzw(long a) { return Integer.numberOfTrailingZeros((int) a); }
    public static long cpopw(long a) { return Integer.bitCount((int) a); }
    public static long max(long a, long b) { return Math.max(a, b); }
    public static long min(long a, long b) { return Math.min(a, b); }
    public static long maxu(long a, long b) { return Long.compareUnsigned(a, b) >= 0 ? a : b; }
    public static long minu(long a, long b) { return Long.compareUnsigned(a, b) <= 0 ? a : b; }
    public static long sextb(long a) { return (byte) a; }
    public static long sexth(long a) { return (short) a; }
    public static long zexth(long a) { return a & 0xffff; }
    public static long rol(long a, long b) { return Long.rotateLeft(a, (int) b); }
    public static long ror(long a, long b) { return Long.rotateRight(a, (int) b); }
    public static long rolw(long a, long b) { return Integer.rotateLeft((int) a, (int) b); }
    public static long rorw(long a, long b) { return Integer.rotateRight((int) a, (int) b); }
    public static long rev8(long a) { return Long.reverseBytes(a); }

    public static long orcb(long a) {
        long r = 0;
        for (int i = 0; i < 64; i += 8) {
            if (((a >>> i) & 0xff) != 0) r |= 0xffL << i;
        }
        return r;
    }

    // ---- Zbs
    public static long bclr(long a, long b) { return a & ~(1L << b); }
    public static long bext(long a, long b) { return (a >>> b) & 1; }
    public static long binv(long a, long b) { return a ^ (1L << b); }
    public static long bset(long a, long b) { return a | (1L << b); }
}
