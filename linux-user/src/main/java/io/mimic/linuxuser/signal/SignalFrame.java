package io.mimic.linuxuser.signal;

import io.mimic.translator.engine.CpuState;

/**
 * One ISA's rt_sigframe, laid out as its kernel builds it, so that a handler can read and edit
 * the interrupted context (ucontext) and rt_sigreturn resumes from what it left there. The
 * ISA-neutral machinery ({@link SignalDelivery}) decides which signal, which stack and which mask;
 * the frame knows the bytes and the registers.
 */
public interface SignalFrame {
    /** What the frame records besides the registers. */
    record Context(int sig, SigInfo info, long handler, long savedMask, long altSp, long altSize, int altFlags,
                   long restorer) {}

    /** What rt_sigreturn found in the frame besides the registers it restored. */
    record Restored(long mask, long ucStack) {}

    long stackPointer(CpuState cpu);

    /** The frame's address for a stack whose top is {@code sp} (size and alignment are the ISA's). */
    long place(long sp);

    /** Bytes from the frame's address up to its end. */
    int size();

    /**
     * Writes the frame at {@code frame} (already checked writable) from the CPU's state and points
     * the CPU at the handler: arguments (sig, &siginfo, &ucontext), stack pointer and return
     * address ({@code ctx.restorer}: the rt_sigreturn trampoline).
     */
    void build(CpuState cpu, long frame, Context ctx);

    /** rt_sigreturn: the frame's address from the CPU's stack pointer (before restoring). */
    long frameForReturn(CpuState cpu);

    /** Restores every register from the (possibly edited) frame at {@code frame} (checked readable). */
    Restored restore(CpuState cpu, long frame);

    /** Machine code that calls rt_sigreturn, for the page Mimic maps in place of the vDSO. */
    byte[] sigreturnTrampoline();
}
