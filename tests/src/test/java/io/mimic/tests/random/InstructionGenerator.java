package io.mimic.tests.random;

import static io.mimic.tests.random.MachineState.F_NAMES;
import static io.mimic.tests.random.MachineState.X_NAMES;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Generates the random units of one block: valid RV64GC + Zba/Zbb/Zbs code that only accesses
 * the fixed-address data area through the base registers, never writes sp or s0 (the bases; sp
 * only in an adjustment undone within the same unit), never traps, always terminates (loops are
 * bounded by a reserved counter) and whose result is fully defined by the ISA (no timers, no
 * implementation-defined cases such as SC after an intervening store or to another address
 * than its LR).
 *
 * <p>Units whose tags match a key of the exclusion set ({@link KnownMimicBugs}) are generated
 * again with the next random numbers.
 */
final class InstructionGenerator {
    private final Random r;
    private final Set<String> excluded;
    private final String labelPrefix;
    private int labels;
    /** Integer registers the random code must not write (bases, plus loop counters while in a loop). */
    private final boolean[] reserved = new boolean[32];
    /** Per FP register: does it (probably) hold a NaN-boxed single? Used to bias source choice only. */
    private final boolean[] fSingle = new boolean[32];
    /**
     * While building a {@link #specialOperands()} unit: where xs() and fs() put the instructions
     * that load a fresh special value into each source register they return.
     */
    private Unit.Builder inject;
    private Long lastSpecial;
    /** Set when the unit being built writes x0 (a HINT), to tag it. */
    private boolean x0Dest;

    InstructionGenerator(Random r, Set<String> excluded, String labelPrefix, long[] initialF) {
        this.r = r;
        this.excluded = excluded;
        this.labelPrefix = labelPrefix;
        reserved[Layout.SP] = true;
        reserved[Layout.S0] = true;
        for (int i = 0; i < 32; i++) fSingle[i] = (initialF[i] >>> 32) == 0xffffffffL;
    }

    /** Units until at least {@code length} instructions. */
    List<Unit> block(int length) {
        List<Unit> out = new ArrayList<>();
        int n = 0;
        while (n < length) {
            Unit u = filtered(this::anyUnit);
            out.add(u);
            n += u.instructions();
        }
        return out;
    }

    // ---------------------------------------------------------------- selection

    private Unit filtered(Supplier<Unit> s) {
        boolean[] kinds = fSingle.clone();
        boolean outerX0 = x0Dest;
        for (int attempt = 0; attempt < 10_000; attempt++) {
            x0Dest = false;
            Unit u = s.get();
            if (x0Dest) u = u.with(u.lines(), concat(u.tags(), KnownMimicBugs.Tag.X0_DEST));
            x0Dest = outerX0;
            if (!isExcluded(u)) return u;
            System.arraycopy(kinds, 0, fSingle, 0, 32);
        }
        throw new IllegalStateException("the exclusion list " + excluded + " excludes (nearly) everything");
    }

    private boolean isExcluded(Unit u) {
        for (String key : excluded) if (u.matches(key)) return true;
        return false;
    }

    private static List<String> concat(List<String> a, String b) {
        List<String> out = new ArrayList<>(a);
        out.add(b);
        return out;
    }

    private Unit anyUnit() {
        int w = r.nextInt(1000);
        Unit u;
        if (w < 580) u = simple();
        else if (w < 700) u = specialOperands();
        else if (w < 730) u = amo();
        else if (w < 750) u = lrsc();
        else if (w < 755) u = loneSc();
        else if (w < 775) u = divEdge();
        else if (w < 800) u = indexedAccess();
        else if (w < 860) u = forwardBranch();
        else if (w < 885) u = forwardJump();
        else if (w < 920) u = jalr();
        else if (w < 960) u = loop();
        else if (w < 975) u = call();
        else if (w < 985) u = jumpAround();
        else if (w < 992) u = spAdjust();
        else u = csrFp();
        return maybeNoRvc(u);
    }

    /** A unit that is safe anywhere, including branch and loop bodies: no control flow. */
    private Unit simple() {
        int w = r.nextInt(1000);
        if (w < 170) return aluR();
        if (w < 300) return aluI();
        if (w < 330) return upper();
        if (w < 400) return load();
        if (w < 460) return store();
        if (w < 500) return fpLoadStore();
        if (w < 570) return compressedAlu();
        if (w < 680) return flagProbe(fpArith());
        if (w < 760) return flagProbe(fpMisc());
        if (w < 850) return flagProbe(fpConvert());
        if (w < 900) return fpMove();
        if (w < 940) return fpInject();
        if (w < 980) return csrFp();
        return misc();
    }

    private Unit simpleFiltered() {
        return filtered(() -> maybeNoRvc(simple()));
    }

    private Unit maybeNoRvc(Unit u) {
        if (r.nextInt(100) >= 15) return u;
        for (String t : u.tags()) if (t.startsWith("c.")) return u;
        List<String> lines = new ArrayList<>();
        lines.add("    .option push");
        lines.add("    .option norvc");
        lines.addAll(u.lines());
        lines.add("    .option pop");
        return u.with(lines, concat(u.tags(), KnownMimicBugs.Tag.NORVC));
    }

    private <T> T pick(T[] a) {
        return a[r.nextInt(a.length)];
    }

