package io.mimic.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every guest program under tests/guest-bin/ARCH/OPT/NAME (built by
 * toolchains/build-guest-tests.sh) under qemu-user and under bin/mimic, with the same
 * arguments, environment, stdin (/dev/null) and a timeout, and asserts that stdout and the exit
 * status are identical. Dynamically linked programs (an OPT ending in {@code -dyn}) run with the
 * cross toolchain's sysroot {@code /usr/TRIPLE} given to both as {@code -L}. Stderr is not compared (the emulators word their messages differently)
 * but is shown when a test fails.
 *
 * <p>System properties:
 * <ul>
 *   <li>{@code mimic.launcher}: the Mimic launcher (default: REPO/bin/mimic)</li>
 *   <li>{@code mimic.qemu.ARCH}: the reference emulator for ARCH (default: qemu-ARCH on PATH)</li>
 *   <li>{@code mimic.tests.timeout}: seconds per run (default 60)</li>
 *   <li>{@code mimic.tests.only}, {@code mimic.tests.skip}: comma-separated program names (e.g.
 *       {@code threads}), ARCH/NAME (every optimisation level) or ARCH/OPT/NAME paths to run
 *       only, or to skip (reported as skipped)</li>
 * </ul>
 */
class GuestProgramTest {

    /**
     * How a program is run: its arguments, extra environment and the status qemu must give. With
     * {@code execsItself}, {@value #GUEST_SELF} names a command that runs the program again as a
     * guest: the program itself under Mimic (whose execve runs guest programs), a script that
     * runs it under qemu for the reference (qemu-user hands execve to the host, which needs
     * binfmt_misc to run a foreign binary).
     */
    record Spec(List<String> args, Map<String, String> env, int expectedStatus, boolean execsItself) {
        static final Spec DEFAULT = new Spec(List.of(), Map.of(), 0, false);

        Spec(List<String> args, Map<String, String> env, int expectedStatus) {
            this(args, env, expectedStatus, false);
        }
    }

    static final String GUEST_SELF = "MIMIC_TEST_GUEST";

    /** Programs that need something other than the default (no arguments, exit 0). */
    private static final Map<String, Spec> SPECS = Map.of(
            "args_env", new Spec(List.of("one", "two words", "three"), Map.of("MIMIC_TEST_VAR", "hello"), 0),
            "segv", new Spec(List.of(), Map.of(), 128 + 11),
            "signal_exit", new Spec(List.of(), Map.of(), 128 + 15),
            "signal_abort", new Spec(List.of(), Map.of(), 128 + 6),
            "thread_exit", new Spec(List.of(), Map.of(), 5),
            "exit_group_blocked", new Spec(List.of(), Map.of(), 3),
            "fork_exec", new Spec(List.of(), Map.of(), 0, true),
            "exec_threads", new Spec(List.of(), Map.of(), 0, true));

    /** The sysroot of the dynamically linked variants: where Debian's cross libc lives. */
    static Path crossSysroot(String arch) {
        return Path.of("/usr", arch + "-linux-gnu");
    }

    /** Reference emulator per guest arch. */
    private static final Map<String, String> QEMU = Map.of(
            "riscv64", "qemu-riscv64",
            "aarch64", "qemu-aarch64");

    static final Path REPO = repoRoot();
    private static final Path GUEST_BIN = REPO.resolve("tests/guest-bin");
    private static final Duration TIMEOUT = Duration.ofSeconds(Long.getLong("mimic.tests.timeout", 60));

