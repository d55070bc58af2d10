package io.mimic.linuxuser.fork;

import io.mimic.linuxuser.host.HostFds;
import io.mimic.linuxuser.host.HostSpawn;
import io.mimic.linuxuser.host.HostSyscalls;
import io.mimic.linuxuser.host.UnixSockets;
import io.mimic.linuxuser.process.Children;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The spare: a Mimic JVM started ahead of time in the hidden {@code --fork-child} mode, a real
 * child of this process (posix_spawn, not ProcessBuilder, whose reaper thread would reap it), that
 * loads its classes and then waits on a unix socket for the snapshot that makes it the guest's
 * child. It runs in a process group of its own until then, so that terminal signals and the
 * guest's waits on its own group never see it.
 */
public final class SpareProcess {
    /** The option that starts the hidden mode, and the fd its socket arrives at. */
    public static final String OPTION = "--fork-child";
    static final int SOCKET_FD = 3;
    /** What a warm spare writes once it is ready for a snapshot. */
    static final byte READY = 'R';

    private static final int KILL = HostSyscalls.number("kill"), WAIT4 = HostSyscalls.number("wait4"),
            GETRESUID = HostSyscalls.number("getresuid"), GETRESGID = HostSyscalls.number("getresgid");
    private static final int SIGKILL = 9;
    private static volatile List<byte[]> command;
    /**
     * JIT options of the spares only: C1 compiles a method when it has run 800 times instead of
     * 200 (C2's thresholds are unchanged). A spare and the short child it usually becomes (a
     * shell's command substitution, a pipeline stage) run much of Mimic's start-up, restore and
     * system-call code a few hundred times, and C1 compiled it for little gain: a busybox sh loop
     * of 20 forks, 9.6 -> 8.7 s of CPU, 5.37 -> 5.17 s (docs/PERFORMANCE.md). Ten times the
     * default saved more (8.2 s of CPU) but made a long-running child (lua exec'd from a command
     * substitution) 3-5% slower, as its own hot code was compiled later. Before the user's own
     * options (MIMIC_JAVA_OPTS), which win.
     */
    private static final List<String> SPARE_JIT_OPTIONS = List.of("-XX:Tier3InvocationThreshold=800",
            "-XX:Tier3MinInvocationThreshold=400", "-XX:Tier3CompileThreshold=8000");
    /** The spare's pid, for {@link #killAtExit} (a process has at most one spare). */
    private static volatile int liveSpare = -1;
    /** This process's ids when the spare started (it has the same until it becomes a child). */
    private static long[] spareCredentials;

    private SpareProcess() {}

    /**
     * Starts a spare for a process of {@code abi} unless one is there; returns false (errno in
     * the log) if it cannot.
     */
    static boolean start(Children c, String abi) {
        if (c.sparePid > 0) return true;
        int[] pair = UnixSockets.pair();
        if (pair[0] < 0) return false;
        List<byte[]> env = new ArrayList<>();
        for (Map.Entry<String, String> e : System.getenv().entrySet()) {
            env.add((e.getKey() + "=" + e.getValue()).getBytes(StandardCharsets.UTF_8));
        }
        List<byte[]> cmd = new ArrayList<>(command());
        cmd.add(abi.getBytes(StandardCharsets.UTF_8));
        int pid = HostSpawn.spawn(cmd, env, pair[1], SOCKET_FD);
        HostFds.close(pair[1]);
        if (pid < 0) {
            HostFds.close(pair[0]);
            return false;
        }
        spareCredentials = credentials();
        liveSpare = pid;
        c.sparePid = pid;
        c.spareSocket = pair[0];
        c.spareReady = false;
        return true;
    }

    /** True if this process still has the ids it had when the spare started. */
    static boolean sameCredentials() {
        return java.util.Arrays.equals(spareCredentials, credentials());
    }

