package io.mimic.translator.aarch64.fpsimd;

import io.mimic.translator.engine.DecodeTableFile;
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
        for (DecodeTableFile.Line line : DecodeTableFile.read(FpSimdDecoder.class, FILE)) {
            if (line.fields().length != 2) throw new IllegalStateException(line.where() + ": malformed: " + String.join(" ", line.fields()));
            long bits = line.bits(1);
            out.add(new Group(line.fields()[0], DecodeTableFile.mask(bits), DecodeTableFile.match(bits)));
        }
        out.sort(Comparator.comparingInt((Group g) -> -Integer.bitCount(g.mask())));
        return out.toArray(Group[]::new);
    }
}
