package io.mimic.translator.riscv;

import io.mimic.translator.engine.Flow;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
        try (InputStream in = RiscvDecoder.class.getResourceAsStream("riscv64.decode")) {
            if (in == null) throw new IllegalStateException("riscv64.decode missing from the classpath");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int lineNo = 0;
            while ((line = r.readLine()) != null) {
                lineNo++;
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) continue;
                String[] f = t.split("\\s+");
                if (f.length < 3 || f[2].length() != 32) {
                    throw new IllegalStateException("riscv64.decode:" + lineNo + ": malformed: " + t);
                }
                int mask = 0, match = 0;
                for (int i = 0; i < 32; i++) {
                    char c = f[2].charAt(i);
                    int bit = 1 << (31 - i);
                    if (c == '1') { mask |= bit; match |= bit; }
                    else if (c == '0') mask |= bit;
                    else if (c != '.') throw new IllegalStateException("riscv64.decode:" + lineNo + ": bad bit '" + c + "'");
                }
                Flow flow = f.length > 3 ? switch (f[3]) {
                    case "branch" -> Flow.BRANCH;
                    case "jump" -> Flow.JUMP;
                    case "stop" -> Flow.STOP;
                    default -> throw new IllegalStateException("riscv64.decode:" + lineNo + ": bad flow " + f[3]);
                } : Flow.NEXT;
                out.add(new Pattern(f[0], RiscvFormat.valueOf(f[1]), mask, match, flow));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
