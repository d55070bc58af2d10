package io.mimic.tests;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Real programs nobody here wrote: Debian bookworm arm64 packages (fetched by
 * toolchains/fetch-debian-sysroot.sh into tests/sysroots/arm64) run under qemu-aarch64 and under
 * Mimic on the same generated inputs, with {@code -L SYSROOT} for both. Each case is a few steps
 * run in one fresh directory (busybox-static applets; busybox sh scripts that need no fork; the
 * dynamically linked xz, bzip2, gzip, lua5.4, sqlite3, python3.11, coreutils, and openssl, whose digests
 * and ciphers run the crypto extensions and, with OPENSSL_armcap=0, its plain C); the transcript
 * of every step's stdout and exit status must be identical.
 *
 * <p>System properties:
 * <ul>
 *   <li>{@code mimic.sysroot.arm64}: the sysroot (default REPO/tests/sysroots/arm64); when it is
 *       missing every case is skipped with the command that fetches it</li>
 *   <li>{@code mimic.realprograms.only}, {@code mimic.realprograms.skip}: comma-separated case
 *       names to run only, or to report as skipped (tests/pom.xml lists the cases Mimic does not
 *       pass yet, with the reason)</li>
 *   <li>{@code mimic.tests.timeout}: seconds per step (default 60; here at least 300: scripts that
 *       fork dozens of times and python run slowly under Mimic on a loaded machine)</li>
 * </ul>
 */
class RealProgramTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(Math.max(300, Long.getLong("mimic.tests.timeout", 60)));
    /** A fixed time for every generated file, so that tar -tv, ls -l and find print the same. */
    private static final FileTime FIXED_TIME = FileTime.from(Instant.parse("2020-01-02T03:04:05Z"));

    /** One command: its program (a sysroot path, or "busybox") and arguments, its stdin file and extra environment. */
    record Step(List<String> command, String stdin, Map<String, String> env) {}

    record Case(String name, List<Step> steps) {}

    private static Step run(String... command) {
        return new Step(List.of(command), null, Map.of());
    }

    private static Step runWithStdin(String stdin, String... command) {
        return new Step(List.of(command), stdin, Map.of());
    }

    /** OpenSSL with its CPU capability mask forced to 0: the plain-C code instead of the crypto extensions. */
    private static Step openSslPlainC(String... args) {
        List<String> command = new ArrayList<>(List.of("/usr/bin/openssl"));
        command.addAll(List.of(args));
        return new Step(command, null, Map.of("OPENSSL_armcap", "0"));
    }

    private static final String KEY = "000102030405060708090a0b0c0d0e0f", IV = "f0e0d0c0b0a090807060504030201000";

    /**
     * openssl dgst with each digest, once on the instructions HWCAP advertises and once on the plain-C
     * code (OPENSSL_armcap=0); cmp must find the two outputs equal.
     */
    private static Case openSslDigest(String digest) {
        return dyn("openssl-" + digest,
                run("/usr/bin/openssl", "dgst", "-" + digest, "words.txt", "bin.dat"),
                run("/usr/bin/openssl", "dgst", "-" + digest, "-out", "ce.txt", "bin.dat"),
                openSslPlainC("dgst", "-" + digest, "-out", "c.txt", "bin.dat"),
                run("busybox", "cmp", "ce.txt", "c.txt"));
    }

    /** openssl enc with a cipher: encrypt, digest of the ciphertext, decrypt, and the plain-C path's ciphertext. */
    private static Case openSslCipher(String cipher, String key) {
        return dyn("openssl-" + cipher,
                run("/usr/bin/openssl", "enc", "-" + cipher, "-K", key, "-iv", IV, "-in", "bin.dat", "-out", "ce.bin"),
                run("/usr/bin/openssl", "dgst", "-sha256", "ce.bin"),
                run("/usr/bin/openssl", "enc", "-d", "-" + cipher, "-K", key, "-iv", IV, "-in", "ce.bin", "-out", "back.bin"),
                run("busybox", "cmp", "back.bin", "bin.dat"),
                openSslPlainC("enc", "-" + cipher, "-K", key, "-iv", IV, "-in", "bin.dat", "-out", "c.bin"),
                run("busybox", "cmp", "ce.bin", "c.bin"),
                run("/usr/bin/openssl", "enc", "-" + cipher, "-K", key, "-iv", IV, "-a", "-in", "words.txt"));
    }

    private static Case bb(String name, Step... steps) {
        return new Case("busybox-" + name, List.of(steps));
    }

    private static Case dyn(String name, Step... steps) {
        return new Case(name, List.of(steps));
    }

    /** The cases. Busybox applets run as "busybox APPLET ARGS" (busybox-static: no loader involved). */
    static List<Case> cases() {
        return List.of(
            bb("sha256sum", run("busybox", "sha256sum", "words.txt", "data.csv", "bin.dat")),
            bb("md5sum", run("busybox", "md5sum", "words.txt", "data.csv", "bin.dat")),
            bb("gzip", run("busybox", "gzip", "-c", "-n", "words.txt"), run("busybox", "gzip", "-9", "-c", "-n", "bin.dat")),
            bb("gunzip", run("busybox", "gzip", "-k", "-n", "words.txt"), run("busybox", "gunzip", "-c", "words.txt.gz"),
                    run("busybox", "gunzip", "-t", "words.txt.gz")),
            bb("bzip2", run("busybox", "bzip2", "-c", "words.txt"), run("busybox", "bzip2", "-k", "data.csv"),
                    run("busybox", "bunzip2", "-c", "data.csv.bz2")),
            bb("sort", run("busybox", "sort", "words.txt"), run("busybox", "sort", "-n", "-k3", "words.txt"),
                    run("busybox", "sort", "-u", "-r", "words.txt"), run("busybox", "sort", "-t,", "-k3,3n", "-k1,1", "data.csv")),
            bb("uniq", run("busybox", "sort", "-o", "sorted.txt", "words.txt"), run("busybox", "uniq", "-c", "sorted.txt"),
                    run("busybox", "uniq", "-d", "sorted.txt")),
            bb("awk", run("busybox", "awk", "-F,", "{ s += $3; n[$2]++ } END { print s, NR; for (k in n) c++; print c }", "data.csv"),
                    run("busybox", "awk", "{ print length($0), toupper($1), $NF * 2 }", "words.txt"),
                    run("busybox", "awk", "BEGIN { x = 1; for (i = 1; i <= 30; i++) { x = x * 1.7 + 1 / i; printf \"%d %.6f %e %g %d\\n\", i, i / 7, x, x / 3, x % 97 } }")),
            bb("sed", run("busybox", "sed", "-n", "s/\\(a[a-z]*\\)/[\\1]/gp", "words.txt"),
                    run("busybox", "sed", "2,5d;s/e/E/g;/^z/q", "words.txt")),
            bb("grep", run("busybox", "grep", "-c", "ing", "words.txt"), run("busybox", "grep", "-E", "^(ab|cd)", "words.txt"),
                    run("busybox", "grep", "-v", "-n", "e", "data.csv"), run("busybox", "grep", "-r", "-l", "key", "tree"),
                    run("busybox", "grep", "-q", "no-such-word", "words.txt")),
            bb("tr", runWithStdin("words.txt", "busybox", "tr", "a-z", "A-Z"), runWithStdin("words.txt", "busybox", "tr", "-d", "aeiou"),
                    runWithStdin("words.txt", "busybox", "tr", "-s", "a-z ", "a-z\\n")),
            bb("cut", run("busybox", "cut", "-d,", "-f2,3", "data.csv"), run("busybox", "cut", "-c1-5,8-", "words.txt")),
            bb("wc", run("busybox", "wc", "words.txt", "data.csv", "bin.dat"), runWithStdin("words.txt", "busybox", "wc", "-l")),
            bb("od", run("busybox", "od", "-A", "x", "-t", "x1", "-N", "512", "bin.dat"),
                    run("busybox", "od", "-c", "-N", "200", "words.txt"), run("busybox", "od", "-t", "d4", "-N", "256", "bin.dat")),
            bb("tar", run("busybox", "tar", "-cf", "t.tar", "tree"), run("busybox", "tar", "-tvf", "t.tar"),
                    run("busybox", "tar", "-xvf", "t.tar", "-C", "out"),
                    run("busybox", "md5sum", "out/tree/a/one.txt", "out/tree/a/b/two.txt", "out/tree/c/keys.txt"),
                    run("busybox", "tar", "-czf", "t.tgz", "tree"), run("busybox", "tar", "-tzf", "t.tgz")),
            bb("find", run("busybox", "find", "tree", "-name", "*.txt"), run("busybox", "find", "tree", "-type", "d"),
                    run("busybox", "find", "tree", "-size", "+1k", "-type", "f"), run("busybox", "find", "tree", "-newer", "words.txt")),
            bb("sh-loops", run("busybox", "sh", "loops.sh")),
            bb("sh-functions", run("busybox", "sh", "functions.sh")),
            bb("sh-builtins", run("busybox", "sh", "builtins.sh", "one", "two words", "three")),
            bb("sh-exit", run("busybox", "sh", "-c", "x=5; while [ $x -gt 0 ]; do x=$((x - 1)); done; exit $((x + 3))")),
            bb("sh-pipelines", run("busybox", "sh", "pipelines.sh")),
            bb("sh-traps", run("busybox", "sh", "traps.sh")),
            dyn("xz", run("/usr/bin/xz", "-c", "-T1", "words.txt"), run("/usr/bin/xz", "-k", "-T1", "data.csv"),
                    run("/usr/bin/xz", "-dc", "data.csv.xz"), run("/usr/bin/xz", "-t", "data.csv.xz")),
            dyn("bzip2", run("/bin/bzip2", "-c", "words.txt"), run("/bin/bzip2", "-k", "bin.dat"), run("/bin/bzip2", "-dc", "bin.dat.bz2")),
            dyn("gzip", run("/bin/gzip", "-c", "-n", "words.txt"), run("/bin/gzip", "-k", "-n", "data.csv"),
                    run("/bin/gzip", "-dc", "data.csv.gz")),
            dyn("lua", run("/usr/bin/lua5.4", "script.lua")),
            dyn("lua-library", run("/usr/bin/lua5.4", "library.lua")),
            dyn("sqlite3", runWithStdin("script.sql", "/usr/bin/sqlite3", ":memory:")),
            dyn("python3", run("/usr/bin/python3.11", "script.py")),
            dyn("python3-everyday", run("/usr/bin/python3.11", "everyday.py")),
            dyn("coreutils", run("/usr/bin/sort", "-k2", "words.txt"), run("/usr/bin/sha256sum", "words.txt", "bin.dat"),
                    run("/bin/ls", "-ln", "--time-style=+%Y-%m-%d", "tree", "tree/a"),
                    run("/bin/dd", "if=bin.dat", "bs=1k", "skip=3", "count=10", "status=none"),
                    run("/usr/bin/seq", "-w", "1", "3", "100"), run("/usr/bin/factor", "1234567890", "600851475143"),
                    run("/usr/bin/wc", "words.txt"), runWithStdin("words.txt", "/usr/bin/tr", "a-y", "b-z")),
            // A tree made by the guest's own coreutils, with times fixed by touch -d, then listed.
            dyn("coreutils-tree", run("/bin/mkdir", "-p", "made/sub/deeper", "made/empty"),
                    run("/bin/cp", "words.txt", "made/sub/w.txt"), run("/bin/cp", "-p", "data.csv", "made/d.csv"),
                    run("/bin/ln", "-s", "sub/w.txt", "made/link"), run("/usr/bin/truncate", "-s", "1000", "made/sub/deeper/t"),
                    run("/bin/chmod", "640", "made/d.csv"), run("/bin/chmod", "750", "made/sub/deeper"),
                    run("/bin/touch", "-h", "-d", "2019-05-06 07:08:09", "made/link"),
                    run("/bin/touch", "-d", "2021-03-04 05:06:07", "made/sub/w.txt", "made/sub/deeper/t", "made/sub/deeper",
                            "made/sub", "made/empty", "made"),
                    run("/bin/ls", "-lnR", "--time-style=full-iso", "made"), run("/bin/ls", "-lnt", "--time-style=long-iso", "made"),
                    run("/usr/bin/stat", "-c", "%n %s %a %F %Y", "made/sub/w.txt", "made/link", "made/sub/deeper"),
                    run("/usr/bin/du", "-a", "--apparent-size", "-b", "made"), run("/bin/readlink", "made/link"), run("/usr/bin/realpath", "--relative-to=made", "made/link"),
                    run("/bin/mv", "made/sub/deeper/t", "made/t2"), run("/bin/rm", "-r", "made/empty"),
                    run("/bin/ls", "-1", "made", "made/sub/deeper")),
            dyn("coreutils-text", run("/usr/bin/head", "-n", "5", "words.txt"), run("/usr/bin/tail", "-c", "100", "data.csv"),
                    run("/usr/bin/cut", "-d,", "-f2", "data.csv"), run("/usr/bin/sort", "-t,", "-k3,3n", "-k1,1nr", "-s", "data.csv"),
                    run("/usr/bin/sort", "-o", "sorted.txt", "words.txt"), run("/usr/bin/uniq", "-c", "-w", "5", "sorted.txt"),
                    run("/usr/bin/comm", "-12", "sorted.txt", "words.txt"), run("/usr/bin/tac", "data.csv"),
                    run("/usr/bin/nl", "-ba", "tree/a/one.txt"), run("/usr/bin/paste", "-d:", "tree/a/one.txt", "tree/c/notes.md"),
                    run("/usr/bin/md5sum", "words.txt", "bin.dat"), run("/usr/bin/sha512sum", "data.csv"),
                    run("/usr/bin/b2sum", "-l", "256", "bin.dat"), run("/usr/bin/cksum", "bin.dat"),
                    run("/usr/bin/base64", "-w", "76", "tree/a/b/two.txt"), run("/usr/bin/od", "-A", "d", "-t", "x2z", "-N", "96", "bin.dat"),
                    run("/bin/dd", "if=words.txt", "of=dd.out", "bs=100", "count=7", "skip=2", "conv=ucase", "status=none"),
                    run("/bin/cat", "dd.out"), run("/usr/bin/split", "-l", "700", "-d", "words.txt", "part-"),
                    run("/usr/bin/wc", "-l", "part-00", "part-01", "part-02"), run("/usr/bin/expr", "7", "*", "6"),
                    run("/usr/bin/numfmt", "--to=iec", "1048576", "123456789"), run("/usr/bin/fold", "-w", "20", "tree/a/one.txt"),
                    run("/usr/bin/shuf", "--random-source=bin.dat", "-n", "5", "words.txt"), run("/bin/false")),
            // Each compressor's own round trip on files: compress, remove the original, decompress, compare sums.
            dyn("roundtrip", run("/usr/bin/sha256sum", "bin.dat", "words.txt", "data.csv"),
                    run("/usr/bin/xz", "-T1", "-9", "bin.dat"), run("/bin/bzip2", "words.txt"), run("/bin/gzip", "-n", "data.csv"),
                    run("/bin/ls", "-ln", "--time-style=+", "bin.dat.xz", "words.txt.bz2", "data.csv.gz"),
                    run("/usr/bin/xz", "-l", "bin.dat.xz"), run("/bin/gzip", "-l", "data.csv.gz"),
                    run("/usr/bin/unxz", "bin.dat.xz"), run("/bin/bunzip2", "words.txt.bz2"), run("/bin/gzip", "-d", "data.csv.gz"),
                    run("/usr/bin/sha256sum", "bin.dat", "words.txt", "data.csv"), run("/usr/bin/xz", "-d", "missing.xz")),
            openSslDigest("sha1"), openSslDigest("sha256"), openSslDigest("sha512"), openSslDigest("sha3-256"),
            openSslDigest("sm3"), openSslCipher("aes-128-cbc", KEY), openSslCipher("aes-256-ctr", KEY + KEY),
            openSslCipher("sm4-cbc", KEY));
    }

    @TestFactory
    Stream<DynamicTest> realPrograms() {
        Path sysroot = sysroot();
        Set<String> only = GuestRun.listProperty("mimic.realprograms.only"), skip = GuestRun.listProperty("mimic.realprograms.skip");
        boolean present = Files.isRegularFile(sysroot.resolve("bin/busybox"));
        List<DynamicTest> tests = new ArrayList<>();
        for (Case c : cases()) {
            if (!only.isEmpty() && !only.contains(c.name())) continue;
            boolean skipped = skip.contains(c.name());
            tests.add(DynamicTest.dynamicTest(c.name(), () -> {
                Assumptions.assumeTrue(present, "no arm64 sysroot at " + sysroot + ": run toolchains/fetch-debian-sysroot.sh");
                Assumptions.assumeFalse(skipped, c.name() + " skipped by -Dmimic.realprograms.skip (not passing under Mimic yet)");
                compare(c, sysroot);
            }));
        }
        if (tests.isEmpty()) fail("-Dmimic.realprograms.only=" + only + " matched no case");
        return tests.stream();
    }

    private static void compare(Case c, Path sysroot) {
        Path qemu = GuestRun.findOnPath("qemu-aarch64").orElseGet(() -> fail("qemu-aarch64 is not installed: run toolchains/install-test-deps.sh"));
        Transcript ref = runAll(c, List.of(qemu.toString(), "-L", sysroot.toString()), sysroot);
        Transcript got = runAll(c, List.of(GuestProgramTest.launcher().toString(), "-L", sysroot.toString()), sysroot);
        if (ref.text.equals(got.text)) return;
        fail(c.name() + ": Mimic differs from qemu-aarch64\n"
                + GuestRun.describeDifference("qemu", ref.text, "mimic", got.text)
                + "mimic stderr:\n" + GuestRun.clip(got.stderr, 4000));
    }

    record Transcript(String text, String stderr) {}

    /** Runs every step in one fresh directory with the generated inputs; stdout and status of each, in order. */
    private static Transcript runAll(Case c, List<String> emulator, Path sysroot) {
        Path dir = GuestRun.freshDirectory("mimic-real-");
        StringBuilder text = new StringBuilder(), stderr = new StringBuilder();
        try {
            Inputs.write(dir);
            for (Step s : c.steps()) {
                List<String> cmd = new ArrayList<>(emulator);
                String prog = s.command().getFirst();
                cmd.add(prog.equals("busybox") ? sysroot.resolve("bin/busybox").toString() : sysroot + prog);
                cmd.addAll(s.command().subList(1, s.command().size()));
                Map<String, String> env = GuestRun.guestEnvironment();
                env.putAll(s.env());
                GuestRun.Result r = GuestRun.run(cmd, env, dir, TIMEOUT, s.stdin() == null ? null : dir.resolve(s.stdin()));
                text.append("$ ").append(s.env().isEmpty() ? "" : s.env() + " ").append(String.join(" ", s.command())).append('\n');
                // Binary output (gzip, xz...) is compared byte for byte through ISO-8859-1.
                text.append(new String(r.stdout(), StandardCharsets.ISO_8859_1));
                text.append("\n[").append(r.timedOut() ? "timed out" : "exit " + r.exitStatus()).append("]\n");
                stderr.append(r.stderrText());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            GuestRun.deleteTree(dir);
        }
        return new Transcript(text.toString(), stderr.toString());
    }

    static Path sysroot() {
        String p = System.getProperty("mimic.sysroot.arm64", "");
        return p.isBlank() ? GuestProgramTest.REPO.resolve("tests/sysroots/arm64") : Path.of(p).toAbsolutePath();
    }

    /** The generated inputs: the same bytes every run (a fixed pseudo-random sequence), fixed times. */
    static final class Inputs {
        private static final String[] WORDS = {"alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf",
            "hotel", "india", "juliet", "kilo", "lima", "mike", "november", "oscar", "papa", "quebec", "romeo",
            "sierra", "tango", "uniform", "victor", "whiskey", "xray", "yankee", "zulu", "abacus", "cdrom",
            "singing", "ringing", "key", "keystone", "ab", "cd", "eel", "zebra"};

        private Inputs() {}

        static void write(Path dir) throws IOException {
            long[] seed = {0x2545F4914F6CDD1DL};
            StringBuilder words = new StringBuilder();
            for (int i = 0; i < 2000; i++) {
                words.append(word(seed)).append(' ').append(word(seed)).append(' ').append(next(seed) % 1000).append('\n');
            }
            Files.writeString(dir.resolve("words.txt"), words);
            StringBuilder csv = new StringBuilder();
            for (int i = 0; i < 600; i++) csv.append(i).append(',').append(word(seed)).append(',').append(next(seed) % 500).append('\n');
            Files.writeString(dir.resolve("data.csv"), csv);
            byte[] bin = new byte[65536 + 123];
            for (int i = 0; i < bin.length; i++) bin[i] = (byte) (next(seed) >>> 24);
            Files.write(dir.resolve("bin.dat"), bin);
            Path tree = dir.resolve("tree");
            Files.createDirectories(tree.resolve("a/b"));
            Files.createDirectories(tree.resolve("c"));
            Files.createDirectories(dir.resolve("out"));
            Files.writeString(tree.resolve("a/one.txt"), "one\nkey here\n");
            Files.writeString(tree.resolve("a/b/two.txt"), words.substring(0, 3000));
            Files.writeString(tree.resolve("c/keys.txt"), "keystone\n".repeat(200));
            Files.writeString(tree.resolve("c/notes.md"), "# notes\nnothing\n");
            Files.write(dir.resolve("loops.sh"), resource("loops.sh"));
            Files.write(dir.resolve("functions.sh"), resource("functions.sh"));
            Files.write(dir.resolve("builtins.sh"), resource("builtins.sh"));
            Files.write(dir.resolve("script.lua"), resource("script.lua"));
            Files.write(dir.resolve("script.sql"), resource("script.sql"));
            for (String name : List.of("script.py", "everyday.py", "library.lua", "pipelines.sh", "traps.sh")) {
                Files.write(dir.resolve(name), resource(name));
            }
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.toList()) Files.setLastModifiedTime(p, FIXED_TIME);
            }
            // One file newer than the rest, for find -newer.
            Files.setLastModifiedTime(tree.resolve("c/notes.md"), FileTime.from(Instant.parse("2021-01-01T00:00:00Z")));
        }

        private static byte[] resource(String name) throws IOException {
            try (var in = RealProgramTest.class.getResourceAsStream("real-programs/" + name)) {
                if (in == null) throw new IOException("missing test resource real-programs/" + name);
                return in.readAllBytes();
            }
        }

        private static long next(long[] s) {
            long x = s[0];
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            s[0] = x;
            return x & Long.MAX_VALUE;
        }

        private static String word(long[] s) {
            return WORDS[(int) (next(s) % WORDS.length)];
        }
    }
}
