package io.mimic.translator.aarch64.fpsimd;

import io.mimic.translator.aarch64.Arm64Cpu;

import java.math.BigInteger;

import static io.mimic.translator.aarch64.fpsimd.Lanes.*;

/**
 * Integer Advanced SIMD semantics, vector and scalar forms, as functions of the encoding on the
 * register file. Each function is also the decoder of its group: it returns false for an
 * unallocated encoding before touching any state (the translator probes it once at translation
 * time, see {@link SimdTranslators#allocated}). Sources are read completely before V(d) is written.
 */
public final class SimdInt {
    private SimdInt() {}

    static int d(int insn) { return insn & 31; }
    static int n(int insn) { return (insn >>> 5) & 31; }
    static int m(int insn) { return (insn >>> 16) & 31; }
    /** Q, the 128-bit form; false for the scalar classes, whose bit 30 is always set. */
    static boolean q(int insn) { return (insn & (1 << 30)) != 0 && (insn & (1 << 28)) == 0; }
    static boolean u(int insn) { return (insn & (1 << 29)) != 0; }
    static boolean scalar(int insn) { return (insn & (1 << 28)) != 0; }
    static int size(int insn) { return (insn >>> 22) & 3; }

    // ---------------------------------------------------------------- saturating arithmetic

    static long sqadd(Arm64Cpu c, long a, long b, int esz) {
        if (esz < 3) return satS(c, a + b, esz);
        long r = a + b;
        if (((a ^ r) & (b ^ r)) < 0) { c.fpsr |= FpBits.QC; return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE; }
        return r;
    }

    static long sqsub(Arm64Cpu c, long a, long b, int esz) {
        if (esz < 3) return satS(c, a - b, esz);
        long r = a - b;
        if (((a ^ b) & (a ^ r)) < 0) { c.fpsr |= FpBits.QC; return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE; }
        return r;
    }

    static long uqadd(Arm64Cpu c, long a, long b, int esz) {
        if (esz < 3) return satU(c, a + b, esz);
        long r = a + b;
        if (Long.compareUnsigned(r, a) < 0) { c.fpsr |= FpBits.QC; return -1L; }
        return r;
    }

    static long uqsub(Arm64Cpu c, long a, long b, int esz) {
        if (esz < 3) return satU(c, a - b, esz);
        if (Long.compareUnsigned(a, b) < 0) { c.fpsr |= FpBits.QC; return 0; }
        return a - b;
    }

    /** Saturates an exact BigInteger to esz bits, signed or unsigned (QC when it saturates). */
    static long sat(Arm64Cpu c, BigInteger x, int esz, boolean unsigned) {
        int bits = 8 << esz;
        BigInteger lo = unsigned ? BigInteger.ZERO : BigInteger.ONE.shiftLeft(bits - 1).negate();
        BigInteger hi = unsigned ? BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
                : BigInteger.ONE.shiftLeft(bits - 1).subtract(BigInteger.ONE);
        if (x.compareTo(lo) < 0) { c.fpsr |= FpBits.QC; return lo.longValue(); }
        if (x.compareTo(hi) > 0) { c.fpsr |= FpBits.QC; return hi.longValue(); }
        return x.longValue();
    }

    static BigInteger big(long x, boolean unsigned) {
        BigInteger b = BigInteger.valueOf(x);
        return unsigned && x < 0 ? b.add(BigInteger.ONE.shiftLeft(64)) : b;
    }

    /**
     * SSHL/USHL/SRSHL/URSHL/SQSHL/UQSHL/SQRSHL/UQRSHL of one element by a signed byte count:
     * left for positive counts, right (arithmetic or logical, rounding if asked) for negative.
     */
    static long shiftBy(Arm64Cpu c, long x, int shift, int esz, boolean unsigned, boolean round, boolean saturate) {
        BigInteger v = big(unsigned ? x & emask(esz) : sext(x, esz), unsigned);
        BigInteger r;
        if (shift >= 0) {
            r = v.shiftLeft(Math.min(shift, 128));
        } else {
            int sh = Math.min(-shift, 128);
            r = round ? v.add(BigInteger.ONE.shiftLeft(sh - 1)).shiftRight(sh) : v.shiftRight(sh);
        }
        if (saturate) return sat(c, r, esz, unsigned);
        return r.longValue() & emask(esz);
    }

