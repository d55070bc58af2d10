package io.mimic.tests.random.a64;

import java.util.List;
import java.util.Random;

/**
 * Random scalar FP and Advanced SIMD instructions for the differential test, written as
 * assembly from templates (so every one is allocated): integer and FP lane arithmetic in every
 * arrangement, widening/narrowing/saturating forms, shifts, across-lanes reductions, copies,
 * modified immediates, by-element multiplies, permutes, table lookups, scalar FP data
 * processing with compares and conversions, and structure loads and stores on the data buffer.
 * The block's FPCR (rounding mode, FZ, DN) is random, and FPSR is part of the dump.
 */
public final class A64SimdGenerator {
    private static final int BASE = 27;

    private final Random r;

    public A64SimdGenerator(Random r) {
        this.r = r;
    }

    private String pick(String... s) { return s[r.nextInt(s.length)]; }

    private String v() { return "v" + r.nextInt(32); }

    /** Integer arrangements; {@code d} allows 2D. */
    private String arr(boolean d) { return d ? pick("8b", "16b", "4h", "8h", "2s", "4s", "2d") : pick("8b", "16b", "4h", "8h", "2s", "4s"); }

    private String arrHS() { return pick("4h", "8h", "2s", "4s"); }

    private String farr() { return pick("2s", "4s", "2d"); }

    private String three(String op, String a) { return op + " " + v() + "." + a + ", " + v() + "." + a + ", " + v() + "." + a; }

    private String two(String op, String a) { return op + " " + v() + "." + a + ", " + v() + "." + a; }

    private static final String[] INT3 = {"add", "sub", "cmeq", "cmgt", "cmge", "cmhi", "cmhs", "cmtst", "sqadd", "uqadd",
        "sqsub", "uqsub", "sshl", "ushl", "srshl", "urshl", "sqshl", "uqshl", "sqrshl", "uqrshl"};
    private static final String[] INT3_NO_D = {"mul", "mla", "mls", "smax", "smin", "umax", "umin", "sabd", "uabd", "saba",
        "uaba", "smaxp", "sminp", "umaxp", "uminp", "shadd", "uhadd", "srhadd", "urhadd", "shsub", "uhsub"};
    private static final String[] FP3 = {"fadd", "fsub", "fmul", "fdiv", "fmax", "fmin", "fmaxnm", "fminnm", "fmla", "fmls",
        "fabd", "faddp", "fmaxp", "fminp", "fmaxnmp", "fminnmp", "fcmeq", "fcmge", "fcmgt", "facge", "facgt", "fmulx",
        "frecps", "frsqrts"};
    private static final String[] FP2 = {"fabs", "fneg", "fsqrt", "frintn", "frintp", "frintm", "frintz", "frinta", "frintx",
        "frinti", "fcvtns", "fcvtnu", "fcvtps", "fcvtpu", "fcvtms", "fcvtmu", "fcvtzs", "fcvtzu", "fcvtas", "fcvtau", "scvtf",
        "ucvtf", "frint32z", "frint32x", "frint64z", "frint64x"};
    private static final String[] INT2 = {"abs", "neg", "sqabs", "sqneg", "suqadd", "usqadd"};
    private static final String[] WIDEN3 = {"saddl", "uaddl", "ssubl", "usubl", "sabal", "uabal", "sabdl", "uabdl", "smlal",
        "umlal", "smlsl", "umlsl", "smull", "umull"};
    private static final String[] NARROW_SHIFT = {"shrn", "rshrn", "sqshrn", "uqshrn", "sqrshrn", "uqrshrn", "sqshrun", "sqrshrun"};
    private static final String[] FP_SCALAR2 = {"fadd", "fsub", "fmul", "fdiv", "fmax", "fmin", "fmaxnm", "fminnm", "fnmul"};
    private static final String[] FP_SCALAR1 = {"fmov", "fabs", "fneg", "fsqrt", "frintn", "frintp", "frintm", "frintz",
        "frinta", "frintx", "frinti"};

