package io.mimic.translator.aarch64.fpsimd;

import io.mimic.translator.aarch64.A64Context;
import io.mimic.translator.engine.Emitter;
import org.objectweb.asm.Opcodes;

/**
 * AdvSIMD shift by immediate, and the two-register widening/narrowing moves (XTN, SHLL). The
 * forms that compiled loops and glibc's string functions run all the time are decided here, at
 * translation time, and emitted as JVM arithmetic on the two cached 64-bit halves with the lane
 * masks as constants (SHL, USHR, SSHR, USRA, SSRA) or as a call of a small {@link SimdWidth}
 * helper with constant arguments (SSHLL/USHLL and their UXTL/SXTL aliases, SHRN, XTN, SHLL),
 * which C2 inlines into the unit. {@link SimdShift#shiftImm} decodes the encoding on every
 * execution and moves lanes through the register array one at a time: it made 26% of a64
 * sha256's samples (gcc vectorizes the message schedule into USHR/SHL/ORR) and is still the
 * path of every other form (rounding, saturating, inserting, fixed-point).
 */
final class SimdShiftTranslators implements Opcodes {
    private static final String WIDTH = "io/mimic/translator/aarch64/fpsimd/SimdWidth";

    private SimdShiftTranslators() {}

    static boolean shiftImm(A64Context x, int insn) {
        if (!SimdTranslators.allocated(SimdShift::shiftImm, insn)) return false;
        boolean u = (insn & (1 << 29)) != 0, q = (insn & (1 << 30)) != 0, scalar = (insn & (1 << 28)) != 0;
        int immh = (insn >>> 19) & 15, immhb = (insn >>> 16) & 127, op5 = (insn >>> 11) & 31;
        int esz = 31 - Integer.numberOfLeadingZeros(immh), bits = 8 << esz;
        int right = 2 * bits - immhb, left = immhb - bits;
        int d = insn & 31, n = (insn >>> 5) & 31;
        if (scalar) return viaArray(x, insn);
        switch ((u ? 32 : 0) | op5) {
            case 0x00, 0x20, 0x02, 0x22 -> {                          // SSHR USHR SSRA USRA
                boolean acc = op5 == 0x02;
                for (int h = 0; h < (q ? 2 : 1); h++) {
                    if (acc) x.getV(d, h);
                    x.getV(n, h);
                    shiftRight(x.emitter(), esz, right, u);
                    if (acc) addLanes(x.emitter(), esz);
                    x.setV(d, h);
                }
                zeroHigh(x, d, q);
            }
            case 0x0A -> {                                             // SHL
                for (int h = 0; h < (q ? 2 : 1); h++) {
                    x.getV(n, h);
                    shiftLeft(x.emitter(), esz, left);
                    x.setV(d, h);
                }
                zeroHigh(x, d, q);
            }
            case 0x14, 0x34 -> widen(x, d, n, q, esz, !u, left);      // SSHLL USHLL (SXTL UXTL)
            case 0x10 -> narrow(x, d, n, q, esz, right);                // SHRN
            default -> { return viaArray(x, insn); }
        }
        return true;
    }

    /** XTN and SHLL of the two-register miscellaneous group; false: not one of them. */
    static boolean twoMisc(A64Context x, int insn) {
        boolean u = (insn & (1 << 29)) != 0, q = (insn & (1 << 30)) != 0;
        if ((insn & (1 << 28)) != 0) return false;
        int op5 = (insn >>> 12) & 31, esz = (insn >>> 22) & 3, d = insn & 31, n = (insn >>> 5) & 31;
        if (esz == 3) return false;
        if (!u && op5 == 0x12) narrow(x, d, n, q, esz, 0);                   // XTN
        else if (u && op5 == 0x13) widen(x, d, n, q, esz, false, 8 << esz);  // SHLL
        else return false;
        return true;
    }

    private static boolean viaArray(A64Context x, int insn) {
        return SimdTranslators.viaArray(x, insn, SimdShift::shiftImm, SimdShift.class, "shiftImm");
    }

