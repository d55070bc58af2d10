package io.mimic.translator.engine;

/** How control leaves a decoded instruction; the region builder follows it to find more code. */
public enum Flow {
    /** Continues with the next instruction. */
    NEXT,
    /** Either continues with the next instruction or goes to a fixed target. */
    BRANCH,
    /** Always goes to a fixed target (possibly writing a link register). */
    JUMP,
    /** Ends the region: indirect jump, system call, trap, cache flush, undecodable bytes. */
    STOP
}
