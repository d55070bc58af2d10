package io.mimic.tests;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Mimic reserves 1 TiB of host address space for the guest's memory. Under a {@code ulimit -v}
 * too small for that (but large enough for the JVM), it says so in one line and exits with
 * sysexits' EX_OSERR (71), whichever of its threads met the refusal first.
 */
class AddressSpaceLimitTest {
    @Test
    void aRefusedReservationIsOneLineAndStatus71() {
        Path hello = GuestProgramTest.REPO.resolve("examples/hello-riscv64");
        Map<String, String> env = Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        GuestRun.Result r = GuestRun.run(List.of("bash", "-c", "ulimit -v 8000000 && exec \"$0\" \"$1\"",
                GuestProgramTest.launcher().toString(), hello.toString()), env, hello.getParent(), Duration.ofSeconds(60));
        assertEquals(71, r.exitStatus(), r.stderrText());
        assertTrue(r.stderrText().startsWith("mimic: cannot reserve 1024 GiB of address space for the guest"), r.stderrText());
        assertEquals(1, r.stderrText().strip().lines().count(), r.stderrText());
        assertFalse(r.stderrText().contains("\tat "), r.stderrText());
        assertEquals("", r.stdoutText());
    }
}
