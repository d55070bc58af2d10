package io.mimic.linuxuser.process;

import io.mimic.linuxuser.abi.LinuxAbi;
import io.mimic.translator.engine.CodeCache;
import io.mimic.translator.memory.AddressSpace;

import java.io.PrintStream;
import java.util.List;

/**
 * One emulated Linux process: its address space and code cache, the program break, the mmap
 * allocator's range, and the state Linux keeps per process (signal dispositions, names for
 * /proc). Threads (CpuStates) share it.
 */
public final class GuestProcess {
    public final LinuxAbi abi;
    public final AddressSpace memory;
    public final CodeCache code;
    public final String executablePath;
    public final List<String> argv;

    /** The program break: [brkStart, brk) is the heap. */
    public long brkStart, brk;
    /** mmap places regions top-down in [mmapBottom, mmapTop). */
    public long mmapTop, mmapBottom;
    public long stackTop, stackSize;

    /** Raw guest sigaction structs per signal (1..64), as last set by rt_sigaction. */
    public final byte[][] sigactions = new byte[65][];
    /** The single thread's blocked-signal mask (threads arrive in a later issue). */
    public long signalMask;

    /** -strace output, or null. */
    public PrintStream strace;

    public GuestProcess(LinuxAbi abi, AddressSpace memory, CodeCache code, String executablePath, List<String> argv) {
        this.abi = abi;
        this.memory = memory;
        this.code = code;
        this.executablePath = executablePath;
        this.argv = argv;
    }

    public int pid() {
        return (int) ProcessHandle.current().pid();
    }
}
