package io.mimic.translator.memory;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The JNI binding of the host's syscall(2) gives what the FFM binding gives: results, -errno,
 * and memory the kernel writes. Needs linux-user/target/libmimic-host.so (toolchains/
 * build-host-library, which .ci/run runs before the tests); skipped without it.
 */
class HostSyscallBindingTest {
    private static final int GETPID = 39, CLOSE = 3, GETCWD = 79, EBADF = 9, EFAULT = 14;
    private static final Path LIBRARY = Path.of("../linux-user/target/libmimic-host.so").toAbsolutePath().normalize();

    private static void loadJni() {
        assumeTrue(Files.isRegularFile(LIBRARY), "toolchains/build-host-library has not run");
        System.setProperty(JniSyscall.LIBRARY_PROPERTY, LIBRARY.toString());
        assertTrue(JniSyscall.load(), "the library loads and its function is bound");
    }

    @Test
    void resultsAndErrnoMatchTheFfmBinding() {
        loadJni();
        long pid = ProcessHandle.current().pid();
        assertEquals(pid, JniSyscall.call(GETPID, 0, 0, 0, 0, 0, 0));
        assertEquals(pid, FfmSyscall.call(GETPID, 0, 0, 0, 0, 0, 0));
        assertEquals(-EBADF, JniSyscall.call(CLOSE, -1, 0, 0, 0, 0, 0));
        assertEquals(-EBADF, FfmSyscall.call(CLOSE, -1, 0, 0, 0, 0, 0));
        assertEquals(-EFAULT, JniSyscall.call(GETCWD, 8, 4096, 0, 0, 0, 0));
    }

    @Test
    void theKernelWritesTheCallersMemory() {
        loadJni();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment a = arena.allocate(4096), b = arena.allocate(4096);
            long na = JniSyscall.call(GETCWD, a.address(), 4096, 0, 0, 0, 0);
            long nb = FfmSyscall.call(GETCWD, b.address(), 4096, 0, 0, 0, 0);
            assertTrue(na > 1, "getcwd returns the length with its NUL");
            assertEquals(nb, na);
            assertEquals(b.getString(0), a.getString(0));
            assertEquals(Path.of("").toAbsolutePath().toString(), a.getString(0));
        }
    }

    @Test
    void noLibraryNamedMeansTheFfmBinding() {
        String before = System.getProperty(JniSyscall.LIBRARY_PROPERTY);
        System.clearProperty(JniSyscall.LIBRARY_PROPERTY);
        try {
            assertEquals(false, JniSyscall.load());
            System.setProperty(JniSyscall.LIBRARY_PROPERTY, "/nonexistent/libmimic-host.so");
            assertEquals(false, JniSyscall.load());
        } finally {
            if (before == null) System.clearProperty(JniSyscall.LIBRARY_PROPERTY);
            else System.setProperty(JniSyscall.LIBRARY_PROPERTY, before);
        }
    }
}
