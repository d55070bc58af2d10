package io.mimic.translator.aarch64;

import io.mimic.translator.engine.Emitter;
import io.mimic.translator.engine.GuestFault;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * What an A64 translator works with: the instruction being translated and operand-stack style
 * access to the guest state through the {@link Emitter}. The base translators and the fpsimd
 * package use the same object, so the invariants live here once: register 31 means XZR or SP
 * as the caller says, W writes zero the upper half, flags are skipped when dead.
 *
 * <p>Values on the JVM operand stack are longs unless a method says otherwise.
 *
 * <p>Vector registers: V(n) is two longs, {@code half} 0 (bits 63:0) and 1 (bits 127:64),
 * cached in JVM locals like the X registers. A helper that works on {@link Arm64Cpu#v} directly
 * must be bracketed: {@link #syncV(int)} each register it reads before the call, and
 * {@link #reloadV(int)} each register it writes after it.
 */
public final class A64Context implements Opcodes {
    /** Register banks of {@link Arm64Frontend}: X0-X30 + SP, V as 64 halves, NZCV. */
    public static final int BANK_X = 0, BANK_V = 1, BANK_NZCV = 2;
    /** Internal name and descriptor of {@link Arm64Cpu}, for helper signatures. */
    public static final String CPU = Type.getInternalName(Arm64Cpu.class);
    public static final String CPU_DESC = "L" + CPU + ";";

    private final Emitter e;
    private final Arm64Insn insn;

    A64Context(Emitter e, Arm64Insn insn) {
        this.e = e;
        this.insn = insn;
    }

    /** The emitter, for JVM arithmetic ({@code op(LADD)}), constants and helper calls. */
    public Emitter emitter() { return e; }

    /** The 32-bit encoding. */
    public int insn() { return insn.bits; }

    /** Address of this instruction. */
    public long pc() { return insn.pc; }

    /** Bits hi..lo of the encoding. */
    public int field(int hi, int lo) { return insn.field(hi, lo); }

    // ------------------------------------------------------------------ general registers

    /** Pushes X(r); r = 31 is XZR (0). */
    public void getX(int r) {
        if (r == 31) e.constLong(0);
        else e.getReg(BANK_X, r);
    }

    /** Pushes W(r) zero-extended to a long; r = 31 is WZR. */
    public void getW(int r) {
        getX(r);
        if (r != 31) zeroExtend32();
    }

    /** Pushes X(r) where r = 31 is SP (base registers, add/sub immediate...). */
    public void getXSp(int r) {
        e.getReg(BANK_X, r);
    }

    /** Pops a long into X(r); r = 31 (XZR) discards it. */
    public void setX(int r) {
        if (r == 31) e.op(POP2);
        else e.setReg(BANK_X, r);
    }

    /** Pops a long and writes its low 32 bits to W(r), zeroing bits 63:32. */
    public void setW(int r) {
        if (r == 31) {
            e.op(POP2);
            return;
        }
        zeroExtend32();
        e.setReg(BANK_X, r);
    }

    /** setX or setW by the instruction's width. */
    public void setXW(int r, boolean is64) {
        if (is64) setX(r); else setW(r);
    }

    /** Pops a long into X(r) where r = 31 is SP. */
    public void setXSp(int r) {
        e.setReg(BANK_X, r);
    }

    /** Clears bits 63:32 of the long on the stack. */
    public void zeroExtend32() {
        e.constLong(0xFFFFFFFFL);
        e.op(LAND);
    }

    /** True if writes to X(r) are discarded (r = 31 as XZR): the value need not be computed. */
    public boolean isZr(int r) {
        return r == 31;
    }

    // ------------------------------------------------------------------ flags

    /** Pushes NZCV as a long with N, Z, C, V in bits 31, 30, 29, 28 (PSTATE layout). */
    public void getNzcv() {
        e.getReg(BANK_NZCV, 0);
    }

    /** Pops a long with NZCV in bits 31:28 (other bits must be zero) into PSTATE.NZCV. */
    public void setNzcv() {
        e.setReg(BANK_NZCV, 0);
    }

    /**
     * False if no later instruction can observe the NZCV this instruction writes: a translator
     * may then skip computing them (the value is still architecturally "written").
     */
    public boolean flagsLive() {
        return insn.flagsLive;
    }

    /**
     * Pushes an int, 1 if condition {@code cond} (the A64 4-bit code) holds on NZCV, else 0. The
     * code is known here, so only its test is emitted (as {@link Arm64Flags#cond} computes it):
     * a call of {@code cond} decoded it on every execution, and C1 and the interpreter, which
     * run a unit for its first thousands of executions, do not fold its switch.
     */
    public void condition(int cond) {
        if (cond >= 14) {
            e.constInt(1);
            return;
        }
        getNzcv();
        switch (cond >>> 1) {
            case 0, 1, 2, 3 -> {                                  // Z, C, N, V alone (bits 30, 29, 31, 28)
                e.constInt(new int[]{30, 29, 31, 28}[cond >>> 1]);
                e.op(LUSHR);
            }
            case 4 -> {                                           // HI: C and not Z
                e.op(DUP2);
                e.constInt(29);
                e.op(LUSHR);
                e.op(DUP2_X2);
                e.op(POP2);
                e.constInt(30);
                e.op(LUSHR);
                e.constLong(-1);
                e.op(LXOR);
                e.op(LAND);
            }
            default -> {                                          // GE: N == V; GT: N == V and not Z
                e.op(DUP2);
                e.constInt(3);
                e.op(LUSHR);
                e.op(LXOR);
                e.constInt(28);
                e.op(LUSHR);                                      // bit 0: N != V
                if (cond >>> 1 == 6) {
                    getNzcv();
                    e.constInt(30);
                    e.op(LUSHR);
                    e.op(LOR);                                    // bit 0: N != V or Z
                }
                e.constLong(-1);
                e.op(LXOR);
            }
        }
        e.op(L2I);
        e.constInt(1);
        e.op(IAND);
        if ((cond & 1) != 0) {
            e.constInt(1);
            e.op(IXOR);
        }
    }

    // ------------------------------------------------------------------ vector registers

    /** Pushes half {@code half} (0: bits 63:0, 1: bits 127:64) of V(n). */
    public void getV(int n, int half) {
        e.getReg(BANK_V, 2 * n + half);
    }

    /** Pops a long into half {@code half} of V(n). */
    public void setV(int n, int half) {
        e.setReg(BANK_V, 2 * n + half);
    }

    /** Makes {@code cpu.v} hold V(n)'s current value (before a helper reads the array). */
    public void syncV(int n) {
        e.syncToState(BANK_V, 2 * n);
        e.syncToState(BANK_V, 2 * n + 1);
    }

    /** Reloads V(n) from {@code cpu.v} after a helper wrote it. */
    public void reloadV(int n) {
        e.reloadFromState(BANK_V, 2 * n);
        e.reloadFromState(BANK_V, 2 * n + 1);
    }

    // ------------------------------------------------------------------ CPU, helpers

    /** Pushes the {@link Arm64Cpu} (FPCR and FPSR are its fields {@code fpcr}, {@code fpsr}). */
    public void pushCpu() {
        e.pushCpu();
    }

    /** Calls a static helper; call {@link #mayFault()} first if it can throw a guest fault. */
    public void callStatic(Class<?> owner, String name, String desc) {
        e.callStatic(owner, name, desc);
    }

    /** Marks this instruction as able to fault (helpers that access memory or raise SIGILL). */
    public void mayFault() {
        e.mayFault();
    }

    /** Emits a SIGILL for this instruction (an operand combination that is unallocated). */
    public void illegal() {
        e.raise(GuestFault.Kind.ILLEGAL_INSTRUCTION);
    }

    // ------------------------------------------------------------------ memory

    /**
     * Pushes the base address X(rn)|SP plus {@code offset}. (Address tagging: Linux enables TBI
     * for EL0 data accesses, but glibc never sets tag bits; addresses are used as they are.)
     */
    public void address(int rn, long offset) {
        getXSp(rn);
        if (offset != 0) {
            e.constLong(offset);
            e.op(LADD);
        }
    }

    /**
     * Guest load of {@code size} bytes (1, 2, 4, 8) from the address on the stack; leaves the
     * value zero- or sign-extended to a long. Faults become the guest's SIGSEGV at this pc.
     */
    public void load(int size, boolean signed) {
        e.load(switch (size) {
            case 1 -> signed ? "ld8s" : "ld8u";
            case 2 -> signed ? "ld16sle" : "ld16ule";
            case 4 -> signed ? "ld32sle" : "ld32ule";
            case 8 -> "ld64le";
            default -> throw new IllegalArgumentException("load size " + size);
        });
    }

    /** Guest store of the low {@code size} bytes: address and value (longs) on the stack. */
    public void store(int size) {
        e.store(switch (size) {
            case 1 -> "st8";
            case 2 -> "st16le";
            case 4 -> "st32le";
            case 8 -> "st64le";
            default -> throw new IllegalArgumentException("store size " + size);
        });
    }
}
