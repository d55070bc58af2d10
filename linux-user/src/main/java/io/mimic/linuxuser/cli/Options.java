package io.mimic.linuxuser.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Command-line options after qemu-user's, as one table: each row gives the names, whether it
 * takes a value, its MIMIC_* environment twin (used when the option is absent, as QEMU_*
 * variables work for qemu-user) and its help text. Parsing stops at the first non-option: the
 * program and its arguments are the guest's, untouched.
 *
 * A table rather than picocli: picocli's class files are Java 5 bytecode, which the JDK's AOT
 * cache cannot hold, and loading them cost 165 ms at every start.
 */
final class Options {
    String sysroot;
    final List<String> setEnv = new ArrayList<>();
    final List<String> unsetEnv = new ArrayList<>();
    String argv0;
    String stackSize;
    boolean strace;
    String log;
    String logFile;
    String cpu;
    boolean help;
    boolean version;
    /** binfmt_misc: "install", "uninstall", "print" or null; --arch limits it to one ISA. */
    String binfmt;
    String binfmtArch;
    boolean persistent, credential;
    String program;
    final List<String> args = new ArrayList<>();

    /** A user mistake on the command line; the message is shown as one line. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message, null, false, false);
        }
    }

    private record Spec(List<String> names, String valueLabel, String env, String help,
                        BiConsumer<Options, String> apply) {
        boolean takesValue() {
            return valueLabel != null;
        }
    }

    private static final List<Spec> SPECS = List.of(
        new Spec(List.of("-L", "--sysroot"), "DIR", "MIMIC_LD_PREFIX",
                "guest root for the ELF interpreter and absolute paths", (o, v) -> o.sysroot = v),
        new Spec(List.of("-E"), "VAR=VALUE[,...]", "MIMIC_SET_ENV",
                "set variables in the guest's environment", (o, v) -> o.setEnv.add(v)),
        new Spec(List.of("-U"), "VAR[,...]", "MIMIC_UNSET_ENV",
                "remove variables from the guest's environment", (o, v) -> o.unsetEnv.add(v)),
        new Spec(List.of("-0"), "ARGV0", "MIMIC_ARGV0", "argv[0] for the guest program", (o, v) -> o.argv0 = v),
        new Spec(List.of("-s"), "SIZE", "MIMIC_STACK_SIZE",
                "guest stack size, with optional k/M/G suffix (default 8M)", (o, v) -> o.stackSize = v),
        new Spec(List.of("-strace"), null, "MIMIC_STRACE", "log system calls", (o, v) -> o.strace = true),
        new Spec(List.of("-d"), "ITEM[,...]", "MIMIC_LOG",
                "log items: in_asm, exec, stats (-d help lists them)", (o, v) -> o.log = v),
        new Spec(List.of("-D"), "FILE", "MIMIC_LOG_FILENAME", "write logs to FILE instead of stderr",
                (o, v) -> o.logFile = v),
        new Spec(List.of("-cpu"), "MODEL", "MIMIC_CPU", "CPU model (-cpu help lists them)", (o, v) -> o.cpu = v),
        new Spec(List.of("--install-binfmt"), null, null,
                "register Mimic with binfmt_misc for every ISA (root)", (o, v) -> o.binfmt = "install"),
        new Spec(List.of("--uninstall-binfmt"), null, null, "remove those registrations", (o, v) -> o.binfmt = "uninstall"),
        new Spec(List.of("--print-binfmt"), null, null,
                "print the registrations in binfmt.d format", (o, v) -> o.binfmt = "print"),
        new Spec(List.of("--arch"), "ARCH", null, "with the binfmt options: only this ISA", (o, v) -> o.binfmtArch = v),
        new Spec(List.of("--persistent"), null, null,
                "with the binfmt options: flag F (the kernel opens the launcher once)", (o, v) -> o.persistent = true),
        new Spec(List.of("--credential"), null, null,
                "with the binfmt options: flags O and C (set-uid programs)", (o, v) -> o.credential = true),
        new Spec(List.of("-h", "-help", "--help"), null, null, "print this help and exit", (o, v) -> o.help = true),
        new Spec(List.of("-version", "--version"), null, null, "print the version and exit", (o, v) -> o.version = true));

    /** Parses argv; then fills what was not given from the environment twins in {@code env}. */
    static Options parse(String[] argv, Map<String, String> env) throws UsageException {
        Options o = new Options();
        boolean[] given = new boolean[SPECS.size()];
        int i = 0;
        while (i < argv.length) {
            String a = argv[i];
            if (a.equals("--")) {
                i++;
                break;
            }
            if (!a.startsWith("-") || a.equals("-")) break;
            String name = a, inlineValue = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                name = a.substring(0, eq);
                inlineValue = a.substring(eq + 1);
            }
            int k = find(name);
            if (k < 0) throw new UsageException("unknown option '" + a + "'");
            Spec s = SPECS.get(k);
            String value = null;
            if (s.takesValue()) {
                if (inlineValue != null) {
                    value = inlineValue;
                } else if (i + 1 < argv.length) {
                    value = argv[++i];
                } else {
                    throw new UsageException("option '" + a + "' needs a value (" + s.valueLabel() + ")");
                }
            } else if (inlineValue != null) {
                throw new UsageException("option '" + name + "' takes no value");
            }
            s.apply().accept(o, value);
            given[k] = true;
            i++;
        }
        if (i < argv.length) {
            o.program = argv[i++];
            while (i < argv.length) o.args.add(argv[i++]);
        }
        for (int k = 0; k < SPECS.size(); k++) {
            Spec s = SPECS.get(k);
            if (given[k] || s.env() == null || !env.containsKey(s.env())) continue;
            s.apply().accept(o, s.takesValue() ? env.get(s.env()) : null);
        }
        return o;
    }

    /** Also accepts qemu's doubled-dash spelling of single-dash options (--strace, --cpu). */
    private static int find(String name) {
        for (int k = 0; k < SPECS.size(); k++) {
            List<String> names = SPECS.get(k).names();
            if (names.contains(name) || (name.startsWith("--") && names.contains(name.substring(1)))) return k;
        }
        return -1;
    }

    static void printUsage(PrintStream out) {
        out.println("Usage: mimic [options] PROGRAM [ARGS...]");
        out.println("Runs a Linux program built for another CPU by translating its code to JVM bytecode.");
        out.println();
        out.println("Options (each has an environment twin, used when the option is not given):");
        for (Spec s : SPECS) {
            String left = String.join(", ", s.names()) + (s.takesValue() ? " " + s.valueLabel() : "");
            out.printf("  %-28s %s%s%n", left, s.help(), s.env() == null ? "" : " [" + s.env() + "]");
        }
    }
}
