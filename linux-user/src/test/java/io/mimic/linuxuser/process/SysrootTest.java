package io.mimic.linuxuser.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class SysrootTest {
    @TempDir
    Path root;

    @Test
    void sysrootFirstThenTheHost() throws IOException {
        Files.createDirectories(root.resolve("lib"));
        Files.writeString(root.resolve("lib/libc.so.6"), "guest libc");
        Files.createSymbolicLink(root.resolve("lib/ld.so"), Path.of("libc.so.6"));
        Files.createSymbolicLink(root.resolve("lib/dangling"), Path.of("nowhere"));
        Sysroot s = Sysroot.of(root);
        assertEquals(root + "/lib/libc.so.6", s.hostPath("/lib/libc.so.6"));
        assertEquals(root + "/lib/ld.so", s.hostPath("/lib/ld.so"), "a link inside the sysroot that resolves");
        assertEquals("/lib/dangling", s.hostPath("/lib/dangling"), "access(F_OK) follows links, as qemu's lookup does");
        assertEquals("/etc/hostname-not-in-root", s.hostPath("/etc/hostname-not-in-root"));
        assertEquals("lib/libc.so.6", s.hostPath("lib/libc.so.6"), "relative names are never redirected");
        assertEquals(root + "/", s.hostPath("/"), "the root directory itself is the sysroot's");
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment name = arena.allocateFrom("/lib/libc.so.6");
            long h = s.hostPath(name, (int) name.byteSize() - 1, arena);
            assertEquals(root + "/lib/libc.so.6", MemorySegment.ofAddress(h).reinterpret(4096).getString(0));
            MemorySegment missing = arena.allocateFrom("/lib/missing");
            assertEquals(0, s.hostPath(missing, (int) missing.byteSize() - 1, arena));
        }
    }

    @Test
    void slashMeansNoSysroot() {
        assertNull(Sysroot.of(Path.of("/")));
    }

    @Test
    void defaultOnlyForDynamicProgramsWhoseInterpreterTheHostLacks() throws IOException {
        assertNull(Sysroot.defaultFor("riscv64-linux-gnu", null), "static programs get none");
        assertNull(Sysroot.defaultFor("no-such-triple-linux-gnu", "/lib/ld-none.so.1"));
        Path hostInterp = Files.createTempFile(root, "ld", ".so");
        assertNull(Sysroot.defaultFor("riscv64-linux-gnu", hostInterp.toString()), "the host has the interpreter");
    }
}
