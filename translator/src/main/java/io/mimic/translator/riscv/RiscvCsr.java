package io.mimic.translator.riscv;

/** The CSRs user mode can reach: fflags, frm, fcsr, and the read-only counters. */
public final class RiscvCsr {
    public static final int WRITE = 0, SET = 1, CLEAR = 2;
    public static final int DO_WRITE = 4, DO_READ = 8;

    public static final int FFLAGS = 0x001, FRM = 0x002, FCSR = 0x003;
    public static final int CYCLE = 0xc00, TIME = 0xc01, INSTRET = 0xc02;

    /** The timebase Linux reports for RISC-V user space (rdtime ticks per second). */
    public static final long TIMEBASE_HZ = 10_000_000L;

    private RiscvCsr() {}

    /** Performs one csrr* access; returns the old value (0 if not read). */
    public static long access(RiscvCpu c, int csr, long operand, int op) {
        boolean write = (op & DO_WRITE) != 0;
        long old = switch (csr) {
            case FFLAGS -> c.fflags;
            case FRM -> c.frm;
            case FCSR -> (c.frm << 5) | c.fflags;
            case CYCLE, TIME, INSTRET -> {
                if (write) throw c.illegalInstruction();
                yield System.nanoTime() / (1_000_000_000L / TIMEBASE_HZ);
            }
            default -> throw c.illegalInstruction();
        };
        if (write) {
            long v = switch (op & 3) {
                case WRITE -> operand;
                case SET -> old | operand;
                default -> old & ~operand;
            };
            switch (csr) {
                case FFLAGS -> c.fflags = (int) (v & 0x1f);
                case FRM -> c.frm = (int) (v & 7);
                case FCSR -> {
                    c.fflags = (int) (v & 0x1f);
                    c.frm = (int) ((v >>> 5) & 7);
                }
                default -> { }
            }
        }
        return old;
    }
}
