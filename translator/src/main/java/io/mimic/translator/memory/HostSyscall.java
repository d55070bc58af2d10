package io.mimic.translator.memory;

/**
 * The host's raw {@code syscall(2)}. Guest system calls that Linux-on-Linux can pass through
 * (linux-user's syscall layer) go here with host numbers and host addresses (guest memory is one
 * contiguous host reservation), so their semantics are the host kernel's own; the guest's memory
 * reservation ({@link HostMmap}) uses it too.
 *
 * Two bindings give the same calls and results: {@link JniSyscall}, a JNI function in Mimic's
 * small native library (bound in well under a millisecond), when bin/mimic names the library
 * and it loads; otherwise {@link FfmSyscall}, the JDK's foreign-function API, whose downcall
 * stub costs a cold JVM 50-70 ms on the way to the guest's first instruction. Both are chosen
 * once, so the JIT folds the choice.
 */
public final class HostSyscall {
    private static final boolean JNI = JniSyscall.load();

    private HostSyscall() {}

    /** Which binding this process uses, as -d stats says it. */
    public static String binding() {
        return JNI ? "JNI (libmimic-host.so)" : "the FFM API";
    }

    /**
     * Binds the call (initializing this class) and, for the FFM binding, makes one harmless call
     * (getpid), so that the first real call (the memory reservation, on the main thread) finds
     * everything ready: tens of milliseconds in a cold JVM, which linux-user's NativeLinking
     * spends on a thread of its own while the main thread reads the program. The JNI binding
     * made its own getpid call when it loaded.
     */
    public static void link() {
        if (!JNI) call(X86_64_GETPID, 0, 0, 0, 0, 0, 0);
    }

    /** getpid's number on the x86-64 host (the only host Mimic runs on): a call that changes nothing. */
    static final int X86_64_GETPID = 39;

    /** Raw host system call; returns the result or -errno, the kernel's own convention. */
    public static long call(int hostNumber, long a0, long a1, long a2, long a3, long a4, long a5) {
        return JNI ? JniSyscall.call(hostNumber, a0, a1, a2, a3, a4, a5)
                : FfmSyscall.call(hostNumber, a0, a1, a2, a3, a4, a5);
    }
}
