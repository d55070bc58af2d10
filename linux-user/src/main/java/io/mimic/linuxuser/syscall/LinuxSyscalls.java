package io.mimic.linuxuser.syscall;

/** The full handler registry of Linux user mode: every family, then the ISA's own calls. */
public final class LinuxSyscalls {
    private LinuxSyscalls() {}

    public static SyscallRegistry registry(io.mimic.linuxuser.abi.LinuxAbi abi) {
        SyscallRegistry r = new SyscallRegistry();
        FdSyscalls.register(r);
        FileSyscalls.register(r);
        IoSyscalls.register(r);
        MemorySyscalls.register(r);
        ProcessSyscalls.register(r);
        ThreadSyscalls.register(r);
        FutexSyscalls.register(r);
        LifecycleSyscalls.register(r);
        TimeSyscalls.register(r);
        TimerSyscalls.register(r);
        SignalSyscalls.register(r);
        SocketSyscalls.register(r);
        SignalFdSyscalls.register(r);
        abi.registerSyscalls(r);
        SignalSyscalls.raiseSigpipeOnEpipe(r);
        return r;
    }
}
