package io.mimic.linuxuser.proc;

import io.mimic.linuxuser.host.HostSyscalls;
import io.mimic.linuxuser.process.GuestProcess;
import io.mimic.linuxuser.process.GuestThread;
import io.mimic.linuxuser.process.ImageLayout;
import io.mimic.translator.memory.AddressSpace;
import io.mimic.translator.memory.HostReservation;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * /proc/self/stat of the guest. The host's line for this process is the starting point (pid,
 * state, parent, process group, session, terminal, CPU times, priority, start time... are the
 * host process's, which is the guest's), and every field that describes the program rather than
 * the process is replaced by the guest's: the name (comm), the thread count, the virtual and
 * resident size of the guest's own mappings, the code, data, stack, argument and environment
 * addresses, and the signal bitmaps. qemu-user fills pid, name, ppid, start time and stack and
 * writes 0 for the rest; programs such as ps and procps read the others too.
 */
public final class ProcStat {
    private static final int MINCORE = HostSyscalls.number("mincore");

    private ProcStat() {}

    public static String render(GuestProcess p) {
        List<String> f = hostFields();
        ImageLayout img = p.image;
        // The process's line describes its first thread (the group leader), whose tid is the pid.
        GuestThread leader = p.thread(p.pid());
        set(f, 2, "(" + (leader != null ? leader.name : p.initialThreadName()) + ")");
        // The host's line shows the JVM's first thread, which waits; the guest thread reading is running.
        set(f, 3, "R");
        set(f, 20, Math.max(1, p.threads().size()));
        long vsize = 0;
        for (AddressSpace.Mapping m : p.memory.mappings()) vsize += m.end() - m.start();
        set(f, 23, vsize);
        set(f, 24, residentPages(p.memory));
        if (img != null) {
            set(f, 26, img.startCode());
            set(f, 27, img.endCode());
            set(f, 28, img.startStack());
        }
        set(f, 29, 0);
        set(f, 30, 0);
        long ignored = 0, caught = 0;
        for (int sig = 1; sig < p.sigactions.length; sig++) {
            long handler = handlerOf(p, p.sigactions[sig]);
            if (handler == 1) ignored |= 1L << (sig - 1);
            else if (handler > 1) caught |= 1L << (sig - 1);
        }
        long pending = p.pending.bits() | (leader != null ? leader.signals.pending.bits() : 0);
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

    /** sa_handler is the first word of every 64-bit Linux ABI's struct sigaction. */
    private static long handlerOf(GuestProcess p, byte[] act) {
        if (act == null || act.length < 8) return 0;
        return MemorySegment.ofArray(act).get(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(p.abi.frontendByteOrder()), 0);
    }

    /** Pages of the guest's mappings that the host holds in memory (mincore over each mapping). */
    private static long residentPages(AddressSpace memory) {
        long pages = 0;
        try (Arena arena = Arena.ofConfined()) {
            for (AddressSpace.Mapping m : memory.mappings()) {
                long n = (m.end() - m.start()) >>> AddressSpace.PAGE_SHIFT;
                MemorySegment vec = arena.allocate(n);
                if (HostSyscalls.call(MINCORE, HostReservation.hostAddress(m.start()), m.end() - m.start(), vec.address()) < 0) continue;
                for (long i = 0; i < n; i++) pages += vec.get(ValueLayout.JAVA_BYTE, i) & 1;
            }
        }
        return pages;
    }

    /** The host's /proc/self/stat fields, 1-based as proc(5) numbers them (index 0 unused). */
    private static List<String> hostFields() {
        String line;
        try {
            line = Files.readString(Path.of("/proc/self/stat"), StandardCharsets.UTF_8).strip();
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
