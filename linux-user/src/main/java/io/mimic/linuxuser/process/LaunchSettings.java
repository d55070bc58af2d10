package io.mimic.linuxuser.process;

import java.io.PrintStream;
import java.util.List;

/**
 * How Mimic was asked to run the guest, which every image the process execs (and every child it
 * forks) runs with too: the stack size, the -d log items and where the log goes.
 */
public record LaunchSettings(long stackSize, List<String> logItems, PrintStream log) {
    public static final LaunchSettings DEFAULT = new LaunchSettings(8L << 20, List.of(), System.err);
}
