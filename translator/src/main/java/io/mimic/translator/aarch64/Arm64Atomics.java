package io.mimic.translator.aarch64;

import io.mimic.translator.memory.GuestAccess;

/**
 * Atomics on guest memory shared by all guest threads. Byte and halfword operations are
 * compare-and-swap loops on the containing aligned word. Exclusives follow QEMU: LDXR records
 * the address and the value seen, STXR succeeds only if the monitor is for that address and
 * size and memory still holds that value (a CAS). 128-bit operations (LDXP/STXP and CASP of X
 * registers, FEAT_LSE128) have no host CAS on the JVM: they are serialised by a lock per
 * address stripe, which makes them atomic with respect to each other (not to a racing plain
 * store of one half, which correct programs do not do).
 */
public final class Arm64Atomics {
    public static final int ADD = 0, CLR = 1, EOR = 2, SET = 3, SMAX = 4, SMIN = 5, UMAX = 6, UMIN = 7, SWP = 8;

    private static final Object[] STRIPES = new Object[64];

    static {
        for (int i = 0; i < STRIPES.length; i++) STRIPES[i] = new Object();
    }

    private Arm64Atomics() {}

    // ------------------------------------------------------------------ exclusives

    public static long loadExclusive(long a, int size, Arm64Cpu c) {
        GuestAccess.checkAtomic(a, size, c);
        long v = read(a, size);
        c.exclusiveAddress = a;
        c.exclusiveSize = size;
        c.exclusiveValue = v;
        return v;
    }

    /** Returns the status STXR writes: 0 stored, 1 failed. */
    public static long storeExclusive(long a, long v, int size, Arm64Cpu c) {
        GuestAccess.checkAtomic(a, size, c);
        boolean held = c.exclusiveAddress == a && c.exclusiveSize == size;
        c.exclusiveAddress = -1;
        return held && compareAndSet(a, size, c.exclusiveValue, v) ? 0 : 1;
    }

    public static long loadExclusivePair(long a, Arm64Cpu c) {
        GuestAccess.checkAtomic(a, 16, c);
        long lo, hi;
        synchronized (stripe(a)) {
            lo = GuestAccess.getVolatile64(a);
            hi = GuestAccess.getVolatile64(a + 8);
        }
        c.exclusiveAddress = a;
        c.exclusiveSize = 16;
        c.exclusiveValue = lo;
        c.exclusiveValueHigh = hi;
        c.atomicHigh = hi;
        return lo;
    }

    public static long storeExclusivePair(long a, long lo, long hi, Arm64Cpu c) {
        GuestAccess.checkAtomic(a, 16, c);
        boolean held = c.exclusiveAddress == a && c.exclusiveSize == 16;
        c.exclusiveAddress = -1;
        if (!held) return 1;
        synchronized (stripe(a)) {
            if (GuestAccess.getVolatile64(a) != c.exclusiveValue || GuestAccess.getVolatile64(a + 8) != c.exclusiveValueHigh) return 1;
            GuestAccess.setVolatile64(a, lo);
            GuestAccess.setVolatile64(a + 8, hi);
        }
        return 0;
    }

    /** The second half of the last 128-bit result (read right after the call that produced it). */
    public static long high(Arm64Cpu c) {
        return c.atomicHigh;
    }

    // ------------------------------------------------------------------ LSE

    /** CAS: returns the old value (zero-extended); stores {@code update} if it equalled {@code expect}. */
    public static long cas(long a, long expect, long update, int size, Arm64Cpu c) {
        GuestAccess.checkAtomic(a, size, c);
        long mask = size == 8 ? -1L : (1L << (size * 8)) - 1;
        while (true) {
            long old = read(a, size);
            if (old != (expect & mask)) return old;
            if (compareAndSet(a, size, old, update)) return old;
        }
    }

    public static long casPair(long a, long e0, long e1, long u0, long u1, Arm64Cpu c) {
        GuestAccess.checkAtomic(a, 16, c);
        synchronized (stripe(a)) {
            long lo = GuestAccess.getVolatile64(a), hi = GuestAccess.getVolatile64(a + 8);
            if (lo == e0 && hi == e1) {
                GuestAccess.setVolatile64(a, u0);
                GuestAccess.setVolatile64(a + 8, u1);
            }
            c.atomicHigh = hi;
            return lo;
        }
    }

