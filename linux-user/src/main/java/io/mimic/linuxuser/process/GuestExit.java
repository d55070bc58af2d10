package io.mimic.linuxuser.process;

/** Thrown to unwind a guest thread when the process ends (exit_group, fatal signal). */
public final class GuestExit extends RuntimeException {
    /** The host exit status: the guest's status, or 128 + signal for a fatal signal. */
    public final int status;
    /** The host number of the signal whose default action ends the process (the host process dies by it too), or 0. */
    public final int hostSignal;

    public GuestExit(int status) {
        this(status, 0);
    }

    public GuestExit(int status, int hostSignal) {
        super(null, null, false, false);
        this.status = status;
        this.hostSignal = hostSignal;
    }

    /** The process ends by the default action of guest signal {@code sig} (numbered by {@code arch}). */
    public static GuestExit bySignal(int sig, io.mimic.syscalls.linux.LinuxArch arch) {
        String name = arch.signals().symbol(sig);
        int host = name == null ? sig : (int) io.mimic.syscalls.linux.LinuxArch.host().signals().value(name, sig);
        return new GuestExit(128 + sig, host);
    }
}