    /** One unit of FP/SIMD work. */
    public A64Generator.Unit unit() {
        int k = r.nextInt(100);
        String s;
        if (k < 10) s = three(pick(INT3), arr(true));
        else if (k < 18) s = three(pick(INT3_NO_D), arr(false));
        else if (k < 22) s = three(pick("and", "orr", "eor", "bic", "orn", "bsl", "bit", "bif"), pick("8b", "16b"));
        else if (k < 24) s = three(pick("sqdmulh", "sqrdmulh"), arrHS());
        else if (k < 32) s = three(pick(FP3), farr());
        else if (k < 38) s = two(pick(FP2), farr());
        else if (k < 42) s = k < 40 ? (r.nextBoolean() ? two(pick(INT2), arr(true)) : two(pick("clz", "cls"), arr(false))) : two(pick("cnt", "not", "rbit", "rev16", "rev32", "rev64"), pick("8b", "16b"));
        else if (k < 44) s = compareZero();
        else if (k < 47) s = widen();
        else if (k < 50) s = narrow();
        else if (k < 53) s = shiftImm();
        else if (k < 55) s = across();
        else if (k < 60) s = copy();
        else if (k < 63) s = modImm();
        else if (k < 66) s = byElement();
        else if (k < 70) s = permute();
        else if (k < 82) return scalarFp();
        else if (k < 86) s = scalarSimd();
        else return memory();
        return new A64Generator.Unit("simd", List.of(s));
    }

    private String compareZero() {
        if (r.nextBoolean()) return pick("cmeq", "cmgt", "cmge", "cmle", "cmlt") + " " + v() + "." + arrD() + ", " + v() + "." + lastArr + ", #0";
        String a = farr();
        return pick("fcmeq", "fcmgt", "fcmge", "fcmle", "fcmlt") + " " + v() + "." + a + ", " + v() + "." + a + ", #0.0";
    }

    private String lastArr;

    private String arrD() {
        lastArr = arr(true);
        return lastArr;
    }

    private String widen() {
        int sz = r.nextInt(3);
        String n = new String[]{"8b", "4h", "2s"}[sz], n2 = new String[]{"16b", "8h", "4s"}[sz], w = new String[]{"8h", "4s", "2d"}[sz];
        boolean hi = r.nextBoolean();
        String src = hi ? n2 : n;
        switch (r.nextInt(5)) {
            case 0:
                return pick(WIDEN3) + (hi ? "2 " : " ") + v() + "." + w + ", " + v() + "." + src + ", " + v() + "." + src;
            case 1:
                return pick("saddw", "uaddw", "ssubw", "usubw") + (hi ? "2 " : " ") + v() + "." + w + ", " + v() + "." + w + ", " + v() + "." + src;
            case 2:
                if (sz == 0) return "pmull" + (hi ? "2 " : " ") + v() + ".8h, " + v() + "." + src + ", " + v() + "." + src;
                if (sz == 2 && r.nextBoolean()) return "pmull" + (hi ? "2 " : " ") + v() + ".1q, " + v() + "." + (hi ? "2d" : "1d") + ", " + v() + "." + (hi ? "2d" : "1d");
                return pick("sqdmull", "sqdmlal", "sqdmlsl") + (hi ? "2 " : " ") + v() + "." + w + ", " + v() + "." + src + ", " + v() + "." + src;
            case 3:
                return pick("sshll", "ushll") + (hi ? "2 " : " ") + v() + "." + w + ", " + v() + "." + src + ", #" + r.nextInt(8 << sz);
            default:
                return pick("saddlp", "uaddlp", "sadalp", "uadalp") + " " + v() + "." + w + ", " + v() + "." + n2;
        }
    }