    private String label() {
        return labelPrefix + (labels++);
    }

    // ---------------------------------------------------------------- registers

    /** Any integer source register (sp and s0 included: their values are fixed addresses). */
    private int xs() {
        if (inject != null) {
            int d = xdNz();
            inject.i("li " + x(d) + ", " + hex(nextSpecial(Values.specialInt(r), 1L << 63)));
            return d;
        }
        return r.nextInt(100) < 6 ? 0 : r.nextInt(32);
    }

    /**
     * Usually {@code fresh}; sometimes the previous special operand again, with its sign bit
     * flipped or as is (so that +0 meets -0, x meets -x, NaN meets NaN).
     */
    private long nextSpecial(long fresh, long signBit) {
        Long last = lastSpecial;
        long v = fresh;
        if (last != null) {
            int k = r.nextInt(100);
            if (k < 30) v = last ^ signBit;
            else if (k < 40) v = last;
        }
        lastSpecial = v;
        return v;
    }

    /** An integer destination: not reserved; rarely x0 (a HINT). */
    private int xd() {
        if (r.nextInt(100) < 3) {
            x0Dest = true;
            return 0;
        }
        return xdNz();
    }

    /** A non-zero, non-reserved integer destination. */
    private int xdNz() {
        while (true) {
            int d = 1 + r.nextInt(31);
            if (!reserved[d]) return d;
        }
    }

    /** A destination among x8..x15 (for compressed forms), or -1 if all are reserved. */
    private int xdc() {
        List<Integer> ok = new ArrayList<>();
        for (int i = 8; i <= 15; i++) if (!reserved[i]) ok.add(i);
        return ok.isEmpty() ? -1 : ok.get(r.nextInt(ok.size()));
    }

    /** A source among x8..x15. */
    private int xsc() {
        return 8 + r.nextInt(8);
    }

    /** 64-bit constants in hex, so the assembler never sees an out-of-range decimal. */
    static String hex(long v) {
        return String.format("0x%x", v);
    }

    private static String x(int i) {
        return X_NAMES[i];
    }

    private static String f(int i) {
        return F_NAMES[i];
    }

    /** An FP source, usually one holding the given kind of value. */
    private int fs(boolean single) {
        if (inject != null) {
            int d = r.nextInt(32), t = xdNz();
            long bits = single ? nextSpecial(Values.specialSingle(r), 1L << 31)
                    : nextSpecial(Values.specialDouble(r), 1L << 63);
            inject.i("li " + x(t) + ", " + hex(bits)).i((single ? "fmv.w.x " : "fmv.d.x ") + f(d) + ", " + x(t));
            fSingle[d] = single;
            return d;
        }
        if (r.nextInt(100) < 85) {
            List<Integer> ok = new ArrayList<>();
            for (int i = 0; i < 32; i++) if (fSingle[i] == single) ok.add(i);
            if (!ok.isEmpty()) return ok.get(r.nextInt(ok.size()));
        }
        return r.nextInt(32);
    }

    /** An FP destination, recorded as now holding the given kind. Choose it after the sources. */
    private int fd(boolean single) {
        int d = r.nextInt(32);
        fSingle[d] = single;
        return d;
    }

    private static final String[] RM = {"rne", "rtz", "rdn", "rup", "rmm", "dyn"};

    /** A rounding-mode operand suffix (", rtz"), or "" for the assembler's default (dyn). */
    private String rm() {
        return r.nextInt(100) < 25 ? "" : ", " + pick(RM);
    }

    // ---------------------------------------------------------------- integer

    private static final String[] R_OPS = {
        "add", "sub", "sll", "slt", "sltu", "xor", "srl", "sra", "or", "and",
        "addw", "subw", "sllw", "srlw", "sraw",
        "mul", "mulh", "mulhsu", "mulhu", "div", "divu", "rem", "remu", "mulw", "divw", "divuw", "remw", "remuw",
        "andn", "orn", "xnor", "max", "maxu", "min", "minu", "rol", "ror", "rolw", "rorw",
        "add.uw", "sh1add", "sh2add", "sh3add", "sh1add.uw", "sh2add.uw", "sh3add.uw",
        "bclr", "bext", "binv", "bset",
    };

    private Unit aluR() {
        String op = pick(R_OPS);
        int rs1 = xs(), rs2 = xs();
        if ((op.startsWith("div") || op.startsWith("rem")) && r.nextInt(100) < 15) rs2 = 0;
        if (r.nextInt(100) < 8) rs2 = rs1;
        int rd = xd();
        return new Unit.Builder().i(op + " " + x(rd) + ", " + x(rs1) + ", " + x(rs2)).build();
    }

    private static final String[] I_OPS = {"addi", "slti", "sltiu", "xori", "ori", "andi", "addiw"};
    private static final String[] SHIFT64 = {"slli", "srli", "srai", "rori", "bclri", "bexti", "binvi", "bseti", "slli.uw"};
    private static final String[] SHIFT32 = {"slliw", "srliw", "sraiw", "roriw"};
    private static final String[] UNARY = {
        "clz", "ctz", "cpop", "clzw", "ctzw", "cpopw", "sext.b", "sext.h", "zext.h", "rev8", "orc.b",
        "zext.w", "sext.w", "not", "neg", "negw", "seqz", "snez", "sltz", "sgtz", "mv",
    };

