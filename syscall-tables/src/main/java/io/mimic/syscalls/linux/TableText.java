package io.mimic.syscalls.linux;

import java.util.StringTokenizer;

/** Splitting the tables' lines (and linux-user's passthrough signatures) into words. */
public final class TableText {
    private TableText() {}

    /**
     * The whitespace-separated words of {@code line}. Not {@code split("\\s+")}: every process
     * (and each forked child's JVM) reads the tables at start, in HotSpot's interpreter, and a
     * regular expression per line cost several times a tokenizer there.
     */
    public static String[] words(String line) {
        StringTokenizer t = new StringTokenizer(line);
        String[] w = new String[t.countTokens()];
        for (int i = 0; i < w.length; i++) w[i] = t.nextToken();
        return w;
    }
}
