package io.mimic.linuxuser.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The members of a host process group, from /proc. kill(0) and kill(-pgid) reach the guest's
 * own process through the signal emulation and every other member through the host: a host
 * signal to the whole group would also reach this JVM, which cannot tell it from its own. A
 * process that joins the group while the signal is being sent may miss it (the kernel's group
 * kill is atomic; this is not).
 */
public final class ProcessGroups {
    private ProcessGroups() {}

    /** The pids in process group {@code pgid}, except {@code exclude}. */
    public static int[] members(int pgid, int exclude) {
        List<Integer> out = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path d : dir) {
                int pid;
                try {
                    pid = Integer.parseInt(d.getFileName().toString());
                } catch (NumberFormatException e) {
                    continue;
                }
                if (pid == exclude) continue;
                String stat;
                try {
                    stat = new String(Files.readAllBytes(d.resolve("stat")), StandardCharsets.ISO_8859_1);
                } catch (IOException e) {
                    continue; // gone meanwhile
                }
                // pid (comm) state ppid pgrp ...: comm may hold spaces and parentheses.
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ", 4);
                if (f.length >= 3 && Integer.parseInt(f[2]) == pgid) out.add(pid);
            }
        } catch (IOException e) {
            return new int[0];
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }
}
