package io.mimic.tests.random;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * THE EXCLUSION LIST: what the random instruction generator does not generate because Mimic is
 * known to get it wrong, so that a known bug does not hide everything else. Each entry is a key
 * and the reason (the minimal reproducer found by {@code RandomInstructionTest}).
 *
 * <p>A key is either an instruction mnemonic as the generator writes it in the assembly (e.g.
 * {@code "fmin.s"}, {@code "c.addiw"}, {@code "amomax.w.aq"} is matched by {@code "amomax.w"})
 * or one of the feature tags the generator attaches to units: see {@link Tag}.
 *
 * <p>When a bug is fixed, delete its entry. To test everything regardless of this list, run with
 * {@code -Dmimic.random.known=include}; to exclude more keys ad hoc, {@code
 * -Dmimic.random.exclude=key1,key2}.
 *
 * <p>Note: excluding a key changes the instruction sequences generated for a seed, so a seed
 * reproduces the same program only with the same exclusion list.
 */
public final class KnownMimicBugs {
    private KnownMimicBugs() {}

    /** Feature tags attached to generated units, usable as exclusion keys. */
    public static final class Tag {
        private Tag() {}
        /** A load or store whose address is not a multiple of its size. */
        public static final String MISALIGNED = "misaligned";
        /** An integer instruction whose destination is x0 (a HINT: must have no effect). */
        public static final String X0_DEST = "x0-dest";
        /** A unit assembled under {@code .option norvc} (no automatic compression). */
        public static final String NORVC = "norvc";
        /** A short backward loop (counted by a reserved register). */
        public static final String LOOP = "loop";
        /** A loop of thousands of iterations (so that HotSpot compiles the translated code). */
        public static final String HOT_LOOP = "hot-loop";
        /** A load or store that touches both sides of the page boundary in the data area. */
        public static final String PAGE_CROSSING = "page-crossing";
        /** sp moved (addi, c.addi16sp) and moved back within the unit. */
        public static final String SP_ADJUST = "sp-adjust";
        /** A local function called twice through a link register. */
        public static final String CALL = "call";
        /** One operation on source registers just loaded with special values. */
        public static final String SPECIAL = "special-operands";
        /** fsflags zero; an FP unit; frflags rd: that unit's exception flags alone. */
        public static final String FLAG_PROBE = "flag-probe";
        /** A forward branch or jump over some instructions. */
        public static final String FORWARD = "forward-branch";
        /** An SC with no reservation (it must fail and write 1). */
        public static final String LONE_SC = "lone-sc";
        /** A floating-point conversion written with {@code .insn} to encode an explicit rounding mode. */
        public static final String INSN_RM = "insn-rm";
    }

    /** Key -> why it is excluded. Keep the reason short: seed, instruction, expected vs actual. */
    public static final Map<String, String> EXCLUDED = Collections.unmodifiableMap(new LinkedHashMap<>(Map.of(
            // (none yet)
    )));

    /** The keys to exclude for this run: the list above (unless disabled) plus -Dmimic.random.exclude. */
    public static Set<String> forThisRun() {
        Set<String> keys = new TreeSet<>();
        if (!"include".equals(System.getProperty("mimic.random.known", ""))) keys.addAll(EXCLUDED.keySet());
        String extra = System.getProperty("mimic.random.exclude", "");
        Arrays.stream(extra.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(keys::add);
        return keys;
    }
}