    @TestFactory
    Stream<DynamicTest> guestPrograms() throws IOException {
        Map<String, List<Path>> byArch = discover();
        if (byArch.isEmpty()) {
            fail("no guest test programs under " + GUEST_BIN
                    + ": run toolchains/build-guest-tests.sh (after toolchains/install-test-deps.sh)");
        }
        Map<String, Path> qemuByArch = new TreeMap<>();
        for (String arch : byArch.keySet()) qemuByArch.put(arch, qemuFor(arch));
        Path launcher = launcher();

        Set<String> only = GuestRun.listProperty("mimic.tests.only"), skip = GuestRun.listProperty("mimic.tests.skip");
        List<DynamicTest> tests = new ArrayList<>();
        for (var e : byArch.entrySet()) {
            String arch = e.getKey();
            for (Path program : e.getValue()) {
                String opt = program.getParent().getFileName().toString();
                String name = program.getFileName().toString();
                String id = arch + "/" + opt + "/" + name;
                String archName = arch + "/" + name;
                if (!only.isEmpty() && !only.contains(name) && !only.contains(id) && !only.contains(archName)) continue;
                boolean skipped = skip.contains(name) || skip.contains(id) || skip.contains(archName);
                tests.add(DynamicTest.dynamicTest(id, program.toUri(), () -> {
                    Assumptions.assumeFalse(skipped, id + " skipped by -Dmimic.tests.skip");
                    List<String> options = opt.endsWith("-dyn") ? List.of("-L", crossSysroot(arch).toString()) : List.of();
                    compare(id, qemuByArch.get(arch), launcher, options, program, SPECS.getOrDefault(name, Spec.DEFAULT),
                            EXPECTED.resolve(name + ".out"));
                }));
            }
        }
        if (tests.isEmpty()) fail("-Dmimic.tests.only=" + only + " matched none of the programs under " + GUEST_BIN);
        return tests.stream();
    }

    /**
     * Checked-in stdout for the programs where qemu-user departs from Linux (for example it
     * raises SIGCHLD for a stopped child despite SA_NOCLDSTOP): the output of the same source
     * built for x86-64 and run natively, which Mimic must match instead of qemu's.
     */
    private static final Path EXPECTED = REPO.resolve("tests/guest/expected");

