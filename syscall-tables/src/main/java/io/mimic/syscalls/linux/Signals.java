package io.mimic.syscalls.linux;

/**
 * What Linux does with a signal nobody handles (signal(7)) and how strsignal(3) describes it.
 * Keyed by name: the numbers are per ABI (LinuxArch.signals()).
 */
public final class Signals {
    /** The default disposition of a signal. */
    public enum Action { TERMINATE, CORE, IGNORE, STOP, CONTINUE }

    /** SIG_DFL and SIG_IGN, the same on every Linux ABI. */
    public static final long SIG_DFL = 0, SIG_IGN = 1;
    /** First real-time signal number as the kernel counts (glibc reserves 32 and 33). */
    public static final int SIGRTMIN = 32, SIGRTMAX = 64;

    private Signals() {}

    public static Action defaultAction(String name) {
        if (name == null) return Action.TERMINATE; // real-time signals terminate
        return switch (name) {
            case "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE", "SIGSEGV", "SIGXCPU", "SIGXFSZ", "SIGSYS" -> Action.CORE;
            case "SIGCHLD", "SIGURG", "SIGWINCH" -> Action.IGNORE;
            case "SIGCONT" -> Action.CONTINUE;
            case "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU" -> Action.STOP;
            default -> Action.TERMINATE;
        };
    }

    /** strsignal(3)'s text for a signal name; real-time signals get "Real-time signal N". */
    public static String description(String name, int number) {
        if (name == null) return number >= SIGRTMIN && number <= SIGRTMAX ? "Real-time signal " + (number - SIGRTMIN) : "Unknown signal " + number;
        return switch (name) {
            case "SIGHUP" -> "Hangup";
            case "SIGINT" -> "Interrupt";
            case "SIGQUIT" -> "Quit";
            case "SIGILL" -> "Illegal instruction";
            case "SIGTRAP" -> "Trace/breakpoint trap";
            case "SIGABRT" -> "Aborted";
            case "SIGBUS" -> "Bus error";
            case "SIGFPE" -> "Floating point exception";
            case "SIGKILL" -> "Killed";
            case "SIGUSR1" -> "User defined signal 1";
            case "SIGSEGV" -> "Segmentation fault";
            case "SIGUSR2" -> "User defined signal 2";
            case "SIGPIPE" -> "Broken pipe";
            case "SIGALRM" -> "Alarm clock";
            case "SIGTERM" -> "Terminated";
            case "SIGSTKFLT" -> "Stack fault";
            case "SIGCHLD" -> "Child exited";
            case "SIGCONT" -> "Continued";
            case "SIGSTOP" -> "Stopped (signal)";
            case "SIGTSTP" -> "Stopped";
            case "SIGTTIN" -> "Stopped (tty input)";
            case "SIGTTOU" -> "Stopped (tty output)";
            case "SIGURG" -> "Urgent I/O condition";
            case "SIGXCPU" -> "CPU time limit exceeded";
            case "SIGXFSZ" -> "File size limit exceeded";
            case "SIGVTALRM" -> "Virtual timer expired";
            case "SIGPROF" -> "Profiling timer expired";
            case "SIGWINCH" -> "Window changed";
            case "SIGIO" -> "I/O possible";
            case "SIGPWR" -> "Power failure";
            case "SIGSYS" -> "Bad system call";
            default -> "Unknown signal " + number;
        };
    }
}
