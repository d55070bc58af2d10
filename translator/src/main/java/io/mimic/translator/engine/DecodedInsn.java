package io.mimic.translator.engine;

/** A decoded guest instruction as the ISA-neutral core sees it; front-ends subclass it. */
public abstract class DecodedInsn {
    public final long pc;
    public final int length;

    protected DecodedInsn(long pc, int length) {
        this.pc = pc;
        this.length = length;
    }

    public abstract Flow flow();

    /** The fixed target of a BRANCH or JUMP. */
    public long target() {
        return pc + length;
    }

    public final long nextPc() {
        return pc + length;
    }

    /** Where control goes next by a fixed path, fall-through first; nowhere known after CALL or STOP. */
    final long[] fixedSuccessors() {
        return switch (flow()) {
            case NEXT -> new long[] {nextPc()};
            case BRANCH -> new long[] {nextPc(), target()};
            case JUMP -> new long[] {target()};
            case CALL, STOP -> new long[0];
        };
    }
}
