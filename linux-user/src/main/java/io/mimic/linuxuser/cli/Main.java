package io.mimic.linuxuser.cli;

import io.mimic.linuxuser.abi.LinuxAbi;
import io.mimic.linuxuser.abi.LinuxAbis;
import io.mimic.linuxuser.elf.ElfException;
import io.mimic.linuxuser.elf.ElfFile;
import io.mimic.linuxuser.process.GuestExit;
import io.mimic.linuxuser.process.GuestProcess;
import io.mimic.linuxuser.process.GuestThread;
import io.mimic.linuxuser.process.GuestThreads;
import io.mimic.linuxuser.process.ProgramLoader;
import io.mimic.linuxuser.process.Sysroot;
import io.mimic.linuxuser.syscall.LinuxSyscalls;
import io.mimic.linuxuser.syscall.SyscallDispatcher;
import io.mimic.translator.engine.CodeCache;
import io.mimic.translator.engine.CpuState;
import io.mimic.translator.engine.ExecutionLoop;
import io.mimic.translator.memory.AddressSpace;
import io.mimic.translator.memory.HostReservation;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code mimic} command: runs one guest program; its exit status is the guest's. */
public final class Main {
    static final String VERSION = "mimic 0.1.0";
    /** Status for usage errors, as qemu-user gives. */
    static final int USAGE_ERROR = 1;

    private Main() {}

    public static void main(String[] argv) {
        io.mimic.linuxuser.host.NativeLinking.startInBackground();
        int status;
        try {
            status = (argv.length == 2 || argv.length == 3) && argv[0].equals(io.mimic.linuxuser.fork.SpareProcess.OPTION)
                    ? io.mimic.linuxuser.fork.ForkChild.run(argv[1], argv.length == 3 ? argv[2] : null) : run(argv);
        } catch (GuestExit e) {
            status = e.status;
        } catch (Throwable t) {
            String hostRefused = hostRefusal(t);
            if (hostRefused != null) {
                System.err.println("mimic: " + hostRefused);
                status = HOST_REFUSED;
            } else {
                System.err.println("mimic: internal error: " + t);
                status = 70;
            }
            if (System.getenv("MIMIC_DEBUG") != null) t.printStackTrace();
        }
        System.out.flush();
        System.err.flush();
        io.mimic.linuxuser.exec.PersistentTranslations.imageEnds();
        io.mimic.linuxuser.fork.SpareProcess.killAtExit();
        // A profiling run needs the shutdown hooks to write its recording.
        if (System.getenv("MIMIC_PROFILE") != null) System.exit(status);
        // The host's exit_group, not Runtime.halt: the JVM's exit waits up to 300 ms for threads
        // blocked in native calls (the child-exit watcher's ppoll, a forked child's parent link),
        // which every forking guest has; nothing of the JVM's own teardown is needed here.
        io.mimic.linuxuser.host.HostSyscalls.call(io.mimic.linuxuser.host.HostSyscalls.number("exit_group"), status);
        Runtime.getRuntime().halt(status);
    }

    /** Status when the host refuses what every run needs (sysexits' EX_OSERR). */
    static final int HOST_REFUSED = 71;

    /** The message of a failure to reserve the guest's address space (HostReservation's initializer), or null. */
    static String hostRefusal(Throwable t) {
        return t instanceof ExceptionInInitializerError e && e.getCause() instanceof HostReservation.Refused r
                ? r.getMessage() : null;
    }

    static int run(String[] argv) throws IOException {
        return run(argv, false);
    }

