package io.mimic.translator.engine;

import io.mimic.translator.memory.AddressSpace;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * All translated units of one guest process, shared by its threads. Lookups go through a
 * concurrent map; translation, chaining and invalidation are serialized by the cache's lock.
 * Code is invalidated wholesale when the guest flushes its instruction cache, and unit by unit
 * when the mapping of pages that held translated code changes.
 */
public final class CodeCache {
    /**
     * Guest instructions per unit before the bytecode-size check splits it further. C2's compile
     * time grows faster than a method's size (register allocation dominates it), and on runs of a
     * few seconds compiling is most of Mimic's CPU: 64 instead of 128 cost 5-15% less CPU on
     * coremark, lz and sha256 for a few more unit transitions (docs/PERFORMANCE.md).
     */
    public static final int DEFAULT_MAX_INSNS = 64;

    private final Frontend frontend;
    private final UnitCompiler compiler;
    private final ConcurrentHashMap<Long, TranslatedUnit> units = new ConcurrentHashMap<>();
    private final Stats stats = new Stats();
    private volatile long codeLow = Long.MAX_VALUE, codeHigh = Long.MIN_VALUE;
    private Consumer<String> inAsmLog;
    private int maxInsns = DEFAULT_MAX_INSNS;

    /** Counters for -d stats. */
    public static final class Stats {
        public long unitsTranslated, guestInstructions, bytecodeBytes, translationNanos, invalidations;
        /** Largest unit (guest instructions, exec's bytecode bytes); units rebuilt smaller to fit. */
        public long maxInstructions, maxBytecode, splits;
        /** Of translationNanos: decoding and generating bytecode; defining the hidden classes. */
        public long generateNanos, defineNanos;
    }

    public CodeCache(Frontend frontend, AddressSpace memory) {
        this.frontend = frontend;
        this.compiler = new UnitCompiler(frontend);
        memory.addListener(this::rangeChanged);
    }

    public Frontend frontend() { return frontend; }
    public Stats stats() { return stats; }

    /** Logs the guest assembly of each translated unit (-d in_asm). */
    public void setInAsmLog(Consumer<String> log) { this.inAsmLog = log; }

    public void setMaxInstructions(int n) { this.maxInsns = Math.max(1, n); }

    /** CPUs running this cache's code: told to leave stale units when code is invalidated. */
    private final java.util.Set<CpuState> cpus = ConcurrentHashMap.newKeySet();

    void attach(CpuState cpu) { cpus.add(cpu); }
    void detach(CpuState cpu) { cpus.remove(cpu); }

    /**
     * Chains exit {@code slot} of {@code from} to {@code to}. Under the cache's lock, so that an
     * invalidation on another thread cannot fall between the validity check and the store (a
     * valid unit must never chain into discarded code).
     */
    synchronized boolean chain(TranslatedUnit from, int slot, TranslatedUnit to) {
        if (!from.valid || !to.valid) return false;
        from.chain[slot] = to;
        return true;
    }

    public TranslatedUnit get(long pc) {
        return units.get(pc);
    }

    /** Finds or translates the unit starting at {@code cpu.pc}. Throws a GuestFault if unfetchable. */
    public TranslatedUnit lookupOrTranslate(CpuState cpu) {
        long pc = cpu.pc;
        TranslatedUnit u = units.get(pc);
        if (u != null) return u;
        synchronized (this) {
            u = units.get(pc);
            if (u != null) return u;
            long t0 = System.nanoTime();
            UnitCompiler.Compiled c = compiler.compile(cpu, pc, maxInsns, stats);
            u = c.unit();
            stats.translationNanos += System.nanoTime() - t0;
            stats.unitsTranslated++;
            stats.guestInstructions += u.guestInstructions;
            stats.bytecodeBytes += c.bytecodeSize();
            stats.maxInstructions = Math.max(stats.maxInstructions, u.guestInstructions);
            stats.maxBytecode = Math.max(stats.maxBytecode, c.bytecodeSize());
            if (u.lowPc < codeLow) codeLow = u.lowPc;
            if (u.highPc > codeHigh) codeHigh = u.highPc;
            if (inAsmLog != null) logInAsm(c);
            units.put(pc, u);
            return u;
        }
    }

    private void logInAsm(UnitCompiler.Compiled c) {
        StringBuilder sb = new StringBuilder();
        sb.append("IN: \n");
        for (DecodedInsn insn : c.region().values()) {
            sb.append(String.format("0x%016x:  %s%n", insn.pc, frontend.disassemble(insn)));
        }
        inAsmLog.accept(sb.toString());
    }

    /** Discards every translation (the guest flushed its instruction cache). */
    public synchronized void invalidateAll() {
        if (units.isEmpty()) return;
        stats.invalidations++;
        List<TranslatedUnit> old = new ArrayList<>(units.values());
        units.clear();
        for (TranslatedUnit u : old) {
            u.valid = false;
            java.util.Arrays.fill(u.chain, null);
        }
        codeLow = Long.MAX_VALUE;
        codeHigh = Long.MIN_VALUE;
        // Threads inside a discarded unit leave it at its next back-edge poll or exit.
        for (CpuState c : cpus) c.interruptPending = 1;
    }

    /**
     * A mapping changed (munmap, mprotect, mmap over): discards the units whose guest bytes
     * overlap it. Only those: a dynamically linked program unmaps heap memory between its code
     * and its libraries' all the time, and flushing everything each time made malloc-heavy
     * programs retranslate their code hundreds of times.
     */
    private void rangeChanged(long start, long len) {
        if (start >= codeHigh || start + len <= codeLow) return;
        synchronized (this) {
            long end = start + len;
            List<TranslatedUnit> hit = new ArrayList<>();
            for (TranslatedUnit u : units.values()) {
                if (u.lowPc < end && u.highPc > start) hit.add(u);
            }
            if (hit.isEmpty()) return;
            stats.invalidations++;
            for (TranslatedUnit u : hit) {
                units.remove(u.entryPc, u);
                u.valid = false;
                java.util.Arrays.fill(u.chain, null);
            }
        }
        // Threads inside a discarded unit leave it at its next back-edge poll or exit.
        for (CpuState c : cpus) c.interruptPending = 1;
    }

    /** Prints the -d stats report: translation, dispatch, system calls, memory slow paths. */
    public void printStats(PrintStream out) {
        EngineStats.print(out, stats);
    }
}