    private Unit aluI() {
        int rs1 = xs();
        int k = r.nextInt(100);
        String text;
        if (k < 40) {
            String op = pick(I_OPS);
            text = op + " %s, " + x(rs1) + ", " + Values.imm12(r);
        } else if (k < 65) {
            int sh = r.nextInt(10) == 0 ? pick(new Integer[] {0, 1, 31, 32, 63}) : r.nextInt(64);
            text = pick(SHIFT64) + " %s, " + x(rs1) + ", " + sh;
        } else if (k < 75) {
            int sh = r.nextInt(10) == 0 ? pick(new Integer[] {0, 1, 31}) : r.nextInt(32);
            text = pick(SHIFT32) + " %s, " + x(rs1) + ", " + sh;
        } else {
            String op = pick(UNARY);
            if (op.equals("ctzw")) {                  // see QemuQuirks: keep qemu 7.2 on the right side of its bug
                int t = xdNz();
                return new Unit.Builder().i("sext.w " + x(t) + ", " + x(rs1)).i("ctzw " + x(xd()) + ", " + x(t)).build();
            }
            text = op + " %s, " + x(rs1);
        }
        return new Unit.Builder().i(String.format(text, x(xd()))).build();
    }

    private Unit upper() {
        int rd = xd();
        return switch (r.nextInt(3)) {
            case 0 -> new Unit.Builder().i("lui " + x(rd) + ", " + upperImm()).build();
            case 1 -> new Unit.Builder().i("auipc " + x(rd) + ", " + upperImm()).build();
            default -> new Unit.Builder().i("li " + x(rd) + ", " + hex(Values.anInt(r))).build();
        };
    }

    private String upperImm() {
        int v = r.nextInt(4) == 0 ? pick(new Integer[] {0, 1, 0x7ffff, 0x80000, 0xfffff, 0x80001}) : r.nextInt(1 << 20);
        return String.format("0x%x", v);
    }

    /**
     * Often wraps an FP unit as {@code fsflags zero; UNIT; frflags rd}, so that the exception
     * flags of that one operation reach the dump: fflags is sticky, and once a block has set
     * NX (or any flag) a later operation that fails to set it would otherwise go unseen.
     */
    private Unit flagProbe(Unit fp) {
        if (r.nextInt(100) >= 35) return fp;
        Unit.Builder u = new Unit.Builder().tag(KnownMimicBugs.Tag.FLAG_PROBE).i("fsflags zero").inline(fp);
        return u.i("frflags " + x(xdNz())).build();
    }

    /**
     * One operation whose source registers were just loaded with special values (FP specials
     * such as +-0, +-inf, NaNs, subnormals and conversion limits; integer boundaries), often
     * related to each other (x and -x, the same NaN twice).
     */
    private Unit specialOperands() {
        Unit.Builder u = new Unit.Builder().tag(KnownMimicBugs.Tag.SPECIAL);
        inject = u;
        lastSpecial = null;
        Unit op;
        try {
            op = switch (r.nextInt(10)) {
                case 0, 1 -> fpArith();
                case 2, 3, 4 -> fpMisc();
                case 5, 6 -> fpConvert();
                case 7 -> aluI();
                default -> aluR();
            };
        } finally {
            inject = null;
        }
        return flagProbe(u.inline(op).build());
    }

    /** Division edge cases: by zero, and the overflowing MIN / -1, with garbage in the upper halves for W forms. */
    private Unit divEdge() {
        String op = pick(new String[] {"div", "divu", "rem", "remu", "divw", "divuw", "remw", "remuw"});
        boolean w = op.endsWith("w");
        long a, b;
        long garbage = r.nextBoolean() ? 0 : r.nextLong() & 0xffffffff00000000L;
        switch (r.nextInt(3)) {
            case 0 -> { a = Values.anInt(r); b = w ? garbage : 0; }
            case 1 -> { a = w ? (garbage | 0x80000000L) : Long.MIN_VALUE; b = w ? (garbage | 0xffffffffL) : -1; }
            default -> { a = w ? (garbage == 0 ? 0xffffffff80000000L : garbage | 0x80000000L) : Long.MIN_VALUE;
                         b = w ? (r.nextLong() & 0xffffffff00000000L) | 0xffffffffL : -1; }
        }
        int t1 = xdNz(), t2;
        do t2 = xdNz(); while (t2 == t1);
        int rd = xd();
        return new Unit.Builder()
                .i("li " + x(t1) + ", " + hex(a))
                .i("li " + x(t2) + ", " + hex(b))
                .i(op + " " + x(rd) + ", " + x(t1) + ", " + x(t2)).build();
    }

