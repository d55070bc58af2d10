package io.mimic.translator.engine;

/**
 * Runs one guest thread: find the unit for {@code cpu.pc}, run it, follow chained units, and
 * hand system calls, faults and interrupts to the OS layer. Leaves only by an exception the OS
 * layer throws (the guest exited, or the thread ended).
 */
public final class ExecutionLoop {
    /**
     * 16K entries (64 KB of references a thread). With 4K, sqlite3's queries (5,300 units, code
     * 4-byte aligned so only every other entry used) missed 6.1 M of 164 M indirect lookups, each
     * a hash-map lookup with a boxed pc; with 16K, 1.2 M (32K: 0.8 M, at twice the memory of every
     * guest thread): sqlite3 -3.5% wall.
     */
    private static final int JUMP_CACHE_BITS = 14;

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

    /**
     * Runs until the OS layer ends the thread by an exception. Other threads reach this one only
     * through {@code cpu.interruptPending}: address-space changes (the TLB is flushed here, on the
     * owning thread), code invalidation (stale units are left at the next back-edge or exit), and
     * whatever the OS layer wants (signals, exit_group).
     */
    public void run() {
        if (EngineStats.ON) EngineStats.started();
        cache.attach(cpu);
        try {
            loop();
        } finally {
            cache.detach(cpu);
            cpu.detach();
            if (EngineStats.ON) flushStats();
        }
    }

    private void loop() {
        TranslatedUnit unit = null;
        while (true) {
            if (cpu.interruptPending != 0) {
                if (EngineStats.ON) interrupts++;
                cpu.interruptPending = 0;
                // A signal handler may move the pc: the unit that just exited must not be
                // chained to whatever runs next (the handler), or that exit would lead there for good.
                cpu.chainMissUnit = null;
                cpu.syncTlb();
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
                        if (unit.entryPc == cpu.chainMissPc && cache.chain(from, cpu.chainMissSlot, unit)
                                && EngineStats.ON) patches++;
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
