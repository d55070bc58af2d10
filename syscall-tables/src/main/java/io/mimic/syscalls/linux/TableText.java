package io.mimic.syscalls.linux;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.StringTokenizer;

/**
 * Splitting the tables' lines (and linux-user's passthrough signatures) into words. Every process
 * (and each forked child's JVM) reads the tables at start, in HotSpot's interpreter, where each
 * bytecode counts: no regular expressions, and whole files split from their bytes rather than
 * through a Reader, {@code strip} and a tokenizer per line (the host's 380-line table: 8 ms -> 1.6
 * ms in the interpreter).
 */
public final class TableText {
    private TableText() {}

    /** One line that is neither blank nor a comment: its words and its 1-based line number. */
    public record Line(String[] words, int number) {}

    /** The whitespace-separated words of {@code line}. */
    public static String[] words(String line) {
        StringTokenizer t = new StringTokenizer(line);
        String[] w = new String[t.countTokens()];
        for (int i = 0; i < w.length; i++) w[i] = t.nextToken();
        return w;
    }

    /**
     * The lines of a table file ({@code in}, closed here) split into words (blanks and tabs
     * separate them), without blank lines and lines whose first word starts with '#'.
     */
    public static List<Line> lines(InputStream in, String resource) {
        byte[] text;
        try (in) {
            if (in == null) throw new IllegalStateException("missing resource " + resource);
            text = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Line> out = new ArrayList<>();
        String[] words = new String[16];
        int i = 0, n = text.length, number = 0;
        while (i < n) {
            number++;
            int count = 0;
            while (i < n && text[i] != '\n') {
                byte c = text[i];
                if (c == ' ' || c == '\t' || c == '\r') {
                    i++;
                    continue;
                }
                if (c == '#' && count == 0) {
                    while (i < n && text[i] != '\n') i++;
                    break;
                }
                int start = i;
                while (i < n && (c = text[i]) != ' ' && c != '\t' && c != '\r' && c != '\n') i++;
                if (count == words.length) words = Arrays.copyOf(words, count * 2);
                words[count++] = new String(text, start, i - start, StandardCharsets.UTF_8);
            }
            i++;
            if (count > 0) out.add(new Line(Arrays.copyOf(words, count), number));
        }
        return out;
    }
}
