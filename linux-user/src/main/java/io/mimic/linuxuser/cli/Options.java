package io.mimic.linuxuser.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;

/**
 * Command-line options, after qemu-user's. Each has a MIMIC_* environment twin, applied by
 * {@link Main} when the option is absent (as QEMU_* variables work for qemu-user).
 */
@Command(name = "mimic", sortOptions = false, usageHelpAutoWidth = true,
        description = "Runs a Linux program built for another CPU (riscv64) by translating it to JVM bytecode.",
        footer = {"", "Environment: MIMIC_LD_PREFIX, MIMIC_SET_ENV, MIMIC_UNSET_ENV, MIMIC_ARGV0, MIMIC_STACK_SIZE,",
                "MIMIC_STRACE, MIMIC_LOG, MIMIC_LOG_FILENAME, MIMIC_CPU set the same as the options."})
final class Options {
    @Option(names = {"-L", "--sysroot"}, paramLabel = "DIR", description = "guest root for the ELF interpreter and absolute paths (MIMIC_LD_PREFIX)")
    String sysroot;

    @Option(names = "-E", paramLabel = "VAR=VALUE", description = "set a guest environment variable (MIMIC_SET_ENV, comma-separated)")
    List<String> setEnv = new ArrayList<>();

    @Option(names = "-U", paramLabel = "VAR", description = "remove a guest environment variable (MIMIC_UNSET_ENV, comma-separated)")
    List<String> unsetEnv = new ArrayList<>();

    @Option(names = "-0", paramLabel = "ARGV0", description = "argv[0] for the guest program (MIMIC_ARGV0)")
    String argv0;

    @Option(names = "-s", paramLabel = "SIZE", description = "guest stack size, with optional k/M/G suffix (MIMIC_STACK_SIZE)")
    String stackSize;

    @Option(names = "-strace", description = "log system calls (MIMIC_STRACE)")
    boolean strace;

    @Option(names = "-d", paramLabel = "ITEM[,...]", description = "log items: in_asm, stats; -d help lists them (MIMIC_LOG)")
    String log;

    @Option(names = "-D", paramLabel = "FILE", description = "write logs to FILE instead of stderr (MIMIC_LOG_FILENAME)")
    String logFile;

    @Option(names = "-cpu", paramLabel = "MODEL", description = "CPU model; -cpu help lists them (MIMIC_CPU)")
    String cpu;

    @Option(names = {"-h", "-help", "--help"}, usageHelp = true, description = "print this help and exit")
    boolean help;

    @Option(names = {"-version", "--version"}, versionHelp = true, description = "print the version and exit")
    boolean version;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PROGRAM", description = "the guest program")
    String program;

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "its arguments")
    List<String> args = new ArrayList<>();
}
