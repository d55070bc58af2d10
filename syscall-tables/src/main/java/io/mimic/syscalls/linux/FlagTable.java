package io.mimic.syscalls.linux;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Named values of one ABI: flag bits (open flags, MAP_*), or plain numbers (signals, fcntl
 * commands). Translating flags between ABIs goes bit by bit through the names; a bit the source
 * ABI has no name for is dropped, never passed on with a meaning it may not have on the other side.
 */
public final class FlagTable {
    private final String name;
    private final Map<String, Long> values;
    private final Map<Long, String> names = new LinkedHashMap<>();

    public FlagTable(String name, Map<String, Long> values) {
        this.name = name;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        for (var e : values.entrySet()) names.putIfAbsent(e.getValue(), e.getKey());
    }

    public String name() { return name; }

    /** Every symbol in table order. */
    public Map<String, Long> values() { return values; }

    /** The value of a symbol; fails loudly if the table lacks it (a Mimic bug). */
    public long value(String symbol) {
        Long v = values.get(symbol);
        if (v == null) throw new IllegalArgumentException(name + " has no " + symbol);
        return v;
    }

    /** The value of a symbol, or {@code otherwise}. */
    public long value(String symbol, long otherwise) {
        Long v = values.get(symbol);
        return v == null ? otherwise : v;
    }

    /** The first symbol whose value is exactly {@code v}, or null (for numbered tables: signals). */
    public String symbol(long v) {
        return names.get(v);
    }

    /** Translates a flag word bit by bit into {@code to}'s values; bits without a name here are dropped. */
    public long translate(long flags, FlagTable to) {
        if (to == this) return flags & knownBits();
        long out = 0;
        for (var e : values.entrySet()) {
            long bit = e.getValue();
            if (bit != 0 && (flags & bit) == bit) {
                Long t = to.values.get(e.getKey());
                if (t != null) out |= t;
            }
        }
        return out;
    }

    /** The union of every value: the bits this table knows. */
    public long knownBits() {
        long k = 0;
        for (long v : values.values()) k |= v;
        return k;
    }

    /** "A|B|0x40" for a flag word (empty string for 0). */
    public String describe(long flags) {
        StringBuilder sb = new StringBuilder();
        long rest = flags;
        for (var e : values.entrySet()) {
            long bit = e.getValue();
            if (bit != 0 && (rest & bit) == bit) {
                if (!sb.isEmpty()) sb.append('|');
                sb.append(e.getKey());
                rest &= ~bit;
            }
        }
        if (rest != 0) {
            if (!sb.isEmpty()) sb.append('|');
            sb.append("0x").append(Long.toHexString(rest));
        }
        return sb.toString();
    }
}
