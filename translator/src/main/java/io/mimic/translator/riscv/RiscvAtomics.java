package io.mimic.translator.riscv;

import io.mimic.translator.memory.GuestAccess;

import java.util.function.IntBinaryOperator;
import java.util.function.LongBinaryOperator;

/**
 * The A extension on guest memory shared by all guest threads. AMOs are host atomic
 * read-modify-writes; LR records the address and the value seen, and SC succeeds only if the
 * reservation is for that address and the memory still holds that value (a CAS), which is how
 * QEMU implements LR/SC too. All are sequentially consistent, which satisfies any aq/rl bits.
 */
public final class RiscvAtomics {
    private RiscvAtomics() {}

    /*
     * LR reads with acquire ordering (a volatile read after the permission check), so code after
     * lr.aq cannot be moved before it by the JIT; SC's compare-and-swap is a full barrier.
     */
    public static long lrW(long addr, RiscvCpu c) {
        GuestAccess.ld32sle(checkAligned(addr, 4, c), c, GuestAccess.PC_FROM_HANDLER);
        long v = GuestAccess.getVolatile32(addr);
        c.reservationAddress = addr;
        c.reservationValue = v;
        return v;
    }

    public static long lrD(long addr, RiscvCpu c) {
        GuestAccess.ld64le(checkAligned(addr, 8, c), c, GuestAccess.PC_FROM_HANDLER);
        long v = GuestAccess.getVolatile64(addr);
        c.reservationAddress = addr;
        c.reservationValue = v;
        return v;
    }

    public static long scW(long addr, long value, RiscvCpu c) {
        GuestAccess.checkAtomic(addr, 4, c);
        boolean held = c.reservationAddress == addr;
        c.reservationAddress = -1;
        return held && GuestAccess.cas32(addr, (int) c.reservationValue, (int) value) ? 0 : 1;
    }

    public static long scD(long addr, long value, RiscvCpu c) {
        GuestAccess.checkAtomic(addr, 8, c);
        boolean held = c.reservationAddress == addr;
        c.reservationAddress = -1;
        return held && GuestAccess.cas64(addr, c.reservationValue, value) ? 0 : 1;
    }

    private static long checkAligned(long addr, int size, RiscvCpu c) {
        if ((addr & (size - 1)) != 0) throw c.fault(io.mimic.translator.engine.GuestFault.Kind.MISALIGNED, addr);
        return addr;
    }

    // ---- AMOs, 32-bit (results sign-extended) ----

    public static long amoswapW(long a, long v, RiscvCpu c) { GuestAccess.checkAtomic(a, 4, c); return GuestAccess.getAndSet32(a, (int) v); }
    public static long amoaddW(long a, long v, RiscvCpu c) { GuestAccess.checkAtomic(a, 4, c); return GuestAccess.getAndAdd32(a, (int) v); }
    public static long amoxorW(long a, long v, RiscvCpu c) { return rmw32(a, v, c, (x, y) -> x ^ y); }
    public static long amoandW(long a, long v, RiscvCpu c) { return rmw32(a, v, c, (x, y) -> x & y); }
    public static long amoorW(long a, long v, RiscvCpu c) { return rmw32(a, v, c, (x, y) -> x | y); }
    public static long amominW(long a, long v, RiscvCpu c) { return rmw32(a, v, c, Math::min); }
    public static long amomaxW(long a, long v, RiscvCpu c) { return rmw32(a, v, c, Math::max); }
    public static long amominuW(long a, long v, RiscvCpu c) { return rmw32(a, v, c, (x, y) -> Integer.compareUnsigned(x, y) <= 0 ? x : y); }
    public static long amomaxuW(long a, long v, RiscvCpu c) { return rmw32(a, v, c, (x, y) -> Integer.compareUnsigned(x, y) >= 0 ? x : y); }

    // ---- AMOs, 64-bit ----

    public static long amoswapD(long a, long v, RiscvCpu c) { GuestAccess.checkAtomic(a, 8, c); return GuestAccess.getAndSet64(a, v); }
    public static long amoaddD(long a, long v, RiscvCpu c) { GuestAccess.checkAtomic(a, 8, c); return GuestAccess.getAndAdd64(a, v); }
    public static long amoxorD(long a, long v, RiscvCpu c) { return rmw64(a, v, c, (x, y) -> x ^ y); }
    public static long amoandD(long a, long v, RiscvCpu c) { return rmw64(a, v, c, (x, y) -> x & y); }
    public static long amoorD(long a, long v, RiscvCpu c) { return rmw64(a, v, c, (x, y) -> x | y); }
    public static long amominD(long a, long v, RiscvCpu c) { return rmw64(a, v, c, Math::min); }
    public static long amomaxD(long a, long v, RiscvCpu c) { return rmw64(a, v, c, Math::max); }
    public static long amominuD(long a, long v, RiscvCpu c) { return rmw64(a, v, c, (x, y) -> Long.compareUnsigned(x, y) <= 0 ? x : y); }
    public static long amomaxuD(long a, long v, RiscvCpu c) { return rmw64(a, v, c, (x, y) -> Long.compareUnsigned(x, y) >= 0 ? x : y); }

    private static long rmw32(long a, long v, RiscvCpu c, IntBinaryOperator f) {
        GuestAccess.checkAtomic(a, 4, c);
        while (true) {
            int old = GuestAccess.getVolatile32(a);
            if (GuestAccess.cas32(a, old, f.applyAsInt(old, (int) v))) return old;
        }
    }

    private static long rmw64(long a, long v, RiscvCpu c, LongBinaryOperator f) {
        GuestAccess.checkAtomic(a, 8, c);
        while (true) {
            long old = GuestAccess.getVolatile64(a);
            if (GuestAccess.cas64(a, old, f.applyAsLong(old, v))) return old;
        }
    }
}
