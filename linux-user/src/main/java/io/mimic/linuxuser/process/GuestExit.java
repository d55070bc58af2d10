package io.mimic.linuxuser.process;

/** Thrown to unwind a guest thread when the process ends (exit_group, fatal signal). */
public final class GuestExit extends RuntimeException {
    /** The host exit status: the guest's status, or 128 + signal for a fatal signal. */
    public final int status;

    public GuestExit(int status) {
        super(null, null, false, false);
        this.status = status;
    }
}
