package io.mimic.tests;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Small helpers for the integration tests: run a command with a timeout, stdin from /dev/null,
 * a given environment and working directory, and capture its stdout, stderr and exit status.
 * Output goes to files (no pipe can fill up and block the child), read back when it ends.
 */
final class GuestRun {
    private GuestRun() {}

    /** What one run produced. {@code exitStatus} is 128+N for a child killed by signal N. */
    record Result(List<String> command, int exitStatus, byte[] stdout, byte[] stderr, boolean timedOut,
                  Duration elapsed) {
        String stdoutText() {
            return new String(stdout, StandardCharsets.UTF_8);
        }

        String stderrText() {
            return new String(stderr, StandardCharsets.UTF_8);
        }

        String describeStatus() {
            if (timedOut) return "timed out after " + elapsed.toSeconds() + " s (killed)";
            if (exitStatus > 128 && exitStatus < 128 + 65) return exitStatus + " (128+" + (exitStatus - 128) + ": signal?)";
            return Integer.toString(exitStatus);
        }
    }

    /**
     * Runs {@code command} in {@code workDir} with exactly {@code env} as its environment and
     * /dev/null as stdin. Kills it (and its descendants) when it runs longer than {@code timeout}.
     */
    static Result run(List<String> command, Map<String, String> env, Path workDir, Duration timeout) {
        return run(command, env, workDir, timeout, null);
    }

    /** {@link #run(List, Map, Path, Duration)} with stdin from {@code stdin} (null: /dev/null). */
    static Result run(List<String> command, Map<String, String> env, Path workDir, Duration timeout, Path stdin) {
        Path out = null, err = null;
        try {
            out = Files.createTempFile("guest-run-", ".out");
            err = Files.createTempFile("guest-run-", ".err");
            ProcessBuilder pb = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(stdin != null ? stdin.toFile() : new File("/dev/null")))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            pb.environment().clear();
            pb.environment().putAll(env);
            long start = System.nanoTime();
            Process p = pb.start();
            boolean finished = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            int status = finished ? p.exitValue() : -1;
            return new Result(List.copyOf(command), status, Files.readAllBytes(out), Files.readAllBytes(err),
                    !finished, elapsed);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    /** The first executable file called {@code name} on the PATH of this JVM, if any. */
    /**
     * The small, fixed environment every guest run gets, the same under Mimic and qemu (C
     * locale, UTC, a plain PATH), plus what bin/mimic needs to find Java.
     */
    static Map<String, String> guestEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("HOME", System.getProperty("java.io.tmpdir", "/tmp"));
        env.put("LANG", "C");
        env.put("LC_ALL", "C");
        env.put("TZ", "UTC");
        String javaHome = System.getenv("JAVA_HOME");
        if (javaHome == null || javaHome.isEmpty()) javaHome = System.getProperty("java.home");
        if (javaHome != null) env.put("JAVA_HOME", javaHome);
        String mimicJava = System.getenv("MIMIC_JAVA");
        if (mimicJava != null) env.put("MIMIC_JAVA", mimicJava);
        return env;
    }

    /** A comma-separated system property (test selections such as mimic.tests.only) as a set. */
    static Set<String> listProperty(String name) {
        return Arrays.stream(System.getProperty(name, "").split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toSet());
    }

    static Optional<Path> findOnPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) path = "/usr/local/bin:/usr/bin:/bin";
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) continue;
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) return Optional.of(candidate);
        }
        return Optional.empty();
    }

    /** A fresh empty directory to run a guest in. */
    static Path freshDirectory(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes a directory tree; ignores what cannot be removed. */
    static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) return;
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(GuestRun::deleteQuietly);
        } catch (IOException ignored) {
            // best effort
        }
    }

    private static void deleteQuietly(Path p) {
        if (p == null) return;
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // best effort
        }
    }

    /**
     * A diff-friendly account of where two outputs differ: the first differing line with a few
     * lines of context from each side, prefixed "-" (expected) and "+" (actual).
     */
    static String describeDifference(String expectedName, String expected, String actualName, String actual) {
        List<String> a = lines(expected), b = lines(actual);
        int first = 0;
        while (first < a.size() && first < b.size() && a.get(first).equals(b.get(first))) first++;
        StringBuilder sb = new StringBuilder();
        sb.append("--- ").append(expectedName).append(" (").append(a.size()).append(" lines)\n");
        sb.append("+++ ").append(actualName).append(" (").append(b.size()).append(" lines)\n");
        sb.append("first difference at line ").append(first + 1).append('\n');
        int from = Math.max(0, first - 3);
        for (int i = from; i < first; i++) sb.append("  ").append(a.get(i)).append('\n');
        int shown = 0;
        for (int i = first; i < a.size() && shown < 8; i++, shown++) sb.append("- ").append(a.get(i)).append('\n');
        if (first >= a.size()) sb.append("- <end of output>\n");
        shown = 0;
        for (int i = first; i < b.size() && shown < 8; i++, shown++) sb.append("+ ").append(b.get(i)).append('\n');
        if (first >= b.size()) sb.append("+ <end of output>\n");
        int differing = 0;
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            String x = i < a.size() ? a.get(i) : null, y = i < b.size() ? b.get(i) : null;
            if (x == null || !x.equals(y)) differing++;
        }
        sb.append(differing).append(" line(s) differ in all\n");
        return sb.toString();
    }

    private static List<String> lines(String s) {
        List<String> out = new ArrayList<>(s.lines().toList());
        if (!s.isEmpty() && !s.endsWith("\n")) {
            int last = out.size() - 1;
            out.set(last, out.get(last) + "\\ (no newline at end)");
        }
        return out;
    }

    /** At most {@code max} characters of {@code s}, marking a cut. */
    static String clip(String s, int max) {
        if (s.length() <= max) return s;
        return s.substring(0, max) + "\n[... " + (s.length() - max) + " more characters]";
    }
}
