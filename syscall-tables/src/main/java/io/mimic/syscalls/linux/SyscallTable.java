package io.mimic.syscalls.linux;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One Linux syscall ABI as data, loaded from a {@code .tbl} resource: number, name and argument
 * kinds (for -strace). Guest ABIs (asm-generic for riscv64/aarch64/loongarch64, and the others as
 * they arrive) and the host's x86_64 table share this format:
 *
 * <pre>NUMBER NAME [ARGKIND...]</pre>
 *
 * Argument kinds: int (signed decimal), uint (unsigned decimal), hex, ptr, str (NUL-terminated
 * string), oct (octal, e.g. modes), fd (file descriptor; decimal).
 */
public final class SyscallTable {
    /** One system call of an ABI. */
    public record Entry(int number, String name, List<String> args) {}

    private final String abi;
    private final Entry[] byNumber;
    private final Map<String, Entry> byName = new HashMap<>();

    private SyscallTable(String abi, List<Entry> entries) {
        this.abi = abi;
        int max = entries.stream().mapToInt(Entry::number).max().orElse(0);
        byNumber = new Entry[max + 1];
        for (Entry e : entries) {
            byNumber[e.number()] = e;
            byName.put(e.name(), e);
        }
    }

    /** Loads the table named {@code abi} (e.g. "asm-generic", "x86_64"). */
    public static SyscallTable load(String abi) {
        String res = abi + ".tbl";
        List<Entry> entries = new ArrayList<>();
        try (InputStream in = SyscallTable.class.getResourceAsStream(res)) {
            if (in == null) throw new IllegalArgumentException("no syscall table " + res);
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) continue;
                String[] f = t.split("\\s+");
                List<String> args = new ArrayList<>();
                for (int i = 2; i < f.length; i++) args.add(f[i]);
                entries.add(new Entry(Integer.parseInt(f[0]), f[1], List.copyOf(args)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new SyscallTable(abi, entries);
    }

    public String abi() { return abi; }

    /** The entry for a number, or null if the ABI has no such call. */
    public Entry byNumber(long nr) {
        return nr >= 0 && nr < byNumber.length ? byNumber[(int) nr] : null;
    }

    public Entry byName(String name) {
        return byName.get(name);
    }

    /** The number of a call by name, or -1 if this ABI lacks it. */
    public int number(String name) {
        Entry e = byName.get(name);
        return e == null ? -1 : e.number();
    }

    public int size() {
        return byName.size();
    }

    public List<Entry> entries() {
        List<Entry> out = new ArrayList<>();
        for (Entry e : byNumber) if (e != null) out.add(e);
        return out;
    }
}
