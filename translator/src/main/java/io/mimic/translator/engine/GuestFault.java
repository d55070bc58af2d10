package io.mimic.translator.engine;

/**
 * Thrown by translated code when a guest instruction faults. The details live in the faulting
 * thread's {@link CpuState} (kind, address); the exception itself is a shared singleton without
 * a stack trace, because a guest fault is a guest event, not a Java error.
 */
public final class GuestFault extends RuntimeException {
    public static final GuestFault INSTANCE = new GuestFault();

    /** What went wrong; the OS layer maps each to the guest's signal and si_code. */
    public enum Kind {
        /** Load from an unmapped or unreadable address. */
        READ,
        /** Store to an unmapped or read-only address. */
        WRITE,
        /** Instruction fetch from an unmapped or non-executable address. */
        EXEC,
        /** Encoding the CPU does not implement, or a disallowed operand. */
        ILLEGAL_INSTRUCTION,
        /** Breakpoint instruction (ebreak, brk, ...). */
        BREAKPOINT,
        /** Misaligned access where the ISA requires alignment (atomics). */
        MISALIGNED,
        /** Integer divide by zero, on ISAs that trap for it. */
        DIVIDE_BY_ZERO
    }

    private GuestFault() {
        super("guest fault", null, false, false);
    }
}