    private Unit compressedAlu() {
        Unit.Builder u = new Unit.Builder();
        int rdc = xdc();
        switch (r.nextInt(rdc < 0 ? 6 : 16)) {
            case 0 -> u.i("c.addi " + x(xdNz()) + ", " + nz6());
            case 1 -> u.i("c.addiw " + x(xdNz()) + ", " + (r.nextInt(64) - 32));
            case 2 -> u.i("c.li " + x(xdNz()) + ", " + (r.nextInt(64) - 32));
            case 3 -> {
                int rd;
                do rd = xdNz(); while (rd == 2);
                int imm = r.nextBoolean() ? 1 + r.nextInt(31) : 0xfffe0 + r.nextInt(32);
                u.i("c.lui " + x(rd) + ", " + String.format("0x%x", imm));
            }
            case 4 -> u.i("c.slli " + x(xdNz()) + ", " + (1 + r.nextInt(63)));
            case 5 -> {
                int rs = xs();
                if (rs == 0) rs = 1;
                String op = r.nextBoolean() ? "c.mv " : "c.add ";
                u.i(op + x(xdNz()) + ", " + x(rs));
            }
            case 6, 7 -> u.i((r.nextBoolean() ? "c.srli " : "c.srai ") + x(rdc) + ", " + (1 + r.nextInt(63)));
            case 8 -> u.i("c.andi " + x(rdc) + ", " + (r.nextInt(64) - 32));
            case 14 -> u.i("c.addi4spn " + x(rdc) + ", sp, " + 4 * (1 + r.nextInt(255)));
            case 15 -> u.i("c.nop");
            default -> u.i(pick(new String[] {"c.sub ", "c.xor ", "c.or ", "c.and ", "c.subw ", "c.addw "})
                    + x(rdc) + ", " + x(xsc()));
        }
        return u.build();
    }

    private int nz6() {
        int v;
        do v = r.nextInt(64) - 32; while (v == 0);
        return v;
    }

    // ---------------------------------------------------------------- memory

    private static final String[] LOADS = {"lb", "lh", "lw", "ld", "lbu", "lhu", "lwu"};
    private static final String[] STORES = {"sb", "sh", "sw", "sd"};

    private static int sizeOf(String op) {
        return switch (op.charAt(op.length() - (op.endsWith("u") ? 2 : 1))) {
            case 'b' -> 1;
            case 'h' -> 2;
            case 'w' -> 4;
            case 'd' -> 8;
            default -> throw new IllegalArgumentException(op);
        };
    }

    private int base() {
        return r.nextBoolean() ? Layout.SP : Layout.S0;
    }

    /** An in-buffer offset from {@code base} for a {@code size}-byte access; misaligned sometimes (tagged). */
    private int offset(int base, int size, Unit.Builder u, boolean allowMisaligned) {
        int lo = Layout.minOffset(base), hi = Layout.maxOffset(base, size);
        int off = switch (r.nextInt(10)) {
            case 0 -> lo;
            case 1 -> hi;
            case 2 -> 0;
            case 3 -> r.nextInt(64) - 32;
            default -> lo + r.nextInt(hi - lo + 1);
        };
        off = Math.max(lo, Math.min(hi, off));
        int aligned = Math.floorDiv(off - lo, size) * size + lo;   // lo is 8-aligned relative to the area
        if (allowMisaligned && size > 1 && r.nextInt(100) < 12) {
            int mis = aligned + 1 + r.nextInt(size - 1);
            if (mis <= hi) {
                u.tag(KnownMimicBugs.Tag.MISALIGNED);
                return mis;
            }
        }
        return aligned;
    }

    private Unit load() {
        Unit.Builder u = new Unit.Builder();
        if (r.nextInt(100) < 30) {
            int k = r.nextInt(4);
            if (k < 2) {
                int rd = xdNz();
                if (k == 0) u.i("c.lwsp " + x(rd) + ", " + 4 * r.nextInt(64) + "(sp)");
                else u.i("c.ldsp " + x(rd) + ", " + 8 * r.nextInt(64) + "(sp)");
                return u.build();
            }
            int rd = xdc();
            if (rd >= 0) {
                if (k == 2) u.i("c.lw " + x(rd) + ", " + 4 * r.nextInt(32) + "(s0)");
                else u.i("c.ld " + x(rd) + ", " + 8 * r.nextInt(32) + "(s0)");
                return u.build();
            }
        }
        String op = pick(LOADS);
        int b = base();
        int off = offset(b, sizeOf(op), u, true);
        return u.i(op + " " + x(xd()) + ", " + off + "(" + x(b) + ")").build();
    }

    private Unit store() {
        Unit.Builder u = new Unit.Builder();
        if (r.nextInt(100) < 30) {
            switch (r.nextInt(4)) {
                case 0 -> u.i("c.swsp " + x(xs()) + ", " + 4 * r.nextInt(64) + "(sp)");
                case 1 -> u.i("c.sdsp " + x(xs()) + ", " + 8 * r.nextInt(64) + "(sp)");
                case 2 -> u.i("c.sw " + x(xsc()) + ", " + 4 * r.nextInt(32) + "(s0)");
                default -> u.i("c.sd " + x(xsc()) + ", " + 8 * r.nextInt(32) + "(s0)");
            }
            return u.build();
        }
        String op = pick(STORES);
        int b = base();
        int off = offset(b, sizeOf(op), u, true);
        return u.i(op + " " + x(xs()) + ", " + off + "(" + x(b) + ")").build();
    }

