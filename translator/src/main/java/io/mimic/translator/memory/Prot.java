package io.mimic.translator.memory;

/** Guest page permissions, with Linux's PROT_* values so that mmap/mprotect pass them through. */
public final class Prot {
    public static final int NONE = 0, READ = 1, WRITE = 2, EXEC = 4;
    /** Internal marker: the page is mapped (a PROT_NONE mapping is still a mapping). */
    public static final int MAPPED = 8;

    private Prot() {}

}