    /**
     * Runs one guest program. With {@code release}, the guest's memory is given back when it
     * ends, so that another program can run in the same JVM (AOT-cache training).
     */
    static int run(String[] argv, boolean release) throws IOException {
        Options o;
        try {
            o = Options.parse(argv, System.getenv());
        } catch (Options.UsageException e) {
            System.err.println("mimic: " + e.getMessage() + " (try 'mimic --help')");
            return USAGE_ERROR;
        }
        if (o.help) {
            Options.printUsage(System.out);
            return 0;
        }
        if (o.version) {
            System.out.println(VERSION);
            return 0;
        }
        if ("help".equals(o.cpu)) {
            for (LinuxAbi abi : LinuxAbis.all()) System.out.println(abi.name() + ": " + String.join(" ", abi.cpuModels()));
            return 0;
        }
        if ("help".equals(o.log)) {
            System.out.println("Log items (comma separated):\nin_asm   show the guest instructions of each translated block\nexec     trace every instruction executed (one per block, no chaining; slow)\nstats    print translation, dispatch, system-call and memory slow-path statistics at exit");
            return 0;
        }
        if (o.binfmt != null) return binfmt(o);
        if (o.program == null) {
            System.err.println("mimic: no program given (try 'mimic --help')");
            return USAGE_ERROR;
        }
        long stackSize = 8L << 20;
        if (o.stackSize != null) {
            stackSize = parseSize(o.stackSize);
            if (stackSize <= 0) {
                System.err.println("mimic: invalid stack size '" + o.stackSize + "'");
                return USAGE_ERROR;
            }
        }
        Path sysroot = null;
        if (o.sysroot != null) {
            sysroot = Path.of(o.sysroot);
            if (!Files.isDirectory(sysroot)) {
                System.err.println("mimic: " + o.sysroot + ": sysroot is not a directory");
                return USAGE_ERROR;
            }
        }

        PrintStream log = System.err;
        if (o.logFile != null) {
            try {
                log = new PrintStream(new FileOutputStream(o.logFile), true);
            } catch (IOException e) {
                System.err.println("mimic: cannot write the log file " + o.logFile + ": " + e.getMessage());
                return USAGE_ERROR;
            }
        }
        Path program = Path.of(o.program);
        ElfFile elf;
        LinuxAbi abi;
        String execFd = System.getenv(EXECFD_VARIABLE);
        try {
            if (execFd != null && execFd.matches("\\d{1,7}")) {
                elf = ElfFile.read(Path.of("/proc/self/fd/" + execFd), program);
            } else {
                elf = ElfFile.read(program);
                if (!Files.isExecutable(program)) throw new ElfException(o.program + ": Permission denied", 126);
            }
            abi = LinuxAbis.forElf(elf);
            if (abi == null) {
                throw new ElfException(o.program + ": unsupported architecture (" + LinuxAbis.machineName(elf.machine) + ")", 126);
            }
        } catch (ElfException e) {
            System.err.println("mimic: " + e.getMessage());
            return e.exitStatus;
        }
        if (o.cpu != null && !abi.cpuModels().contains(o.cpu)) {
            System.err.println("mimic: unknown CPU model '" + o.cpu + "' for " + abi.name() + " (try -cpu help)");
            return USAGE_ERROR;
        }

        List<String> logItems = o.log == null ? List.of() : Arrays.asList(o.log.split(","));
        for (String item : logItems) {
            if (!item.equals("in_asm") && !item.equals("stats") && !item.equals("exec") && !item.equals("nochain")) {
                System.err.println("mimic: unknown log item '" + item + "' (try -d help)");
                return USAGE_ERROR;
            }
        }
        // Read once by the engine's counters (EngineStats.ON), before any guest code exists.
        if (logItems.contains("stats")) System.setProperty("mimic.stats", "true");

        // The syscall layer's tables first: no host call needed, so they are built while the host
        // binding may still be getting ready (NativeLinking: the FFM downcall, without Mimic's
        // JNI library), which the next step waits for.
        var syscalls = LinuxSyscalls.registry(abi);
        AddressSpace memory = new AddressSpace();
        CodeCache code = new CodeCache(abi.frontend(), memory);
        if (logItems.contains("in_asm")) code.setInAsmLog(log::print);

        List<String> guestArgv = new ArrayList<>();
        guestArgv.add(o.argv0 != null ? o.argv0 : o.program);
        guestArgv.addAll(o.args);
        String exe = program.toAbsolutePath().normalize().toString();
        GuestProcess proc = new GuestProcess(abi, memory, code, exe, guestArgv);
        proc.sysroot = sysroot != null ? Sysroot.of(sysroot) : Sysroot.defaultFor(abi.gnuTriple(), elf.interpreter);
        if (o.strace) proc.strace = System.err;
        proc.settings = new io.mimic.linuxuser.process.LaunchSettings(stackSize, logItems, log);
        CpuState cpu = abi.newCpu(memory);
        GuestThread main = proc.startMainThread(cpu);
        // A fatal SIGINT/SIGTERM/SIGHUP from outside must end Mimic by the signal, as natively.
        io.mimic.linuxuser.signal.HostSignals.init();
        SyscallDispatcher dispatcher = new SyscallDispatcher(proc, syscalls);
        proc.systemInterface = dispatcher::forThread;
        cpu.system = dispatcher.forThread(main);
        try {
            ProgramLoader.load(proc, cpu, new ProgramLoader.Request(elf, guestArgv, guestEnvironment(o), o.program, stackSize));
        } catch (ElfException e) {
            System.err.println("mimic: " + e.getMessage());
            return e.exitStatus;
        }
        io.mimic.linuxuser.process.RunningImage.set(proc);
        io.mimic.linuxuser.exec.PersistentTranslations.imageStarts(proc);
        try {
            ExecutionLoop loop = new ExecutionLoop(cpu, code);
            if (logItems.contains("exec")) {
                code.setMaxInstructions(1);
                loop.traceExecution(log);
            }
            String maxInsns = System.getenv("MIMIC_MAX_BLOCK_INSNS");
            if (maxInsns != null && maxInsns.matches("\\d{1,6}")) code.setMaxInstructions(Integer.parseInt(maxInsns));
            return GuestThreads.runProcess(main, loop);
        } finally {
            if (logItems.contains("stats")) code.printStats(log);
            if (release) {
                GuestThreads.awaitStopped(proc);
                // As main does at the exit: a training run writes the translation file too.
                io.mimic.linuxuser.exec.PersistentTranslations.imageEnds();
                memory.clear();
            }
        }
    }

