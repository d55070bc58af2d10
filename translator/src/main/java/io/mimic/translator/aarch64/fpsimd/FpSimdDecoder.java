package io.mimic.translator.aarch64.fpsimd;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The FP/SIMD group of an encoding, from the table {@code fpsimd.decode} (most fixed bits first). */
final class FpSimdDecoder {
    record Group(String name, int mask, int match) {}

    private static final String FILE = "fpsimd.decode";
    private static final Group[] GROUPS = load();

    private FpSimdDecoder() {}

    /** The group's name, or null if the encoding is in none (unallocated). */
    static String group(int insn) {
        for (Group g : GROUPS) if ((insn & g.mask()) == g.match()) return g.name();
        return null;
    }

    static List<Group> groups() {
        return List.of(GROUPS);
    }

    private static Group[] load() {
        List<Group> out = new ArrayList<>();
        try (InputStream in = FpSimdDecoder.class.getResourceAsStream(FILE)) {
            if (in == null) throw new IllegalStateException(FILE + " missing from the classpath");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int lineNo = 0;
            while ((line = r.readLine()) != null) {
                lineNo++;
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) continue;
                String[] f = t.split("\\s+");
                String bits = f.length == 2 ? f[1].replace("_", "") : "";
                if (bits.length() != 32) throw new IllegalStateException(FILE + ":" + lineNo + ": malformed: " + t);
                int mask = 0, match = 0;
                for (int i = 0; i < 32; i++) {
                    char c = bits.charAt(i);
                    int bit = 1 << (31 - i);
                    if (c == '1') { mask |= bit; match |= bit; }
                    else if (c == '0') mask |= bit;
                    else if (c != '.') throw new IllegalStateException(FILE + ":" + lineNo + ": bad bit '" + c + "'");
                }
                out.add(new Group(f[0], mask, match));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.sort(Comparator.comparingInt((Group g) -> -Integer.bitCount(g.mask())));
        return out.toArray(Group[]::new);
    }
}