    /** The long on the stack shifted right by {@code k} (1 to the lane width) in each lane. */
    static void shiftRight(Emitter e, int esz, int k, boolean unsigned) {
        int bits = 8 << esz;
        if (esz == 3) {
            if (k == 64) {                                  // all lanes become 0 or their sign
                if (unsigned) { e.op(POP2); e.constLong(0); return; }
                k = 63;
            }
            e.constInt(k);
            e.op(unsigned ? LUSHR : LSHR);
            return;
        }
        if (unsigned && k == bits) { e.op(POP2); e.constLong(0); return; }
        if (!unsigned && k == bits) k = bits - 1;           // the same result: the sign in every bit
        long lane = laneMask(esz);
        if (unsigned) {
            e.constInt(k);
            e.op(LUSHR);
            e.constLong(replicate(lane >>> k, esz));
            e.op(LAND);
            return;
        }
        // logical shift, then the top k bits of each negative lane filled with ones: the lanes'
        // sign bits moved to bit 0 of their lane, times the fill pattern (no carries between lanes)
        e.op(DUP2);
        e.constInt(k);
        e.op(LUSHR);
        e.constLong(replicate(lane >>> k, esz));
        e.op(LAND);
        e.op(DUP2_X2);
        e.op(POP2);                                         // shifted, original
        e.constLong(replicate(1L << (bits - 1), esz));
        e.op(LAND);
        e.constInt(bits - 1);
        e.op(LUSHR);
        e.constLong(lane & ~(lane >>> k));
        e.op(LMUL);
        e.op(LOR);
    }

    /** The long on the stack shifted left by {@code k} (0 to the lane width - 1) in each lane. */
    static void shiftLeft(Emitter e, int esz, int k) {
        if (k == 0) return;
        e.constInt(k);
        e.op(LSHL);
        if (esz < 3) {
            e.constLong(replicate(laneMask(esz) << k & laneMask(esz), esz));
            e.op(LAND);
        }
    }

    /** Lane-wise addition of the two longs on the stack. */
    static void addLanes(Emitter e, int esz) {
        if (esz == 3) {
            e.op(LADD);
            return;
        }
        e.constInt(esz);
        e.callStatic("io/mimic/translator/aarch64/fpsimd/SimdHalf", "add", "(JJI)J");
    }

    /**
     * V(d) = the lanes of V(n)'s low half (high half with {@code q}: the "2" forms) widened to
     * twice their size, sign- or zero-extended, then shifted left by {@code shift}. Both result
     * halves are computed before either is stored (d may be n).
     */
    private static void widen(A64Context x, int d, int n, boolean q, int esz, boolean signed, int shift) {
        Emitter e = x.emitter();
        for (int h = 0; h < 2; h++) {
            x.getV(n, q ? 1 : 0);
            e.constInt(esz);
            e.constInt(h);
            e.callStatic(WIDTH, signed ? "swiden" : "uwiden", "(JII)J");
            shiftLeft(e, esz + 1, shift);
        }
        x.setV(d, 1);
        x.setV(d, 0);
    }

    /**
     * V(d) = V(n)'s double-width lanes shifted right by {@code k} and truncated to {@code esz},
     * into the low half (the high one zeroed), or with {@code q} into the high half (the "2" forms
     * keep the low half).
     */
    private static void narrow(A64Context x, int d, int n, boolean q, int esz, int k) {
        Emitter e = x.emitter();
        x.getV(n, 0);
        x.getV(n, 1);
        e.constInt(esz);
        e.constInt(k);
        e.callStatic(WIDTH, "narrow", "(JJII)J");
        x.setV(d, q ? 1 : 0);
        if (!q) {
            e.constLong(0);
            x.setV(d, 1);
        }
    }

    private static void zeroHigh(A64Context x, int d, boolean q) {
        if (!q) {
            x.emitter().constLong(0);
            x.setV(d, 1);
        }
    }

    /** All ones in one lane of 8 << esz bits (esz < 3). */
    static long laneMask(int esz) {
        return (1L << (8 << esz)) - 1;
    }

    /** {@code lane} (which fits in one lane) repeated in every lane of a 64-bit half. */
    static long replicate(long lane, int esz) {
        long r = 0;
        for (int pos = 0; pos < 64; pos += 8 << esz) r |= lane << pos;
        return r;
    }
}
