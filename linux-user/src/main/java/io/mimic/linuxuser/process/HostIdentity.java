package io.mimic.linuxuser.process;

import io.mimic.linuxuser.host.HostSyscalls;

/** The host process's credentials, which the guest shares. */
public final class HostIdentity {
    private static final int GETUID = HostSyscalls.number("getuid"), GETEUID = HostSyscalls.number("geteuid"),
            GETGID = HostSyscalls.number("getgid"), GETEGID = HostSyscalls.number("getegid");

    private HostIdentity() {}

    public static long uid() { return HostSyscalls.call(GETUID); }
    public static long euid() { return HostSyscalls.call(GETEUID); }
    public static long gid() { return HostSyscalls.call(GETGID); }
    public static long egid() { return HostSyscalls.call(GETEGID); }
}
