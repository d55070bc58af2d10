package io.mimic.translator.engine;

/**
 * An instruction of a made-up ISA for the region tests: 4 bytes, straight-line code unless made
 * a branch, jump or stop.
 */
final class MadeUpInsn extends DecodedInsn {
    private final Flow flow;
    private final long target;

    MadeUpInsn(long pc, Flow flow, long target) {
        super(pc, 4);
        this.flow = flow;
        this.target = target;
    }

    @Override
    public Flow flow() {
        return flow;
    }

    @Override
    public long target() {
        return flow == Flow.BRANCH || flow == Flow.JUMP ? target : nextPc();
    }
}