    private Unit fpLoadStore() {
        Unit.Builder u = new Unit.Builder();
        switch (r.nextInt(12)) {
            case 0 -> {
                int d = 8 + r.nextInt(8);
                fSingle[d] = false;
                u.i("c.fld " + f(d) + ", " + 8 * r.nextInt(32) + "(s0)");
            }
            case 1 -> u.i("c.fsd " + f(8 + r.nextInt(8)) + ", " + 8 * r.nextInt(32) + "(s0)");
            case 2 -> u.i("c.fldsp " + f(fd(false)) + ", " + 8 * r.nextInt(64) + "(sp)");
            case 3 -> u.i("c.fsdsp " + f(r.nextInt(32)) + ", " + 8 * r.nextInt(64) + "(sp)");
            default -> {
                String op = pick(new String[] {"flw", "fld", "fsw", "fsd"});
                int b = base();
                int off = offset(b, op.endsWith("w") ? 4 : 8, u, true);
                int reg = op.startsWith("fl") ? fd(op.equals("flw")) : r.nextInt(32);
                u.i(op + " " + f(reg) + ", " + off + "(" + x(b) + ")");
            }
        }
        return u.build();
    }

    /**
     * An access through a temporary address register, anywhere in the buffer (often across the
     * page boundary at area+4096, see {@link Layout#PAGE_BOUNDARY}): t = base + o1; access o2(t).
     */
    private Unit indexedAccess() {
        Unit.Builder u = new Unit.Builder();
        boolean isLoad = r.nextBoolean();
        String op = isLoad ? pick(LOADS) : pick(STORES);
        if (r.nextInt(4) == 0) op = isLoad ? pick(new String[] {"flw", "fld"}) : pick(new String[] {"fsw", "fsd"});
        int size = op.startsWith("f") ? (op.endsWith("w") ? 4 : 8) : sizeOf(op);
        int b = base();
        int target;                                          // relative to the area
        if (r.nextInt(3) == 0) {
            target = Layout.PAGE_BOUNDARY - size + 1 + r.nextInt(2 * size - 1);   // touches both pages or ends/starts at the boundary
        } else {
            target = Layout.BUF_OFFSET + r.nextInt(Layout.BUF_BYTES - size + 1);
            if (r.nextInt(100) >= 15) target -= (target - Layout.BUF_OFFSET) % size;
        }
        if (target % size != 0) u.tag(KnownMimicBugs.Tag.MISALIGNED);
        if (target < Layout.PAGE_BOUNDARY && target + size > Layout.PAGE_BOUNDARY) u.tag(KnownMimicBugs.Tag.PAGE_CROSSING);
        int rel = target - Layout.baseOffset(b);
        int o2 = Math.max(rel - 2047, -2048) + r.nextInt(Math.min(rel + 2048, 2047) - Math.max(rel - 2047, -2048) + 1);
        int o1 = rel - o2;
        int t = xdNz();
        u.i("addi " + x(t) + ", " + x(b) + ", " + o1);
        String addr = o2 + "(" + x(t) + ")";
        switch (op) {
            case "flw", "fld" -> u.i(op + " " + f(fd(op.equals("flw"))) + ", " + addr);
            case "fsw", "fsd" -> u.i(op + " " + f(r.nextInt(32)) + ", " + addr);
            default -> u.i(op + " " + x(isLoad ? xd() : xs()) + ", " + addr);
        }
        return u.build();
    }

    /**
     * sp (a base) moved and moved back around an sp-relative access: covers c.addi16sp and
     * addi on sp while keeping sp's value between units.
     */
    private Unit spAdjust() {
        Unit.Builder u = new Unit.Builder().tag(KnownMimicBugs.Tag.SP_ADJUST);
        boolean compressed = r.nextBoolean();
        int delta = compressed ? 16 * (r.nextInt(9) - 4) : r.nextInt(513) - 256;
        if (delta == 0) delta = 16;
        delta -= delta % 8;
        if (delta == 0) delta = 8;
        String op = compressed && delta % 16 == 0 ? "c.addi16sp sp, " : "addi sp, sp, ";
        u.i(op + delta);
        int off = Layout.SP_OFFSET + delta;                  // the area offset sp now points to
        int lo = Layout.BUF_OFFSET - off, hi = Layout.AREA_BYTES - 8 - off;
        int o = Math.max(lo, Math.min(hi, 8 * ((r.nextInt(64)) - 8)));
        o -= Math.floorMod(o - lo, 8);
        if (r.nextBoolean()) u.i("ld " + x(xd()) + ", " + o + "(sp)");
        else u.i("sd " + x(xs()) + ", " + o + "(sp)");
        u.i(op + (-delta));
        return u.build();
    }

    /**
     * A local function called twice (so its return goes back to two places): j over it; F:
     * body; return through the link register; then two calls with a unit between.
     */
    private Unit call() {
        Unit.Builder u = new Unit.Builder().tag(KnownMimicBugs.Tag.CALL);
        String fn = label(), skip = label();
        int link = r.nextBoolean() ? 1 : xdNz();
        reserved[link] = true;
        u.i("j " + skip).label(fn);
        int body = 1 + r.nextInt(3);
        for (int i = 0; i < body; i++) u.append(simpleFiltered());
        switch (r.nextInt(3)) {
            case 0 -> u.i("jr " + x(link));
            case 1 -> u.i("jalr zero, 0(" + x(link) + ")");
            default -> u.i("c.jr " + x(link));
        }
        u.label(skip);
        reserved[link] = false;
        for (int k = 0; k < 2; k++) {
            if (link == 1 && r.nextBoolean()) u.i("call " + fn);        // auipc ra + jalr ra (no relaxation)
            else u.i("jal " + x(link) + ", " + fn);
            if (k == 0) u.append(simpleFiltered());
        }
        return u.build();
    }