    public static long rmw64(long a, long v, int op, Arm64Cpu c) {
        GuestAccess.checkAtomic(a, 8, c);
        if (op == ADD) return GuestAccess.getAndAdd64(a, v);
        if (op == SWP) return GuestAccess.getAndSet64(a, v);
        while (true) {
            long old = GuestAccess.getVolatile64(a);
            if (GuestAccess.cas64(a, old, apply(op, old, v, 64))) return old;
        }
    }

    public static long rmw32(long a, long v, int op, Arm64Cpu c) {
        GuestAccess.checkAtomic(a, 4, c);
        if (op == ADD) return GuestAccess.getAndAdd32(a, (int) v) & 0xFFFFFFFFL;
        if (op == SWP) return GuestAccess.getAndSet32(a, (int) v) & 0xFFFFFFFFL;
        while (true) {
            int old = GuestAccess.getVolatile32(a);
            if (GuestAccess.cas32(a, old, (int) apply(op, old & 0xFFFFFFFFL, v, 32))) return old & 0xFFFFFFFFL;
        }
    }

    public static long rmw16(long a, long v, int op, Arm64Cpu c) {
        return rmwSmall(a, v, op, 2, c);
    }

    public static long rmw8(long a, long v, int op, Arm64Cpu c) {
        return rmwSmall(a, v, op, 1, c);
    }

    private static long rmwSmall(long a, long v, int op, int size, Arm64Cpu c) {
        GuestAccess.checkAtomic(a, size, c);
        while (true) {
            long old = read(a, size);
            if (compareAndSet(a, size, old, apply(op, old, v, size * 8))) return old;
        }
    }

    /** FEAT_LSE128: LDCLRP, LDSETP, SWPP on the 16 bytes at {@code a} (low half first). */
    public static long rmw128(long a, long lo, long hi, int op, Arm64Cpu c) {
        GuestAccess.checkAtomic(a, 16, c);
        synchronized (stripe(a)) {
            long oldLo = GuestAccess.getVolatile64(a), oldHi = GuestAccess.getVolatile64(a + 8);
            GuestAccess.setVolatile64(a, apply(op, oldLo, lo, 64));
            GuestAccess.setVolatile64(a + 8, apply(op, oldHi, hi, 64));
            c.atomicHigh = oldHi;
            return oldLo;
        }
    }

    /** The new memory value of LD&lt;op&gt; for an old value and an operand of {@code bits} bits. */
    static long apply(int op, long old, long v, int bits) {
        int sh = 64 - bits;
        return switch (op) {
            case ADD -> old + v;
            case CLR -> old & ~v;
            case EOR -> old ^ v;
            case SET -> old | v;
            case SMAX -> (old << sh) >> sh >= (v << sh) >> sh ? old : v;
            case SMIN -> (old << sh) >> sh <= (v << sh) >> sh ? old : v;
            case UMAX -> Long.compareUnsigned(old << sh, v << sh) >= 0 ? old : v;
            case UMIN -> Long.compareUnsigned(old << sh, v << sh) <= 0 ? old : v;
            default -> v;
        };
    }

    // ------------------------------------------------------------------ sized access

    private static Object stripe(long a) {
        return STRIPES[(int) (a >>> 4) & (STRIPES.length - 1)];
    }

    /** Volatile read of {@code size} bytes, zero-extended (the address is aligned). */
    static long read(long a, int size) {
        return switch (size) {
            case 8 -> GuestAccess.getVolatile64(a);
            case 4 -> GuestAccess.getVolatile32(a) & 0xFFFFFFFFL;
            default -> {
                int word = GuestAccess.getVolatile32(a & ~3L);
                int shift = (int) (a & 3) * 8;
                yield (word >>> shift) & (size == 1 ? 0xff : 0xffff);
            }
        };
    }

    /** CAS of {@code size} bytes; smaller than a word, a CAS of the word that keeps its other bytes. */
    static boolean compareAndSet(long a, int size, long expect, long update) {
        switch (size) {
            case 8:
                return GuestAccess.cas64(a, expect, update);
            case 4:
                return GuestAccess.cas32(a, (int) expect, (int) update);
            default: {
                long w = a & ~3L;
                int shift = (int) (a & 3) * 8;
                int mask = (size == 1 ? 0xff : 0xffff) << shift;
                while (true) {
                    int old = GuestAccess.getVolatile32(w);
                    if (((old & mask) >>> shift) != (int) (expect & (size == 1 ? 0xff : 0xffff))) return false;
                    int next = (old & ~mask) | (((int) update << shift) & mask);
                    if (GuestAccess.cas32(w, old, next)) return true;
                }
            }
        }
    }
}
