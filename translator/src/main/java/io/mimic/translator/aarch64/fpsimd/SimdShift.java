package io.mimic.translator.aarch64.fpsimd;

import io.mimic.translator.aarch64.Arm64Cpu;

import java.math.BigInteger;

import static io.mimic.translator.aarch64.fpsimd.A64Float.*;
import static io.mimic.translator.aarch64.fpsimd.Lanes.*;
import static io.mimic.translator.aarch64.fpsimd.SimdInt.*;

/**
 * AdvSIMD (scalar) shift by immediate, including the narrowing, widening, inserting and
 * saturating forms and the fixed-point conversions; and integer multiplies by element.
 * Returns false for an unallocated encoding before touching any state.
 */
public final class SimdShift {
    private SimdShift() {}

    public static boolean shiftImm(Arm64Cpu c, int insn) {
        int immh = (insn >>> 19) & 15, immhb = (insn >>> 16) & 127, op5 = (insn >>> 11) & 31;
        boolean u = u(insn), q = q(insn), sc = scalar(insn);
        if (immh == 0) return false;
        int esz = 31 - Integer.numberOfLeadingZeros(immh);    // element size from immh's top bit
        int bits = 8 << esz;
        int right = 2 * bits - immhb, left = immhb - bits;
        int key = (u ? 32 : 0) | op5;
        boolean narrow = op5 >= 0x10 && op5 <= 0x13, widen = op5 == 0x14;
        if ((narrow || widen) && esz == 3) return false;
        if (!sc && esz == 3 && !q && !narrow) return false;
        boolean ok = switch (key) {
            case 0x00, 0x02, 0x04, 0x06, 0x0A, 0x20, 0x22, 0x24, 0x26, 0x28, 0x2A -> !sc || esz == 3;
            case 0x0E, 0x2C, 0x2E -> true;
            case 0x10, 0x11 -> !sc;                                // SHRN RSHRN
            case 0x12, 0x13, 0x30, 0x31, 0x32, 0x33 -> true;       // saturating narrows
            case 0x14, 0x34 -> !sc;                                // SSHLL USHLL
            case 0x1C, 0x1F, 0x3C, 0x3F -> esz >= 2;               // fixed-point conversions (no FP16)
            default -> false;
        };
        if (!ok) return false;
        long[] v = c.v;
        int dn = d(insn), nn = n(insn);
        if (narrow) {
            int nesz = esz;                                     // destination element; source is esz + 1
            int sh = 2 * bits - immhb;
            int nl = sc ? 1 : 8 >> nesz;
            int part = q ? nl : 0;
            long[] out = {q ? v[2 * dn] : 0, 0};
            boolean round = (op5 & 1) != 0;
            for (int i = 0; i < nl; i++) {
                long x = get(v, nn, nesz + 1, i);
                boolean srcSigned = key == 0x12 || key == 0x13 || key == 0x30 || key == 0x31;
                BigInteger b = big(srcSigned ? sext(x, nesz + 1) : x, !srcSigned && nesz + 1 == 3);
                if (round) b = b.add(BigInteger.ONE.shiftLeft(sh - 1));
                b = b.shiftRight(sh);
                long r = switch (key) {
                    case 0x10, 0x11 -> b.longValue();
                    case 0x12, 0x13 -> sat(c, b, nesz, false);
                    default -> sat(c, b, nesz, true);           // SQSHRUN, SQRSHRUN, UQSHRN, UQRSHRN
                };
                put(out, nesz, i + part, r);
            }
            write(v, dn, out, q);
            return true;
        }
        if (widen) {
            int nl = 8 >> esz, part = q ? nl : 0;
            long[] out = new long[2];
            for (int i = 0; i < nl; i++) {
                long x = u ? get(v, nn, esz, i + part) : sget(v, nn, esz, i + part);
                put(out, esz + 1, i, x << left);
            }
            write(v, dn, out, true);
            return true;
        }
        int lanes = sc ? 1 : (q ? 16 : 8) >> esz;
        long[] out = new long[2];
        for (int i = 0; i < lanes; i++) {
            long x = get(v, nn, esz, i), sx = sext(x, esz), dd = get(v, dn, esz, i), r;
            switch (key) {
                case 0x00, 0x02, 0x04, 0x06, 0x20, 0x22, 0x24, 0x26 -> {
                    boolean round = (op5 & 4) != 0, acc = (op5 & 2) != 0;
                    r = shiftRight(u ? x : sx, u, right, round, esz);
                    if (acc) r += dd;
                }
                case 0x0A -> r = x << left;                        // SHL
                case 0x2A -> {                                     // SLI
                    long m = emask(esz) << left & emask(esz);
                    r = dd & ~m | (x << left) & m;
                }
                case 0x28 -> {                                     // SRI
                    long m = right == bits ? 0 : emask(esz) >>> right;
                    r = dd & ~m | (right == bits ? 0 : x >>> right) & m;
                }
                case 0x0E -> r = sat(c, BigInteger.valueOf(sx).shiftLeft(left), esz, false);
                case 0x2C -> r = sat(c, BigInteger.valueOf(sx).shiftLeft(left), esz, true);
                case 0x2E -> r = sat(c, big(x, true).shiftLeft(left), esz, true);
                case 0x1C -> r = A64FloatConvert.fromFixed(c, x, esz - 1, right, false, bits);
                case 0x3C -> r = A64FloatConvert.fromFixed(c, x, esz - 1, right, true, bits);
                case 0x1F -> r = A64FloatConvert.toFixed(c, x, esz - 1, right, false, bits, RZ);
                default -> r = A64FloatConvert.toFixed(c, x, esz - 1, right, true, bits, RZ);
            }
            put(out, esz, i, r);
        }
        write(v, dn, out, q);
        return true;
    }

