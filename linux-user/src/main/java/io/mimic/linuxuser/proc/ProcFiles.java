package io.mimic.linuxuser.proc;

import io.mimic.linuxuser.process.GuestProcess;
import io.mimic.linuxuser.process.GuestThread;
import io.mimic.translator.memory.GuestAccess;
import io.mimic.translator.memory.Prot;

import java.nio.charset.StandardCharsets;

/**
 * The /proc files whose host version would describe the JVM rather than the guest, generated
 * from the guest's state when opened (see {@link ProcTarget} for the names): for the process,
 * maps, stat, status, comm, auxv, cmdline and environ; for one of its threads (task/TID/ and
 * /proc/thread-self/), the thread's own stat, status and comm and the process's other files;
 * and /proc/cpuinfo, whose text each ISA supplies ({@code LinuxAbi.cpuinfo}). The syscall layer
 * gives the guest a real fd with the content (a memfd), so read, pread, lseek, fstat and mmap
 * work on it. Other /proc files are the host's.
 */
public final class ProcFiles {
    private ProcFiles() {}

    /**
     * The generated content of the guest file {@code path} opened by thread {@code current}, or
     * null if the name is not one of the generated files.
     */
    public static byte[] content(GuestProcess p, GuestThread current, String path) {
        ProcTarget t = ProcTarget.of(p, current, path);
        if (t != null && !t.noSuchThread()) {
            GuestThread thread = t.thread();
            return switch (t.file()) {
                case "maps" -> bytes(ProcMaps.render(p.memory));
                case "stat" -> bytes(ProcStat.render(p, thread));
                case "status" -> bytes(ProcStatus.render(p, thread));
                case "comm" -> bytes(threadName(p, thread) + "\n");
                case "auxv" -> p.image == null ? new byte[0] : p.image.auxv().clone();
                case "cmdline" -> p.image == null ? new byte[0] : stackStrings(p, p.image.argStart(), p.image.argEnd());
                case "environ" -> p.image == null ? new byte[0] : stackStrings(p, p.image.envStart(), p.image.envEnd());
                default -> null;
            };
        }
        if (path.equals("/proc/cpuinfo")) {
            return bytes(p.abi.cpuinfo(Runtime.getRuntime().availableProcessors()));
        }
        return null;
    }

    /** The name of {@code t}, or of the process (its first thread's) when {@code t} is null. */
    static String threadName(GuestProcess p, GuestThread t) {
        if (t != null) return t.name;
        GuestThread leader = p.thread(p.pid());
        return leader != null ? leader.name : p.initialThreadName();
    }

    /**
     * The argument (cmdline) or environment (environ) strings as the kernel reads them: from the
     * guest's own memory between the start and end it recorded at execve, so a program that
     * rewrites them (setproctitle) is seen as it left them; unreadable memory gives the empty
     * file, as the kernel does.
     */
    private static byte[] stackStrings(GuestProcess p, long start, long end) {
        if (end <= start) return new byte[0];
        long len = end - start;
        if (!p.memory.check(start, len, Prot.READ)) return new byte[0];
        byte[] b = new byte[(int) len];
        GuestAccess.copyOut(start, b, 0, b.length);
        return b;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
