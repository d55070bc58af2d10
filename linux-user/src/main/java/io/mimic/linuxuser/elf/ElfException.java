package io.mimic.linuxuser.elf;

/** A program that cannot be loaded; the message is shown to the user as one line. */
public final class ElfException extends Exception {
    /** The exit status a shell gives for this kind of failure (126: cannot execute, 127: not found). */
    public final int exitStatus;

    public ElfException(String message, int exitStatus) {
        super(message, null, false, false);
        this.exitStatus = exitStatus;
    }
}
