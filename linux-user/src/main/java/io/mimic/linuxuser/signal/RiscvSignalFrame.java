package io.mimic.linuxuser.signal;

import io.mimic.translator.engine.CpuState;
import io.mimic.translator.riscv.RiscvCpu;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import io.mimic.translator.memory.GuestAccess;

/**
 * The riscv64 rt_sigframe of arch/riscv/kernel/signal.c: siginfo (128 bytes), then struct
 * ucontext: uc_flags, uc_link, uc_stack, uc_sigmask (8 bytes, padded to the 128 bytes of glibc's
 * sigset_t), then uc_mcontext aligned to 16: sc_regs (pc, x1..x31) and the FP state union,
 * sized for the Q extension (f[64] and fcsr: 528 bytes) of which the D layout (f[32], fcsr) is
 * used. The handler returns to the vDSO's rt_sigreturn trampoline (RISC-V has no SA_RESTORER).
 * Offsets checked against the cross toolchain's ucontext_t (uc_mcontext at 176, the FP state at
 * 432, fcsr at 688, sizeof 960).
 */
public final class RiscvSignalFrame implements SignalFrame {
    private static final int INFO = 0, UC = 128;
    private static final int UC_FLAGS = UC, UC_LINK = UC + 8, UC_STACK = UC + 16, UC_SIGMASK = UC + 40;
    private static final int MCONTEXT = UC + 176, REGS = MCONTEXT, FPREGS = MCONTEXT + 256, FCSR = FPREGS + 256;
    private static final int FRAME_SIZE = UC + 960;
    private static final int RA = 1, SP = 2, A0 = 10, A1 = 11, A2 = 12;
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN);

    @Override
    public long stackPointer(CpuState cpu) {
        return ((RiscvCpu) cpu).x[SP];
    }

    @Override
    public long place(long sp) {
        return (sp - FRAME_SIZE) & ~15L;
    }

    @Override
    public int size() {
        return FRAME_SIZE;
    }

    @Override
    public void build(CpuState cpu, long frame, Context ctx) {
        RiscvCpu c = (RiscvCpu) cpu;
        MemorySegment m = GuestAccess.raw();
        m.asSlice(frame, FRAME_SIZE).fill((byte) 0);
        MemorySegment.copy(ctx.info().bytes(), 0, m, ValueLayout.JAVA_BYTE, frame + INFO, SigInfo.SIZE);
        m.set(LONG, frame + UC_FLAGS, 0);
        m.set(LONG, frame + UC_LINK, 0);
        m.set(LONG, frame + UC_STACK, ctx.altSp());
        m.set(INT, frame + UC_STACK + 8, ctx.altFlags());
        m.set(LONG, frame + UC_STACK + 16, ctx.altSize());
        m.set(LONG, frame + UC_SIGMASK, ctx.savedMask());
        m.set(LONG, frame + REGS, c.pc);
        for (int i = 1; i < 32; i++) m.set(LONG, frame + REGS + 8L * i, c.x[i]);
        for (int i = 0; i < 32; i++) m.set(LONG, frame + FPREGS + 8L * i, c.f[i]);
        m.set(INT, frame + FCSR, (c.frm << 5) | c.fflags);

        c.reservationAddress = -1; // a trap breaks an LR/SC sequence
        c.x[SP] = frame;
        c.x[A0] = ctx.sig();
        c.x[A1] = frame + INFO;
        c.x[A2] = frame + UC;
        c.x[RA] = ctx.restorer();
        c.pc = ctx.handler();
    }

    @Override
    public long frameForReturn(CpuState cpu) {
        return ((RiscvCpu) cpu).x[SP];
    }

    @Override
    public Restored restore(CpuState cpu, long frame) {
        RiscvCpu c = (RiscvCpu) cpu;
        MemorySegment m = GuestAccess.raw();
        c.pc = m.get(LONG, frame + REGS);
        for (int i = 1; i < 32; i++) c.x[i] = m.get(LONG, frame + REGS + 8L * i);
        for (int i = 0; i < 32; i++) c.f[i] = m.get(LONG, frame + FPREGS + 8L * i);
        int fcsr = m.get(INT, frame + FCSR);
        c.fflags = fcsr & 0x1f;
        c.frm = (fcsr >>> 5) & 7;
        c.reservationAddress = -1;
        return new Restored(m.get(LONG, frame + UC_SIGMASK), frame + UC_STACK);
    }

    /** li a7, 139 (__NR_rt_sigreturn); ecall. */
    @Override
    public byte[] sigreturnTrampoline() {
        return new byte[] {(byte) 0x93, 0x08, (byte) 0xb0, 0x08, 0x73, 0x00, 0x00, 0x00};
    }
}
