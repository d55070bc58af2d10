package io.mimic.translator.aarch64;

import io.mimic.translator.engine.DecodeTableFile;
import io.mimic.translator.engine.Flow;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Table-driven decoder built at start-up from {@code aarch64.decode}. Patterns are bucketed by
 * op0 (bits 28:25, the manual's top-level split) and tried most-specific first within a bucket.
 */
public final class Arm64Decoder {
    /** One line of the decode table. */
    public record Pattern(String name, Arm64Format format, int mask, int match, Flow flow) {}

    private static final String FILE = "aarch64.decode";
    private static final List<Pattern> ALL = load();
    private static final Pattern[][] BUCKETS = bucket(ALL);

    private Arm64Decoder() {}

    public static List<Pattern> patterns() {
        return ALL;
    }

    /** The pattern for an encoding, or null if none matches (unallocated: SIGILL). */
    public static Pattern match(int bits) {
        for (Pattern p : BUCKETS[(bits >>> 25) & 15]) {
            if ((bits & p.mask()) == p.match()) return p;
        }
        return null;
    }

    private static List<Pattern> load() {
        List<Pattern> out = new ArrayList<>();
        for (DecodeTableFile.Line line : DecodeTableFile.read(Arm64Decoder.class, FILE)) {
            String[] f = line.fields();
            long bits = line.bits(2);
            out.add(new Pattern(f[0], Arm64Format.valueOf(f[1]), DecodeTableFile.mask(bits), DecodeTableFile.match(bits), line.flow(3)));
        }
        return List.copyOf(out);
    }

    private static Pattern[][] bucket(List<Pattern> all) {
        Pattern[][] b = new Pattern[16][];
        for (int op = 0; op < 16; op++) {
            final int op0 = op;
            b[op] = all.stream()
                    .filter(p -> (((p.match() >>> 25) & 15) & ((p.mask() >>> 25) & 15)) == (op0 & ((p.mask() >>> 25) & 15)))
                    .sorted(Comparator.comparingInt((Pattern p) -> -Integer.bitCount(p.mask())))
                    .toArray(Pattern[]::new);
        }
        return b;
    }
}
