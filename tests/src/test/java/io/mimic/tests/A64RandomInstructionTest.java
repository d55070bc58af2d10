package io.mimic.tests;

import io.mimic.tests.random.a64.A64Layout;
import io.mimic.tests.random.a64.A64Program;
import io.mimic.tests.random.a64.A64State;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The randomized differential test for A64 (integer and flags; see {@link A64Program}): each
 * seed's program runs under qemu-aarch64 and bin/mimic and the dumps of X0-X30, SP, NZCV,
 * TPIDR_EL0, V0-V31 (through FP/SIMD loads and stores) and the data buffer must be identical.
 * A mismatch reports the seed, the first differing block and the differing registers; the
 * program stays in tests/target/random-a64/.
 *
 * <p>System properties: {@code mimic.random.a64.count} (programs, default 12),
 * {@code mimic.random.a64.first} (first seed, default 1), {@code mimic.random.a64.seed} (one seed),
 * {@code mimic.random.length} (instructions per block, default 200), {@code mimic.random.blocks}
 * (default 4), {@code mimic.random.keep}, {@code mimic.random.a64.cc}, {@code mimic.qemu.aarch64},
 * {@code mimic.launcher}.
 */
class A64RandomInstructionTest {
    private static final Path MODULE = moduleDir();
    private static final Path REPO = MODULE.getParent();
    private static final Path OUT = MODULE.resolve("target/random-a64");
    private static final Duration TIMEOUT = Duration.ofSeconds(Long.getLong("mimic.tests.timeout", 60));
    private static final int LENGTH = Integer.getInteger("mimic.random.length", 200);
    private static final int BLOCKS = Integer.getInteger("mimic.random.blocks", 4);
    private static final boolean KEEP = Boolean.getBoolean("mimic.random.keep");

    private static final AtomicInteger PROGRAMS = new AtomicInteger(), FAILED = new AtomicInteger();
    private static final AtomicLong INSTRUCTIONS = new AtomicLong();

    private Path cc, qemu, launcher;

    @TestFactory
    Stream<DynamicTest> randomPrograms() throws IOException {
        cc = tool("mimic.random.a64.cc", "aarch64-linux-gnu-gcc");
        qemu = tool("mimic.qemu.aarch64", "qemu-aarch64");
        launcher = launcher();
        Files.createDirectories(OUT);
        LongStream seeds;
        String one = System.getProperty("mimic.random.a64.seed", "");
        if (!one.isBlank()) {
            seeds = LongStream.of(Long.parseLong(one.trim()));
        } else {
            long first = Long.getLong("mimic.random.a64.first", 1);
            seeds = LongStream.range(first, first + Integer.getInteger("mimic.random.a64.count", 12));
        }
        return seeds.mapToObj(seed -> DynamicTest.dynamicTest("seed " + seed, () -> runSeed(seed)));
    }

    @AfterAll
    static void summary() {
        if (PROGRAMS.get() > 0) {
            System.out.printf("A64RandomInstructionTest: %d program(s), %d random instructions, %d mismatching%n",
                    PROGRAMS.get(), INSTRUCTIONS.get(), FAILED.get());
        }
    }

