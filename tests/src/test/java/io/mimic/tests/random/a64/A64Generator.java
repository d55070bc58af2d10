package io.mimic.tests.random.a64;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random A64 integer instructions for the differential test. Most are emitted as raw
 * encodings ({@code .inst}) built from random fields under the constraints that keep them
 * allocated, so the test does not depend on the assembler's aliases; branches use labels.
 *
 * <p>Register roles: X27 (= SP) points into the data buffer, X28 at the dump area; neither is
 * a random destination. Memory operands use X27 or SP as base with offsets inside the buffer;
 * writeback forms are followed by the instruction that undoes the writeback.
 */
public final class A64Generator {
    private static final int BASE = 27, AREA = 28, SP = 31;
    /** Registers random instructions may write. */
    private static final int[] REGS = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20,
        21, 22, 23, 24, 25, 26, 29, 30};

    private final Random r;
    private final String labelPrefix;
    private int labels;

    private final A64SimdGenerator simd;
    private final A64CryptoGenerator crypto;

    public A64Generator(Random r, String labelPrefix) {
        this.r = r;
        this.simd = new A64SimdGenerator(r);
        this.crypto = new A64CryptoGenerator(r);
        this.labelPrefix = labelPrefix;
    }

    /** One unit: a few lines of assembly that belong together. */
    public record Unit(String kind, List<String> lines) {}

    /** Units totalling at least {@code length} instructions. */
    public List<Unit> block(int length) {
        List<Unit> out = new ArrayList<>();
        int n = 0;
        while (n < length) {
            Unit u = unit();
            out.add(u);
            n += u.lines.size();
        }
        return out;
    }

    private int reg() { return REGS[r.nextInt(REGS.length)]; }
    private int regOrZr() { return r.nextInt(8) == 0 ? 31 : reg(); }
    private int regOrSp() { return r.nextInt(8) == 0 ? SP : reg(); }
    private int sf() { return r.nextInt(3) == 0 ? 0 : 1; }
    private String label() { return labelPrefix + (labels++); }

    private static String inst(int bits, String what) {
        return String.format(".inst 0x%08x  // %s", bits, what);
    }

    private Unit one(String kind, int bits) {
        return new Unit(kind, List.of(inst(bits, kind)));
    }

    Unit unit() {
        int group = r.nextInt(100);
        if (group < 4) return crypto.unit();
        if (group < 35) return simd.unit();
        int k = r.nextInt(100);
        if (k < 8) return addSubImm();
        if (k < 14) return logicImm();
        if (k < 18) return moveWide();
        if (k < 25) return bitfield();
        if (k < 27) return extr();
        if (k < 33) return logicReg();
        if (k < 39) return addSubReg();
        if (k < 43) return addSubExt();
        if (k < 46) return adc();
        if (k < 50) return ccmp();
        if (k < 55) return csel();
        if (k < 59) return dp3();
        if (k < 63) return dp2();
        if (k < 66) return dp1();
        if (k < 67) return adr();
        if (k < 75) return loadStore();
        if (k < 79) return pair();
        if (k < 83) return atomic();
        if (k < 85) return exclusive();
        if (k < 86) return ordered();
        if (k < 93) return branch();
        if (k < 95) return loop();
        if (k < 96) return call();
        if (k < 98) return flagsMove();
        return literal();
    }

    // ------------------------------------------------------------------ data processing

    private Unit addSubImm() {
        int sf = sf(), op = r.nextInt(2), s = r.nextInt(2);
        int rd = s == 1 ? regOrZr() : reg();
        int bits = sf << 31 | op << 30 | s << 29 | 0b100010 << 23 | r.nextInt(2) << 22 | imm12() << 10 | regOrSp() << 5 | rd;
        return one("add/sub imm", bits);
    }

    private int imm12() {
        return r.nextInt(3) == 0 ? r.nextInt(4096) : r.nextInt(16);
    }

    private Unit logicImm() {
        int sf = sf();
        while (true) {
            int n = sf == 1 ? r.nextInt(2) : 0, immr = r.nextInt(64), imms = r.nextInt(64);
            if (sf == 0 && (immr >= 32 || imms >= 32)) continue;
            if (!validBitmask(n, imms)) continue;
            int opc = r.nextInt(4);
            int rd = opc == 3 ? regOrZr() : reg();
            return one("logical imm", sf << 31 | opc << 29 | 0b100100 << 23 | n << 22 | immr << 16 | imms << 10 | regOrZr() << 5 | rd);
        }
    }

    /** The architecture's rule: the element size from N:NOT(imms) and imms not all ones within it. */
    private static boolean validBitmask(int n, int imms) {
        int combined = (n << 6) | (~imms & 0x3f);
        if (combined == 0) return false;
        int len = 31 - Integer.numberOfLeadingZeros(combined);
        if (len < 1) return false;
        int levels = (1 << len) - 1;
        return (imms & levels) != levels;
    }

    private Unit moveWide() {
        int sf = sf(), opc = new int[]{0, 2, 3}[r.nextInt(3)], hw = r.nextInt(sf == 1 ? 4 : 2);
        return one("move wide", sf << 31 | opc << 29 | 0b100101 << 23 | hw << 21 | r.nextInt(65536) << 5 | reg());
    }

    private Unit bitfield() {
        int sf = sf(), size = sf == 1 ? 64 : 32;
        int opc = r.nextInt(3);
        return one("bitfield", sf << 31 | opc << 29 | 0b100110 << 23 | sf << 22 | r.nextInt(size) << 16 | r.nextInt(size) << 10
                | regOrZr() << 5 | reg());
    }

    private Unit extr() {
        int sf = sf();
        return one("extr", sf << 31 | 0b00100111 << 23 | sf << 22 | regOrZr() << 16 | r.nextInt(sf == 1 ? 64 : 32) << 10 | regOrZr() << 5 | reg());
    }

    private Unit logicReg() {
        int sf = sf(), opc = r.nextInt(4);
        int rd = opc == 3 ? regOrZr() : reg();
        int amount = r.nextInt(2) == 0 ? 0 : r.nextInt(sf == 1 ? 64 : 32);
        return one("logical reg", sf << 31 | opc << 29 | 0b01010 << 24 | r.nextInt(4) << 22 | r.nextInt(2) << 21 | regOrZr() << 16
                | amount << 10 | regOrZr() << 5 | rd);
    }

    private Unit addSubReg() {
        int sf = sf(), s = r.nextInt(2);
        int rd = s == 1 ? regOrZr() : reg();
        int amount = r.nextInt(2) == 0 ? 0 : r.nextInt(sf == 1 ? 64 : 32);
        return one("add/sub shifted", sf << 31 | r.nextInt(2) << 30 | s << 29 | 0b01011 << 24 | r.nextInt(3) << 22 | regOrZr() << 16
                | amount << 10 | regOrZr() << 5 | rd);
    }

    private Unit addSubExt() {
        int sf = sf(), s = r.nextInt(2);
        int rd = s == 1 ? regOrZr() : reg();
        return one("add/sub extended", sf << 31 | r.nextInt(2) << 30 | s << 29 | 0b01011 << 24 | 1 << 21 | regOrZr() << 16
                | r.nextInt(8) << 13 | r.nextInt(5) << 10 | regOrSp() << 5 | rd);
    }

    private Unit adc() {
        return one("adc/sbc", sf() << 31 | r.nextInt(2) << 30 | r.nextInt(2) << 29 | 0b11010000 << 21 | regOrZr() << 16
                | regOrZr() << 5 | regOrZr());
    }

    private Unit ccmp() {
        int imm = r.nextInt(2);
        return one("ccmp/ccmn", sf() << 31 | r.nextInt(2) << 30 | 1 << 29 | 0b11010010 << 21 | (imm == 1 ? r.nextInt(32) : regOrZr()) << 16
                | r.nextInt(16) << 12 | imm << 11 | regOrZr() << 5 | r.nextInt(16));
    }

    private Unit csel() {
        return one("csel", sf() << 31 | r.nextInt(2) << 30 | 0b11010100 << 21 | regOrZr() << 16 | r.nextInt(16) << 12
                | r.nextInt(2) << 10 | regOrZr() << 5 | reg());
    }

    private Unit dp3() {
        int kind = r.nextInt(8);
        int[][] forms = {{0, 0}, {0, 1}, {1, 0}, {1, 1}, {2, 0}, {5, 0}, {5, 1}, {6, 0}}; // op31, o0
        int op31 = forms[kind][0], o0 = forms[kind][1];
        int sf = op31 == 0 ? sf() : 1;
        int ra = op31 == 2 || op31 == 6 ? 31 : regOrZr();
        return one("multiply", sf << 31 | 0b11011 << 24 | op31 << 21 | regOrZr() << 16 | o0 << 15 | ra << 10 | regOrZr() << 5 | reg());
    }

    private Unit dp2() {
        int[] ops = {2, 3, 8, 9, 10, 11, 16, 17, 18, 19, 20, 21, 22, 23};
        int opcode = ops[r.nextInt(ops.length)];
        int sf;
        if (opcode >= 16) sf = (opcode & 3) == 3 ? 1 : 0; else sf = sf();
        return one("2-source", sf << 31 | 0b0011010110 << 21 | regOrZr() << 16 | opcode << 10 | regOrZr() << 5 | reg());
    }

    private Unit dp1() {
        int sf = sf();
        int[] ops = sf == 1 ? new int[]{0, 1, 2, 3, 4, 5} : new int[]{0, 1, 2, 4, 5};
        return one("1-source", sf << 31 | 1 << 30 | 0b011010110 << 21 | ops[r.nextInt(ops.length)] << 10 | regOrZr() << 5 | reg());
    }

    private Unit adr() {
        int imm = r.nextInt(1 << 12) - (1 << 11);
        return one("adr/adrp", r.nextInt(2) << 31 | (imm & 3) << 29 | 0b10000 << 24 | ((imm >> 2) & 0x7ffff) << 5 | reg());
    }

    // ------------------------------------------------------------------ memory

    /** A base register for a memory operand: X27 or SP (same value). */
    private int base() {
        return r.nextInt(4) == 0 ? SP : BASE;
    }

    private Unit loadStore() {
        boolean vector = r.nextInt(5) == 0;
        int size, opc;
        if (vector) {
            if (r.nextInt(4) == 0) { size = 0; opc = 2 + r.nextInt(2); } else { size = r.nextInt(4); opc = r.nextInt(2); }
        } else {
            size = r.nextInt(4);
            opc = r.nextInt(size == 3 ? 2 : size == 2 ? 3 : 4);
        }
        int bytes = vector && opc >= 2 ? 16 : 1 << size;
        boolean load = vector ? (opc & 1) == 1 : opc != 0;
        int rt = vector ? r.nextInt(32) : load ? regOrZr() : regOrZr();
        int head = size << 30 | 0b111 << 27 | (vector ? 1 : 0) << 26 | opc << 22 | rt;
        int mode = r.nextInt(5);
        int base = base();
        switch (mode) {
            case 0 -> { // unsigned offset
                int off = r.nextInt(480 / bytes);
                return one("ld/st uimm", head | 1 << 24 | off << 10 | base << 5);
            }
            case 1 -> { // unscaled
                int imm = r.nextInt(512) - 256;
                if (imm + bytes > 256 + 200) imm = 0;
                return one("ld/st unscaled", head | (imm & 0x1ff) << 12 | base << 5);
            }
            case 2, 3 -> { // post/pre-index, then undo the writeback
                int imm = (r.nextInt(64) - 32) * (bytes <= 8 ? bytes : 8);
                int m = mode == 2 ? 1 : 3;
                List<String> l = new ArrayList<>();
                l.add(inst(head | (imm & 0x1ff) << 12 | m << 10 | base << 5, mode == 2 ? "ld/st post-index" : "ld/st pre-index"));
                l.add(undo(base, imm));
                return new Unit("ld/st writeback", l);
            }
            default -> { // register offset
                int idx = reg();
                while (idx == rt && !vector) idx = reg();
                int option = new int[]{2, 3, 6, 7}[r.nextInt(4)];
                int s = r.nextInt(2);
                int shift = s == 1 ? Integer.numberOfTrailingZeros(bytes) : 0;
                long k = r.nextInt(24) - (option == 2 ? 0 : 12);
                List<String> l = new ArrayList<>();
                l.add(String.format("mov x%d, #%d", idx, k));
                if (option == 2 && r.nextBoolean()) l.add(String.format("movk x%d, #0xffff, lsl #32", idx)); // UXTW ignores it
                l.add(inst(head | 1 << 21 | idx << 16 | option << 13 | s << 12 | 0b10 << 10 | base << 5, "ld/st register offset"));
                return new Unit("ld/st register", l);
            }
        }
    }

    private static String undo(int base, int imm) {
        String b = base == SP ? "sp" : "x" + base;
        return imm >= 0 ? "sub " + b + ", " + b + ", #" + imm : "add " + b + ", " + b + ", #" + (-imm);
    }

    private Unit pair() {
        boolean vector = r.nextInt(4) == 0;
        int opc, bytes;
        boolean load = r.nextBoolean();
        int type = r.nextInt(4);
        if (vector) {
            opc = r.nextInt(3);
            bytes = 4 << opc;
        } else {
            opc = load && type != 0 && r.nextInt(4) == 0 ? 1 : r.nextInt(2) * 2;
            bytes = opc == 2 ? 8 : 4;
        }
        int rt = vector ? r.nextInt(32) : load ? reg() : regOrZr(), rt2 = vector ? r.nextInt(32) : load ? reg() : regOrZr();
        while (load && rt2 == rt) rt2 = vector ? r.nextInt(32) : reg();
        int imm7 = r.nextInt(32) - 16;
        int base = base();
        int bits = opc << 30 | 0b101 << 27 | (vector ? 1 : 0) << 26 | type << 23 | (load ? 1 : 0) << 22 | (imm7 & 0x7f) << 15
                | rt2 << 10 | base << 5 | rt;
        List<String> l = new ArrayList<>();
        l.add(inst(bits, "ld/st pair"));
        if (type == 1 || type == 3) l.add(undo(base, imm7 * bytes));
        return new Unit("ld/st pair", l);
    }

    /** Points X26 at an aligned place in the buffer (X26 is then a random register again). */
    private String scratchAddress(int align) {
        int off = (r.nextInt(400 / align) - 200 / align) * align;
        return off >= 0 ? "add x26, x27, #" + off : "sub x26, x27, #" + (-off);
    }

    private int regNot26() {
        int x;
        do x = reg(); while (x == 26);
        return x;
    }

    private Unit atomic() {
        int kind = r.nextInt(10);
        List<String> l = new ArrayList<>();
        if (kind < 6) { // LD<op>, SWP
            int size = r.nextInt(4);
            l.add(scratchAddress(1 << size));
            int o3 = r.nextInt(9) == 0 ? 1 : 0, opc = o3 == 1 ? 0 : r.nextInt(8);
            int rt = r.nextInt(6) == 0 ? 31 : regNot26();
            l.add(inst(size << 30 | 0b111000 << 24 | r.nextInt(2) << 23 | r.nextInt(2) << 22 | 1 << 21 | regOrZr() << 16 | o3 << 15
                    | opc << 12 | 26 << 5 | rt, "atomic"));
        } else if (kind < 9) { // CAS
            int size = r.nextInt(4);
            l.add(scratchAddress(1 << size));
            int rs = regNot26();
            if (r.nextBoolean()) { // make it succeed sometimes: load the current value into Rs first
                l.add(inst(size << 30 | 0b111001 << 24 | 1 << 22 | 26 << 5 | rs, "ldr (expected value)"));
            }
            l.add(inst(size << 30 | 0b0010001 << 23 | r.nextInt(2) << 22 | 1 << 21 | rs << 16 | r.nextInt(2) << 15 | 31 << 10
                    | 26 << 5 | regNot26(), "cas"));
        } else { // CASP
            int sz = r.nextInt(2);
            l.add(scratchAddress(sz == 1 ? 16 : 8));
            int rs = 2 * r.nextInt(12), rt = 2 * r.nextInt(12);
            l.add(inst(sz << 30 | 0b0010000 << 23 | r.nextInt(2) << 22 | 1 << 21 | rs << 16 | r.nextInt(2) << 15 | 31 << 10
                    | 26 << 5 | rt, "casp"));
        }
        return new Unit("atomic", l);
    }

    private Unit exclusive() {
        List<String> l = new ArrayList<>();
        boolean pair = r.nextInt(3) == 0;
        int a = r.nextInt(2), rel = r.nextInt(2);
        int rt = regNot26(), rt2 = regNot26(), rs = regNot26();
        while (rt2 == rt) rt2 = regNot26();
        while (rs == rt || rs == rt2) rs = regNot26();
        if (pair) {
            int sz = r.nextInt(2);
            l.add(scratchAddress(sz == 1 ? 16 : 8));
            l.add(inst(1 << 31 | sz << 30 | 0b001000 << 24 | 1 << 22 | 1 << 21 | 31 << 16 | a << 15 | rt2 << 10 | 26 << 5 | rt, "ldxp"));
            l.add(String.format("add x%d, x%d, #3", rt, rt));
            l.add(inst(1 << 31 | sz << 30 | 0b001000 << 24 | 1 << 21 | rs << 16 | rel << 15 | rt2 << 10 | 26 << 5 | rt, "stxp"));
        } else {
            int size = r.nextInt(4);
            l.add(scratchAddress(1 << size));
            l.add(inst(size << 30 | 0b001000 << 24 | 1 << 22 | 31 << 16 | a << 15 | 31 << 10 | 26 << 5 | rt, "ldxr"));
            l.add(String.format("add x%d, x%d, #5", rt, rt));
            l.add(inst(size << 30 | 0b001000 << 24 | rs << 16 | rel << 15 | 31 << 10 | 26 << 5 | rt, "stxr"));
        }
        return new Unit("exclusive", l);
    }

    private Unit ordered() {
        int size = r.nextInt(4);
        List<String> l = new ArrayList<>();
        l.add(scratchAddress(1 << size));
        int kind = r.nextInt(5);
        int rt = regNot26();
        if (kind >= 3) { // FEAT_LRCPC2: LDAPUR/STLUR and the sign-extending LDAPURS with an offset
            int opc = size == 3 ? r.nextInt(2) : size == 2 ? r.nextInt(3) : r.nextInt(4);
            int imm = (r.nextInt(16) - 8) << size;
            l.add(inst(size << 30 | 0b011001 << 24 | opc << 22 | (imm & 0x1ff) << 12 | 26 << 5 | rt, "ldapur/stlur"));
        } else if (kind == 0) l.add(inst(size << 30 | 0b001000 << 24 | 1 << 23 | 1 << 22 | 31 << 16 | 1 << 15 | 31 << 10 | 26 << 5 | rt, "ldar"));
        else if (kind == 1) l.add(inst(size << 30 | 0b001000 << 24 | 1 << 23 | 31 << 16 | 1 << 15 | 31 << 10 | 26 << 5 | rt, "stlr"));
        else l.add(inst(size << 30 | 0b111000 << 24 | 1 << 23 | 1 << 21 | 31 << 16 | 1 << 15 | 0b100 << 12 | 26 << 5 | rt, "ldapr"));
        return new Unit("ordered", l);
    }

    // ------------------------------------------------------------------ control flow, flags

    private static final String[] COND = {"eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt", "gt", "le", "al"};

    /** A few data-processing instructions (no memory, no control flow) for branch bodies. */
    private List<String> body(int n) {
        List<String> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Unit u = switch (r.nextInt(6)) {
                case 0 -> addSubImm();
                case 1 -> logicReg();
                case 2 -> addSubReg();
                case 3 -> csel();
                case 4 -> bitfield();
                default -> ccmp();
            };
            l.addAll(u.lines);
        }
        return l;
    }

    private Unit branch() {
        String target = label();
        List<String> l = new ArrayList<>();
        int kind = r.nextInt(4);
        int rt = regOrZr();
        boolean x = r.nextBoolean();
        String reg = rt == 31 ? (x ? "xzr" : "wzr") : (x ? "x" : "w") + rt;
        if (r.nextInt(3) == 0) l.addAll(body(1)); // often the flags come right before
        switch (kind) {
            case 0, 1 -> {
                if (r.nextInt(3) != 0) l.addAll(compare().lines); // the compare-and-branch pair translators fuse
                l.add("b." + COND[r.nextInt(COND.length)] + " " + target);
            }
            case 2 -> l.add((r.nextBoolean() ? "cbz " : "cbnz ") + reg + ", " + target);
            default -> {
                l.add((r.nextBoolean() ? "tbz " : "tbnz ") + reg + ", #" + r.nextInt(x ? 64 : 32) + ", " + target);
            }
        }
        l.addAll(body(1 + r.nextInt(3)));
        l.add(target + ":");
        return new Unit("branch", l);
    }

    /** A flag-setting compare: SUBS/ADDS (immediate, shifted, extended) or ANDS, often to XZR. */
    private Unit compare() {
        while (true) {
            Unit u = switch (r.nextInt(4)) {
                case 0 -> addSubImm();
                case 1 -> addSubReg();
                case 2 -> addSubExt();
                default -> logicReg();
            };
            int bits = (int) Long.parseLong(u.lines.get(0).substring(8, 16), 16);
            boolean setsFlags = u.kind.startsWith("logical") ? ((bits >>> 29) & 3) == 3 : ((bits >>> 29) & 1) == 1;
            if (setsFlags) return u;
        }
    }

    private Unit loop() {
        String top = label();
        int n = r.nextInt(5) == 0 ? 1000 + r.nextInt(3000) : 1 + r.nextInt(8);
        List<String> l = new ArrayList<>();
        l.add("mov x26, #" + n);
        l.add(top + ":");
        l.addAll(body(1 + r.nextInt(4)).stream().filter(line -> !writes(line, 26)).toList());
        l.add("subs x26, x26, #1");
        l.add("b.ne " + top);
        return new Unit("loop", l);
    }

    /** Whether a raw data-processing encoding writes X{@code reg} (Rd is bits 4:0 for every body instruction but CCMP). */
    private static boolean writes(String line, int reg) {
        if (!line.startsWith(".inst")) return false;
        int bits = (int) Long.parseLong(line.substring(8, 16), 16);
        boolean ccmp = ((bits >>> 21) & 0xff) == 0b11010010;
        return !ccmp && (bits & 31) == reg;
    }

    private Unit call() {
        String f = label(), end = label();
        List<String> l = new ArrayList<>();
        l.add("bl " + f);
        l.add("b " + end);
        l.add(f + ":");
        l.addAll(body(1 + r.nextInt(3)).stream().filter(line -> !writes(line, 30)).toList());
        l.add("ret");
        l.add(end + ":");
        return new Unit("call", l);
    }

    private Unit flagsMove() {
        int x = reg();
        return switch (r.nextInt(4)) {
            case 0 -> new Unit("msr nzcv", List.of("msr nzcv, x" + x));
            case 1 -> new Unit("mrs nzcv", List.of("mrs x" + x + ", nzcv"));
            case 2 -> new Unit("msr tpidr_el0", List.of("msr tpidr_el0, x" + x));
            default -> new Unit("mrs tpidr_el0", List.of("mrs x" + x + ", tpidr_el0"));
        };
    }

    private Unit literal() {
        String lit = label(), end = label();
        int rt = reg();
        String[] forms = {"ldr x" + rt, "ldr w" + rt, "ldrsw x" + rt, "ldr d" + r.nextInt(32), "ldr s" + r.nextInt(32), "ldr q" + r.nextInt(32)};
        String form = forms[r.nextInt(forms.length)];
        return new Unit("literal", List.of(form + ", " + lit, "b " + end, ".balign 16", lit + ":",
                String.format(".quad 0x%016x, 0x%016x", r.nextLong(), r.nextLong()), end + ":"));
    }
}
