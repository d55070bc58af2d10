package io.mimic.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.mimic.tests.random.KnownMimicBugs;
import io.mimic.tests.random.Layout;
import io.mimic.tests.random.MachineState;
import io.mimic.tests.random.RandomProgram;
import io.mimic.tests.random.Unit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Randomized differential instruction test (the method of QEMU's risu): for each seed,
 * {@link RandomProgram} generates a guest program of random RV64GC + Zba/Zbb/Zbs instruction
 * blocks, each starting from a random register file and ending with a dump of all x and f
 * registers, fcsr and a data buffer to stdout. The program runs under qemu-riscv64 (the
 * reference) and under bin/mimic; the dumps must be byte-identical.
 *
 * <p>On a mismatch the test reports the seed, the block, the differing registers with both
 * values, and, for the first few failures, shrinks the block to the first unit that makes the
 * states diverge and writes a minimal reproducer (the state just before that unit, then that
 * unit alone) to tests/target/random/. Things Mimic is known to get wrong are excluded from
 * generation by {@link KnownMimicBugs}.
 *
 * <p>System properties:
 * <ul>
 *   <li>{@code mimic.random.count}: number of programs (default 40)</li>
 *   <li>{@code mimic.random.first}: first seed (default 1); seeds are first..first+count-1</li>
 *   <li>{@code mimic.random.seed}: run this one seed only (to reproduce a failure)</li>
 *   <li>{@code mimic.random.length}: random instructions per block (default 200)</li>
 *   <li>{@code mimic.random.blocks}: blocks per program (default 4)</li>
 *   <li>{@code mimic.random.shrink}: how many failing seeds to shrink per run (default 3)</li>
 *   <li>{@code mimic.random.keep}: {@code true} to keep the .S and binary of passing seeds too</li>
 *   <li>{@code mimic.random.known}: {@code include} to generate also what {@link KnownMimicBugs} excludes</li>
 *   <li>{@code mimic.random.exclude}: more comma-separated exclusion keys</li>
 *   <li>{@code mimic.random.cc}: the cross compiler (default riscv64-linux-gnu-gcc on PATH)</li>
 *   <li>{@code mimic.qemu.riscv64}, {@code mimic.launcher}, {@code mimic.tests.timeout}: as for
 *       {@link GuestProgramTest}</li>
 * </ul>
 */
class RandomInstructionTest {

    private static final Path MODULE = moduleDir();
    private static final Path REPO = MODULE.getParent();
    private static final Path OUT = MODULE.resolve("target/random");
    private static final Duration TIMEOUT = Duration.ofSeconds(Long.getLong("mimic.tests.timeout", 60));

    private static final int LENGTH = Integer.getInteger("mimic.random.length", 200);
    private static final int BLOCKS = Integer.getInteger("mimic.random.blocks", 4);
    private static final AtomicInteger SHRINK_BUDGET = new AtomicInteger(Integer.getInteger("mimic.random.shrink", 3));
    private static final boolean KEEP = Boolean.getBoolean("mimic.random.keep");

    private static final AtomicInteger PROGRAMS = new AtomicInteger(), FAILED = new AtomicInteger();
    private static final AtomicLong INSTRUCTIONS = new AtomicLong(), NANOS = new AtomicLong();
    private static final List<String> FAILURES = java.util.Collections.synchronizedList(new ArrayList<>());

    private Path cc, qemu, launcher;
    private Set<String> excluded;

    @TestFactory
    Stream<DynamicTest> randomPrograms() throws IOException {
        cc = tool("mimic.random.cc", "riscv64-linux-gnu-gcc");
        qemu = tool("mimic.qemu.riscv64", "qemu-riscv64");
        launcher = launcher();
        excluded = KnownMimicBugs.forThisRun();
        Files.createDirectories(OUT);

        LongStream seeds;
        String one = System.getProperty("mimic.random.seed", "");
        if (!one.isBlank()) {
            seeds = LongStream.of(Long.parseLong(one.trim()));
        } else {
            long first = Long.getLong("mimic.random.first", 1);
            seeds = LongStream.range(first, first + Integer.getInteger("mimic.random.count", 40));
        }
        return seeds.mapToObj(seed -> DynamicTest.dynamicTest("seed " + seed, () -> runSeed(seed)));
    }

    @AfterAll
    static void summary() {
        if (PROGRAMS.get() == 0) return;
        System.out.printf("RandomInstructionTest: %d program(s), %d random instructions, %d mismatching, %.1f s%n",
                PROGRAMS.get(), INSTRUCTIONS.get(), FAILED.get(), NANOS.get() / 1e9);
        for (String f : FAILURES) System.out.println("  " + f);
    }

    // ------------------------------------------------------------------------------- one seed

    private void runSeed(long seed) {
        long start = System.nanoTime();
        RandomProgram program = RandomProgram.generate(seed, BLOCKS, LENGTH, excluded);
        String name = "seed-" + seed;
        try {
            Outcome o = buildAndRun(name, program.render());
            PROGRAMS.incrementAndGet();
            INSTRUCTIONS.addAndGet(program.instructions());
            if (o.same()) {
                if (!KEEP) o.delete();
                return;
            }
            FAILED.incrementAndGet();
            fail(analyse(seed, name, program, o));
        } finally {
            NANOS.addAndGet(System.nanoTime() - start);
        }
    }

    /** Outputs of both emulators for one generated program. */
    private record Outcome(Path source, Path binary, GuestRun.Result ref, GuestRun.Result got) {
        boolean same() {
            return !got.timedOut() && got.exitStatus() == ref.exitStatus() && Arrays.equals(ref.stdout(), got.stdout());
        }

        int blocks() {
            return ref.stdout().length / Layout.AREA_BYTES;
        }

        /** Block b of the reference dump. */
        MachineState refBlock(int b) {
            return MachineState.parse(ref.stdout(), b * Layout.AREA_BYTES);
        }

        /** Block b of Mimic's dump, or null if Mimic did not write all of it. */
        MachineState gotBlock(int b) {
            if (got.stdout().length < (b + 1) * Layout.AREA_BYTES) return null;
            return MachineState.parse(got.stdout(), b * Layout.AREA_BYTES);
        }

        /** The first block whose dump differs (or is missing), or blocks() if all agree. */
        int firstDifferingBlock() {
            byte[] a = ref.stdout(), b = got.stdout();
            for (int k = 0; k < blocks(); k++) {
                int from = k * Layout.AREA_BYTES, to = from + Layout.AREA_BYTES;
                if (b.length < to || !Arrays.equals(a, from, to, b, from, to)) return k;
            }
            return blocks();
        }

        void delete() {
            try {
                Files.deleteIfExists(source);
                Files.deleteIfExists(binary);
            } catch (IOException ignored) {
                // best effort
            }
        }
    }

    /** Writes NAME.S, assembles it to NAME, runs it under qemu and Mimic. */
    private Outcome buildAndRun(String name, String source) {
        Path src = OUT.resolve(name + ".S"), bin = OUT.resolve(name);
        try {
            Files.writeString(src, source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> ccCommand = new ArrayList<>(List.of(cc.toString()));
        ccCommand.addAll(RandomProgram.GCC_FLAGS);
        ccCommand.addAll(List.of("-o", bin.toString(), src.toString()));
        GuestRun.Result built = GuestRun.run(ccCommand, hostEnvironment(), OUT, TIMEOUT);
        if (built.exitStatus() != 0) {
            fail(name + ": the generated assembly does not build (a generator bug): " + src + "\n"
                    + GuestRun.clip(built.stderrText(), 4000));
        }
        GuestRun.Result ref = runGuest(qemu, bin);
        int blocks = (int) source.lines().filter(l -> l.startsWith("# ---- block ") && l.endsWith(": dump")).count();
        if (ref.timedOut() || ref.exitStatus() != 0 || ref.stdout().length != blocks * Layout.AREA_BYTES) {
            fail(name + ": the reference run under qemu failed (a generator bug, or a qemu problem): exit "
                    + ref.describeStatus() + ", " + ref.stdout().length + " bytes of output, expected "
                    + blocks * Layout.AREA_BYTES + "; program " + src + "\n" + GuestRun.clip(ref.stderrText(), 4000));
        }
        GuestRun.Result got = runGuest(launcher, bin);
        return new Outcome(src, bin, ref, got);
    }

    private GuestRun.Result runGuest(Path emulator, Path program) {
        Path dir = GuestRun.freshDirectory("mimic-random-");
        try {
            return GuestRun.run(List.of(emulator.toString(), program.toString()), GuestRun.guestEnvironment(), dir, TIMEOUT);
        } finally {
            GuestRun.deleteTree(dir);
        }
    }

    // ------------------------------------------------------------------------------- reporting

    private String analyse(long seed, String name, RandomProgram program, Outcome o) {
        StringBuilder msg = new StringBuilder();
        int b = o.firstDifferingBlock();
        msg.append("seed ").append(seed).append(": Mimic differs from qemu-riscv64 in block ").append(b)
                .append(" (reproduce: -Dmimic.random.seed=").append(seed);
        if (BLOCKS != 4) msg.append(" -Dmimic.random.blocks=").append(BLOCKS);
        if (LENGTH != 200) msg.append(" -Dmimic.random.length=").append(LENGTH);
        msg.append("; program ").append(o.source()).append(")\n");
        describeOutcome(msg, o, b);

        String headline = "seed " + seed + ": block " + b + " differs";
        if (b < program.blocks().size() && SHRINK_BUDGET.getAndDecrement() > 0) {
            String culprit = shrink(name, program.blocks().get(b), msg);
            if (culprit != null) headline = "seed " + seed + ": " + culprit;
        } else {
            msg.append("(not shrunk: -Dmimic.random.shrink=N shrinks more failures per run)\n");
        }
        FAILURES.add(headline);
        return msg.toString();
    }

    private static void describeOutcome(StringBuilder msg, Outcome o, int b) {
        if (o.got().timedOut() || o.got().exitStatus() != o.ref().exitStatus()) {
            msg.append("exit status: qemu ").append(o.ref().describeStatus()).append(", mimic ")
                    .append(o.got().describeStatus()).append('\n');
        }
        MachineState got = b < o.blocks() ? o.gotBlock(b) : null;
        if (b < o.blocks() && got == null) {
            msg.append("mimic wrote no complete dump for this block (").append(o.got().stdout().length)
                    .append(" bytes of output in all)\n");
        } else if (got != null) {
            for (String line : MachineState.describeDifferences(o.refBlock(b), got, 8)) msg.append("  ").append(line).append('\n');
        }
        String err = o.got().stderrText();
        if (!err.isBlank()) msg.append("mimic stderr:\n").append(GuestRun.clip(err, 2000)).append('\n');
    }

    /**
     * Shrinks a differing block: binary search for a prefix length k such that the first k-1
     * units agree and the first k differ, so unit k-1 makes the states diverge. Then tries that
     * unit alone, started from qemu's state after the first k-1 units. Returns a one-line
     * summary of the culprit, or null.
     */
    private String shrink(String name, RandomProgram.Block block, StringBuilder msg) {
        List<Unit> units = block.units();
        Map<Integer, Outcome> tried = new HashMap<>();
        java.util.function.IntFunction<Outcome> prefix = k -> tried.computeIfAbsent(k, kk -> buildAndRun(
                name + "-prefix" + kk, RandomProgram.render(
                        List.of(new RandomProgram.Block(block.init(), units.subList(0, kk))), name + ", prefix " + kk)));
        try {
            if (prefix.apply(units.size()).same()) {
                msg.append("shrinking: this block alone does not differ (depends on earlier blocks?)\n");
                return null;
            }
            if (!prefix.apply(0).same()) {
                msg.append("shrinking: even the block without random code differs: the harness itself"
                        + " (initialisation or dump: lla, ld, fld, fscsr, sd, fsd, frcsr, write) goes wrong; see "
                        + prefix.apply(0).source() + "\n");
                describeOutcome(msg, prefix.apply(0), 0);
                return "the harness alone (no random code) differs";
            }
            int lo = 0, hi = units.size();
            while (hi - lo > 1) {
                int mid = (lo + hi) >>> 1;
                if (prefix.apply(mid).same()) lo = mid; else hi = mid;
            }
            Unit culprit = units.get(hi - 1);
            MachineState before = prefix.apply(lo).refBlock(0);
            msg.append("\nshrunk: the first ").append(lo).append(" units agree; unit ").append(hi - 1)
                    .append(" makes them differ:\n    ").append(culprit.oneLine()).append('\n');
            msg.append("  inputs before it (qemu = mimic):\n");
            for (String line : inputs(culprit, before)) msg.append("    ").append(line).append('\n');
            msg.append("  after it:\n");
            describeOutcome(msg, prefix.apply(hi), 0);

            // the culprit alone, from exactly that state
            Outcome alone = buildAndRun(name + "-min", RandomProgram.render(
                    List.of(new RandomProgram.Block(before, List.of(culprit))), name + ", unit " + (hi - 1)
                            + " alone, from the state before it"));
            if (!alone.same()) {
                msg.append("minimal reproducer (that unit alone, from that state): ").append(alone.source()).append('\n');
            } else {
                alone.delete();
                msg.append("that unit alone does not reproduce it (hidden state: LR reservation?); prefix reproducer: ")
                        .append(prefix.apply(hi).source()).append('\n');
            }
            String summary = culprit.oneLine();
            Unit part = narrow(name, culprit, before, msg);
            if (part != null) summary = part.oneLine() + "   (inside: " + summary + ")";
            for (var e : tried.entrySet()) {
                if (e.getKey() != hi) e.getValue().delete();
            }
            if (!alone.same()) tried.get(hi).delete();
            return summary;
        } catch (AssertionError e) {
            msg.append("shrinking failed: ").append(e.getMessage()).append('\n');
            return null;
        }
    }

    /**
     * For a compound culprit (a conditional branch or loop with a body): the first part of its
     * body that differs when run alone from the same starting state, or null. Bodies of
     * unconditional jumps are never executed and are not tried.
     */
    private Unit narrow(String name, Unit culprit, MachineState before, StringBuilder msg) {
        if (culprit.parts().isEmpty()) return null;
        String first = culprit.oneLine().split("\\s+", 2)[0];
        if (List.of("j", "jal", "c.j", "lla").contains(first)) return null;
        for (int k = 0; k < culprit.parts().size(); k++) {
            Unit part = culprit.parts().get(k);
            Outcome o = buildAndRun(name + "-part" + k, RandomProgram.render(
                    List.of(new RandomProgram.Block(before, List.of(part))), name + ", part " + k
                            + " of the culprit alone, from the state before the culprit"));
            if (o.same()) {
                o.delete();
                continue;
            }
            msg.append("narrowed: part ").append(k).append(" of it alone, from the same state, differs too: ")
                    .append(o.source()).append("\n    ").append(part.oneLine()).append('\n');
            for (String line : inputs(part, before)) msg.append("    ").append(line).append('\n');
            msg.append("  after it:\n");
            describeOutcome(msg, o, 0);
            Unit deeper = narrow(name + "-part" + k, part, before, msg);
            return deeper != null ? deeper : part;
        }
        return null;
    }

    /** The values of the registers a unit mentions, from the state before it. */
    private static List<String> inputs(Unit u, MachineState s) {
        String text = u.oneLine();
        List<String> out = new ArrayList<>();
        for (int i : MachineState.xRegistersIn(text)) {
            out.add(String.format("%-9s %s", "x" + i + "/" + MachineState.X_NAMES[i], MachineState.hex(s.x()[i])));
        }
        for (int i : MachineState.fRegistersIn(text)) {
            out.add(String.format("%-9s %s   (%s)", "f" + i + "/" + MachineState.F_NAMES[i], MachineState.hex(s.f()[i]),
                    MachineState.fpText(s.f()[i])));
        }
        out.add("fcsr      " + MachineState.fcsrText(s.fcsr()));
        return out;
    }

    // ------------------------------------------------------------------------------- setup

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
        return GuestRun.findOnPath(name).orElseGet(() -> fail(name
                + " is not installed: run toolchains/install-test-deps.sh"));
    }

    private static Path launcher() {
        String prop = System.getProperty("mimic.launcher");
        Path p = prop != null && !prop.isBlank() ? Path.of(prop) : REPO.resolve("bin/mimic");
        if (!Files.isRegularFile(p) || !Files.isExecutable(p)) {
            fail("the Mimic launcher " + p + " is missing or not executable (set -Dmimic.launcher=...)");
        }
        Path jar = REPO.resolve("linux-user/target/mimic.jar");
        if ((prop == null || prop.isBlank()) && !Files.isRegularFile(jar)) {
            fail("Mimic is not built (" + jar + " is missing): run 'mvn -q -o -DskipTests install' first");
        }
        return p.toAbsolutePath();
    }

    /** The tests module's base directory. */
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
