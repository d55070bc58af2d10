package io.mimic.linuxuser.process;

import io.mimic.linuxuser.abi.LinuxAbi;
import io.mimic.translator.engine.CodeCache;
import io.mimic.translator.engine.CpuState;
import io.mimic.translator.engine.SystemInterface;
import io.mimic.translator.memory.AddressSpace;

import java.io.PrintStream;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

/**
 * One emulated Linux process: its address space and code cache, the program break, the mmap
 * allocator's range, and the state Linux keeps per process (signal dispositions, signals sent
 * to the process, the thread registry). Per-thread state lives in {@link GuestThread}.
 */
public final class GuestProcess {
    public final LinuxAbi abi;
    public final AddressSpace memory;
    public final CodeCache code;
    public final String executablePath;
    public final List<String> argv;
    /** The guest's root for absolute names (-L), or null: see {@link Sysroot}. */
    public Sysroot sysroot;

    /** The largest resident size (bytes) /proc/self/status reported: VmHWM (Mimic sees the RSS only when asked). */
    public volatile long residentPeak;
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

    /**
     * Signals sent to the process as a whole (kill, timers, signals from outside): any thread that
     * does not block one may take it; signals for one thread are in {@link GuestThread#signals}.
     */
    public final io.mimic.linuxuser.signal.PendingSignals pending = new io.mimic.linuxuser.signal.PendingSignals();
    /** The page holding the rt_sigreturn trampoline handlers return to (0 until a handler first runs). */
    public long sigreturnTrampoline;
    /** alarm/setitimer and timer_create timers (created at first use). */
    public volatile io.mimic.linuxuser.signal.ProcessTimers timers;

    /** The live threads by guest tid. */
    private final ConcurrentHashMap<Integer, GuestThread> threads = new ConcurrentHashMap<>();
    /** Futex wait queues (keyed by guest address). */
    public final FutexTable futexes;
    /** Gives each thread's CPU its system interface (set by whoever wires the syscall layer). */
    public Function<GuestThread, SystemInterface> systemInterface;

    /** The process's exit status once it ends (exit_group, last thread's exit, fatal signal), else -1. */
    private volatile int exitStatus = -1;
    private final CountDownLatch ended = new CountDownLatch(1);

    /** -strace output, or null. */
    public PrintStream strace;

    /**
     * The guest's children and the pre-started spare process fork turns into one; kept across
     * execve (children stay children). See fork/GuestFork.
     */
    public Children children = new Children();
    /** The signalfds (kept across execve, like the fds). */
    public io.mimic.linuxuser.signal.SignalFds signalFds = new io.mimic.linuxuser.signal.SignalFds();
    /** Files behind MAP_SHARED mappings, which a forked child maps too. */
    public final SharedBackings sharedBackings = new SharedBackings();
    /** How the image was started (stack size, logging): execve starts the next one alike. */
    public LaunchSettings settings = LaunchSettings.DEFAULT;

    public GuestProcess(LinuxAbi abi, AddressSpace memory, CodeCache code, String executablePath, List<String> argv) {
        this(abi, memory, code, executablePath, argv, StandardFds.table());
    }

    /** A process whose fds are {@code fds} (a forked child's, or the table execve keeps). */
    public GuestProcess(LinuxAbi abi, AddressSpace memory, CodeCache code, String executablePath, List<String> argv,
                        FdTable fds) {
        this.abi = abi;
        this.memory = memory;
        this.code = code;
        this.executablePath = executablePath;
        this.argv = argv;
        this.fds = fds;
        this.futexes = new FutexTable(abi.frontendByteOrder());
        children.adoptedBy(this);
    }

    /** The kernel names a new process after its executable's base name (15 bytes at most). */
    public String initialThreadName() {
        String base = executablePath.substring(executablePath.lastIndexOf('/') + 1);
        return base.length() > 15 ? base.substring(0, 15) : base;
    }

    /**
     * Creates the thread that runs the program's entry point. Its tid is the process id, as for
     * any process's first thread.
     */
    public GuestThread startMainThread(CpuState cpu) {
        GuestThread t = new GuestThread(this, cpu, pid(), initialThreadName());
        registerThread(t);
        return t;
    }

    public void registerThread(GuestThread t) {
        threads.put(t.tid, t);
    }

    /**
     * Thread {@code t} called exit: it leaves the registry, and if it was the last one the process
     * ends with its status (as under qemu-user; the kernel would report the first thread's).
     */
    public synchronized void threadExited(GuestThread t, int status) {
        threads.remove(t.tid, t);
        if (threads.isEmpty()) exitGroup(status);
    }

    /**
     * Ends the process with {@code status} (the first caller's status wins): every thread is
     * interrupted at its next safe point and woken from futex waits; {@link #awaitExit} returns.
     */
    public void exitGroup(int status) {
        synchronized (this) {
            if (exitStatus >= 0) return;
            exitStatus = status;
        }
        for (GuestThread t : threads.values()) {
            t.cpu.interruptPending = 1;
            t.wake();
        }
        ended.countDown();
    }

    /** True once the process is ending: threads must stop at their next safe point. */
    public boolean exiting() {
        return exitStatus >= 0;
    }

    public int exitStatus() {
        return exitStatus;
    }

    /** Blocks until the process ends; returns its exit status. */
    public int awaitExit() {
        while (true) {
            try {
                ended.await();
                return exitStatus;
            } catch (InterruptedException e) {
                // keep waiting: only the guest ends the process
            }
        }
    }

    /** The live thread with guest tid {@code tid}, or null. */
    public GuestThread thread(int tid) {
        return threads.get(tid);
    }

    /** A snapshot of the live threads. */
    public Collection<GuestThread> threads() {
        return List.copyOf(threads.values());
    }

    public io.mimic.syscalls.linux.LinuxArch arch() {
        return abi.arch();
    }

    public int pid() {
        return (int) ProcessHandle.current().pid();
    }
}
