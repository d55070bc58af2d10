package io.mimic.linuxuser.proc;

import io.mimic.linuxuser.process.GuestProcess;
import io.mimic.linuxuser.process.GuestThread;
import io.mimic.linuxuser.process.ImageLayout;
import io.mimic.translator.memory.AddressSpace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * /proc/self/stat of the guest, and task/TID/stat of each guest thread. The host's line for
 * this process (or for the host thread running the guest thread) is the starting point: pid,
 * state, parent, process group, session, terminal, CPU times, priority, start time... are the
 * host process's, which is the guest's. Every field that describes the program rather than the
 * process is replaced by the guest's: the name (comm), the thread count, the virtual and
 * resident size of the guest's own mappings, the code, data, stack, argument and environment
 * addresses, and the signal bitmaps. qemu-user fills pid, name, ppid, start time and stack and
 * writes 0 for the rest; programs such as ps and procps read the others too.
 */
public final class ProcStat {
    private ProcStat() {}

    /**
     * The stat line of process {@code p} or, if {@code thread} is not null, of that thread
     * (/proc/self/task/TID/stat): its tid, name, CPU times, pending signals and mask.
     */
    public static String render(GuestProcess p, GuestThread thread) {
        List<String> f = hostFields(thread == null ? "/proc/self/stat" : "/proc/self/task/" + hostTid(thread) + "/stat");
        ImageLayout img = p.image;
        // The process's line describes its first thread (the group leader, whose tid is the pid);
        // a thread's line, that thread.
        GuestThread leader = thread != null ? thread : p.thread(p.pid());
        if (thread != null) set(f, 1, thread.tid);
        set(f, 2, "(" + ProcFiles.threadName(p, thread) + ")");
        // The host's line shows the JVM's first thread, which waits; the guest thread reading is running.
        set(f, 3, "R");
        set(f, 20, Math.max(1, p.threads().size()));
        MemoryUsage usage = MemoryUsage.of(p);
        set(f, 23, usage.size());
        set(f, 24, usage.resident() >>> AddressSpace.PAGE_SHIFT);
        if (img != null) {
            set(f, 26, img.startCode());
            set(f, 27, img.endCode());
            set(f, 28, img.startStack());
        }
        set(f, 29, 0);
        set(f, 30, 0);
        long ignored = SignalSets.ignored(p), caught = SignalSets.caught(p);
        long pending = (thread == null ? p.pending.bits() : 0) | (leader != null ? leader.signals.pending.bits() : 0);
        set(f, 31, pending & 0x7fffffffL);
        set(f, 32, (leader != null ? leader.signalMask : 0) & 0x7fffffffL);
        set(f, 33, ignored & 0x7fffffffL);
        set(f, 34, caught & 0x7fffffffL);
        if (img != null && f.size() >= 51) {
            set(f, 45, img.startData());
            set(f, 46, img.endData());
            set(f, 47, p.brkStart);
            set(f, 48, img.argStart());
            set(f, 49, img.argEnd());
            set(f, 50, img.envStart());
            set(f, 51, img.envEnd());
        }
        return String.join(" ", f.subList(1, f.size())) + "\n";
    }

    /**
     * The host thread that runs guest thread {@code t} (the first guest thread's tid is the pid,
     * which the host gives the JVM's first thread, not the one that runs it).
     */
    static int hostTid(GuestThread t) {
        int h = t.signals.hostTid();
        return h != 0 ? h : t.tid;
    }

    /** The fields of a host stat file, 1-based as proc(5) numbers them (index 0 unused). */
    static List<String> hostFields(String file) {
        String line;
        try {
            line = Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            line = "0 (x) R";
        }
        List<String> f = new ArrayList<>();
        int open = line.indexOf('('), close = line.lastIndexOf(')');
        f.add(line.substring(0, Math.max(open - 1, 0)));
        f.add(line.substring(open, close + 1));
        for (String s : line.substring(close + 1).strip().split(" ")) f.add(s);
        f.addFirst("");
        return f;
    }

    private static void set(List<String> f, int field, Object value) {
        while (f.size() <= field) f.add("0");
        f.set(field, value instanceof Long l ? Long.toUnsignedString(l) : value.toString());
    }
}