    /** Real, effective and saved uid and gid. */
    private static long[] credentials() {
        try (java.lang.foreign.Arena arena = java.lang.foreign.Arena.ofConfined()) {
            java.lang.foreign.MemorySegment ids = arena.allocate(24, 4);
            HostSyscalls.call(GETRESUID, ids.address(), ids.address() + 4, ids.address() + 8);
            HostSyscalls.call(GETRESGID, ids.address() + 12, ids.address() + 16, ids.address() + 20);
            return ids.toArray(java.lang.foreign.ValueLayout.JAVA_INT).length == 6
                    ? java.util.Arrays.stream(ids.toArray(java.lang.foreign.ValueLayout.JAVA_INT)).asLongStream().toArray()
                    : new long[0];
        }
    }

    /** Waits until the spare is warm; false if it died. */
    static boolean awaitReady(Children c) {
        if (c.spareReady) return true;
        try {
            byte[] b = UnixSockets.readBytes(c.spareSocket, 1);
            c.spareReady = b[0] == READY;
        } catch (IOException e) {
            c.spareReady = false;
        }
        return c.spareReady;
    }

    /** The spare is now the guest's child (or dead): this process no longer treats it as the spare. */
    static void release(Children c) {
        liveSpare = -1;
        if (c.spareSocket >= 0) HostFds.close(c.spareSocket);
        c.sparePid = -1;
        c.spareSocket = -1;
        c.spareReady = false;
    }

    /** The spare became a child that keeps the socket as its link: this process has no spare now. */
    static void forget(Children c) {
        liveSpare = -1;
        c.sparePid = -1;
        c.spareSocket = -1;
        c.spareReady = false;
    }

    /**
     * The process is ending: the spare would notice (its socket ends) only once it is warm, and
     * a warming JVM costs a CPU meanwhile, so it is killed now (init reaps it).
     */
    public static void killAtExit() {
        int pid = liveSpare;
        if (pid > 0) HostSyscalls.call(KILL, pid, SIGKILL);
    }

    /** Kills and reaps the spare (before a host execve, or when it is unusable). */
    public static void discard(Children c) {
        int pid = c.sparePid;
        release(c);
        if (pid > 0) {
            HostSyscalls.call(KILL, pid, SIGKILL);
            HostSyscalls.call(WAIT4, pid, 0, 0, 0);
        }
    }

    /**
     * This JVM's own command line with the program arguments replaced by the hidden option and
     * its fd (the caller adds the ABI):
     * the same java, JVM options (AOT cache included) and jar or main class. (The child resets
     * the JVM's SIGTERM/SIGINT/SIGHUP handlers as the first process does: signal/HostSignals.)
     */
    private static List<byte[]> command() {
        List<byte[]> cmd = command;
        if (cmd != null) return cmd;
        List<String> words;
        try {
            words = new ArrayList<>(List.of(new String(Files.readAllBytes(Path.of("/proc/self/cmdline")), StandardCharsets.UTF_8).split("\0")));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/self/cmdline", e);
        }
        List<String> out = new ArrayList<>();
        out.add(ProcessHandle.current().info().command().orElse(words.get(0)));
        // A spare's own spares have them already (its command line is this one).
        if (!words.contains(SPARE_JIT_OPTIONS.getFirst())) out.addAll(SPARE_JIT_OPTIONS);
        int i = 1;
        while (i < words.size()) {
            String w = words.get(i++);
            out.add(w);
            if (w.equals("-jar")) {
                out.add(words.get(i));
                break;
            }
            if (w.equals("-cp") || w.equals("-classpath") || w.equals("--class-path") || w.equals("-p")
                    || w.equals("--module-path") || w.equals("--add-opens") || w.equals("--add-exports")
                    || w.equals("--add-modules")) {
                out.add(words.get(i++));
                continue;
            }
            if (!w.startsWith("-")) break; // the main class
        }
        out.add(OPTION);
        out.add(Integer.toString(SOCKET_FD));
        cmd = new ArrayList<>();
        for (String w : out) cmd.add(w.getBytes(StandardCharsets.UTF_8));
        command = cmd;
        return cmd;
    }
}