    private void runSeed(long seed) {
        A64Program program = A64Program.generate(seed, BLOCKS, LENGTH);
        String name = "seed-" + seed;
        Path src = OUT.resolve(name + ".S"), bin = OUT.resolve(name);
        try {
            Files.writeString(src, program.render("seed " + seed + ", " + BLOCKS + " blocks of " + LENGTH));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> ccCommand = new ArrayList<>(List.of(cc.toString()));
        ccCommand.addAll(A64Program.GCC_FLAGS);
        ccCommand.addAll(List.of("-o", bin.toString(), src.toString()));
        GuestRun.Result built = GuestRun.run(ccCommand, hostEnvironment(), OUT, TIMEOUT);
        if (built.exitStatus() != 0) {
            fail(name + ": the generated assembly does not build (a generator bug): " + src + "\n" + GuestRun.clip(built.stderrText(), 4000));
        }
        GuestRun.Result ref = run(qemu, bin);
        int expected = program.blockCount() * A64Layout.AREA_BYTES;
        if (ref.timedOut() || ref.exitStatus() != 0 || ref.stdout().length != expected) {
            fail(name + ": the reference run under qemu-aarch64 failed (a generator bug): exit " + ref.describeStatus() + ", "
                    + ref.stdout().length + " bytes, expected " + expected + "; program " + src + "\n" + GuestRun.clip(ref.stderrText(), 2000));
        }
        GuestRun.Result got = run(launcher, bin);
        PROGRAMS.incrementAndGet();
        INSTRUCTIONS.addAndGet(program.instructions());
        if (!got.timedOut() && got.exitStatus() == 0 && Arrays.equals(ref.stdout(), got.stdout())) {
            if (!KEEP) {
                try {
                    Files.deleteIfExists(src);
                    Files.deleteIfExists(bin);
                } catch (IOException ignored) {
                    // best effort
                }
            }
            return;
        }
        FAILED.incrementAndGet();
        StringBuilder msg = new StringBuilder(name + ": Mimic differs from qemu-aarch64 (reproduce: -Dmimic.random.a64.seed=" + seed
                + "; program " + src + ")\n");
        msg.append("exit status: qemu ").append(ref.describeStatus()).append(", mimic ").append(got.describeStatus()).append('\n');
        for (int b = 0; b < program.blockCount(); b++) {
            int from = b * A64Layout.AREA_BYTES;
            byte[] g = got.stdout();
            if (g.length < from + A64Layout.AREA_BYTES) {
                msg.append("block ").append(b).append(": mimic wrote no complete dump\n");
                break;
            }
            if (Arrays.equals(ref.stdout(), from, from + A64Layout.AREA_BYTES, g, from, from + A64Layout.AREA_BYTES)) continue;
            msg.append("block ").append(b).append(" (the first that differs):\n");
            for (String line : A64State.differences(A64State.parse(ref.stdout(), from), A64State.parse(g, from), 12)) {
                msg.append("  ").append(line).append('\n');
            }
            break;
        }
        if (!got.stderrText().isBlank()) msg.append("mimic stderr:\n").append(GuestRun.clip(got.stderrText(), 2000));
        fail(msg.toString());
    }

    private GuestRun.Result run(Path emulator, Path program) {
        Path dir = GuestRun.freshDirectory("mimic-random-a64-");
        try {
            Map<String, String> env = new LinkedHashMap<>();
            env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
            env.put("LANG", "C");
            String javaHome = System.getenv("JAVA_HOME");
            if (javaHome == null || javaHome.isEmpty()) javaHome = System.getProperty("java.home");
            if (javaHome != null) env.put("JAVA_HOME", javaHome);
            String mimicJava = System.getenv("MIMIC_JAVA");
            if (mimicJava != null) env.put("MIMIC_JAVA", mimicJava);
            return GuestRun.run(List.of(emulator.toString(), program.toString()), env, dir, TIMEOUT);
        } finally {
            GuestRun.deleteTree(dir);
        }
    }

    private static Map<String, String> hostEnvironment() {
        Map<String, String> env = new LinkedHashMap<>(System.getenv());
        env.put("LANG", "C");
        env.put("LC_ALL", "C");
        return env;
    }

    private static Path tool(String property, String name) {
        String override = System.getProperty(property);
        if (override != null && !override.isBlank()) {
            Path p = Path.of(override);
            assertTrue(Files.isExecutable(p), "-D" + property + "=" + override + " is not executable");
            return p;
        }
        return GuestRun.findOnPath(name).orElseGet(() -> fail(name + " is not installed: run toolchains/install-test-deps.sh"));
    }

    private static Path launcher() {
        String prop = System.getProperty("mimic.launcher");
        Path p = prop != null && !prop.isBlank() ? Path.of(prop) : REPO.resolve("bin/mimic");
        if (!Files.isRegularFile(p) || !Files.isExecutable(p)) fail("the Mimic launcher " + p + " is missing or not executable");
        return p.toAbsolutePath();
    }

    private static Path moduleDir() {
        String base = System.getProperty("mimic.tests.basedir");
        if (base == null || base.isBlank()) base = System.getProperty("basedir");
        if (base == null || base.isBlank()) base = System.getProperty("user.dir");
        Path module = Path.of(base).toAbsolutePath().normalize();
        if (!Files.isDirectory(module.resolve("src/test/java/io/mimic/tests"))) {
            throw new UncheckedIOException(new IOException("cannot find the tests module from " + module));
        }
        return module;
    }
}