    // ---------------------------------------------------------------- three same

    /** AdvSIMD (scalar) three same, integer opcodes (bits 15:11 below 0b11000). */
    public static boolean threeSame(Arm64Cpu c, int insn) {
        int op = (insn >>> 11) & 31, esz = size(insn);
        boolean u = u(insn), q = q(insn), sc = scalar(insn);
        if (op >= 0x18) return false;
        if (sc) {
            // scalar: saturating ops in all sizes, shifts/add/sub/compares in D only, SQDMULH in H/S
            boolean ok = switch (op) {
                case 0x01, 0x05, 0x09, 0x0B -> true;
                case 0x06, 0x07, 0x08, 0x0A, 0x10, 0x11 -> esz == 3;
                case 0x16 -> esz == 1 || esz == 2;
                default -> false;
            };
            if (!ok) return false;
        } else {
            if (esz == 3 && !q && op != 0x03) return false;
            switch (op) {
                case 0x00, 0x02, 0x04, 0x0C, 0x0D, 0x0E, 0x0F, 0x12, 0x14, 0x15 -> { if (esz == 3) return false; }
                case 0x13 -> { if (esz == 3 || u && esz != 0) return false; }
                case 0x16 -> { if (esz == 0 || esz == 3) return false; }
                case 0x17 -> { if (u) return false; }
                default -> { }
            }
        }
        long[] v = c.v;
        int dn = d(insn), nn = n(insn), mn = m(insn);
        long[] out = new long[2];
        if (op == 0x03) {
            // logical: AND BIC ORR ORN / EOR BSL BIT BIF, on whole halves
            int sel = (u ? 4 : 0) | esz;
            for (int h = 0; h < 2; h++) {
                long a = v[2 * nn + h], b = v[2 * mn + h], dd = v[2 * dn + h];
                out[h] = switch (sel) {
                    case 0 -> a & b;
                    case 1 -> a & ~b;
                    case 2 -> a | b;
                    case 3 -> a | ~b;
                    case 4 -> a ^ b;
                    case 5 -> (dd & a) | (~dd & b);
                    case 6 -> (dd & ~b) | (a & b);
                    default -> (dd & b) | (a & ~b);
                };
            }
            write(v, dn, out, q);
            return true;
        }
        int lanes = sc ? 1 : (q ? 16 : 8) >> esz;
        if (op == 0x14 || op == 0x15 || op == 0x17) {
            // pairwise: the concatenation m:n, adjacent pairs
            for (int i = 0; i < lanes; i++) {
                int src = 2 * i < lanes ? nn : mn, j = (2 * i) % lanes;
                long a = get(v, src, esz, j), b = get(v, src, esz, j + 1);
                long r;
                if (op == 0x17) r = a + b;
                else {
                    long x = u ? a : sext(a, esz), y = u ? b : sext(b, esz);
                    boolean aBigger = u ? Long.compareUnsigned(x, y) > 0 : x > y;
                    r = (op == 0x14) == aBigger ? a : b;
                }
                put(out, esz, i, r);
            }
            write(v, dn, out, q);
            return true;
        }
        for (int i = 0; i < lanes; i++) {
            long a = get(v, nn, esz, i), b = get(v, mn, esz, i);
            long sa = sext(a, esz), sb = sext(b, esz);
            long r = switch (op) {
                case 0x00 -> u ? (a + b) >>> 1 & emask(esz) : (sa + sb) >> 1;
                case 0x01 -> u ? uqadd(c, a, b, esz) : sqadd(c, sa, sb, esz);
                case 0x02 -> u ? (a + b + 1) >>> 1 : (sa + sb + 1) >> 1;
                case 0x04 -> u ? (a - b) >> 1 : (sa - sb) >> 1;
                case 0x05 -> u ? uqsub(c, a, b, esz) : sqsub(c, sa, sb, esz);
                case 0x06 -> (u ? Long.compareUnsigned(a, b) > 0 : sa > sb) ? -1L : 0;
                case 0x07 -> (u ? Long.compareUnsigned(a, b) >= 0 : sa >= sb) ? -1L : 0;
                case 0x08 -> shiftBy(c, a, (byte) b, esz, u, false, false);
                case 0x09 -> shiftBy(c, a, (byte) b, esz, u, false, true);
                case 0x0A -> shiftBy(c, a, (byte) b, esz, u, true, false);
                case 0x0B -> shiftBy(c, a, (byte) b, esz, u, true, true);
                case 0x0C -> u ? (Long.compareUnsigned(a, b) >= 0 ? a : b) : (sa >= sb ? a : b);
                case 0x0D -> u ? (Long.compareUnsigned(a, b) <= 0 ? a : b) : (sa <= sb ? a : b);
                case 0x0E -> u ? Math.abs(a - b) : Math.abs(sa - sb);
                case 0x0F -> get(v, dn, esz, i) + (u ? Math.abs(a - b) : Math.abs(sa - sb));
                case 0x10 -> u ? a - b : a + b;
                case 0x11 -> u ? (a == b ? -1L : 0) : ((a & b) != 0 ? -1L : 0);
                case 0x12 -> get(v, dn, esz, i) + (u ? -(a * b) : a * b);
                case 0x13 -> u ? pmul8(a, b) : a * b;
                default -> sqdmulh(c, sa, sb, esz, u);
            };
            put(out, esz, i, r);
        }
        write(v, dn, out, q && !sc);
        return true;
    }

