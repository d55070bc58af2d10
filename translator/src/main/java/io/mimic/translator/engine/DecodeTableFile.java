package io.mimic.translator.engine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a front-end's decode table (a classpath resource): one pattern per line, fields
 * separated by blanks, '#' comments. The meaning of the fields is the front-end's; this class
 * only splits lines and turns a bit string ('0', '1', '.' don't-care, '_' ignored) into a
 * mask and a match value, so every ISA reads its table the same way.
 */
public final class DecodeTableFile {
    /** One non-comment line: its fields, and where it came from (for error messages). */
    public record Line(String[] fields, String where) {
        /** Field {@code i} as a 32-bit pattern: mask in the high word, match in the low word. */
        public long bits(int i) {
            String bits = i < fields.length ? fields[i].replace("_", "") : "";
            if (bits.length() != 32) throw new IllegalStateException(where + ": malformed: " + String.join(" ", fields));
            int mask = 0, match = 0;
            for (int b = 0; b < 32; b++) {
                char c = bits.charAt(b);
                int bit = 1 << (31 - b);
                if (c == '1') { mask |= bit; match |= bit; }
                else if (c == '0') mask |= bit;
                else if (c != '.') throw new IllegalStateException(where + ": bad bit '" + c + "'");
            }
            return ((long) mask << 32) | (match & 0xFFFFFFFFL);
        }

        /** Field {@code i} as the instruction's control flow ("branch", "jump", "call", "stop"); NEXT when absent. */
        public Flow flow(int i) {
            if (i >= fields.length) return Flow.NEXT;
            return switch (fields[i]) {
                case "branch" -> Flow.BRANCH;
                case "jump" -> Flow.JUMP;
                case "call" -> Flow.CALL;
                case "stop" -> Flow.STOP;
                default -> throw new IllegalStateException(where + ": bad flow " + fields[i]);
            };
        }
    }

    public static int mask(long bits) {
        return (int) (bits >>> 32);
    }

    public static int match(long bits) {
        return (int) bits;
    }

    private DecodeTableFile() {}

    /** The table's lines, read from {@code resource} next to {@code owner}. */
    public static List<Line> read(Class<?> owner, String resource) {
        List<Line> out = new ArrayList<>();
        try (InputStream in = owner.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException(resource + " missing from the classpath");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int lineNo = 0;
            while ((line = r.readLine()) != null) {
                lineNo++;
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) continue;
                // A tokenizer, not split("\\s+"): a regular expression per line cost several
                // times as much in the interpreter that runs this at every start.
                java.util.StringTokenizer words = new java.util.StringTokenizer(t);
                String[] w = new String[words.countTokens()];
                for (int i = 0; i < w.length; i++) w[i] = words.nextToken();
                out.add(new Line(w, resource + ":" + lineNo));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