    private String narrow() {
        int sz = r.nextInt(3);
        String n = new String[]{"8b", "4h", "2s"}[sz], n2 = new String[]{"16b", "8h", "4s"}[sz], w = new String[]{"8h", "4s", "2d"}[sz];
        boolean hi = r.nextBoolean();
        String dst = hi ? n2 : n, suf = hi ? "2 " : " ";
        switch (r.nextInt(4)) {
            case 0:
                return pick("xtn", "sqxtn", "uqxtn", "sqxtun") + suf + v() + "." + dst + ", " + v() + "." + w;
            case 1:
                return pick("addhn", "raddhn", "subhn", "rsubhn") + suf + v() + "." + dst + ", " + v() + "." + w + ", " + v() + "." + w;
            case 2:
                return pick(NARROW_SHIFT) + suf + v() + "." + dst + ", " + v() + "." + w + ", #" + (1 + r.nextInt(8 << sz));
            default:
                if (r.nextBoolean()) return "fcvtn" + suf + v() + "." + (hi ? "4s" : "2s") + ", " + v() + ".2d";
                return r.nextBoolean() ? "fcvtl" + suf + v() + ".2d, " + v() + "." + (hi ? "4s" : "2s")
                        : "fcvtxn" + suf + v() + "." + (hi ? "4s" : "2s") + ", " + v() + ".2d";
        }
    }

    private String shiftImm() {
        String a = arr(true);
        int bits = switch (a) { case "8b", "16b" -> 8; case "4h", "8h" -> 16; case "2s", "4s" -> 32; default -> 64; };
        if (a.equals("2d") || r.nextInt(3) > 0) {
            String op = pick("sshr", "ushr", "ssra", "usra", "srshr", "urshr", "srsra", "ursra", "sri");
            return op + " " + v() + "." + a + ", " + v() + "." + a + ", #" + (1 + r.nextInt(bits));
        }
        if (r.nextInt(4) == 0 && (bits == 32 || bits == 64)) {
            String fa = bits == 32 ? pick("2s", "4s") : "2d";
            return pick("scvtf", "ucvtf", "fcvtzs", "fcvtzu") + " " + v() + "." + fa + ", " + v() + "." + fa + ", #" + (1 + r.nextInt(bits));
        }
        return pick("shl", "sli", "sqshl", "uqshl", "sqshlu") + " " + v() + "." + a + ", " + v() + "." + a + ", #" + r.nextInt(bits);
    }

    private String across() {
        if (r.nextInt(4) == 0) return pick("fmaxv", "fminv", "fmaxnmv", "fminnmv") + " s" + r.nextInt(32) + ", " + v() + ".4s";
        String a = pick("8b", "16b", "4h", "8h", "4s");
        String reg = switch (a) { case "8b", "16b" -> "b"; case "4h", "8h" -> "h"; default -> "s"; };
        if (r.nextBoolean()) {
            String wide = switch (reg) { case "b" -> "h"; case "h" -> "s"; default -> "d"; };
            return pick("saddlv", "uaddlv") + " " + wide + r.nextInt(32) + ", " + v() + "." + a;
        }
        return pick("addv", "smaxv", "umaxv", "sminv", "uminv") + " " + reg + r.nextInt(32) + ", " + v() + "." + a;
    }

