package io.mimic.linuxuser.signal;

/**
 * The AArch64 Linux signal frame (arch/arm64/kernel/signal.c, uapi asm/sigcontext.h,
 * asm/ucontext.h), as the guest's handler and its sigreturn see it. Offsets are from the
 * start of {@code struct rt_sigframe}, which the kernel places at the handler's SP (16-byte
 * aligned), with a {@code struct frame_record} {fp, lr} just above it. Design and the register
 * setup at handler entry: docs/AARCH64.md.
 */
public final class Arm64SignalFrameLayout {
    private Arm64SignalFrameLayout() {}

    /** struct siginfo, 128 bytes. */
    public static final int SIGINFO = 0, SIGINFO_SIZE = 128;

    /** struct ucontext. */
    public static final int UCONTEXT = 128;
    public static final int UC_FLAGS = UCONTEXT, UC_LINK = UCONTEXT + 8;
    /** stack_t: ss_sp (8), ss_flags (4, then 4 of padding), ss_size (8). */
    public static final int UC_STACK = UCONTEXT + 16;
    /** sigset_t (64 signals, 8 bytes), followed by padding to 128 bytes for a future larger set. */
    public static final int UC_SIGMASK = UCONTEXT + 40;

    /** struct sigcontext uc_mcontext, 16-byte aligned inside ucontext (at ucontext + 176). */
    public static final int MCONTEXT = UCONTEXT + 176;
    public static final int FAULT_ADDRESS = MCONTEXT;
    /** regs[31]: X0..X30. */
    public static final int REGS = MCONTEXT + 8;
    public static final int SP = MCONTEXT + 256, PC = MCONTEXT + 264, PSTATE = MCONTEXT + 272;
    /** __reserved[4096], 16-byte aligned: a list of records {u32 magic, u32 size, ...} ending with {0, 0}. */
    public static final int RESERVED = MCONTEXT + 288, RESERVED_SIZE = 4096;

    /** struct rt_sigframe's size; the frame record {fp, lr} follows at this offset. */
    public static final int FRAME_SIZE = RESERVED + RESERVED_SIZE;
    public static final int FRAME_RECORD = FRAME_SIZE, FRAME_RECORD_SIZE = 16;

    /** struct fpsimd_context, the first record of __reserved. */
    public static final int FPSIMD_MAGIC = 0x46508001, FPSIMD_SIZE = 528;
    /** Offsets inside fpsimd_context: head (magic, size), fpsr, fpcr, vregs[32] (16 bytes each, 16-aligned). */
    public static final int FPSIMD_FPSR = 8, FPSIMD_FPCR = 12, FPSIMD_VREGS = 16;

    /** struct esr_context, after fpsimd_context for synchronous faults: head, then u64 esr. */
    public static final int ESR_MAGIC = 0x45535201, ESR_SIZE = 16;

    /** rt_sigreturn's number in the asm-generic table; the trampoline is "mov x8, #139; svc #0". */
    public static final int NR_RT_SIGRETURN = 139;
    public static final int[] TRAMPOLINE = {0xd2801168, 0xd4000001};
}
