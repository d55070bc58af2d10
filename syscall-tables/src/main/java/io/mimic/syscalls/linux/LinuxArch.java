package io.mimic.syscalls.linux;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Everything about one Linux ABI that is data: its syscall table, byte order, structure
 * layouts and flag values (layouts.txt). Guests (riscv64, aarch64...) and the host (x86_64)
 * are described the same way, so converting between them never assumes they agree.
 */
public final class LinuxArch {
    private static final String RESOURCE = "layouts.txt";
    private static final Map<String, LinuxArch> CACHE = new ConcurrentHashMap<>();
    private static volatile Data data;

    private final String name;
    private final ByteOrder order;
    private final String tableFile, tableVariant;
    private final List<String> families;
    private volatile SyscallTable syscalls;
    private final Map<String, StructLayout> structs = new HashMap<>();
    private final Map<String, FlagTable> flags = new HashMap<>();

    private LinuxArch(String name, ByteOrder order, String tableFile, String tableVariant, List<String> families, Data d) {
        this.name = name;
        this.order = order;
        this.tableFile = tableFile;
        this.tableVariant = tableVariant;
        this.families = List.copyOf(families);
        for (int i = families.size() - 1; i >= 0; i--) {
            Family f = d.families.get(families.get(i));
            if (f == null) throw new IllegalArgumentException(RESOURCE + ": " + name + " names unknown family " + families.get(i));
            structs.putAll(f.structs);
            flags.putAll(f.flags);
        }
    }

    /** The ABI named {@code name} ("riscv64", "aarch64", "x86_64"). */
    public static LinuxArch get(String name) {
        return CACHE.computeIfAbsent(name, n -> {
            Data d = data();
            String[] a = d.arches.get(n);
            if (a == null) throw new IllegalArgumentException("no Linux ABI " + n + " in " + RESOURCE + " (has " + d.arches.keySet() + ")");
            ByteOrder order = switch (a[0]) {
                case "little" -> ByteOrder.LITTLE_ENDIAN;
                case "big" -> ByteOrder.BIG_ENDIAN;
                default -> throw new IllegalArgumentException(RESOURCE + ": " + n + ": byte order " + a[0]);
            };
            String[] table = a[1].split(":");
            return new LinuxArch(n, order, table[0], table[1], List.of(a[2].split(",")), d);
        });
    }

    /** The host's ABI (Mimic runs on x86_64 Linux). */
    public static LinuxArch host() {
        return get("x86_64");
    }

    /** Names of every ABI described. */
    public static List<String> names() {
        return new ArrayList<>(data().arches.keySet());
    }

    public String name() { return name; }
    public ByteOrder byteOrder() { return order; }
    public List<String> families() { return families; }

    public SyscallTable syscalls() {
        SyscallTable t = syscalls;
        if (t == null) syscalls = t = SyscallTable.load(tableFile, tableVariant);
        return t;
    }

    /** The layout of a structure; fails loudly if the ABI's families lack it (a Mimic bug). */
    public StructLayout struct(String structName) {
        StructLayout s = structs.get(structName);
        if (s == null) throw new IllegalArgumentException(name + " has no layout for struct " + structName);
        return s;
    }

    public boolean hasStruct(String structName) {
        return structs.containsKey(structName);
    }

    /** A named value table ("open", "signals", "mmap_flags"...); fails loudly if absent. */
    public FlagTable flags(String tableName) {
        FlagTable f = flags.get(tableName);
        if (f == null) throw new IllegalArgumentException(name + " has no flag table " + tableName);
        return f;
    }

    public FlagTable openFlags() { return flags("open"); }
    public FlagTable signals() { return flags("signals"); }

    @Override
    public String toString() {
        return "Linux " + name;
    }

    // ---- layouts.txt ----

    private record Family(Map<String, StructLayout> structs, Map<String, FlagTable> flags) {}

    private record Data(Map<String, String[]> arches, Map<String, Family> families) {}

    private static Data data() {
        Data d = data;
        if (d == null) {
            synchronized (LinuxArch.class) {
                if (data == null) data = parse();
                d = data;
            }
        }
        return d;
    }

    private static Data parse() {
        Map<String, String[]> arches = new LinkedHashMap<>();
        Map<String, Family> families = new LinkedHashMap<>();
        Family current = null;
        for (TableText.Line line : TableText.lines(LinuxArch.class.getResourceAsStream(RESOURCE), RESOURCE)) {
            String[] f = line.words();
            // The line's place, for the messages below.
            String where = RESOURCE + ":" + line.number() + ": ";
            switch (f[0]) {
                case "@arch" -> {
                    if (f.length != 5 || !f[3].startsWith("syscalls=") || !f[4].startsWith("families=")) {
                        throw new IllegalArgumentException(where + "@arch NAME ORDER syscalls=FILE:VARIANT families=A,B");
                    }
                    arches.put(f[1], new String[] {f[2], f[3].substring(9), f[4].substring(9)});
                }
                case "@family" -> {
                    current = new Family(new LinkedHashMap<>(), new LinkedHashMap<>());
                    if (families.put(f[1], current) != null) throw new IllegalArgumentException(where + "family " + f[1] + " twice");
                }
                case "struct" -> {
                    if (current == null) throw new IllegalArgumentException(where + "struct outside a @family");
                    current.structs.put(f[1], StructLayout.parse(f[1], Integer.parseInt(f[2]), f, 3));
                }
                case "flags" -> {
                    if (current == null) throw new IllegalArgumentException(where + "flags outside a @family");
                    Map<String, Long> values = new LinkedHashMap<>();
                    for (int i = 2; i < f.length; i++) {
                        int eq = f[i].indexOf('=');
                        if (eq <= 0) throw new IllegalArgumentException(where + "bad value " + f[i]);
                        values.put(f[i].substring(0, eq), parseNumber(f[i].substring(eq + 1)));
                    }
                    current.flags.put(f[1], new FlagTable(f[1], values));
                }
                default -> throw new IllegalArgumentException(where + "unknown directive " + f[0]);
            }
        }
        return new Data(arches, families);
    }

    private static long parseNumber(String s) {
        if (s.startsWith("0x")) return Long.parseLong(s.substring(2), 16);
        if (s.length() > 1 && s.startsWith("0")) return Long.parseLong(s.substring(1), 8);
        return Long.parseLong(s);
    }
}
