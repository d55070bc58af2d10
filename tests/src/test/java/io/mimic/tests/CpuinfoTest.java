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
 * /proc/cpuinfo describes the guest CPU: the kernel's riscv text with the ISA string of what
 * Mimic implements, one block per host processor. Not differential: qemu 7.2 shows the host's
 * x86 cpuinfo to riscv64 guests.
 */
class CpuinfoTest {
    @Test
    void riscvGuestSeesARiscvCpu() {
        Path prog = GuestProgramTest.REPO.resolve("tests/guest-bin/riscv64/O2/proc_self");
        assertTrue(Files.isExecutable(prog), prog + " is missing: run toolchains/build-guest-tests.sh");
        Path dir = GuestRun.freshDirectory("mimic-cpuinfo-");
        try {
            GuestRun.Result r = GuestRun.run(List.of(GuestProgramTest.launcher().toString(), prog.toString(), "cpuinfo"),
                    Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin")), dir, Duration.ofSeconds(60));
            assertEquals(0, r.exitStatus(), r.stderrText());
            String[] blocks = r.stdoutText().split("\n\n");
            assertEquals(Runtime.getRuntime().availableProcessors(), blocks.length, r.stdoutText());
            for (int i = 0; i < blocks.length; i++) {
                assertTrue(blocks[i].startsWith("processor\t: " + i + "\nhart\t\t: " + i + "\n"), blocks[i]);
                assertTrue(blocks[i].contains("\nisa\t\t: rv64imafdc_zicntr_zicsr_zifencei_zba_zbb_zbs\nmmu\t\t: sv39\n"), blocks[i]);
            }
        } finally {
            GuestRun.deleteTree(dir);
        }
    }
}
