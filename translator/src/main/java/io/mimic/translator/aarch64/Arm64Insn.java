package io.mimic.translator.aarch64;

import io.mimic.translator.engine.DecodedInsn;
import io.mimic.translator.engine.Flow;

/** A decoded A64 instruction: the matched pattern, the encoding and its common fields. */
public final class Arm64Insn extends DecodedInsn {
    /** The pattern matched, or null if the encoding is unallocated here (SIGILL). */
    public final Arm64Decoder.Pattern pattern;
    public final int bits;
    /**
     * False if no later instruction can read the NZCV this one writes (set by the front-end's
     * region analysis), so the flags need not be computed.
     */
    boolean flagsLive = true;
    /** For a B.cond: the compare right before it whose operands it may test directly, or null. */
    Arm64Insn flagSource;

    Arm64Insn(long pc, Arm64Decoder.Pattern pattern, int bits) {
        super(pc, 4);
        this.pattern = pattern;
        this.bits = bits;
    }

    public String name() {
        return pattern == null ? "illegal" : pattern.name();
    }

    /** Bits hi..lo of the encoding, unsigned. */
    public int field(int hi, int lo) {
        return (bits >>> lo) & ((1 << (hi - lo + 1)) - 1);
    }

    /** Bits hi..lo, sign-extended. */
    public long sfield(int hi, int lo) {
        int width = hi - lo + 1;
        return ((long) field(hi, lo) << (64 - width)) >> (64 - width);
    }

    public int rd() { return bits & 31; }
    public int rn() { return (bits >>> 5) & 31; }
    public int rm() { return (bits >>> 16) & 31; }
    public int ra() { return (bits >>> 10) & 31; }
    /** sf: true for the 64-bit form. */
    public boolean sf() { return bits < 0; }

    @Override
    public Flow flow() {
        if (pattern == null) return Flow.STOP;
        if (pattern.format() == Arm64Format.SYS && isCodeFlush()) return Flow.STOP;
        return pattern.flow();
    }

    /** IC IVAU: the guest made new code visible; translations are discarded (the unit ends). */
    boolean isCodeFlush() {
        return pattern.name().equals("sys") && field(18, 16) == 3 && field(15, 12) == 7
                && field(11, 8) == 5 && field(7, 5) == 1;
    }

    @Override
    public long target() {
        if (pattern == null) return nextPc();
        return switch (pattern.format()) {
            case B26 -> pc + (sfield(25, 0) << 2);
            case BCOND, CB -> pc + (sfield(23, 5) << 2);
            case TB -> pc + (sfield(18, 5) << 2);
            default -> nextPc();
        };
    }
}