    /**
     * One lane of SSHR/USHR/SRSHR/URSHR (and the accumulating forms): {@code x} shifted right by
     * {@code right} (1 to the lane's width), rounded if asked. Plain long arithmetic is exact
     * except for a rounding shift of a 64-bit lane, which needs a 65th bit: only that takes
     * BigInteger. (A BigInteger per lane made this helper a third of the CPU time of
     * gcc-vectorized SHA-256.)
     */
    static long shiftRight(long x, boolean u, int right, boolean round, int esz) {
        if (round && esz == 3) {
            return big(x, u).add(BigInteger.ONE.shiftLeft(right - 1)).shiftRight(right).longValue();
        }
        if (round) x += 1L << (right - 1);                     // lanes of <= 32 bits: no overflow
        if (right >= 64) return u ? 0 : x >> 63;
        return u ? x >>> right : x >> right;
    }

    /** MUL, MLA, MLS, (S/U)MULL(2), (S/U)MLAL(2), (S/U)MLSL(2), SQDMULH, SQRDMULH, SQDMULL, SQDMLAL, SQDMLSL by element. */
    public static boolean byElementInt(Arm64Cpu c, int insn) {
        int op4 = (insn >>> 12) & 15, esz = size(insn);
        boolean u = u(insn), q = q(insn), sc = scalar(insn);
        int key = (u ? 16 : 0) | op4;
        boolean ok = switch (key) {
            case 0x08, 0x10, 0x14 -> !sc;                         // MUL MLA MLS
            case 0x02, 0x06, 0x0A, 0x12, 0x16, 0x1A -> !sc;       // SMLAL SMLSL SMULL UMLAL UMLSL UMULL
            case 0x03, 0x07, 0x0B, 0x0C, 0x0D -> true;            // SQDMLAL SQDMLSL SQDMULL SQDMULH SQRDMULH
            default -> false;
        };
        if (!ok || esz == 0 || esz == 3) return false;
        boolean l = (insn & (1 << 21)) != 0, h = (insn & (1 << 11)) != 0, mbit = (insn & (1 << 20)) != 0;
        int index, mn;
        if (esz == 1) {
            index = (h ? 4 : 0) | (l ? 2 : 0) | (mbit ? 1 : 0);
            mn = (insn >>> 16) & 15;
        } else {
            index = (h ? 2 : 0) | (l ? 1 : 0);
            mn = (insn >>> 16) & 31;
        }
        long[] v = c.v;
        int dn = d(insn), nn = n(insn);
        long y = get(v, mn, esz, index), sy = sext(y, esz);
        long[] out = new long[2];
        boolean longForm = key != 0x08 && key != 0x10 && key != 0x14 && key != 0x0C && key != 0x0D;
        if (!longForm) {
            int lanes = sc ? 1 : (q ? 16 : 8) >> esz;
            for (int i = 0; i < lanes; i++) {
                long x = get(v, nn, esz, i), r;
                r = switch (key) {
                    case 0x08 -> x * y;
                    case 0x10 -> get(v, dn, esz, i) + x * y;
                    case 0x14 -> get(v, dn, esz, i) - x * y;
                    case 0x0C -> sqdmulh(c, sext(x, esz), sy, esz, false);
                    default -> sqdmulh(c, sext(x, esz), sy, esz, true);
                };
                put(out, esz, i, r);
            }
            write(v, dn, out, q);
            return true;
        }
        int lanes = sc ? 1 : 8 >> esz, part = q ? lanes : 0;
        for (int i = 0; i < lanes; i++) {
            long x = u ? get(v, nn, esz, i + part) : sget(v, nn, esz, i + part);
            long yy = u ? y : sy;
            long acc = get(v, dn, esz + 1, i), r;
            r = switch (key & 15) {
                case 0x02 -> acc + x * yy;
                case 0x06 -> acc - x * yy;
                case 0x0A -> x * yy;
                case 0x0B -> sqdmull(c, x, yy, esz);
                case 0x03 -> sqadd(c, sext(acc, esz + 1), sqdmull(c, x, yy, esz), esz + 1);
                default -> sqsub(c, sext(acc, esz + 1), sqdmull(c, x, yy, esz), esz + 1);
            };
            put(out, esz + 1, i, r);
        }
        write(v, dn, out, !sc);
        return true;
    }
}
