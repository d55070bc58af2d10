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
    /** The guest's root for absolute names (-L), or null: see {@link Sysroot}. */
    public Sysroot sysroot;

    /** The program break: [brkStart, brk) is the heap. */
    public long brkStart, brk;
    /** mmap places regions top-down in [mmapBottom, mmapTop). */
    public long mmapTop, mmapBottom;
    public long stackTop, stackSize;
    /** Where execve put the program's pieces (for /proc/self/stat, cmdline, auxv). */
    public ImageLayout image;

    /** Guest file descriptors and the host fds behind them. */
    public final FdTable fds;

    /** Raw guest sigaction structs per signal (1..64), as last set by rt_sigaction. */
    public final byte[][] sigactions = new byte[65][];
    /** The single thread's blocked-signal mask (threads arrive in a later issue). */
    public long signalMask;

    /**
     * Signals sent to the process (kill, tgkill...) that a guest handler or the mask keeps from
     * taking their default action: bit (sig - 1). Delivery belongs to the signal machinery.
     */
    public long pendingSignals;
    /** sigaltstack: the alternate signal stack (ss_sp, ss_size; flags 0 or SS_DISABLE = 2). */
    public long altStackSp, altStackSize;
    public int altStackFlags = 2;
    /** set_robust_list's head and length (the kernel only records them until the thread exits). */
    public long robustListHead, robustListLength;
    /** The thread name (PR_SET_NAME, /proc/self/comm): at most 15 bytes. */
    public String threadName;

    /** -strace output, or null. */
    public PrintStream strace;

    public GuestProcess(LinuxAbi abi, AddressSpace memory, CodeCache code, String executablePath, List<String> argv) {
        this.abi = abi;
        this.memory = memory;
        this.code = code;
        this.executablePath = executablePath;
        this.argv = argv;
        this.fds = StandardFds.table();
        String base = executablePath.substring(executablePath.lastIndexOf('/') + 1);
        this.threadName = base.length() > 15 ? base.substring(0, 15) : base;
    }

    public io.mimic.syscalls.linux.LinuxArch arch() {
        return abi.arch();
    }

    public int pid() {
        return (int) ProcessHandle.current().pid();
    }
}
