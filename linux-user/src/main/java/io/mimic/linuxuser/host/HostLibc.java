package io.mimic.linuxuser.host;

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
 * The host's raw {@code syscall(2)}. Guest system calls that Linux-on-Linux can pass through go
 * here with host numbers and host addresses (guest memory is one contiguous host reservation,
 * see HostReservation), so their semantics are the host kernel's own. Everything else is
 * converted by the syscall layer first.
 *
 * The binding is the JDK's foreign-function API rather than jnr-ffi: measured on this project's
 * machines, jnr-ffi's generated stubs cost 0.5-0.8 s at every process start (hello world took
 * 1 s), the FFM downcall about 0.1 s, and binfmt_misc and CI start thousands of processes.
 */
public final class HostLibc {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final MethodHandle SYSCALL = LINKER.downcallHandle(
            LINKER.defaultLookup().find("syscall").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG,
                    ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG,
                    ValueLayout.JAVA_LONG),
            Linker.Option.firstVariadicArg(1), Linker.Option.captureCallState("errno"));
    /** Where each thread's errno is captured; allocated once per thread. */
    private static final ThreadLocal<MemorySegment> STATE =
            ThreadLocal.withInitial(() -> Arena.global().allocate(CALL_STATE));

    private HostLibc() {}

    /** Does nothing: calling it initializes the class, whose downcall is linked then (NativeLinking). */
    static void ensureLinked() {}

    /** Raw host system call; returns the result or -errno, the kernel's own convention. */
    public static long syscall(int hostNumber, long a0, long a1, long a2, long a3, long a4, long a5) {
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
