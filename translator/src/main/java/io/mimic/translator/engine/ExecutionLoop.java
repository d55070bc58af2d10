package io.mimic.translator.engine;

/**
 * Runs one guest thread: find the unit for {@code cpu.pc}, run it, follow chained units, and
 * hand system calls, faults and interrupts to the OS layer. Leaves only by an exception the OS
 * layer throws (the guest exited, or the thread ended).
 */
public final class ExecutionLoop {
    private static final int JUMP_CACHE_BITS = 12;

    private final CpuState cpu;
    private final CodeCache cache;
    /** Direct-mapped cache for indirect jumps and returns: pc -> unit. */
    private final TranslatedUnit[] jumpCache = new TranslatedUnit[1 << JUMP_CACHE_BITS];

    /** Debug aid: when set, every unit entry is logged and chaining is off (see -d exec). */
    private java.io.PrintStream trace;

    public void traceExecution(java.io.PrintStream out) {
        this.trace = out;
    }

    public ExecutionLoop(CpuState cpu, CodeCache cache) {
        this.cpu = cpu;
        this.cache = cache;
        cpu.codeCache = cache;
    }

    /** Per-thread -d stats counts, added to {@link EngineStats} when the loop ends. */
    private long runs, chained, hits, misses, patches, interrupts, faults;

    public void run() {
        if (EngineStats.ON) EngineStats.started();
        try {
            loop();
        } finally {
            if (EngineStats.ON) flushStats();
        }
    }

    private void loop() {
        TranslatedUnit unit = null;
        while (true) {
            if (cpu.interruptPending != 0) {
                if (EngineStats.ON) interrupts++;
                cpu.system.interrupt(cpu);
                unit = null;
            }
            try {
                if (EngineStats.ON) {
                    runs++;
                    if (unit != null && unit.valid) chained++;
                }
                if (unit == null || !unit.valid) {
                    unit = find(cpu.pc);
                    TranslatedUnit from = cpu.chainMissUnit;
                    if (from != null) {
                        if (from.valid && unit.valid) {
                            from.chain[cpu.chainMissSlot] = unit;
                            if (EngineStats.ON) patches++;
                        }
                        cpu.chainMissUnit = null;
                    }
                }
                if (trace != null) {
                    trace.print(cpu.dumpState());
                    unit.exec(cpu);
                    unit = null;
                    continue;
                }
                unit = unit.exec(cpu);
            } catch (GuestFault f) {
                if (EngineStats.ON) faults++;
                cpu.chainMissUnit = null;
                cpu.system.fault(cpu);
                unit = null;
            }
        }
    }

    private TranslatedUnit find(long pc) {
        int i = (int) (pc >>> 1) & (jumpCache.length - 1);
        TranslatedUnit u = jumpCache[i];
        if (u != null && u.entryPc == pc && u.valid) {
            if (EngineStats.ON) hits++;
            return u;
        }
        if (EngineStats.ON) misses++;
        u = cache.lookupOrTranslate(cpu);
        jumpCache[i] = u;
        return u;
    }

    private void flushStats() {
        EngineStats.unitRuns.add(runs);
        EngineStats.chainedRuns.add(chained);
        EngineStats.jumpCacheHits.add(hits);
        EngineStats.jumpCacheMisses.add(misses);
        EngineStats.chainPatches.add(patches);
        EngineStats.interrupts.add(interrupts);
        EngineStats.faults.add(faults);
        runs = chained = hits = misses = patches = interrupts = faults = 0;
    }
}
