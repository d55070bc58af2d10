package io.mimic.tests.random;

/**
 * Memory layout of one block's data area ({@code area_N} in the generated assembly), which is
 * also exactly what the block writes to stdout at its end:
 *
 * <pre>
 *   +0     x0..x31           (8 bytes each)
 *   +256   f0..f31           (8 bytes each, raw 64-bit register contents)
 *   +512   fcsr              (8 bytes, zero-extended)
 *   +520   padding           (8 bytes)
 *   +528   data buffer       (BUF_BYTES, initialised with seeded random data)
 * </pre>
 *
 * Two base registers point into the area for the whole block and are never written by the
 * random code: {@code sp} (area+{@link #SP_OFFSET}, so the compressed sp-relative loads and
 * stores can be used, and so the dump can save x1 through it) and {@code s0}
 * (area+{@link #S0_OFFSET}, usable by the compressed register-based loads and stores).
 */
public final class Layout {
    private Layout() {}

    public static final int X_SLOT = 0;
    public static final int F_SLOT = 256;
    public static final int FCSR_SLOT = 512;
    public static final int BUF_OFFSET = 528;
    public static final int BUF_BYTES = 3584;
    public static final int AREA_BYTES = BUF_OFFSET + BUF_BYTES;

    /** sp = area + SP_OFFSET: the x1 slot (area+8) is at sp-2040, in reach of a 12-bit offset. */
    public static final int SP_OFFSET = 2048;
    /** s0 = area + S0_OFFSET. */
    public static final int S0_OFFSET = 1040;

    /** Base register numbers reserved for addressing the buffer (never written at random). */
    public static final int SP = 2, S0 = 8;

    /** Areas are page-aligned, so area+4096 is a page boundary inside the buffer. */
    public static final int PAGE_BOUNDARY = 4096;

    /** Offset of the area from the given base register. */
    public static int baseOffset(int base) {
        return switch (base) {
            case SP -> SP_OFFSET;
            case S0 -> S0_OFFSET;
            default -> throw new IllegalArgumentException("not a base register: x" + base);
        };
    }

    /** Smallest offset from {@code base} that is inside the buffer. */
    public static int minOffset(int base) {
        return Math.max(-2048, BUF_OFFSET - baseOffset(base));
    }

    /** Largest offset from {@code base} at which an access of {@code size} bytes stays in the buffer. */
    public static int maxOffset(int base, int size) {
        return Math.min(2047, AREA_BYTES - size - baseOffset(base));
    }
}