    /** Code run out of order: j L2; L1: A; j L3; L2: B; j L1; L3: (B runs, then A). */
    private Unit jumpAround() {
        Unit.Builder u = new Unit.Builder().tag(KnownMimicBugs.Tag.FORWARD);
        String l1 = label(), l2 = label(), l3 = label();
        u.i((r.nextBoolean() ? "c.j " : "j ") + l2).label(l1);
        u.append(simpleFiltered());
        u.i("j " + l3).label(l2);
        u.append(simpleFiltered());
        u.i((r.nextBoolean() ? "c.j " : "j ") + l1).label(l3);
        return u.build();
    }

    private static final String[] AMO_OPS = {
        "amoswap", "amoadd", "amoxor", "amoand", "amoor", "amomin", "amomax", "amominu", "amomaxu"};
    private static final String[] ORDER = {"", "", ".aq", ".rl", ".aqrl"};

    private Unit amo() {
        Unit.Builder u = new Unit.Builder();
        boolean d = r.nextBoolean();
        String op = pick(AMO_OPS) + (d ? ".d" : ".w") + pick(ORDER);
        int b = base();
        String addr;
        if (r.nextInt(5) == 0) {
            addr = x(b);
        } else {
            int t = xdNz();
            u.i("addi " + x(t) + ", " + x(b) + ", " + offset(b, d ? 8 : 4, u, false));
            addr = x(t);
        }
        return u.i(op + " " + x(xd()) + ", " + x(xs()) + ", (" + addr + ")").build();
    }

    private Unit lrsc() {
        Unit.Builder u = new Unit.Builder();
        boolean d = r.nextBoolean();
        String sfx = d ? ".d" : ".w";
        int b = base();
        int t = xdNz();
        u.i("addi " + x(t) + ", " + x(b) + ", " + offset(b, d ? 8 : 4, u, false));
        reserved[t] = true;
        int rd1 = xd();
        u.i("lr" + sfx + pick(ORDER) + " " + x(rd1) + ", (" + x(t) + ")");
        int middle = r.nextInt(3);
        for (int k = 0; k < middle; k++) u.append(r.nextBoolean() ? aluR() : aluI());
        int rd2 = xd();
        u.i("sc" + sfx + pick(ORDER) + " " + x(rd2) + ", " + x(xs()) + ", (" + x(t) + ")");
        reserved[t] = false;
        return u.build();
    }

    /** An SC with no reservation (every LR is followed by its SC in the same unit): must fail. */
    private Unit loneSc() {
        Unit.Builder u = new Unit.Builder().tag(KnownMimicBugs.Tag.LONE_SC);
        boolean d = r.nextBoolean();
        int b = base();
        int t = xdNz();
        u.i("addi " + x(t) + ", " + x(b) + ", " + offset(b, d ? 8 : 4, u, false));
        return u.i("sc" + (d ? ".d" : ".w") + " " + x(xd()) + ", " + x(xs()) + ", (" + x(t) + ")").build();
    }

    // ---------------------------------------------------------------- control flow

    private static final String[] BRANCH2 = {"beq", "bne", "blt", "bge", "bltu", "bgeu", "bgt", "ble", "bgtu", "bleu"};
    private static final String[] BRANCH1 = {"beqz", "bnez", "blez", "bgez", "bltz", "bgtz"};

    private Unit forwardBranch() {
        Unit.Builder u = new Unit.Builder().tag(KnownMimicBugs.Tag.FORWARD);
        String l = label();
        int k = r.nextInt(10);
        if (k < 6) {
            int a = xs(), b = r.nextInt(100) < 10 ? a : xs();
            u.i(pick(BRANCH2) + " " + x(a) + ", " + x(b) + ", " + l);
        } else if (k < 8) {
            u.i(pick(BRANCH1) + " " + x(xs()) + ", " + l);
        } else {
            u.i((r.nextBoolean() ? "c.beqz " : "c.bnez ") + x(xsc()) + ", " + l);
        }
        int body = r.nextInt(5);
        for (int i = 0; i < body; i++) u.append(simpleFiltered());
        return u.label(l).build();
    }

    private Unit forwardJump() {
        Unit.Builder u = new Unit.Builder().tag(KnownMimicBugs.Tag.FORWARD);
        String l = label();
        switch (r.nextInt(4)) {
            case 0 -> u.i("j " + l);
            case 1 -> u.i("c.j " + l);
            default -> u.i("jal " + x(xd()) + ", " + l);
        }
        int body = r.nextInt(4);
        for (int i = 0; i < body; i++) u.append(simpleFiltered());
        return u.label(l).build();
    }

    /** t = address near the label (maybe odd); jalr to it with an offset that lands on the label. */
    private Unit jalr() {
        Unit.Builder u = new Unit.Builder().tag(KnownMimicBugs.Tag.FORWARD);
        String l = label();
        int t = xdNz();
        int k = r.nextInt(10);
        if (k < 2) {
            u.i("lla " + x(t) + ", " + l);
            if (k == 0) u.i("c.jr " + x(t));
            else u.i("c.jalr " + x(t));
        } else {
            int e = r.nextInt(3) == 0 ? 1 : 0;                 // odd target: jalr clears bit 0
            int disp = r.nextBoolean() ? r.nextInt(64) - 32 : r.nextInt(4096) - 2048;
            int addend = e - disp;
            u.i("lla " + x(t) + ", " + l + (addend < 0 ? " - " + (-addend) : " + " + addend));
            int rd = r.nextInt(4) == 0 ? t : xd();
            u.i("jalr " + x(rd) + ", " + disp + "(" + x(t) + ")");
        }
        int body = r.nextInt(4);
        for (int i = 0; i < body; i++) u.append(simpleFiltered());
        return u.label(l).build();
    }

