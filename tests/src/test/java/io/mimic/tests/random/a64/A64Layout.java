package io.mimic.tests.random.a64;

/**
 * The dump area of a generated A64 program: what each block writes to stdout. X28 holds the
 * area's address and X27 (also SP) points into its data buffer; neither is written at random.
 */
public final class A64Layout {
    /** x0..x30 at 8*n, SP at 248. */
    public static final int X = 0, SP = 248, NZCV = 256, TPIDR = 264;
    /** q0..q31, 16 bytes each. */
    public static final int V = 272;
    /** FPSR and FPCR at the end of the block. */
    public static final int FPSR = 784, FPCR = 792;
    /** The data buffer that loads and stores go to; X27 points at its middle. */
    public static final int BUFFER = 1024, BUFFER_BYTES = 1024, BASE = BUFFER + BUFFER_BYTES / 2;
    public static final int AREA_BYTES = BUFFER + BUFFER_BYTES;

    private A64Layout() {}
}
