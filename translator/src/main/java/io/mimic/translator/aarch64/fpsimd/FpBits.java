package io.mimic.translator.aarch64.fpsimd;

/** Bits of FPCR (read by the FP helpers from {@code Arm64Cpu.fpcr}) and FPSR ({@code Arm64Cpu.fpsr}). */
public final class FpBits {
    // FPCR fields
    public static final int AHP = 1 << 26, DN = 1 << 25, FZ = 1 << 24, FZ16 = 1 << 19;
    public static final int RMODE_SHIFT = 22, RMODE_MASK = 3 << RMODE_SHIFT;
    // FPSR cumulative flags; QC is the saturation flag of the integer SIMD instructions
    public static final int IOC = 1, DZC = 2, OFC = 4, UFC = 8, IXC = 16, IDC = 128, QC = 1 << 27;

    private FpBits() {}
}
