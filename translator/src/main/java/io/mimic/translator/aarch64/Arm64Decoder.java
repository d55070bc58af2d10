package io.mimic.translator.aarch64;

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
        try (InputStream in = Arm64Decoder.class.getResourceAsStream(FILE)) {
            if (in == null) throw new IllegalStateException(FILE + " missing from the classpath");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int lineNo = 0;
            while ((line = r.readLine()) != null) {
                lineNo++;
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) continue;
                String[] f = t.split("\\s+");
                String bits = f.length >= 3 ? f[2].replace("_", "") : "";
                if (bits.length() != 32) throw new IllegalStateException(FILE + ":" + lineNo + ": malformed: " + t);
                int mask = 0, match = 0;
                for (int i = 0; i < 32; i++) {
                    char c = bits.charAt(i);
                    int bit = 1 << (31 - i);
                    if (c == '1') { mask |= bit; match |= bit; }
                    else if (c == '0') mask |= bit;
                    else if (c != '.') throw new IllegalStateException(FILE + ":" + lineNo + ": bad bit '" + c + "'");
                }
                Flow flow = f.length > 3 ? switch (f[3]) {
                    case "branch" -> Flow.BRANCH;
                    case "jump" -> Flow.JUMP;
                    case "call" -> Flow.CALL;
                    case "stop" -> Flow.STOP;
                    default -> throw new IllegalStateException(FILE + ":" + lineNo + ": bad flow " + f[3]);
                } : Flow.NEXT;
                out.add(new Pattern(f[0], Arm64Format.valueOf(f[1]), mask, match, flow));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
