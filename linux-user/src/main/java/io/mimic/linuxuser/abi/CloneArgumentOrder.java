package io.mimic.linuxuser.abi;

/**
 * Positions (0-5) of clone(2)'s arguments in one ABI. Linux has three orders besides the
 * default: CLONE_BACKWARDS (arm, arm64, riscv, powerpc...), CLONE_BACKWARDS2 (s390x: the stack
 * first) and CLONE_BACKWARDS3 (an extra stack-size argument).
 */
public record CloneArgumentOrder(int flags, int stack, int parentTid, int childTid, int tls) {
    /** x86-64 and the asm-generic default: flags, stack, parent_tid, child_tid, tls. */
    public static final CloneArgumentOrder DEFAULT = new CloneArgumentOrder(0, 1, 2, 3, 4);
    /** CLONE_BACKWARDS (riscv64, aarch64, arm, ppc): flags, stack, parent_tid, tls, child_tid. */
    public static final CloneArgumentOrder BACKWARDS = new CloneArgumentOrder(0, 1, 2, 4, 3);
    /** CLONE_BACKWARDS2 (s390x): stack, flags, parent_tid, child_tid, tls. */
    public static final CloneArgumentOrder BACKWARDS2 = new CloneArgumentOrder(1, 0, 2, 3, 4);
}