    private static void compare(String id, Path qemu, Path launcher, List<String> options, Path program, Spec spec,
                                Path expected) {
        Map<String, String> env = GuestRun.guestEnvironment();
        env.putAll(spec.env());
        List<String> args = new ArrayList<>(options);
        args.add(program.toString());
        args.addAll(spec.args());

        if (Files.exists(expected)) {
            byte[] want;
            try {
                want = Files.readAllBytes(expected);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            GuestRun.Result ref = new GuestRun.Result(List.of(expected.toString()), spec.expectedStatus(), want, new byte[0],
                    false, Duration.ZERO);
            report(id, expected, ref, runIn(id, concat(List.of(launcher.toString()), args), env));
            return;
        }
        Map<String, String> refEnv = env, gotEnv = env;
        Path wrapper = null;
        if (spec.execsItself()) {
            wrapper = qemuWrapper(qemu, options, program);
            refEnv = new LinkedHashMap<>(env);
            refEnv.put(GUEST_SELF, wrapper.toString());
            gotEnv = new LinkedHashMap<>(env);
            gotEnv.put(GUEST_SELF, program.toAbsolutePath().toString());
        }
        GuestRun.Result ref;
        try {
            ref = runIn(id, concat(List.of(qemu.toString()), args), refEnv);
        } finally {
            if (wrapper != null) GuestRun.deleteTree(wrapper.getParent());
        }
        if (ref.timedOut() || ref.exitStatus() != spec.expectedStatus()) {
            fail(id + ": the reference run under " + qemu.getFileName() + " exited " + ref.describeStatus()
                    + ", expected " + spec.expectedStatus() + " (check the toolchain and qemu, not Mimic)\n"
                    + failingChecks(ref.stdoutText())
                    + "stdout:\n" + GuestRun.clip(ref.stdoutText(), 4000) + "\nstderr:\n"
                    + GuestRun.clip(ref.stderrText(), 4000));
        }
        report(id, qemu, ref, runIn(id, concat(List.of(launcher.toString()), args), gotEnv));
    }

    /** Passes if Mimic's run {@code got} has the reference's stdout and exit status; else fails saying how it differs. */
    private static void report(String id, Path reference, GuestRun.Result ref, GuestRun.Result got) {
        boolean sameOut = Arrays.equals(ref.stdout(), got.stdout());
        boolean sameStatus = !got.timedOut() && ref.exitStatus() == got.exitStatus();
        if (sameOut && sameStatus) return;

        StringBuilder msg = new StringBuilder();
        msg.append(id).append(": Mimic differs from ").append(reference.getFileName()).append('\n');
        msg.append("command: ").append(String.join(" ", got.command())).append('\n');
        msg.append("exit status: reference ").append(ref.describeStatus()).append(", mimic ")
                .append(got.describeStatus()).append(sameStatus ? " (same)" : " (DIFFERENT)").append('\n');
        if (sameOut) {
            msg.append("stdout: identical (").append(ref.stdout().length).append(" bytes)\n");
        } else {
            msg.append("stdout differs:\n").append(GuestRun.describeDifference(
                    "qemu stdout", ref.stdoutText(), "mimic stdout", got.stdoutText()));
        }
        String err = got.stderrText();
        msg.append("mimic stderr:").append(err.isEmpty() ? " (empty)" : "\n" + GuestRun.clip(err, 4000));
        fail(msg.toString());
    }

    /** The guest's self-check lines that say FAIL, with the "want" line after each, so a log shows them first. */
    private static String failingChecks(String stdout) {
        StringBuilder out = new StringBuilder();
        String[] lines = stdout.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].endsWith("FAIL")) continue;
            out.append("  ").append(lines[i]).append('\n');
            if (i + 1 < lines.length && lines[i + 1].startsWith("    want")) out.append("  ").append(lines[i + 1]).append('\n');
        }
        return out.isEmpty() ? "" : "failing checks:\n" + out;
    }

    private static GuestRun.Result runIn(String id, List<String> command, Map<String, String> env) {
        Path dir = GuestRun.freshDirectory("mimic-guest-");
        try {
            return GuestRun.run(command, env, dir, TIMEOUT);
        } finally {
            GuestRun.deleteTree(dir);
        }
    }

    /**
     * A script that runs {@code program} under {@code qemu} (with the run's options, e.g. -L) and
     * the script's arguments (argv[0] is the program's path).
     */
    private static Path qemuWrapper(Path qemu, List<String> options, Path program) {
        Path dir = GuestRun.freshDirectory("mimic-qemu-wrapper-");
        Path script = dir.resolve("run-under-qemu");
        try {
            StringBuilder cmd = new StringBuilder("exec '").append(qemu.toAbsolutePath()).append('\'');
            for (String o : options) cmd.append(" '").append(o).append('\'');
            cmd.append(" '").append(program.toAbsolutePath()).append("' \"$@\"");
            Files.writeString(script, "#!/bin/sh\n" + cmd + "\n");
            script.toFile().setExecutable(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return script;
    }

    /** ARCH -> the programs under guest-bin/ARCH/OPT/, sorted. */
    private static Map<String, List<Path>> discover() throws IOException {
        Map<String, List<Path>> byArch = new TreeMap<>();
        if (!Files.isDirectory(GUEST_BIN)) return byArch;
        try (Stream<Path> files = Files.walk(GUEST_BIN, 3)) {
            for (Path p : files.sorted().toList()) {
                if (GUEST_BIN.relativize(p).getNameCount() != 3) continue;
                if (!Files.isRegularFile(p) || !Files.isExecutable(p)) continue;
                if (p.getFileName().toString().endsWith(".tmp")) continue;
                String arch = GUEST_BIN.relativize(p).getName(0).toString();
                byArch.computeIfAbsent(arch, k -> new ArrayList<>()).add(p);
            }
        }
        return byArch;
    }

    private static Path qemuFor(String arch) {
        String override = System.getProperty("mimic.qemu." + arch);
        if (override != null && !override.isBlank()) {
            Path p = Path.of(override);
            assertTrue(Files.isExecutable(p), "-Dmimic.qemu." + arch + "=" + override + " is not executable");
            return p;
        }
        String name = QEMU.getOrDefault(arch, "qemu-" + arch);
        return GuestRun.findOnPath(name).orElseGet(() -> fail(name + " (the reference emulator for " + arch
                + " guests) is not installed: run toolchains/install-test-deps.sh"));
    }

    static Path launcher() {
        String prop = System.getProperty("mimic.launcher");
        Path p = prop != null && !prop.isBlank() ? Path.of(prop) : REPO.resolve("bin/mimic");
        if (!Files.isRegularFile(p) || !Files.isExecutable(p)) {
            fail("the Mimic launcher " + p + " is missing or not executable (set -Dmimic.launcher=...)");
        }
        return p.toAbsolutePath();
    }

    /** The repository root: the parent of the tests module's base directory. */
    private static Path repoRoot() {
        String base = System.getProperty("mimic.tests.basedir");
        if (base == null || base.isBlank()) base = System.getProperty("basedir");
        if (base == null || base.isBlank()) base = System.getProperty("user.dir");
        Path module = Path.of(base).toAbsolutePath().normalize();
        Path root = module.getParent();
        if (root == null || !Files.isDirectory(root.resolve("tests"))) {
            throw new UncheckedIOException(new IOException("cannot find the repository root from " + module));
        }
        return root;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
