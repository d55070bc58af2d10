package io.mimic.translator.engine;

import java.io.PrintStream;
import java.util.concurrent.atomic.LongAdder;

/**
 * Run-time counters for {@code -d stats}: dispatch, jump cache, chaining, system calls and the
 * slow paths of guest memory access. {@link #ON} is read once when this class initialises (the
 * OS layer sets {@code mimic.stats} before any guest code runs); every counting site is guarded
 * by it, so with stats off the JIT folds the guard away and the counters cost nothing.
 * Translation counters live in {@link CodeCache.Stats} (translation is rare and serialized).
 */
public final class EngineStats {
    /** Counting is on (the OS layer sets the property for -d stats). */
    public static final boolean ON = Boolean.getBoolean("mimic.stats");

    private EngineStats() {}

    // dispatch (ExecutionLoop adds its per-thread counts when the thread's loop ends)
    static final LongAdder unitRuns = new LongAdder();
    static final LongAdder chainedRuns = new LongAdder();
    static final LongAdder jumpCacheHits = new LongAdder();
    static final LongAdder jumpCacheMisses = new LongAdder();
    static final LongAdder chainPatches = new LongAdder();
    static final LongAdder interrupts = new LongAdder();
    static final LongAdder faults = new LongAdder();
    // exit actions
    static final LongAdder systemCalls = new LongAdder();
    static final LongAdder systemCallNanos = new LongAdder();
    // guest memory slow paths (GuestAccess)
    /** TLB miss on a page that allows the access (refilled). */
    public static final LongAdder tlbReadRefills = new LongAdder(), tlbWriteRefills = new LongAdder();
    /** Page-crossing accesses (checked against the page table each time, never cached in the TLB). */
    public static final LongAdder pageCrossingReads = new LongAdder(), pageCrossingWrites = new LongAdder();
    /** Accesses that raised a guest fault. */
    public static final LongAdder memoryFaults = new LongAdder();
    /** Whole-TLB flushes, and ranges dropped from a TLB (mappings changed). */
    public static final LongAdder tlbFlushes = new LongAdder(), tlbRangeInvalidations = new LongAdder();

    static volatile long startNanos;

    /** Marks the start of guest execution (for the share of time in translated code). */
    static void started() {
        if (startNanos == 0) startNanos = System.nanoTime();
    }

    static void print(PrintStream out, CodeCache.Stats c) {
        long now = System.nanoTime();
        double totalMs = startNanos == 0 ? 0 : (now - startNanos) / 1e6;
        double transMs = c.translationNanos / 1e6, sysMs = systemCallNanos.sum() / 1e6;
        long runs = unitRuns.sum();
        out.printf("mimic: stats: translation: %d units (%d rebuilt smaller to fit the JIT's size limit), %d guest instructions"
                        + " (%.1f per unit, max %d), %d bytes of bytecode (%.0f per unit, max %d)%n",
                c.unitsTranslated, c.splits, c.guestInstructions, ratio(c.guestInstructions, c.unitsTranslated), c.maxInstructions,
                c.bytecodeBytes, ratio(c.bytecodeBytes, c.unitsTranslated), c.maxBytecode);
        if (c.unitsInherited > 0) {
            out.printf("mimic: stats: %d units defined from translations made before (by the parent, a child, the image before execve, an earlier run), not translated again%n", c.unitsInherited);
        }
        out.printf("mimic: stats: translation time %.1f ms (decoding and generating %.1f ms, defining classes %.1f ms), %d invalidations%n",
                transMs, c.generateNanos / 1e6, c.defineNanos / 1e6, c.invalidations);
        out.printf("mimic: stats: time since the first guest instruction %.1f ms: translating %.1f ms, in system calls %.1f ms,"
                        + " in translated code and dispatch %.1f ms%n",
                totalMs, transMs, sysMs, Math.max(0, totalMs - transMs - sysMs));
        out.printf("mimic: stats: dispatch: %d unit runs, %d of them chained directly (%.1f%%); lookups: %d jump-cache hits, %d misses;"
                        + " %d chain patches%n",
                runs, chainedRuns.sum(), 100 * ratio(chainedRuns.sum(), runs), jumpCacheHits.sum(), jumpCacheMisses.sum(),
                chainPatches.sum());
        out.printf("mimic: stats: exits: %d system calls, %d interrupts, %d guest faults; host calls through %s%n",
                systemCalls.sum(), interrupts.sum(), faults.sum(),
                io.mimic.translator.memory.HostSyscall.binding());
        out.printf("mimic: stats: memory slow path: TLB refills %d read, %d write; page-crossing %d read, %d write;"
                        + " %d faults; %d TLB flushes, %d ranges invalidated%n",
                tlbReadRefills.sum(), tlbWriteRefills.sum(), pageCrossingReads.sum(), pageCrossingWrites.sum(), memoryFaults.sum(),
                tlbFlushes.sum(), tlbRangeInvalidations.sum());
    }

    private static double ratio(long a, long b) {
        return b == 0 ? 0 : (double) a / b;
    }
}