    /** A short loop, bounded by a counter (and maybe a limit) that its body does not write. */
    private Unit loop() {
        Unit.Builder u = new Unit.Builder().tag(KnownMimicBugs.Tag.LOOP);
        String l = label();
        int c = xdNz();
        reserved[c] = true;
        // mostly short; sometimes long enough for HotSpot to compile the translated loop
        boolean hot = r.nextInt(100) < 8;
        int iterations = hot ? 2000 + r.nextInt(20000) : 1 + r.nextInt(4);
        if (hot) u.tag(KnownMimicBugs.Tag.HOT_LOOP);
        boolean down = r.nextBoolean();
        int lim = -1;
        long start = r.nextInt(7) - 3;
        if (down) {
            u.i("li " + x(c) + ", " + iterations);
        } else {
            lim = xdNz();
            reserved[lim] = true;
            u.i("li " + x(c) + ", " + start);
            u.i("li " + x(lim) + ", " + (start + iterations));
        }
        u.label(l);
        int body = 1 + r.nextInt(hot ? 6 : 4);
        for (int i = 0; i < body; i++) {
            int k = r.nextInt(100);
            if (k < 12) u.append(filtered(() -> maybeNoRvc(forwardBranch())));
            else if (k < 18) u.append(filtered(() -> maybeNoRvc(amo())));
            else u.append(simpleFiltered());
        }
        if (down) {
            u.i("addi " + x(c) + ", " + x(c) + ", -1");
            u.i("bnez " + x(c) + ", " + l);
        } else {
            u.i("addi " + x(c) + ", " + x(c) + ", 1");
            u.i((r.nextBoolean() ? "blt " : "bne ") + x(c) + ", " + x(lim) + ", " + l);
            reserved[lim] = false;
        }
        reserved[c] = false;
        return u.build();
    }

    // ---------------------------------------------------------------- floating point

    private Unit fpArith() {
        boolean s = r.nextBoolean();
        String p = s ? ".s" : ".d";
        int k = r.nextInt(10);
        if (k < 6) {
            String op = pick(new String[] {"fadd", "fsub", "fmul", "fdiv"});
            int a = fs(s), b = fs(s);
            if (r.nextInt(10) == 0) b = a;
            return new Unit.Builder().i(op + p + " " + f(fd(s)) + ", " + f(a) + ", " + f(b) + rm()).build();
        }
        if (k < 7) {
            int a = fs(s);
            return new Unit.Builder().i("fsqrt" + p + " " + f(fd(s)) + ", " + f(a) + rm()).build();
        }
        String op = pick(new String[] {"fmadd", "fmsub", "fnmsub", "fnmadd"});
        int a = fs(s), b = fs(s), c = fs(s);
        return new Unit.Builder().i(op + p + " " + f(fd(s)) + ", " + f(a) + ", " + f(b) + ", " + f(c) + rm()).build();
    }

    private Unit fpMisc() {
        boolean s = r.nextBoolean();
        String p = s ? ".s" : ".d";
        int k = r.nextInt(12);
        int a = fs(s), b = r.nextInt(8) == 0 ? a : fs(s);
        Unit.Builder u = new Unit.Builder();
        if (k < 3) return u.i(pick(new String[] {"fmin", "fmax"}) + p + " " + f(fd(s)) + ", " + f(a) + ", " + f(b)).build();
        if (k < 5) return u.i(pick(new String[] {"fsgnj", "fsgnjn", "fsgnjx"}) + p + " " + f(fd(s)) + ", " + f(a) + ", " + f(b)).build();
        if (k < 6) return u.i(pick(new String[] {"fmv", "fneg", "fabs"}) + p + " " + f(fd(s)) + ", " + f(a)).build();
        if (k < 10) return u.i(pick(new String[] {"feq", "flt", "fle"}) + p + " " + x(xd()) + ", " + f(a) + ", " + f(b)).build();
        return u.i("fclass" + p + " " + x(xd()) + ", " + f(a)).build();
    }

    private static final String[] INT_KINDS = {"w", "wu", "l", "lu"};

