package io.mimic.tests;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A static-PIE executable (ET_DYN without an interpreter) loads at Linux's ELF_ET_DYN_BASE and
 * runs as under qemu. Debian's riscv64 glibc ships no rcrt1.o, so the program is the bundled
 * freestanding example, linked as static-PIE here.
 */
class StaticPieTest {
    @Test
    void staticPieRunsLikeQemu() throws Exception {
        Path out = Files.createTempDirectory("mimic-static-pie");
        Path exe = out.resolve("hello-static-pie");
        GuestRun.Result cc = GuestRun.run(List.of("riscv64-linux-gnu-gcc", "-nostdlib", "-static-pie", "-fPIE",
                "-Wl,--no-dynamic-linker", "-o", exe.toString(),
                GuestProgramTest.REPO.resolve("examples/hello-riscv64.S").toString()), System.getenv(), out, Duration.ofSeconds(60));
        assertEquals(0, cc.exitStatus(), "riscv64-linux-gnu-gcc failed (run toolchains/install-test-deps.sh): " + cc.stderrText());

        Map<String, String> env = Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        GuestRun.Result qemu = GuestRun.run(List.of("qemu-riscv64", exe.toString()), env, out, Duration.ofSeconds(60));
        GuestRun.Result mimic = GuestRun.run(List.of(GuestProgramTest.launcher().toString(), "-d", "in_asm", exe.toString()),
                env, out, Duration.ofSeconds(60));
        assertEquals(0, qemu.exitStatus(), "qemu-riscv64: " + qemu.stderrText());
        assertEquals(qemu.exitStatus(), mimic.exitStatus(), mimic.stderrText());
        assertEquals(qemu.stdoutText(), mimic.stdoutText());
        // Sv39's ELF_ET_DYN_BASE is 2/3 of the 256 GiB user space: 0x2aaaaaa000.
        assertTrue(mimic.stderrText().contains("0x0000002aaaaaa"), "loaded at ELF_ET_DYN_BASE: " + mimic.stderrText());
    }
}
