package io.mimic.translator.engine;

/** How control leaves a decoded instruction; the region builder follows it to find more code. */
public enum Flow {
    /** Continues with the next instruction. */
    NEXT,
    /** Either continues with the next instruction or goes to a fixed target. */
    BRANCH,
    /** Always goes to a fixed target (possibly writing a link register). */
    JUMP,
    /**
     * A subroutine call to a fixed target. The region builder does not follow it: the callee
     * gets a unit of its own, shared by every caller, and the return lands in another unit.
     */
    CALL,
    /** Ends the region: indirect jump, system call, trap, cache flush, undecodable bytes. */
    STOP
}
