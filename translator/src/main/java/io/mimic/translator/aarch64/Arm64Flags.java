package io.mimic.translator.aarch64;

/**
 * NZCV as translated code computes it: a long with N, Z, C, V in bits 31..28 (PSTATE's layout).
 * Each method is the flags of one operation; C2 inlines them next to the operation itself, and
 * the front-end only calls them where a later instruction reads the flags.
 */
public final class Arm64Flags {
    public static final long N = 1L << 31, Z = 1L << 30, C = 1L << 29, V = 1L << 28;

    private Arm64Flags() {}

    public static long nz64(long r) {
        return ((r >>> 63) << 31) | (r == 0 ? Z : 0);
    }

    public static long nz32(long r) {
        int w = (int) r;
        return (((long) w >>> 63) << 31) | (w == 0 ? Z : 0);
    }

    /** Flags of a + b + carry (ADDS, ADCS; SUBS and SBCS are a + ~b + carry). */
    public static long adc64(long a, long b, long carry) {
        long r = a + b + carry;
        boolean c = carry == 0 ? Long.compareUnsigned(r, a) < 0 : Long.compareUnsigned(r, a) <= 0;
        boolean v = ((a ^ r) & (b ^ r)) < 0;
        return nz64(r) | (c ? C : 0) | (v ? V : 0);
    }

    public static long adc32(long a, long b, long carry) {
        long ua = a & 0xFFFFFFFFL, ub = b & 0xFFFFFFFFL;
        long r = ua + ub + carry;
        int ir = (int) r, ia = (int) a, ib = (int) b;
        boolean v = ((ia ^ ir) & (ib ^ ir)) < 0;
        return nz32(r) | ((r >>> 32) != 0 ? C : 0) | (v ? V : 0);
    }

    public static long add64(long a, long b) { return adc64(a, b, 0); }
    public static long sub64(long a, long b) { return adc64(a, ~b, 1); }
    public static long add32(long a, long b) { return adc32(a, b, 0); }
    public static long sub32(long a, long b) { return adc32(a, ~b, 1); }

    /** The carry flag as 0 or 1. */
    public static long carry(long nzcv) {
        return (nzcv >>> 29) & 1;
    }

    /** 1 if condition {@code cond} (EQ=0 ... AL=14, NV=15) holds, else 0. */
    public static int cond(long f, int cond) {
        int n = (int) (f >>> 31) & 1, z = (int) (f >>> 30) & 1, c = (int) (f >>> 29) & 1, v = (int) (f >>> 28) & 1;
        int r = switch (cond >>> 1) {
            case 0 -> z;
            case 1 -> c;
            case 2 -> n;
            case 3 -> v;
            case 4 -> c & ~z & 1;
            case 5 -> ~(n ^ v) & 1;
            case 6 -> ~(n ^ v) & ~z & 1;
            default -> 1;
        };
        return (cond & 1) != 0 && cond != 15 ? r ^ 1 : r;
    }

    /** CCMP/CCMN: if cond holds, the flags of a - b (or a + b), else the immediate nzcv. */
    public static long ccmp64(long a, long b, long f, int cond, long imm) {
        return cond(f, cond) != 0 ? sub64(a, b) : imm;
    }

    public static long ccmn64(long a, long b, long f, int cond, long imm) {
        return cond(f, cond) != 0 ? add64(a, b) : imm;
    }

    public static long ccmp32(long a, long b, long f, int cond, long imm) {
        return cond(f, cond) != 0 ? sub32(a, b) : imm;
    }

    public static long ccmn32(long a, long b, long f, int cond, long imm) {
        return cond(f, cond) != 0 ? add32(a, b) : imm;
    }
}
