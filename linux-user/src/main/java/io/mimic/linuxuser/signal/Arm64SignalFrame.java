package io.mimic.linuxuser.signal;

import io.mimic.translator.aarch64.Arm64Cpu;
import io.mimic.translator.engine.CpuState;
import io.mimic.translator.memory.GuestAccess;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static io.mimic.linuxuser.signal.Arm64SignalFrameLayout.*;

/**
 * The arm64 rt_sigframe of arch/arm64/kernel/signal.c (offsets in {@link Arm64SignalFrameLayout},
 * design in docs/AARCH64.md): siginfo, ucontext with sigcontext (fault_address, x0-x30, sp, pc,
 * pstate) whose __reserved area holds an fpsimd_context record (FPSR, FPCR, V0-V31) and the
 * terminator; a frame record {x29, x30} sits right above it and X29 points at it. The handler
 * returns to sa_restorer or to Mimic's trampoline page ({@code mov x8, #139; svc #0}).
 */
public final class Arm64SignalFrame implements SignalFrame {
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final int SIGILL = 4, SIGTRAP = 5, SIGBUS = 7, SIGFPE = 8, SIGSEGV = 11;

    @Override
    public long stackPointer(CpuState cpu) {
        return ((Arm64Cpu) cpu).x[Arm64Cpu.SP];
    }

    @Override
    public long place(long sp) {
        long record = (sp - FRAME_RECORD_SIZE) & ~15L;
        return (record - FRAME_SIZE) & ~15L;
    }

    @Override
    public int size() {
        return FRAME_SIZE + FRAME_RECORD_SIZE;
    }

    @Override
    public void build(CpuState cpu, long frame, Context ctx) {
        Arm64Cpu c = (Arm64Cpu) cpu;
        MemorySegment m = GuestAccess.raw();
        m.asSlice(frame, size()).fill((byte) 0);
        byte[] info = ctx.info().bytes();
        MemorySegment.copy(info, 0, m, ValueLayout.JAVA_BYTE, frame + SIGINFO, SigInfo.SIZE);
        m.set(LONG, frame + UC_STACK, ctx.altSp());
        m.set(INT, frame + UC_STACK + 8, ctx.altFlags());
        m.set(LONG, frame + UC_STACK + 16, ctx.altSize());
        m.set(LONG, frame + UC_SIGMASK, ctx.savedMask());
        int sig = ctx.sig();
        if (sig == SIGSEGV || sig == SIGBUS || sig == SIGILL || sig == SIGTRAP || sig == SIGFPE) {
            m.set(LONG, frame + FAULT_ADDRESS, MemorySegment.ofArray(info).get(LONG, 16));
        }
        for (int i = 0; i < 31; i++) m.set(LONG, frame + REGS + 8L * i, c.x[i]);
        m.set(LONG, frame + SP, c.x[Arm64Cpu.SP]);
        m.set(LONG, frame + PC, c.pc);
        m.set(LONG, frame + PSTATE, c.pstate());
        long fp = frame + RESERVED;
        m.set(INT, fp, FPSIMD_MAGIC);
        m.set(INT, fp + 4, FPSIMD_SIZE);
        m.set(INT, fp + FPSIMD_FPSR, c.fpsr);
        m.set(INT, fp + FPSIMD_FPCR, c.fpcr);
        for (int i = 0; i < 64; i++) m.set(LONG, fp + FPSIMD_VREGS + 8L * i, c.v[i]);
        // the terminator {0, 0} after the record is already zero
        long record = frame + FRAME_RECORD;
        m.set(LONG, record, c.x[29]);
        m.set(LONG, record + 8, c.x[30]);

        c.exclusiveAddress = -1; // exception entry clears the exclusive monitor
        c.x[0] = sig;
        c.x[1] = frame + SIGINFO;
        c.x[2] = frame + UCONTEXT;
        c.x[29] = record;
        c.x[30] = ctx.restorer();
        c.x[Arm64Cpu.SP] = frame;
        c.pc = ctx.handler();
    }

    @Override
    public long frameForReturn(CpuState cpu) {
        return ((Arm64Cpu) cpu).x[Arm64Cpu.SP];
    }

    @Override
    public Restored restore(CpuState cpu, long frame) {
        Arm64Cpu c = (Arm64Cpu) cpu;
        MemorySegment m = GuestAccess.raw();
        for (int i = 0; i < 31; i++) c.x[i] = m.get(LONG, frame + REGS + 8L * i);
        c.x[Arm64Cpu.SP] = m.get(LONG, frame + SP);
        c.pc = m.get(LONG, frame + PC);
        c.nzcv[0] = m.get(LONG, frame + PSTATE) & 0xF0000000L; // only NZCV is user state at EL0
        // walk the records of __reserved for the FP/SIMD state, as the kernel's parse_user_sigframe
        long at = frame + RESERVED, end = at + RESERVED_SIZE;
        while (at + 8 <= end) {
            int magic = m.get(INT, at), size = m.get(INT, at + 4);
            if (magic == 0 || size < 8 || at + size > end) break;
            if (magic == FPSIMD_MAGIC && size == FPSIMD_SIZE) {
                c.fpsr = m.get(INT, at + FPSIMD_FPSR);
                c.fpcr = m.get(INT, at + FPSIMD_FPCR);
                for (int i = 0; i < 64; i++) c.v[i] = m.get(LONG, at + FPSIMD_VREGS + 8L * i);
                break;
            }
            at += size;
        }
        c.exclusiveAddress = -1;
        return new Restored(m.get(LONG, frame + UC_SIGMASK), frame + UC_STACK);
    }

    /** mov x8, #139 (__NR_rt_sigreturn); svc #0. */
    @Override
    public byte[] sigreturnTrampoline() {
        byte[] b = new byte[8];
        MemorySegment s = MemorySegment.ofArray(b);
        s.set(INT, 0, TRAMPOLINE[0]);
        s.set(INT, 4, TRAMPOLINE[1]);
        return b;
    }
}