    private int xreg() {
        int[] regs = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 29, 30};
        return regs[r.nextInt(regs.length)];
    }

    private String copy() {
        int sz = r.nextInt(4);
        String t = "bhsd".substring(sz, sz + 1);
        int lanes = 16 >> sz;
        switch (r.nextInt(6)) {
            case 0:
                return "dup " + v() + "." + (sz == 3 ? "2d" : pick(new String[][]{{"8b", "16b"}, {"4h", "8h"}, {"2s", "4s"}}[Math.min(sz, 2)])) + ", " + v() + "." + t + "[" + r.nextInt(lanes) + "]";
            case 1:
                return "dup " + v() + "." + (sz == 3 ? "2d" : pick(new String[][]{{"8b", "16b"}, {"4h", "8h"}, {"2s", "4s"}}[Math.min(sz, 2)])) + ", " + (sz == 3 ? "x" : "w") + xreg();
            case 2:
                return "ins " + v() + "." + t + "[" + r.nextInt(lanes) + "], " + (sz == 3 ? "x" : "w") + xreg();
            case 3:
                return "ins " + v() + "." + t + "[" + r.nextInt(lanes) + "], " + v() + "." + t + "[" + r.nextInt(lanes) + "]";
            case 4:
                return "umov " + (sz == 3 ? "x" : "w") + xreg() + ", " + v() + "." + t + "[" + r.nextInt(lanes) + "]";
            default:
                if (sz == 3) return "mov " + t + r.nextInt(32) + ", " + v() + ".d[" + r.nextInt(2) + "]";
                return "smov " + (sz == 2 || r.nextBoolean() ? "x" : "w") + xreg() + ", " + v() + "." + t + "[" + r.nextInt(lanes) + "]";
        }
    }

    private String modImm() {
        int imm = r.nextInt(256);
        switch (r.nextInt(6)) {
            case 0: return "movi " + v() + "." + pick("8b", "16b") + ", #" + imm;
            case 1: return pick("movi", "mvni", "orr", "bic") + " " + v() + "." + pick("4h", "8h") + ", #" + imm + ", lsl #" + pick("0", "8");
            case 2: return pick("movi", "mvni", "orr", "bic") + " " + v() + "." + pick("2s", "4s") + ", #" + imm + ", lsl #" + pick("0", "8", "16", "24");
            case 3: return pick("movi", "mvni") + " " + v() + "." + pick("2s", "4s") + ", #" + imm + ", msl #" + pick("8", "16");
            case 4: return "movi " + v() + ".2d, #0x" + Long.toHexString(bytemask(imm));
            default: return "fmov " + v() + "." + farr() + ", #" + pick("1.0", "-2.5", "0.125", "31.0", "-0.1875", "3.0");
        }
    }

    private static long bytemask(int imm8) {
        long m = 0;
        for (int i = 0; i < 8; i++) if ((imm8 >>> i & 1) != 0) m |= 0xFFL << (8 * i);
        return m;
    }

    private String byElement() {
        if (r.nextBoolean()) {
            boolean d = r.nextInt(3) == 0;
            String a = d ? "2d" : pick("2s", "4s");
            return pick("fmul", "fmla", "fmls", "fmulx") + " " + v() + "." + a + ", " + v() + "." + a + ", " + v() + "." + (d ? "d[" + r.nextInt(2) : "s[" + r.nextInt(4)) + "]";
        }
        boolean h = r.nextBoolean();
        String m = h ? "v" + r.nextInt(16) + ".h[" + r.nextInt(8) + "]" : v() + ".s[" + r.nextInt(4) + "]";
        if (r.nextBoolean()) {
            String a = h ? pick("4h", "8h") : pick("2s", "4s");
            return pick("mul", "mla", "mls", "sqdmulh", "sqrdmulh") + " " + v() + "." + a + ", " + v() + "." + a + ", " + m;
        }
        boolean hi = r.nextBoolean();
        String src = h ? (hi ? "8h" : "4h") : (hi ? "4s" : "2s"), w = h ? "4s" : "2d";
        return pick("smull", "umull", "smlal", "umlal", "smlsl", "umlsl", "sqdmull", "sqdmlal", "sqdmlsl") + (hi ? "2 " : " ")
                + v() + "." + w + ", " + v() + "." + src + ", " + m;
    }

    private String permute() {
        switch (r.nextInt(4)) {
            case 0, 1: return three(pick("zip1", "zip2", "uzp1", "uzp2", "trn1", "trn2"), arr(true).equals("2d") ? "2d" : arr(false));
            case 2: {
                boolean q = r.nextBoolean();
                String a = q ? "16b" : "8b";
                return "ext " + v() + "." + a + ", " + v() + "." + a + ", " + v() + "." + a + ", #" + r.nextInt(q ? 16 : 8);
            }
            default: {
                int len = 1 + r.nextInt(4), first = r.nextInt(33 - len);
                StringBuilder list = new StringBuilder("{");
                for (int i = 0; i < len; i++) list.append(i == 0 ? "" : ", ").append("v").append((first + i) % 32).append(".16b");
                String a = pick("8b", "16b");
                return pick("tbl", "tbx") + " " + v() + "." + a + ", " + list + "}, " + v() + "." + a;
            }
        }
    }

    private A64Generator.Unit scalarFp() {
        String t = pick("s", "d", "d", "h");
        String a = t + r.nextInt(32), b = t + r.nextInt(32), c = t + r.nextInt(32), d = t + r.nextInt(32);
        String s;
        switch (r.nextInt(10)) {
            case 0, 1 -> s = pick(FP_SCALAR2) + " " + a + ", " + b + ", " + c;
            case 2 -> s = pick("fmadd", "fmsub", "fnmadd", "fnmsub") + " " + a + ", " + b + ", " + c + ", " + d;
            case 3 -> s = pick(FP_SCALAR1) + " " + a + ", " + b;
            case 4 -> s = pick("fcmp", "fcmpe") + " " + a + ", " + (r.nextInt(4) == 0 ? "#0.0" : b);
            case 5 -> s = r.nextBoolean() ? pick("fccmp", "fccmpe") + " " + a + ", " + b + ", #" + r.nextInt(16) + ", " + pick("eq", "ne", "ge", "lt", "hi", "vs")
                    : "fcsel " + a + ", " + b + ", " + c + ", " + pick("eq", "ne", "ge", "lt", "hi", "vs");
            case 6 -> {
                String to = pick("s", "d", "h");
                if (to.equals(t)) to = t.equals("d") ? "s" : "d";
                s = "fcvt " + to + r.nextInt(32) + ", " + b;
            }
            case 7 -> {
                String x = (r.nextBoolean() ? "x" : "w") + xreg();
                s = r.nextBoolean() ? pick("fcvtns", "fcvtnu", "fcvtps", "fcvtpu", "fcvtms", "fcvtmu", "fcvtzs", "fcvtzu", "fcvtas", "fcvtau") + " " + x + ", " + b
                        : pick("scvtf", "ucvtf") + " " + a + ", " + x;
            }
            case 8 -> {
                String x = (r.nextBoolean() ? "x" : "w") + xreg();
                int fb = 1 + r.nextInt(x.startsWith("w") ? 32 : 64);
                s = r.nextBoolean() ? pick("fcvtzs", "fcvtzu") + " " + x + ", " + b + ", #" + fb : pick("scvtf", "ucvtf") + " " + a + ", " + x + ", #" + fb;
            }
            default -> {
                if (t.equals("h")) s = "fmov " + a + ", " + pick("w", "x") + xreg();
                else if (r.nextInt(3) == 0) s = "fmov " + a + ", #" + pick("1.0", "-2.0", "0.5", "10.0", "-0.125");
                else if (t.equals("d") && r.nextInt(4) == 0) s = "fjcvtzs w" + xreg() + ", " + b;
                else s = r.nextBoolean() ? "fmov " + (t.equals("s") ? "w" : "x") + xreg() + ", " + b : "fmov " + a + ", " + (t.equals("s") ? "w" : "x") + xreg();
            }
        }
        return new A64Generator.Unit("fp", List.of(s));
    }

    private String scalarSimd() {
        int n = r.nextInt(32), m = r.nextInt(32), dd = r.nextInt(32);
        switch (r.nextInt(8)) {
            case 0: return pick("add", "sub", "cmeq", "cmgt", "cmhi", "cmtst", "sshl", "ushl", "srshl") + " d" + dd + ", d" + n + ", d" + m;
            case 1: {
                String t = pick("b", "h", "s", "d");
                return pick("sqadd", "uqadd", "sqsub", "uqsub", "sqshl", "uqshl") + " " + t + dd + ", " + t + n + ", " + t + m;
            }
            case 2: return pick("shl", "sshr", "ushr", "ssra", "usra", "srshr", "sri", "sli") + " d" + dd + ", d" + n + ", #" + (1 + r.nextInt(63));
            case 3: return pick("addp d" + dd + ", v" + n + ".2d", "faddp s" + dd + ", v" + n + ".2s", "fmaxp d" + dd + ", v" + n + ".2d",
                    "fminnmp s" + dd + ", v" + n + ".2s");
            case 4: {
                String t = pick("s", "d");
                return pick("fabd", "fcmeq", "fcmge", "fcmgt", "facgt", "fmulx", "frecps", "frsqrts") + " " + t + dd + ", " + t + n + ", " + t + m;
            }
            case 5: {
                String t = pick("s", "d");
                return pick("fcvtzs", "fcvtzu", "fcvtns", "fcvtas", "scvtf", "ucvtf") + " " + t + dd + ", " + t + n;
            }
            case 6: return pick("sqxtn b" + dd + ", h" + n, "uqxtn h" + dd + ", s" + n, "sqxtun s" + dd + ", d" + n, "abs d" + dd + ", d" + n,
                    "neg d" + dd + ", d" + n, "sqabs s" + dd + ", s" + n, "cmlt d" + dd + ", d" + n + ", #0", "fcvtxn s" + dd + ", d" + n);
            default: return pick("sqdmulh s" + dd + ", s" + n + ", s" + m, "sqdmull d" + dd + ", s" + n + ", s" + m,
                    "sqrdmulh h" + dd + ", h" + n + ", h" + m, "mov s" + dd + ", v" + n + ".s[" + r.nextInt(4) + "]",
                    "fmul d" + dd + ", d" + n + ", v" + m + ".d[" + r.nextInt(2) + "]");
        }
    }

    /** Structure loads and stores on the data buffer (X27 at its middle); post-index forms are undone. */
    private A64Generator.Unit memory() {
        int sel = r.nextInt(5);
        String load = r.nextBoolean() ? "ld" : "st";
        String a = sel < 2 ? arr(true) : pick("8b", "16b", "4h", "8h", "2s", "4s");
        int regs;
        String op;
        if (sel == 0) { regs = 1 + r.nextInt(4); op = load + "1"; }
        else if (sel == 1) { regs = 2 + r.nextInt(3); op = load + regs; }
        else if (sel == 2) { regs = 1 + r.nextInt(4); op = "ld" + regs + "r"; }
        else { regs = 1 + r.nextInt(4); op = load + regs; }
        int first = r.nextInt(33 - regs);
        StringBuilder list = new StringBuilder("{");
        String elem = sel >= 3 ? pick("b", "h", "s", "d") : null;
        for (int i = 0; i < regs; i++) {
            list.append(i == 0 ? "" : ", ").append("v").append((first + i) % 32).append('.').append(elem != null ? elem : a);
        }
        list.append('}');
        if (elem != null) {
            int lanes = 16 / switch (elem) { case "b" -> 1; case "h" -> 2; case "s" -> 4; default -> 8; };
            list.append('[').append(r.nextInt(lanes)).append(']');
        }
        int off = (r.nextInt(16) - 8) * 16;
        int bytes = elem != null ? regs * switch (elem) { case "b" -> 1; case "h" -> 2; case "s" -> 4; default -> 8; }
                : sel == 2 ? regs * switch (a) { case "8b", "16b" -> 1; case "4h", "8h" -> 2; case "2s", "4s" -> 4; default -> 8; }
                : regs * (a.equals("8b") || a.equals("4h") || a.equals("2s") ? 8 : 16);
        if (r.nextBoolean()) {
            return new A64Generator.Unit("simd mem", List.of(
                    "add x26, x" + BASE + ", #" + (off + 256),
                    op + " " + list + ", [x26], #" + bytes));
        }
        return new A64Generator.Unit("simd mem", List.of(
                "add x26, x" + BASE + ", #" + (off + 256),
                op + " " + list + ", [x26]"));
    }
}
