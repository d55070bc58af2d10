package io.mimic.syscalls.linux;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One Linux syscall ABI as data, loaded from a {@code .tbl} resource: number, name, argument
 * kinds and result kind (for -strace). A table file may describe several variants that share
 * one numbering (riscv64 and aarch64 both use asm-generic.tbl); each line carries an ABI tag,
 * and a {@code @variant} line lists the tags a variant includes, as the kernel's own
 * scripts/syscall.tbl and syscall_abis_64 do:
 *
 * <pre>
 * &#64;variant riscv64 common 64 riscv newstat rlimit
 * NUMBER ABI NAME [ARGKIND...] [=RESULTKIND]
 * </pre>
 *
 * Argument kinds are listed in {@link #ARG_KINDS}; a table that names another is rejected
 * when it is loaded.
 */
public final class SyscallTable {
    /** Every argument kind a table may use (see Strace in linux-user for how each prints). */
    public static final Set<String> ARG_KINDS = Set.of(
            "int",      // signed 32-bit decimal
            "long",     // signed 64-bit decimal
            "uint",     // unsigned 32-bit decimal
            "size",     // unsigned 64-bit decimal (size_t)
            "hex",      // flags and opaque words: 0x...
            "ptr",      // pointer to a structure: NULL or 0x0000...
            "buf",      // pointer to a data buffer: 0x...
            "str",      // NUL-terminated string, quoted
            "path",     // a file name (a str the emulator may rewrite, e.g. /proc/self/exe)
            "oct",      // file mode: 0755
            "fd",       // file descriptor
            "atfd",     // directory fd of the *at calls: AT_FDCWD or a number
            "oflags",   // O_* open flags (and the O_CLOEXEC/O_NONBLOCK of eventfd2, pipe2...)
            "atflags",  // AT_* flags
            "access",   // F_OK or R_OK|W_OK|X_OK
            "whence",   // SEEK_*
            "fcntlcmd", // F_* command
            "ioctlreq", // ioctl request: known names, else hex
            "prot",     // PROT_*
            "mapflags", // MAP_*
            "clockid",  // CLOCK_*
            "sig",      // signal number: SIGxxx
            "sighow");  // SIG_BLOCK, SIG_UNBLOCK, SIG_SETMASK

    /** Result kinds besides the default signed decimal. */
    public static final Set<String> RESULT_KINDS = Set.of("ptr");

    /** One system call of an ABI. {@code result} is null for a plain signed result. */
    public record Entry(int number, String name, List<String> args, String result) {}

    private final String name;
    private final Entry[] byNumber;
    private final Map<String, Entry> byName = new LinkedHashMap<>();

    private SyscallTable(String name, List<Entry> entries) {
        this.name = name;
        int max = entries.stream().mapToInt(Entry::number).max().orElse(0);
        byNumber = new Entry[max + 1];
        for (Entry e : entries) {
            if (byNumber[e.number()] != null) {
                throw new IllegalArgumentException(name + ": two calls numbered " + e.number());
            }
            if (byName.containsKey(e.name())) throw new IllegalArgumentException(name + ": two calls named " + e.name());
            byNumber[e.number()] = e;
            byName.put(e.name(), e);
        }
    }

    /** Loads a table file whose only (or first) variant has the file's name, e.g. "x86_64". */
    public static SyscallTable load(String resource) {
        return load(resource, resource);
    }

    /**
     * Loads one variant of a table file: {@code load("asm-generic", "riscv64")} keeps the lines
     * whose ABI tag the riscv64 variant includes.
     */
    public static SyscallTable load(String resource, String variant) {
        String res = resource + ".tbl";
        Map<String, Set<String>> variants = new HashMap<>();
        List<String[]> lines = new ArrayList<>();
        InputStream in = SyscallTable.class.getResourceAsStream(res);
        if (in == null) throw new IllegalArgumentException("no syscall table " + res);
        for (TableText.Line line : TableText.lines(in, res)) {
            String[] f = line.words();
            if (f[0].equals("@variant")) {
                if (f.length < 3) throw new IllegalArgumentException(res + ":" + line.number() + ": @variant NAME TAG...");
                variants.put(f[1], Set.of(java.util.Arrays.copyOfRange(f, 2, f.length)));
                continue;
            }
            if (f.length < 3) throw new IllegalArgumentException(res + ":" + line.number() + ": NUMBER ABI NAME [KIND...]");
            lines.add(f);
        }
        Set<String> tags = variants.get(variant);
        if (tags == null) throw new IllegalArgumentException(res + " has no variant " + variant + " (has " + variants.keySet() + ")");
        List<Entry> entries = new ArrayList<>();
        for (String[] f : lines) {
            if (!tags.contains(f[1])) continue;
            List<String> args = new ArrayList<>();
            String result = null;
            for (int i = 3; i < f.length; i++) {
                if (f[i].startsWith("=")) {
                    result = f[i].substring(1);
                    if (!RESULT_KINDS.contains(result)) throw new IllegalArgumentException(res + ": " + f[2] + ": unknown result kind " + result);
                } else {
                    if (!ARG_KINDS.contains(f[i])) throw new IllegalArgumentException(res + ": " + f[2] + ": unknown argument kind " + f[i]);
                    args.add(f[i]);
                }
            }
            if (args.size() > 6) throw new IllegalArgumentException(res + ": " + f[2] + " has more than 6 arguments");
            entries.add(new Entry(Integer.parseInt(f[0]), f[2], List.copyOf(args), result));
        }
        return new SyscallTable(variant, entries);
    }

    /** The variant's name ("riscv64", "x86_64"). */
    public String abi() { return name; }

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

    /** Every entry, by number. */
    public List<Entry> entries() {
        List<Entry> out = new ArrayList<>();
        for (Entry e : byNumber) if (e != null) out.add(e);
        return out;
    }
}
