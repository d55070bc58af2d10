package io.mimic.linuxuser.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A user's mistakes get one line on stderr and the status a shell would give, never a stack trace. */
class BadInputTest {
    @TempDir
    Path dir;

    private record Result(int status, String err) {}

    private Result run(String... args) throws Exception {
        PrintStream saved = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            return new Result(Main.run(args), buf.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(saved);
        }
    }

    private Path file(String name, byte[] content, boolean executable) throws Exception {
        Path p = dir.resolve(name);
        Files.write(p, content);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
        return p;
    }

    private static byte[] elfHeader(int machine, int phnum) {
        byte[] b = new byte[64];
        b[0] = 0x7f; b[1] = 'E'; b[2] = 'L'; b[3] = 'F'; b[4] = 2; b[5] = 1; b[6] = 1;
        b[16] = 2;                       // ET_EXEC
        b[18] = (byte) machine; b[19] = (byte) (machine >> 8);
        b[32] = 64;                      // e_phoff
        b[54] = 56;                      // e_phentsize
        b[56] = (byte) phnum;
        return b;
    }

    private static void assertOneLine(Result r, String containing) {
        assertTrue(r.err.contains(containing), r.err);
        assertEquals(1, r.err.strip().lines().count(), "exactly one line: " + r.err);
        assertFalse(r.err.contains("\tat "), "no stack trace: " + r.err);
    }

    @Test
    void missingProgramIs127() throws Exception {
        Result r = run(dir.resolve("nope").toString());
        assertEquals(127, r.status);
        assertOneLine(r, "No such file or directory");
    }

    @Test
    void notAnElfIs126() throws Exception {
        Result r = run(file("script.txt", "echo hi\n".getBytes(), true).toString());
        assertEquals(126, r.status);
        assertOneLine(r, "not an ELF executable");
    }

    @Test
    void truncatedElfIs126() throws Exception {
        byte[] head = java.util.Arrays.copyOf(elfHeader(243, 1), 40);
        Result r = run(file("trunc", head, true).toString());
        assertEquals(126, r.status);
        assertOneLine(r, "truncated");
    }

    @Test
    void malformedProgramHeadersAre126() throws Exception {
        Result r = run(file("badph", elfHeader(243, 3), true).toString());
        assertEquals(126, r.status);
        assertOneLine(r, "program headers");
    }

    @Test
    void unsupportedArchitectureIs126() throws Exception {
        byte[] elf = new byte[64 + 56];
        System.arraycopy(elfHeader(62, 1), 0, elf, 0, 64);
        elf[64] = 1;                     // PT_LOAD, empty
        Result r = run(file("x86", elf, true).toString());
        assertEquals(126, r.status);
        assertOneLine(r, "unsupported architecture (x86-64)");
    }

    @Test
    void noExecutePermissionIs126() throws Exception {
        Result r = run(file("noexec", elfHeader(243, 0), false).toString());
        assertEquals(126, r.status);
        assertOneLine(r, "");
    }

    @Test
    void directoryIs126() throws Exception {
        Result r = run(dir.toString());
        assertEquals(126, r.status);
        assertOneLine(r, "Is a directory");
    }

    @Test
    void unknownOptionIsAUsageError() throws Exception {
        Result r = run("--no-such-option", "prog");
        assertEquals(1, r.status);
        assertOneLine(r, "--no-such-option");
    }

    @Test
    void badStackSizeIsAUsageError() throws Exception {
        Result r = run("-s", "lots", "prog");
        assertEquals(1, r.status);
        assertOneLine(r, "stack size");
    }

    @Test
    void unwritableLogFileIsAUsageError() throws Exception {
        byte[] elf = new byte[64 + 56];
        System.arraycopy(elfHeader(243, 1), 0, elf, 0, 64);
        Path prog = file("prog", elf, true);
        Result r = run("-D", dir.resolve("no/such/dir/log").toString(), prog.toString());
        assertEquals(1, r.status);
        assertOneLine(r, "cannot write the log file");
    }

    @Test
    void noProgramIsAUsageError() throws Exception {
        Result r = run();
        assertEquals(1, r.status);
        assertOneLine(r, "no program");
    }
}
