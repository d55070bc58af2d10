package io.mimic.tests;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The translation files of MIMIC_CODE_CACHE (linux-user's exec/PersistentTranslations): a second
 * run defines what the first translated, with the same output; a damaged file is rebuilt; "off"
 * and a directory others can write are not used.
 */
class PersistentTranslationsTest {
    private static final Pattern DEFINED = Pattern.compile("stats: (\\d+) units defined from translations made before");

    private static Path program() {
        Path p = GuestProgramTest.REPO.resolve("tests/guest-bin/riscv64/O2/strings");
        Assumptions.assumeTrue(Files.isExecutable(p), "no " + p + ": run toolchains/build-guest-tests.sh");
        return p;
    }

    private static GuestRun.Result run(String cacheSetting) {
        Map<String, String> env = GuestRun.guestEnvironment();
        env.put("MIMIC_CODE_CACHE", cacheSetting);
        List<String> cmd = new ArrayList<>(List.of(GuestProgramTest.launcher().toString(), "-d", "stats", program().toString()));
        GuestRun.Result r = GuestRun.run(cmd, env, GuestProgramTest.REPO, Duration.ofSeconds(120));
        assertEquals(0, r.exitStatus(), r.stderrText());
        return r;
    }

    private static int defined(GuestRun.Result r) {
        Matcher m = DEFINED.matcher(r.stderrText());
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".units")).toList();
        }
    }

    @Test
    void theSecondRunDefinesWhatTheFirstTranslated() throws IOException {
        Path dir = Files.createTempDirectory("mimic-code-cache");
        GuestRun.Result first = run(dir.toString());
        assertEquals(0, defined(first), first.stderrText());
        assertEquals(1, files(dir).size(), "one file for the program");
        GuestRun.Result second = run(dir.toString());
        assertTrue(defined(second) > 100, "most units come from the file: " + second.stderrText());
        assertEquals(first.stdoutText(), second.stdoutText());
        GuestRun.deleteTree(dir);
    }

    @Test
    void aDamagedFileIsRebuilt() throws IOException {
        Path dir = Files.createTempDirectory("mimic-code-cache");
        GuestRun.Result first = run(dir.toString());
        Path file = files(dir).getFirst();
        byte[] bytes = Files.readAllBytes(file);
        // Flip bytes in the middle: a class file that does not parse, or a unit whose hash does not match.
        for (int i = bytes.length / 3; i < bytes.length / 3 + 64; i++) bytes[i] ^= 0x5a;
        Files.write(file, bytes);
        GuestRun.Result damaged = run(dir.toString());
        assertEquals(first.stdoutText(), damaged.stdoutText());
        GuestRun.Result after = run(dir.toString());
        assertEquals(first.stdoutText(), after.stdoutText());
        assertTrue(defined(after) > 100, "rebuilt by the run that found it damaged: " + after.stderrText());
        GuestRun.deleteTree(dir);
    }

    @Test
    void offAndForeignWritableDirectoriesAreNotUsed() throws IOException {
        Path dir = Files.createTempDirectory("mimic-code-cache");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        run(dir.toString());
        assertTrue(files(dir).isEmpty(), "a directory others can write holds code nobody should run");
        GuestRun.Result off = run("off");
        assertEquals(0, defined(off));
        assertFalse(off.stderrText().contains("Exception"), off.stderrText());
        GuestRun.deleteTree(dir);
    }
}
