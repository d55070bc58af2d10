package io.mimic.linuxuser.syscall;

/** The full handler registry of Linux user mode: every family, then the ISA's own calls. */
public final class LinuxSyscalls {
    private LinuxSyscalls() {}

    public static SyscallRegistry registry(io.mimic.linuxuser.abi.LinuxAbi abi) {
        SyscallRegistry r = new SyscallRegistry();
        FileSyscalls.register(r);
        MemorySyscalls.register(r);
        ProcessSyscalls.register(r);
        TimeSyscalls.register(r);
        abi.registerSyscalls(r);
        return r;
    }
}
