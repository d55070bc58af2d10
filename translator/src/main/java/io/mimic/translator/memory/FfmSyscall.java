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
 * {@link HostSyscall}'s binding without Mimic's native library: libc's {@code syscall} through
 * the JDK's foreign-function API, errno captured by the linker.
 *
 * The FFM API rather than jnr-ffi: measured on this project's machines, jnr-ffi's generated stubs
 * cost 0.5-0.8 s at every process start (hello world took 1 s). Linking this one downcall still
 * costs a cold JVM 50-70 ms (the FFM linker generates a stub class and lambda forms, which the AOT
 * cache cannot hold), and with a second downcall for libc's mmap static hello took 0.03 s longer.
 * Initialized only when used: the JNI binding never pays for it.
 */
final class FfmSyscall {
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

    private FfmSyscall() {}

    static long call(int hostNumber, long a0, long a1, long a2, long a3, long a4, long a5) {
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
