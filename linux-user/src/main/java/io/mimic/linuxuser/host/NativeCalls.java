package io.mimic.linuxuser.host;

import io.mimic.translator.memory.HostSyscall;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * libc functions that are not system calls (posix_spawn and its attribute objects), bound
 * through the FFM API like {@link HostSyscall}, plus C string arrays for argv/envp.
 */
final class NativeCalls {
    private static final Linker LINKER = Linker.nativeLinker();

    private NativeCalls() {}

    /** A downcall to libc's {@code name} taking {@code args} longs (pointers, ints) and returning int. */
    static MethodHandle intFunction(String name, int args) {
        ValueLayout[] in = new ValueLayout[args];
        java.util.Arrays.fill(in, ValueLayout.JAVA_LONG);
        return LINKER.downcallHandle(LINKER.defaultLookup().find(name).orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, in));
    }

    /** A NULL-terminated array of C strings (argv, envp) allocated in {@code arena}. */
    static MemorySegment stringArray(Arena arena, List<byte[]> strings) {
        MemorySegment array = arena.allocate(8L * (strings.size() + 1), 8);
        for (int i = 0; i < strings.size(); i++) array.setAtIndex(ValueLayout.JAVA_LONG, i, cString(arena, strings.get(i)).address());
        array.setAtIndex(ValueLayout.JAVA_LONG, strings.size(), 0);
        return array;
    }

    static MemorySegment cString(Arena arena, byte[] bytes) {
        MemorySegment s = arena.allocate(bytes.length + 1L);
        MemorySegment.copy(bytes, 0, s, ValueLayout.JAVA_BYTE, 0, bytes.length);
        s.set(ValueLayout.JAVA_BYTE, bytes.length, (byte) 0);
        return s;
    }

    static MemorySegment cString(Arena arena, String s) {
        return cString(arena, s.getBytes(StandardCharsets.UTF_8));
    }
}
