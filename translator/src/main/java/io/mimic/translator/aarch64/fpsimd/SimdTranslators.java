package io.mimic.translator.aarch64.fpsimd;

import io.mimic.translator.aarch64.A64Context;
import io.mimic.translator.aarch64.Arm64Cpu;
import io.mimic.translator.engine.Emitter;
import io.mimic.translator.memory.AddressSpace;
import org.objectweb.asm.Opcodes;

/**
 * Advanced SIMD translators. The instructions that glibc's string functions and compiled loops
 * run all the time (logic, ADD/SUB, CMEQ, DUP, INS, UMOV/SMOV, MOVI) are JVM code on the register
 * locals, or one small helper per 64-bit half; the rest call the group's semantic function
 * ({@link SimdInt}, {@link SimdFp}, {@link SimdShift}) on the register array, bracketed by
 * syncV/reloadV. A semantic function is also its group's decoder: it is probed once here, on a
 * scratch CPU, so an unallocated encoding is SIGILL at translation time.
 */
final class SimdTranslators implements Opcodes {
    private static final String CPU = A64Context.CPU_DESC;
    private static final String LANES = "io/mimic/translator/aarch64/fpsimd/SimdHalf";

    /** A group's semantic function: (cpu, encoding) -> allocated. */
    interface Semantics {
        boolean run(Arm64Cpu c, int insn);
    }

    private SimdTranslators() {}

    /**
     * A scratch CPU per translating thread: a CPU is not small (its TLB alone is 64 KiB) and an
     * unallocated encoding depends on the encoding only, not on the registers' values.
     */
    private static final ThreadLocal<Arm64Cpu> SCRATCH = ThreadLocal.withInitial(() -> new Arm64Cpu(new AddressSpace()));

    /** Runs the semantic function on a scratch CPU: false if the encoding is unallocated. */
    static boolean allocated(Semantics s, int insn) {
        return s.run(SCRATCH.get(), insn);
    }

    /** Emits a call of {@code owner.method(cpu, insn)} on the register array (reads V(n), V(m), V(d); writes V(d)). */
    static boolean viaArray(A64Context x, int insn, Semantics s, Class<?> owner, String method, int... extraReads) {
        if (!allocated(s, insn)) return false;
        int d = insn & 31, n = (insn >>> 5) & 31, m = (insn >>> 16) & 31;
        x.syncV(d);
        x.syncV(n);
        x.syncV(m);
        for (int r : extraReads) x.syncV(r & 31);
        x.pushCpu();
        x.emitter().constInt(insn);
        x.callStatic(owner, method, "(" + CPU + "I)Z");
        x.emitter().op(POP);
        x.reloadV(d);
        return true;
    }

    // ---------------------------------------------------------------- three same

    static boolean threeSame(A64Context x, int insn) {
        int op = (insn >>> 11) & 31, size = (insn >>> 22) & 3, d = insn & 31, n = (insn >>> 5) & 31, m = (insn >>> 16) & 31;
        boolean u = (insn & (1 << 29)) != 0, q = (insn & (1 << 30)) != 0, scalar = (insn & (1 << 28)) != 0;
        if (op >= 0x18) {
            if (allocated(SimdFp::threeSame, insn) && SimdFpTranslators.threeSame(x, insn)) return true;
            return viaArray(x, insn, SimdFp::threeSame, SimdFp.class, "threeSame");
        }
        if (!allocated(SimdInt::threeSame, insn)) return false;
        Emitter e = x.emitter();
        int halves = q && !scalar ? 2 : 1;
        if (op == 0x03 && (!u || size == 0)) {                       // AND BIC ORR ORN EOR
            for (int h = 0; h < halves; h++) {
                x.getV(n, h);
                x.getV(m, h);
                if (!u && (size & 1) != 0) { e.constLong(-1); e.op(LXOR); }
                e.op(u ? LXOR : size >= 2 ? LOR : LAND);
                x.setV(d, h);
            }
            zeroHigh(x, d, halves);
            return true;
        }
        String helper = switch (op) {
            case 0x10 -> u ? "sub" : "add";
            case 0x11 -> u ? "cmeq" : null;
            case 0x06 -> u ? "cmhi" : null;
            case 0x07 -> u ? "cmhs" : null;
            case 0x0C -> u ? "umax" : null;
            case 0x0D -> u ? "umin" : null;
            default -> null;
        };
        if (helper == null) {
            if (SimdLaneTranslators.threeSame(x, insn)) return true;
            return viaArray(x, insn, SimdInt::threeSame, SimdInt.class, "threeSame");
        }
        for (int h = 0; h < halves; h++) {
            x.getV(n, h);
            x.getV(m, h);
            e.constInt(size);
            e.callStatic(LANES, helper, "(JJI)J");
            x.setV(d, h);
        }
        zeroHigh(x, d, halves);
        return true;
    }

    private static void zeroHigh(A64Context x, int d, int halves) {
        if (halves == 1) {
            x.emitter().constLong(0);
            x.setV(d, 1);
        }
    }

    // ---------------------------------------------------------------- copy, modified immediate

