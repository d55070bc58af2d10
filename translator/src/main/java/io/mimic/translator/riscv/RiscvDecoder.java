package io.mimic.translator.riscv;

import io.mimic.translator.engine.DecodeTableFile;
import io.mimic.translator.engine.Flow;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Table-driven decoder built at start-up from {@code riscv64.decode}. Patterns are bucketed by
 * the major opcode (bits 6:2) and tried most-specific first within a bucket.
 */
public final class RiscvDecoder {
    /** One line of the decode table. */
    public record Pattern(String name, RiscvFormat format, int mask, int match, Flow flow) {}

    private static final List<Pattern> ALL = load();
    private static final Pattern[][] BUCKETS = bucket(ALL);

    private RiscvDecoder() {}

    public static List<Pattern> patterns() {
        return ALL;
    }

    /** The pattern for a 32-bit encoding, or null if none matches. */
    public static Pattern match(int bits) {
        if ((bits & 3) != 3) return null;
        for (Pattern p : BUCKETS[(bits >>> 2) & 31]) {
            if ((bits & p.mask()) == p.match()) return p;
        }
        return null;
    }

    private static List<Pattern> load() {
        List<Pattern> out = new ArrayList<>();
        for (DecodeTableFile.Line line : DecodeTableFile.read(RiscvDecoder.class, "riscv64.decode")) {
            String[] f = line.fields();
            long bits = line.bits(2);
            out.add(new Pattern(f[0], RiscvFormat.valueOf(f[1]), DecodeTableFile.mask(bits), DecodeTableFile.match(bits), line.flow(3)));
        }
        return List.copyOf(out);
    }

    private static Pattern[][] bucket(List<Pattern> all) {
        Pattern[][] b = new Pattern[32][];
        for (int op = 0; op < 32; op++) {
            final int major = op;
            b[op] = all.stream()
                    .filter(p -> ((p.mask() >>> 2) & 31) == 31 && ((p.match() >>> 2) & 31) == major)
                    .sorted(Comparator.comparingInt((Pattern p) -> -Integer.bitCount(p.mask())))
                    .toArray(Pattern[]::new);
        }
        return b;
    }
}
