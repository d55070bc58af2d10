package io.mimic.translator.aarch64.fpsimd;

/**
 * The AArch64 floating-point control and status registers as the FP helpers see them: FPCR
 * (rounding mode, FZ, FZ16, DN, AHP) is read, FPSR's cumulative flags are OR-ed in. One per CPU.
 */
public final class FpStatus {
    // FPCR fields
    public static final int AHP = 1 << 26, DN = 1 << 25, FZ = 1 << 24, FZ16 = 1 << 19;
    public static final int RMODE_SHIFT = 22, RMODE_MASK = 3 << RMODE_SHIFT;
    // FPSR cumulative flags
    public static final int IOC = 1, DZC = 2, OFC = 4, UFC = 8, IXC = 16, IDC = 128, QC = 1 << 27;
    public static final int FPSR_WRITABLE = IOC | DZC | OFC | UFC | IXC | IDC | QC | 0xF0000000;

    public int fpcr;
    public int fpsr;

    /** Writes FPCR as MSR does: bits that are not implemented read as zero. */
    public void writeFpcr(long v) {
        fpcr = (int) v & (AHP | DN | FZ | RMODE_MASK | FZ16);
    }

    public void writeFpsr(long v) {
        fpsr = (int) v & FPSR_WRITABLE;
    }
}