    private static int binfmt(Options o) {
        List<LinuxAbi> abis = new ArrayList<>();
        for (LinuxAbi abi : LinuxAbis.all()) if (o.binfmtArch == null || abi.name().equals(o.binfmtArch)) abis.add(abi);
        if (abis.isEmpty()) {
            System.err.println("mimic: unknown architecture '" + o.binfmtArch + "' (known: "
                    + String.join(", ", LinuxAbis.all().stream().map(LinuxAbi::name).toList()) + ")");
            return USAGE_ERROR;
        }
        return switch (o.binfmt) {
            case "install" -> Binfmt.install(abis, o.persistent, o.credential, System.err);
            case "uninstall" -> Binfmt.uninstall(abis, System.err);
            default -> Binfmt.print(abis, o.persistent, o.credential, System.out, System.err);
        };
    }

    /**
     * Under binfmt_misc with the O flag the kernel hands the program over as an open fd
     * (AT_EXECFD); the launcher passes its number here. The program is read through that fd,
     * while its name stays the one the kernel gave (for /proc/self/exe, AT_EXECFN, argv).
     */
    static final String EXECFD_VARIABLE = "MIMIC_EXECFD";

    /** The host environment in its real order (from /proc), edited by -E and -U. */
    static List<String> guestEnvironment(Options o) throws IOException {
        LinkedHashMap<String, String> env = new LinkedHashMap<>();
        byte[] raw;
        try {
            raw = Files.readAllBytes(Path.of("/proc/self/environ"));
        } catch (IOException e) {
            raw = new byte[0];
            for (var kv : System.getenv().entrySet()) env.put(kv.getKey(), kv.getKey() + "=" + kv.getValue());
        }
        for (String kv : new String(raw, StandardCharsets.UTF_8).split("\0")) {
            if (kv.isEmpty()) continue;
            int eq = kv.indexOf('=');
            env.put(eq < 0 ? kv : kv.substring(0, eq), kv);
        }
        // Set by the launcher for Mimic alone (see process/StandardFds): never the guest's.
        env.remove(io.mimic.linuxuser.process.StandardFds.INHERITED_FDS_VARIABLE);
        env.remove(EXECFD_VARIABLE);
        // The launcher moved HotSpot's suspend signal off SIGUSR2 (see bin/mimic): not the guest's.
        if (env.remove("MIMIC_OWN_SR_SIGNUM") != null) env.remove("_JAVA_SR_SIGNUM");
        for (String spec : o.setEnv) {
            for (String kv : spec.split(",")) {
                int eq = kv.indexOf('=');
                if (eq > 0) env.put(kv.substring(0, eq), kv);
            }
        }
        for (String spec : o.unsetEnv) {
            for (String k : spec.split(",")) env.remove(k);
        }
        return new ArrayList<>(env.values());
    }

    /** "8M", "512k", "1G", or bytes. Returns -1 if malformed. */
    static long parseSize(String s) {
        try {
            char last = Character.toLowerCase(s.charAt(s.length() - 1));
            long mul = switch (last) { case 'k' -> 1L << 10; case 'm' -> 1L << 20; case 'g' -> 1L << 30; default -> 1; };
            String digits = mul == 1 ? s : s.substring(0, s.length() - 1);
            return Long.parseLong(digits) * mul;
        } catch (RuntimeException e) {
            return -1;
        }
    }
}
