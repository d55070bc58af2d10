package io.mimic.linuxuser.process;

/** Thrown to unwind one guest thread that called exit (the process goes on if others live). */
public final class ThreadExit extends RuntimeException {
    /** The thread's exit status; the process's if it was the last thread. */
    public final int status;

    public ThreadExit(int status) {
        super(null, null, false, false);
        this.status = status;
    }
}