    static boolean copy(A64Context x, int insn) {
        if (!allocated(SimdInt::copy, insn)) return false;
        int imm5 = (insn >>> 16) & 31, imm4 = (insn >>> 11) & 15, esz = Integer.numberOfTrailingZeros(imm5);
        int d = insn & 31, n = (insn >>> 5) & 31, index = imm5 >>> (esz + 1);
        boolean q = (insn & (1 << 30)) != 0, op = (insn & (1 << 29)) != 0, scalar = (insn & (1 << 28)) != 0;
        int bits = 8 << esz, pos = index * bits, half = pos >>> 6, shift = pos & 63;
        Emitter e = x.emitter();
        if (scalar || op || imm4 == 0) {
            if (op) {                                                 // INS (element)
                int src = (imm4 >>> esz) * bits;
                x.getV(d, half);
                x.getV(n, src >>> 6);
                e.constInt(src & 63);
                e.constInt(shift);
                e.constInt(esz);
                e.callStatic(LANES, "insert", "(JJIII)J");
                x.setV(d, half);
                return true;
            }
            x.getV(n, half);                                          // DUP (element), scalar DUP
            e.constInt(shift);
            e.op(LUSHR);
            if (scalar) {
                if (bits < 64) { e.constLong((1L << bits) - 1); e.op(LAND); }
                x.setV(d, 0);
                e.constLong(0);
                x.setV(d, 1);
                return true;
            }
            e.constInt(esz);
            e.callStatic(LANES, "dup", "(JI)J");
            e.op(DUP2);
            x.setV(d, 0);
            if (!q) { e.op(POP2); e.constLong(0); }
            x.setV(d, 1);
            return true;
        }
        switch (imm4) {
            case 1 -> {                                               // DUP (general)
                x.getX(n);
                e.constInt(esz);
                e.callStatic(LANES, "dup", "(JI)J");
                e.op(DUP2);
                x.setV(d, 0);
                if (!q) { e.op(POP2); e.constLong(0); }
                x.setV(d, 1);
            }
            case 3 -> {                                               // INS (general)
                x.getV(d, half);
                x.getX(n);
                e.constInt(0);
                e.constInt(shift);
                e.constInt(esz);
                e.callStatic(LANES, "insert", "(JJIII)J");
                x.setV(d, half);
            }
            default -> {                                              // SMOV (5), UMOV (7)
                x.getV(n, half);
                if (imm4 == 5) {
                    e.constInt(64 - bits - shift);
                    e.op(LSHL);
                    e.constInt(64 - bits);
                    e.op(LSHR);
                    x.setXW(d, q);
                } else {
                    e.constInt(shift);
                    e.op(LUSHR);
                    if (bits < 64) { e.constLong((1L << bits) - 1); e.op(LAND); }
                    x.setX(d);
                }
            }
        }
        return true;
    }

    static boolean modImm(A64Context x, int insn) {
        if (!allocated(SimdInt::modImm, insn)) return false;
        int cmode = (insn >>> 12) & 15, d = insn & 31;
        boolean op = (insn & (1 << 29)) != 0, q = (insn & (1 << 30)) != 0;
        int imm8 = ((insn >>> 16) & 7) << 5 | (insn >>> 5) & 31;
        long imm = SimdInt.expandImm(op, cmode, imm8);
        Emitter e = x.emitter();
        boolean orr = cmode < 12 && (cmode & 1) == 1;
        for (int h = 0; h < 2; h++) {
            if (h == 1 && !q) {
                e.constLong(0);
            } else if (orr) {
                x.getV(d, h);
                e.constLong(op ? ~imm : imm);
                e.op(op ? LAND : LOR);
            } else {
                e.constLong(op && cmode != 14 && cmode != 15 ? ~imm : imm);
            }
            x.setV(d, h);
        }
        return true;
    }

    // ---------------------------------------------------------------- the rest: semantic functions

    static boolean twoMisc(A64Context x, int insn) {
        int op5 = (insn >>> 12) & 31;
        boolean fp = op5 >= 0x0C && op5 <= 0x0F && (insn & (1 << 23)) != 0 || op5 >= 0x16;
        if (fp) return viaArray(x, insn, SimdFp::twoMisc, SimdFp.class, "twoMisc");
        if (allocated(SimdInt::twoMisc, insn)
                && (SimdShiftTranslators.twoMisc(x, insn) || SimdLaneTranslators.twoMisc(x, insn))) return true;
        return viaArray(x, insn, SimdInt::twoMisc, SimdInt.class, "twoMisc");
    }

    static boolean across(A64Context x, int insn) {
        int op5 = (insn >>> 12) & 31;
        if (op5 == 0x0C || op5 == 0x0F) return viaArray(x, insn, SimdFp::across, SimdFp.class, "across");
        if (allocated(SimdInt::across, insn) && SimdLaneTranslators.across(x, insn)) return true;
        return viaArray(x, insn, SimdInt::across, SimdInt.class, "across");
    }

    static boolean ext(A64Context x, int insn) {
        if (!allocated(SimdInt::ext, insn)) return false;
        SimdLaneTranslators.ext(x, insn);
        return true;
    }

    static boolean byElement(A64Context x, int insn) {
        int op4 = (insn >>> 12) & 15;
        if (op4 == 1 || op4 == 5 || op4 == 9)
            return viaArray(x, insn, SimdFp::byElementFp, SimdFp.class, "byElementFp");
        boolean u = (insn & (1 << 29)) != 0;
        if (op4 == 14 || u && (op4 == 13 || op4 == 15)) // SDOT/UDOT, SQRDMLAH/SQRDMLSH
            return viaArray(x, insn, SimdDot::byElement, SimdDot.class, "byElement", (insn >>> 16) & 15);
        // H-sized elements index registers 0-15 (bit 20 is the index's M bit)
        return viaArray(x, insn, SimdShift::byElementInt, SimdShift.class, "byElementInt", (insn >>> 16) & 15);
    }
}
