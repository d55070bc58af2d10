package io.mimic.tests.random;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One indivisible piece of generated code: a single instruction, or a group that only makes
 * sense together (a branch and what it skips, a loop, address setup and an AMO, LR...SC).
 * Shrinking keeps or drops whole units, so every prefix of a block's units assembles.
 *
 * @param lines        assembly lines (instructions, local labels, directives)
 * @param tags         mnemonics of its instructions and feature tags (see {@link KnownMimicBugs.Tag})
 * @param instructions how many instructions it contains (a pseudo-instruction counts as one)
 * @param parts        the simple units inside a compound one (a branch's or loop's body), for
 *                     narrowing a failure down further; empty for a simple unit
 */
public record Unit(List<String> lines, List<String> tags, int instructions, List<Unit> parts) {

    public Unit(List<String> lines, List<String> tags, int instructions) {
        this(lines, tags, instructions, List.of());
    }

    /** The same unit with other lines and tags (e.g. wrapped in directives, or tagged). */
    Unit with(List<String> newLines, List<String> newTags) {
        return new Unit(List.copyOf(newLines), List.copyOf(newTags), instructions, parts);
    }

    /** The unit on one line, for reports. */
    public String oneLine() {
        StringBuilder sb = new StringBuilder();
        for (String l : lines) {
            String t = l.strip();
            if (t.startsWith(".option")) continue;
            if (!sb.isEmpty()) sb.append(" ; ");
            sb.append(t);
        }
        return sb.toString();
    }

    /** True when {@code key} (a mnemonic, a mnemonic prefix ending before a dot, or a tag) matches. */
    public boolean matches(String key) {
        for (String t : tags) {
            if (t.equals(key) || t.startsWith(key + ".")) return true;
        }
        return false;
    }

    /** Accumulates a unit. */
    static final class Builder {
        private final List<String> lines = new ArrayList<>();
        private final List<String> tags = new ArrayList<>();
        private final List<Unit> parts = new ArrayList<>();
        private int instructions;

        /** An instruction; its mnemonic (first word) becomes a tag. */
        Builder i(String text) {
            lines.add("    " + text);
            String mnemonic = text.strip().split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
            if (mnemonic.equals(".insn")) mnemonic = "insn";
            tags.add(mnemonic);
            instructions++;
            return this;
        }

        Builder label(String name) {
            lines.add(name + ":");
            return this;
        }

        Builder directive(String text) {
            lines.add("    " + text);
            return this;
        }

        Builder tag(String tag) {
            tags.add(tag);
            return this;
        }

        /** Appends another unit's lines (e.g. the body of a branch or loop). */
        Builder append(Unit u) {
            for (String l : u.lines) lines.add(l);
            tags.addAll(u.tags);
            instructions += u.instructions;
            parts.add(u);
            return this;
        }

        /** Appends another unit's lines and tags as part of this one (not as a separable part). */
        Builder inline(Unit u) {
            lines.addAll(u.lines);
            tags.addAll(u.tags);
            instructions += u.instructions;
            parts.addAll(u.parts);
            return this;
        }

        boolean hasCompressedMnemonic() {
            for (String t : tags) if (t.startsWith("c.")) return true;
            return false;
        }

        Unit build() {
            return new Unit(List.copyOf(lines), List.copyOf(tags), instructions, List.copyOf(parts));
        }
    }
}