    static long pmul8(long a, long b) {
        long r = 0;
        for (int i = 0; i < 8; i++) if ((b >>> i & 1) != 0) r ^= a << i;
        return r & 0xFF;
    }

    /** SQDMULH / SQRDMULH: high half of 2*a*b (rounded), saturated. */
    static long sqdmulh(Arm64Cpu c, long a, long b, int esz, boolean round) {
        int bits = 8 << esz;
        long p = 2 * a * b + (round ? 1L << (bits - 1) : 0);
        if (esz == 2) {
            BigInteger x = BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)).shiftLeft(1);
            if (round) x = x.add(BigInteger.ONE.shiftLeft(bits - 1));
            return sat(c, x.shiftRight(bits), esz, false);
        }
        return satS(c, p >> bits, esz);
    }

    // ---------------------------------------------------------------- three different

    /** AdvSIMD three different: widening (L), wide (W) and narrowing-high (HN) forms, PMULL. */
    public static boolean threeDiff(Arm64Cpu c, int insn) {
        int op = (insn >>> 12) & 15, esz = size(insn);
        boolean u = u(insn), q = q(insn), sc = scalar(insn);
        if (sc) {
            if (u || (op != 9 && op != 11 && op != 13) || esz == 0 || esz == 3) return false;
        } else {
            switch (op) {
                case 15 -> { return false; }
                case 9, 11, 13 -> { if (u || esz == 0 || esz == 3) return false; }
                case 14 -> { if (u || esz == 1 || esz == 2) return false; }
                default -> { if (esz == 3) return false; }
            }
        }
        long[] v = c.v;
        int dn = d(insn), nn = n(insn), mn = m(insn);
        long[] out = new long[2];
        if (op == 14) {
            // PMULL/PMULL2: 8x8 -> 16 per lane, or 64x64 -> 128
            int half = q ? 1 : 0;
            if (esz == 3) {
                long[] p = clmul(v[2 * nn + half], v[2 * mn + half]);
                v[2 * dn] = p[0];
                v[2 * dn + 1] = p[1];
                return true;
            }
            for (int i = 0; i < 8; i++) {
                long a = get(v, nn, 0, i + 8 * half), b = get(v, mn, 0, i + 8 * half), r = 0;
                for (int k = 0; k < 8; k++) if ((b >>> k & 1) != 0) r ^= a << k;
                put(out, 1, i, r);
            }
            write(v, dn, out, true);
            return true;
        }
        int lanes = sc ? 1 : 8 >> esz;     // source lanes in one half
        int part = q ? lanes : 0;
        boolean narrow = op == 4 || op == 6;
        for (int i = 0; i < lanes; i++) {
            long a, b;
            if (narrow) {
                a = get(v, nn, esz + 1, i);
                b = get(v, mn, esz + 1, i);
            } else {
                a = op == 1 || op == 3 ? (u ? get(v, nn, esz + 1, i) : sget(v, nn, esz + 1, i))
                        : (u ? get(v, nn, esz, i + part) : sget(v, nn, esz, i + part));
                b = u ? get(v, mn, esz, i + part) : sget(v, mn, esz, i + part);
            }
            long r;
            switch (op) {
                case 0, 1 -> r = a + b;
                case 2, 3 -> r = a - b;
                case 4, 6 -> {
                    long s = op == 4 ? a + b : a - b;
                    if (u) s += 1L << ((8 << esz) - 1);
                    r = s >>> (8 << esz);
                    put(out, esz, i + part, r);
                    continue;
                }
                case 5 -> r = get(v, dn, esz + 1, i) + Math.abs(a - b);
                case 7 -> r = Math.abs(a - b);
                case 8 -> r = get(v, dn, esz + 1, i) + a * b;
                case 10 -> r = get(v, dn, esz + 1, i) - a * b;
                case 12 -> r = a * b;
                case 9, 11, 13 -> {
                    long p = sqdmull(c, a, b, esz);
                    long acc = sc ? get(v, dn, esz + 1, 0) : get(v, dn, esz + 1, i);
                    acc = sext(acc, esz + 1);
                    r = op == 13 ? p : op == 9 ? sqadd(c, acc, p, esz + 1) : sqsub(c, acc, p, esz + 1);
                }
                default -> throw new IllegalStateException();
            }
            put(out, esz + 1, i, r);
        }
        if (narrow && !q) out[1] = 0;
        if (narrow) write(v, dn, q ? new long[]{v[2 * dn], out[1]} : out, q);
        else write(v, dn, out, !sc);
        return true;
    }

    static long sqdmull(Arm64Cpu c, long a, long b, int esz) {
        long p = a * b;
        if (esz == 2) {
            if (a == Integer.MIN_VALUE && b == Integer.MIN_VALUE) { c.fpsr |= FpBits.QC; return Long.MAX_VALUE; }
            return p * 2;
        }
        return satS(c, p * 2, esz + 1);
    }

    /** Carry-less 64x64 -> 128 multiply (PMULL.1Q): {low, high}. */
    static long[] clmul(long a, long b) {
        long lo = 0, hi = 0;
        for (int i = 0; i < 64; i++) {
            if ((b >>> i & 1) != 0) {
                lo ^= a << i;
                if (i != 0) hi ^= a >>> (64 - i);
            }
        }
        return new long[]{lo, hi};
    }

    // ---------------------------------------------------------------- two-register misc

    /** AdvSIMD (scalar) two-register miscellaneous, integer opcodes. */
    public static boolean twoMisc(Arm64Cpu c, int insn) {
        int op = (insn >>> 12) & 31, esz = size(insn);
        boolean u = u(insn), q = q(insn), sc = scalar(insn);
        int key = (u ? 32 : 0) | op;
        boolean ok;
        if (sc) {
            ok = switch (key) {
                case 0x03, 0x23, 0x07, 0x27 -> true;                       // SUQADD USQADD SQABS SQNEG
                case 0x08, 0x28, 0x09, 0x29, 0x0A, 0x0B, 0x2B -> esz == 3;  // CMGT/GE/EQ/LE/LT #0, ABS, NEG
                case 0x14, 0x34, 0x32 -> esz != 3;                          // SQXTN UQXTN SQXTUN
                default -> false;
            };
        } else {
            ok = switch (key) {
                case 0x00 -> esz != 3;                                      // REV64
                case 0x20 -> esz < 2;                                       // REV32
                case 0x01 -> esz == 0;                                      // REV16
                case 0x02, 0x22, 0x06, 0x26 -> esz != 3;                    // SADDLP UADDLP SADALP UADALP
                case 0x03, 0x23, 0x07, 0x27, 0x08, 0x28, 0x09, 0x29, 0x0A, 0x0B, 0x2B -> esz != 3 || q;
                case 0x04, 0x24 -> esz != 3;                                // CLS CLZ
                case 0x05 -> esz == 0;                                      // CNT
                case 0x25 -> esz <= 1;                                      // NOT (size 0), RBIT (size 1)
                case 0x12, 0x14, 0x34, 0x32 -> esz != 3;                    // XTN SQXTN UQXTN SQXTUN
                case 0x33 -> esz != 3;                                      // SHLL
                default -> false;
            };
        }
        if (!ok) return false;
        long[] v = c.v;
        int dn = d(insn), nn = n(insn);
        long[] out = new long[2];
        int lanes = sc ? 1 : (q ? 16 : 8) >> esz;
        if (key == 0x25 && esz == 1) {
            // RBIT: bits reversed in each byte
            for (int i = 0; i < (q ? 16 : 8); i++) put(out, 0, i, Integer.reverse((int) get(v, nn, 0, i)) >>> 24);
            write(v, dn, out, q);
            return true;
        }
        switch (key) {
            case 0x00, 0x20, 0x01 -> {
                int group = key == 0x00 ? 8 : key == 0x20 ? 4 : 2;   // bytes per reversed container
                int per = group >> esz;
                for (int i = 0; i < lanes; i++) {
                    int base = i / per * per, j = base + (per - 1 - (i - base));
                    put(out, esz, i, get(v, nn, esz, j));
                }
            }
            case 0x02, 0x22, 0x06, 0x26 -> {
                boolean acc = (op & 4) != 0;
                for (int i = 0; i < lanes / 2; i++) {
                    long a = get(v, nn, esz, 2 * i), b = get(v, nn, esz, 2 * i + 1);
                    long s = u ? a + b : sext(a, esz) + sext(b, esz);
                    if (acc) s += get(v, dn, esz + 1, i);
                    put(out, esz + 1, i, s);
                }
            }
            case 0x12, 0x14, 0x34, 0x32 -> {
                int nl = sc ? 1 : 8 >> esz;
                int part = q ? nl : 0;
                long[] res = {q ? v[2 * dn] : 0, 0};
                for (int i = 0; i < nl; i++) {
                    long a = get(v, nn, esz + 1, i), r;
                    if (key == 0x12) r = a;
                    else if (key == 0x14) r = satS(c, sext(a, esz + 1), esz);
                    else if (key == 0x32) r = satU(c, sext(a, esz + 1), esz);
                    else r = Long.compareUnsigned(a, emask(esz)) > 0 ? qcMax(c, esz) : a;
                    put(res, esz, i + part, r);
                }
                write(v, dn, res, q && !sc);
                return true;
            }
            case 0x33 -> {
                int part = q ? 8 >> esz : 0;
                for (int i = 0; i < 8 >> esz; i++) put(out, esz + 1, i, get(v, nn, esz, i + part) << (8 << esz));
                write(v, dn, out, true);
                return true;
            }
            default -> {
                for (int i = 0; i < lanes; i++) {
                    long a = get(v, nn, esz, i), sa = sext(a, esz), r;
                    r = switch (key) {
                        case 0x03 -> sqadd(c, sext(get(v, dn, esz, i), esz), a, esz, true);
                        case 0x23 -> usqadd(c, get(v, dn, esz, i), sa, esz);
                        case 0x07 -> sqneg(c, sa, esz, sa >= 0);
                        case 0x27 -> sqneg(c, sa, esz, false);
                        case 0x08 -> sa > 0 ? -1 : 0;
                        case 0x28 -> sa >= 0 ? -1 : 0;
                        case 0x09 -> sa == 0 ? -1 : 0;
                        case 0x29 -> sa <= 0 ? -1 : 0;
                        case 0x0A -> sa < 0 ? -1 : 0;
                        case 0x0B -> Math.abs(sa);
                        case 0x2B -> -sa;
                        case 0x04 -> Long.numberOfLeadingZeros(sa < 0 ? ~sa : sa) - (64 - (8 << esz)) - 1;
                        case 0x24 -> Long.numberOfLeadingZeros(a) - (64 - (8 << esz));
                        case 0x05 -> Long.bitCount(a);
                        case 0x25 -> ~a;
                        default -> throw new IllegalStateException();
                    };
                    put(out, esz, i, r);
                }
            }
        }
        write(v, dn, out, q && !sc);
        return true;
    }

    private static long qcMax(Arm64Cpu c, int esz) {
        c.fpsr |= FpBits.QC;
        return emask(esz);
    }

    /** SUQADD: signed accumulator plus unsigned operand, signed saturation. */
    private static long sqadd(Arm64Cpu c, long acc, long a, int esz, boolean unsignedOperand) {
        return sat(c, BigInteger.valueOf(acc).add(big(a & emask(esz), true)), esz, false);
    }

    /** USQADD: unsigned accumulator plus signed operand, unsigned saturation. */
    private static long usqadd(Arm64Cpu c, long acc, long sa, int esz) {
        return sat(c, big(acc, true).add(BigInteger.valueOf(sa)), esz, true);
    }

    /** SQABS (keep = sign already positive) and SQNEG. */
    private static long sqneg(Arm64Cpu c, long sa, int esz, boolean keep) {
        if (keep) return sa;
        return sat(c, BigInteger.valueOf(sa).negate(), esz, false);
    }

    // ---------------------------------------------------------------- across lanes

    /** ADDV, SMAXV, UMAXV, SMINV, UMINV, SADDLV, UADDLV. */
    public static boolean across(Arm64Cpu c, int insn) {
        int op = (insn >>> 12) & 31, esz = size(insn);
        boolean u = u(insn), q = q(insn);
        if (op != 0x03 && op != 0x0A && op != 0x1A && op != 0x1B) return false;
        if (esz == 3 || esz == 2 && !q || op == 0x1B && u) return false;
        long[] v = c.v;
        int nn = n(insn), lanes = (q ? 16 : 8) >> esz;
        long acc = u ? get(v, nn, esz, 0) : sget(v, nn, esz, 0);
        for (int i = 1; i < lanes; i++) {
            long x = u ? get(v, nn, esz, i) : sget(v, nn, esz, i);
            acc = switch (op) {
                case 0x03, 0x1B -> acc + x;
                case 0x0A -> u ? Math.max(acc, x) : Math.max(acc, x);
                default -> Math.min(acc, x);
            };
        }
        int resEsz = op == 0x03 ? esz + 1 : esz;
        long[] out = new long[2];
        put(out, resEsz, 0, acc);
        write(v, d(insn), out, false);
        return true;
    }

    // ---------------------------------------------------------------- copy

    /** DUP (element, general), INS (element, general), SMOV, UMOV; scalar DUP (MOV Sd, Vn.S[i]). */
    public static boolean copy(Arm64Cpu c, int insn) {
        int imm5 = (insn >>> 16) & 31, imm4 = (insn >>> 11) & 15, esz = Integer.numberOfTrailingZeros(imm5);
        boolean q = q(insn), op = u(insn), sc = scalar(insn);
        if (esz > 3) return false;
        int index = imm5 >>> (esz + 1);
        long[] v = c.v;
        long[] x = c.x;
        int dn = d(insn), nn = n(insn);
        long[] out = new long[2];
        if (sc) {
            if (op || imm4 != 0) return false;
            put(out, esz, 0, get(v, nn, esz, index));
            write(v, dn, out, false);
            return true;
        }
        if (op) {
            if (!q) return false;
            int idx2 = imm4 >>> esz;                        // INS (element)
            out[0] = v[2 * dn];
            out[1] = v[2 * dn + 1];
            put(out, esz, index, get(v, nn, esz, idx2));
            write(v, dn, out, true);
            return true;
        }
        switch (imm4) {
            case 0 -> {                                     // DUP (element)
                if (esz == 3 && !q) return false;
                long e = get(v, nn, esz, index);
                for (int i = 0; i < (16 >> esz); i++) put(out, esz, i, e);
                write(v, dn, out, q);
            }
            case 1 -> {                                     // DUP (general)
                if (esz == 3 && !q) return false;
                long e = nn == 31 ? 0 : x[nn];
                for (int i = 0; i < (16 >> esz); i++) put(out, esz, i, e);
                write(v, dn, out, q);
            }
            case 3 -> {                                     // INS (general)
                if (!q) return false;
                out[0] = v[2 * dn];
                out[1] = v[2 * dn + 1];
                put(out, esz, index, nn == 31 ? 0 : x[nn]);
                write(v, dn, out, true);
            }
            case 5 -> {                                     // SMOV
                if (esz == 3 || esz == 2 && !q) return false;
                long e = sget(v, nn, esz, index);
                if (dn != 31) x[dn] = q ? e : e & 0xFFFFFFFFL;
            }
            case 7 -> {                                     // UMOV
                if (q != (esz == 3)) return false;
                long e = get(v, nn, esz, index);
                if (dn != 31) x[dn] = e;
            }
            default -> { return false; }
        }
        return true;
    }

    // ---------------------------------------------------------------- permutes, EXT, TBL

    /** UZP1 TRN1 ZIP1 UZP2 TRN2 ZIP2. */
    public static boolean permute(Arm64Cpu c, int insn) {
        int op = (insn >>> 12) & 7, esz = size(insn);
        boolean q = q(insn);
        if (op == 0 || op == 4 || esz == 3 && !q) return false;
        long[] v = c.v;
        int nn = n(insn), mn = m(insn), lanes = (q ? 16 : 8) >> esz, part = op >>> 2;
        long[] out = new long[2];
        for (int i = 0; i < lanes; i++) {
            long e;
            switch (op & 3) {
                case 1 -> {                                  // UZP
                    int j = 2 * i + part;
                    e = j < lanes ? get(v, nn, esz, j) : get(v, mn, esz, j - lanes);
                }
                case 2 -> {                                  // TRN
                    int pair = i & ~1;
                    e = (i & 1) == 0 ? get(v, nn, esz, pair + part) : get(v, mn, esz, pair + part);
                }
                default -> {                                 // ZIP
                    int base = part * lanes / 2 + i / 2;
                    e = (i & 1) == 0 ? get(v, nn, esz, base) : get(v, mn, esz, base);
                }
            }
            put(out, esz, i, e);
        }
        write(v, d(insn), out, q);
        return true;
    }

    public static boolean ext(Arm64Cpu c, int insn) {
        int imm4 = (insn >>> 11) & 15;
        boolean q = q(insn);
        if (((insn >>> 22) & 3) != 0 || !q && imm4 >= 8) return false;
        long[] v = c.v;
        int nn = n(insn), mn = m(insn), bytes = q ? 16 : 8;
        long[] out = new long[2];
        for (int i = 0; i < bytes; i++) {
            int j = i + imm4;
            put(out, 0, i, j < bytes ? get(v, nn, 0, j) : get(v, mn, 0, j - bytes));
        }
        write(v, d(insn), out, q);
        return true;
    }

    /** TBL/TBX with 1-4 table registers. */
    public static boolean table(Arm64Cpu c, int insn) {
        if (((insn >>> 22) & 3) != 0) return false;
        boolean q = q(insn), tbx = (insn & (1 << 12)) != 0;
        int len = ((insn >>> 13) & 3) + 1, nn = n(insn), dn = d(insn);
        long[] v = c.v;
        long[] idx = {v[2 * m(insn)], v[2 * m(insn) + 1]};
        long[] out = {v[2 * dn], v[2 * dn + 1]};
        for (int i = 0; i < (q ? 16 : 8); i++) {
            int k = (int) (idx[i >>> 3] >>> ((i & 7) * 8)) & 0xFF;
            long e;
            if (k < 16 * len) e = get(v, (nn + k / 16) & 31, 0, k & 15);
            else if (tbx) e = get(v, dn, 0, i);
            else e = 0;
            put(out, 0, i, e);
        }
        write(v, dn, out, q);
        return true;
    }

    // ---------------------------------------------------------------- modified immediate

    /** MOVI, MVNI, ORR, BIC (vector, immediate); FMOV (vector, immediate) is here too. */
    public static boolean modImm(Arm64Cpu c, int insn) {
        int cmode = (insn >>> 12) & 15;
        boolean op = u(insn), q = q(insn), o2 = (insn & (1 << 11)) != 0;
        int imm8 = ((insn >>> 16) & 7) << 5 | (insn >>> 5) & 31;
        if (o2) {
            if (cmode != 15 || op) return false;              // FMOV half (FEAT_FP16) only
            return false;
        }
        if (cmode == 15 && op && !q) return false;
        long imm = expandImm(op, cmode, imm8);
        long[] v = c.v;
        int dn = d(insn);
        long lo, hi;
        boolean orr = cmode < 12 && (cmode & 1) == 1;
        if (orr) {
            // ORR / BIC (vector, immediate)
            lo = op ? v[2 * dn] & ~imm : v[2 * dn] | imm;
            hi = op ? v[2 * dn + 1] & ~imm : v[2 * dn + 1] | imm;
        } else {
            boolean invert = op && cmode != 14 && cmode != 15;
            lo = hi = invert ? ~imm : imm;
        }
        v[2 * dn] = lo;
        v[2 * dn + 1] = q ? hi : 0;
        return true;
    }

    /** AdvSIMDExpandImm: the 64-bit pattern of a modified immediate. */
    static long expandImm(boolean op, int cmode, int imm8) {
        long b = imm8 & 0xFFL;
        return switch (cmode >>> 1) {
            case 0 -> rep32(b);
            case 1 -> rep32(b << 8);
            case 2 -> rep32(b << 16);
            case 3 -> rep32(b << 24);
            case 4 -> rep16(b);
            case 5 -> rep16(b << 8);
            case 6 -> rep32((cmode & 1) == 0 ? b << 8 | 0xFF : b << 16 | 0xFFFF);
            default -> {
                if ((cmode & 1) == 0 && !op) yield b * 0x0101010101010101L;
                if ((cmode & 1) == 0) {
                    long r = 0;
                    for (int i = 0; i < 8; i++) if ((imm8 >>> i & 1) != 0) r |= 0xFFL << (8 * i);
                    yield r;
                }
                if (!op) {
                    // FMOV single
                    long f = (b & 0x80) << 24 | ((b & 0x40) != 0 ? 0x3E000000L : 0x40000000L) | (b & 0x3F) << 19;
                    yield rep32(f);
                }
                // FMOV double
                yield (b & 0x80) << 56 | ((b & 0x40) != 0 ? 0x3FC0000000000000L : 0x4000000000000000L) | (b & 0x3F) << 48;
            }
        };
    }

    private static long rep32(long x) {
        x &= 0xFFFFFFFFL;
        return x | x << 32;
    }

    private static long rep16(long x) {
        x &= 0xFFFF;
        return rep32(x | x << 16);
    }
}