    private Unit fpConvert() {
        boolean s = r.nextBoolean();
        String p = s ? "s" : "d";
        String ik = pick(INT_KINDS);
        Unit.Builder u = new Unit.Builder();
        int k = r.nextInt(10);
        if (k < 4) {                                        // float -> integer
            int a = fs(s);
            return u.i("fcvt." + ik + "." + p + " " + x(xd()) + ", " + f(a) + rm()).build();
        }
        if (k < 8) {                                        // integer -> float
            int a = xs();
            boolean exact = !s && (ik.equals("w") || ik.equals("wu"));
            int d = fd(s);
            if (exact && r.nextInt(3) == 0) {               // the assembler takes no rm here: encode one
                u.tag("fcvt.d." + ik).tag(KnownMimicBugs.Tag.INSN_RM);
                return u.i(".insn r OP_FP, " + insnRm() + ", 0x69, " + f(d) + ", " + x(a) + ", " + (ik.equals("w") ? "x0" : "x1")).build();
            }
            return u.i("fcvt." + p + "." + ik + " " + f(d) + ", " + x(a) + (exact ? "" : rm())).build();
        }
        if (s) {                                            // double -> single
            int a = fs(false);
            return u.i("fcvt.s.d " + f(fd(true)) + ", " + f(a) + rm()).build();
        }
        int a = fs(true);                                   // single -> double (exact)
        int d = fd(false);
        if (r.nextInt(3) == 0) {
            u.tag("fcvt.d.s").tag(KnownMimicBugs.Tag.INSN_RM);
            return u.i(".insn r OP_FP, " + insnRm() + ", 0x21, " + f(d) + ", " + f(a) + ", x0").build();
        }
        return u.i("fcvt.d.s " + f(d) + ", " + f(a)).build();
    }

    private int insnRm() {
        int rm = r.nextInt(6);
        return rm == 5 ? 7 : rm;
    }

    private Unit fpMove() {
        Unit.Builder u = new Unit.Builder();
        return switch (r.nextInt(4)) {
            case 0 -> { int a = fs(true); yield u.i("fmv.x.w " + x(xd()) + ", " + f(a)).build(); }
            case 1 -> u.i("fmv.w.x " + f(fd(true)) + ", " + x(xs())).build();
            case 2 -> { int a = fs(false); yield u.i("fmv.x.d " + x(xd()) + ", " + f(a)).build(); }
            default -> u.i("fmv.d.x " + f(fd(false)) + ", " + x(xs())).build();
        };
    }

    /** Puts an interesting FP value into a register mid-stream: li t, bits; fmv.{w,d}.x. */
    private Unit fpInject() {
        int t = xdNz();
        boolean s = r.nextBoolean();
        long bits = s ? Values.aSingle(r) : Values.aDouble(r);
        return new Unit.Builder()
                .i("li " + x(t) + ", " + hex(bits))
                .i((s ? "fmv.w.x " : "fmv.d.x ") + f(fd(s)) + ", " + x(t)).build();
    }

    /** Reads and writes of fflags, frm and fcsr, always leaving a valid rounding mode. */
    private Unit csrFp() {
        Unit.Builder u = new Unit.Builder();
        int rd = xd();
        switch (r.nextInt(14)) {
            case 0 -> u.i("frflags " + x(rd));
            case 1 -> u.i("frrm " + x(rd));
            case 2 -> u.i("frcsr " + x(rd));
            case 3 -> u.i("fsflagsi " + x(rd) + ", " + r.nextInt(32));
            case 4 -> u.i("fsrmi " + x(rd) + ", " + r.nextInt(5));
            case 5 -> u.i("csrrci " + x(rd) + ", " + pick(new String[] {"fflags", "frm", "fcsr"}) + ", " + r.nextInt(32));
            case 6 -> u.i("csrrsi " + x(rd) + ", " + pick(new String[] {"fflags", "fcsr"}) + ", " + r.nextInt(32));
            case 7 -> u.i("csrrwi " + x(rd) + ", " + pick(new String[] {"fflags", "fcsr"}) + ", " + r.nextInt(32));
            case 8 -> u.i("csrrs " + x(rd) + ", " + pick(new String[] {"fflags", "frm", "fcsr"}) + ", zero");
            default -> {
                int t = xdNz();
                String csr = pick(new String[] {"fflags", "frm", "fcsr"});
                String op = pick(new String[] {"csrrw", "csrrs", "csrrc"});
                long v;
                if (op.equals("csrrc")) v = r.nextInt(256);
                else if (csr.equals("fflags")) v = r.nextInt(32);
                else if (csr.equals("frm")) v = op.equals("csrrs") ? 0 : r.nextInt(5);
                else v = op.equals("csrrs") ? r.nextInt(32) : (r.nextInt(5) << 5) | r.nextInt(32);
                // keep garbage out of the reserved upper bits: csrrw/csrrs write only valid values
                u.i("li " + x(t) + ", " + v);
                if (rd != 0 && r.nextInt(4) == 0) rd = t;                   // read old value into the source register
                u.i(op + " " + x(rd) + ", " + csr + ", " + x(t));
            }
        }
        return u.build();
    }

    private Unit misc() {
        Unit.Builder u = new Unit.Builder();
        switch (r.nextInt(7)) {
            case 0 -> u.i("fence");
            case 1 -> u.i("fence " + pick(new String[] {"r", "w", "rw", "i", "o", "iorw"}) + ", "
                    + pick(new String[] {"r", "w", "rw", "i", "o", "iorw"}));
            case 2 -> u.i("fence.tso");
            case 3 -> u.tag("pause").i(".insn i MISC_MEM, 0, x0, x0, 0x010");
            case 4 -> u.i("nop");
            case 5 -> u.i("c.nop");
            default -> {
                x0Dest = true;
                u.i(pick(new String[] {"addi zero, ", "slli zero, ", "andi zero, "}) + x(xs()) + ", " + (1 + r.nextInt(20)));
            }
        }
        return u.build();
    }
}
