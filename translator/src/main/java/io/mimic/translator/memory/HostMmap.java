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
 * The host's libc {@code mmap}, for {@link HostReservation}, called through the JDK's
 * foreign-function API (see linux-user's HostLibc for why not jnr-ffi: start-up). A class of its
 * own so that the downcall (tens of ms to link in a cold JVM) can be linked on another thread
 * ({@link #link}) while the reservation itself is made where it is first needed.
 */
public final class HostMmap {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final MethodHandle MMAP = LINKER.downcallHandle(LINKER.defaultLookup().find("mmap").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG,
                    ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG),
            Linker.Option.captureCallState("errno"));

    private HostMmap() {}

    /** Does nothing: calling it initializes the class, which links the downcall. */
    public static void link() {}

    /** libc mmap: the address, or -errno (user-space addresses are never in [-4095, -1]). */
    static long mmap(long addr, long length, int prot, int flags, int fd, long offset) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            long r = (long) MMAP.invokeExact(state, addr, length, prot, flags, fd, offset);
            return r == -1L ? -(int) ERRNO.get(state, 0L) : r;
        } catch (Throwable t) {
            return -12;
        }
    }
}
