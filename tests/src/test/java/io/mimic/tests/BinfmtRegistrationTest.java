package io.mimic.tests;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real binfmt_misc registration: mimic --install-binfmt --arch riscv64, then a riscv64
 * program run directly as ./prog must print what qemu-riscv64 prints for it (argv[0] kept: the
 * P flag; the program read through AT_EXECFD: the O flag), then --uninstall-binfmt. Needs root
 * and a binfmt_misc the test may mount (it unmounts what it mounted); otherwise skipped with
 * the reason. While registered, any riscv64 executable on the machine runs through Mimic.
 */
class BinfmtRegistrationTest {
    private static final Path MISC = Path.of("/proc/sys/fs/binfmt_misc");
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    @Test
    void foreignProgramRunsDirectly() throws Exception {
        Path prog = GuestProgramTest.REPO.resolve("tests/guest-bin/riscv64/O2/args_env");
        Assumptions.assumeTrue(Files.isExecutable(prog), prog + " is missing: run toolchains/build-guest-tests.sh");
        Map<String, String> env = Map.of("PATH", "/usr/local/bin:/usr/bin:/bin", "MIMIC_TEST_VAR", "hello", "LC_ALL", "C",
                "JAVA_HOME", System.getProperty("java.home"));
        Path dir = GuestRun.freshDirectory("mimic-binfmt-");
        boolean mounted = false;
        try {
            if (!Files.exists(MISC.resolve("register"))) {
                Assumptions.assumeTrue("0".equals(run(List.of("id", "-u"), env, dir).stdoutText().strip()),
                        "binfmt_misc is not mounted and mounting it needs root");
                GuestRun.Result m = run(List.of("mount", "-t", "binfmt_misc", "binfmt_misc", MISC.toString()), env, dir);
                Assumptions.assumeTrue(m.exitStatus() == 0, "this machine does not allow mounting binfmt_misc: " + m.stderrText());
                mounted = true;
            }
            Assumptions.assumeFalse(Files.exists(MISC.resolve("mimic-riscv64")), "mimic-riscv64 is already registered here");
            Path copy = dir.resolve("args_env");
            Files.copy(prog, copy, StandardCopyOption.COPY_ATTRIBUTES);
            List<String> args = List.of("./args_env", "one", "two words", "three");
            GuestRun.Result ref = run(List.of("qemu-riscv64", "./args_env", "one", "two words", "three"), env, dir);
            assertEquals(0, ref.exitStatus(), ref.stderrText());
            for (List<String> flags : List.of(List.<String>of(), List.of("--credential"))) {
                List<String> install = new java.util.ArrayList<>(List.of(GuestProgramTest.launcher().toString(), "--install-binfmt", "--arch", "riscv64"));
                install.addAll(flags);
                GuestRun.Result in = run(install, env, dir);
                assertEquals(0, in.exitStatus(), in.stderrText());
                try {
                    String entry = Files.readString(MISC.resolve("mimic-riscv64"));
                    assertTrue(entry.contains("enabled") && entry.contains("mimic-binfmt")
                            && entry.contains(flags.isEmpty() ? "flags: P\n" : "flags: POC"), entry);
                    GuestRun.Result got = run(args, env, dir);
                    assertEquals(ref.stdoutText(), got.stdoutText(), "run as ./args_env with " + flags + ": " + got.stderrText());
                    assertEquals(ref.exitStatus(), got.exitStatus());
                } finally {
                    GuestRun.Result out = run(List.of(GuestProgramTest.launcher().toString(), "--uninstall-binfmt", "--arch", "riscv64"), env, dir);
                    assertEquals(0, out.exitStatus(), out.stderrText());
                }
                assertFalse(Files.exists(MISC.resolve("mimic-riscv64")), "unregistered");
            }
        } finally {
            if (mounted) run(List.of("umount", MISC.toString()), env, dir);
            GuestRun.deleteTree(dir);
        }
    }

    private static GuestRun.Result run(List<String> cmd, Map<String, String> env, Path dir) {
        return GuestRun.run(cmd, env, dir, TIMEOUT);
    }
}
