package io.mimic.linuxuser.signal;

import io.mimic.linuxuser.process.GuestExit;
import io.mimic.linuxuser.process.GuestThread;
import io.mimic.translator.engine.CpuState;
import io.mimic.translator.engine.GuestFault;

/**
 * Turns a guest fault into its Linux signal. Handlers in the guest arrive with the signal
 * machinery of the real-programs issue; until then every fault takes the default action, which
 * for these signals is to terminate with a core dump: a one-line report, and the exit status a
 * shell shows for a process killed by the signal (128 + number), as under qemu-user.
 */
public final class FaultSignals {
    public static final int SIGILL = 4, SIGTRAP = 5, SIGBUS = 7, SIGFPE = 8, SIGSEGV = 11;

    private FaultSignals() {}

    public static int signalFor(GuestFault.Kind kind) {
        return switch (kind) {
            case READ, WRITE, EXEC -> SIGSEGV;
            case ILLEGAL_INSTRUCTION -> SIGILL;
            case BREAKPOINT -> SIGTRAP;
            case MISALIGNED -> SIGBUS;
            case DIVIDE_BY_ZERO -> SIGFPE;
        };
    }

    public static void deliver(GuestThread thread) {
        CpuState cpu = thread.cpu;
        int sig = signalFor(cpu.faultKind);
        if (System.getenv("MIMIC_DEBUG") != null) {
            System.err.printf("mimic: %s fault at pc 0x%x, address 0x%x%n", cpu.faultKind, cpu.pc, cpu.faultAddress);
        }
        System.err.printf("mimic: uncaught target signal %d (%s) - core dumped%n", sig, name(sig));
        System.err.flush();
        throw new GuestExit(128 + sig);
    }

    public static String name(int sig) {
        return switch (sig) {
            case SIGILL -> "Illegal instruction";
            case SIGTRAP -> "Trace/breakpoint trap";
            case SIGBUS -> "Bus error";
            case SIGFPE -> "Floating point exception";
            case SIGSEGV -> "Segmentation fault";
            default -> "Signal " + sig;
        };
    }
}
