package io.mimic.translator.engine;

/**
 * A translated region of guest code: generated as a hidden class whose {@link #exec} runs guest
 * instructions from {@link #entryPc} until an exit. An exit with a fixed target returns the unit
 * cached in its {@link #chain} slot (direct chaining: no lookup); an indirect exit returns null
 * after storing the target in {@code cpu.pc}, and the dispatcher's jump cache finds the next unit.
 */
public abstract class TranslatedUnit {
    /** Set once by {@link #init}, before the unit is published (units are made without a constructor). */
    public long entryPc;
    /** Chained successors, one slot per fixed-target exit; cleared when code is invalidated. */
    public TranslatedUnit[] chain;
    /** Guest bytes covered, for invalidation: [lowPc, highPc). */
    public long lowPc, highPc;
    public int guestInstructions;
    public int bytecodeSize;
    public volatile boolean valid;
    /** The hidden class's bytes, kept so that a forked child can define it without translating (InheritedUnit). */
    UnitBytes classBytes;
    /** The guest bytes its instructions occupy, as runs {start, end, ...} (InheritedUnit.runsOf). */
    long[] guestRuns;

    /** Sets {@link #guestRuns} and the span [lowPc, highPc) they cover. */
    final void coverGuestRuns(long[] runs) {
        guestRuns = runs;
        lowPc = runs[0];
        highPc = runs[runs.length - 1];
    }
    /** Hash of the guest bytes in {@link #guestRuns}, 0 if it cannot be handed on (InheritedUnit). */
    long bytesHash;
    /** Translated in this process (or learned from a child): a parent has not seen it. */
    boolean fresh;
    /** Already in the translation file of the program this cache runs (or taken from it). */
    boolean persisted;

    /**
     * What a constructor would do: UnitCompiler allocates each unit directly, as calling the
     * constructor of a hidden class takes a method handle per class (or reflection, built on
     * them), which a cold JVM runs in its interpreter: aarch64 hello 0.25 -> 0.21 s with this.
     */
    final void init(long entryPc, int exits) {
        this.entryPc = entryPc;
        this.chain = new TranslatedUnit[exits];
        this.valid = true;
    }

    /** Runs the unit; returns the next unit, or null to let the dispatcher look up {@code cpu.pc}. */
    public abstract TranslatedUnit exec(CpuState cpu);
}
