package io.mimic.translator.memory;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The host's raw {@code syscall(2)}, the one foreign-function downcall Mimic links. Guest system
 * calls that Linux-on-Linux can pass through (linux-user's syscall layer) go here with host
 * numbers and host addresses (guest memory is one contiguous host reservation), so their
 * semantics are the host kernel's own; the guest's memory reservation ({@link HostMmap}) uses it
 * too.
 *
 * The binding is the JDK's foreign-function API rather than jnr-ffi: measured on this project's
 * machines, jnr-ffi's generated stubs cost 0.5-0.8 s at every process start (hello world took
 * 1 s), and binfmt_misc and CI start thousands of processes. Linking a downcall still costs a
 * cold JVM tens of milliseconds (the FFM linker generates a stub class and lambda forms, which the
 * AOT cache cannot hold), and a process start waits for it: with a second downcall for libc's
 * mmap, static hello took 0.03 s longer.
 */
public final class HostSyscall {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final MethodHandle SYSCALL = LINKER.downcallHandle(
            LINKER.defaultLookup().find("syscall").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG,
                    ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG,
                    ValueLayout.JAVA_LONG),
            Linker.Option.firstVariadicArg(1), Linker.Option.captureCallState("errno"));
    /** getpid's number on the x86-64 host (the only host Mimic runs on), for {@link #link}. */
    private static final int X86_64_GETPID = 39;
    /** Where each thread's errno is captured; allocated once per thread. */
    private static final ThreadLocal<MemorySegment> STATE =
            ThreadLocal.withInitial(() -> Arena.global().allocate(CALL_STATE));

    private HostSyscall() {}

    /**
     * Links the downcall (initializing the class) and makes one harmless call (getpid), which
     * generates the invocation path's adapters: about 20 ms in a cold JVM that the first real
     * call (the memory reservation, on the main thread) no longer pays. See linux-user's
     * NativeLinking, which runs this on a thread of its own.
     */
    public static void link() {
        call(X86_64_GETPID, 0, 0, 0, 0, 0, 0);
    }

    /** Raw host system call; returns the result or -errno, the kernel's own convention. */
    public static long call(int hostNumber, long a0, long a1, long a2, long a3, long a4, long a5) {
        MemorySegment state = STATE.get();
        long r;
        try {
            r = (long) SYSCALL.invokeExact(state, (long) hostNumber, a0, a1, a2, a3, a4, a5);
        } catch (Throwable t) {
            throw new IllegalStateException("host syscall " + hostNumber + " could not be called", t);
        }
        return r == -1 ? -(int) ERRNO.get(state, 0L) : r;
    }
}
