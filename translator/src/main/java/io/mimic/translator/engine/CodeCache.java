package io.mimic.translator.engine;

import io.mimic.translator.memory.AddressSpace;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
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
    /**
     * Translations made elsewhere (the parent at fork, a child at its exit, the image before
     * execve), by entry pc, defined when first reached if they match the guest's bytes there.
     * Guarded by the cache's lock.
     */
    private final java.util.HashMap<Long, List<InheritedUnit>> inherited = new java.util.HashMap<>();
    /** Class bytes {@link #inherited} holds in memory; beyond {@link #MAX_INHERITED_BYTES} more are dropped. */
    private long inheritedBytes;
    private static final long MAX_INHERITED_BYTES = 64L << 20;
    private final AddressSpace memory;
    private final Stats stats = new Stats();
    /**
     * The 64 KiB chunks of guest address space that hold translated code (address >>> 16), so
     * that a munmap or mprotect of data skips the scan of every unit: python3 unmaps heap memory
     * between its libraries hundreds of times, and with 14,000 units those scans took 2% of its
     * run. Chunks stay listed after their units go (a scan then finds nothing).
     */
    private final Set<Long> codeChunks = ConcurrentHashMap.newKeySet();
    private static final int CHUNK_SHIFT = 16;
    private Consumer<String> inAsmLog;
    private int maxInsns = DEFAULT_MAX_INSNS;
    /**
     * Where this cache's new units go for good while it runs (the program's translation file), or
     * null (a forked child's copy of its parent's program returns them to the parent instead).
     */
    private UnitBytes.Store store;
    /** Class bytes of units translated here that are only in the heap; persisted past {@link #PERSIST_EVERY}. */
    private long heldUnpersisted;
    /**
     * A program that translates much (python3: 14,000 units, 28 MB of class bytes) would otherwise
     * hold every unit's bytes in the heap until it ends, for the file and for forks.
     */
    private static final long PERSIST_EVERY = 4L << 20;
    /** Messages of at most this size when persisting while running. */
    private static final int PERSIST_MESSAGE = 256 * 1024;

    /** Counters for -d stats. */
    public static final class Stats {
        public long unitsTranslated, guestInstructions, bytecodeBytes, translationNanos, invalidations;
        /** Largest unit (guest instructions, exec's bytecode bytes); units rebuilt smaller to fit. */
        public long maxInstructions, maxBytecode, splits;
        /** Of translationNanos: decoding and generating bytecode; defining the hidden classes. */
        public long generateNanos, defineNanos;
        /** Units defined from translations made elsewhere (InheritedUnit; not counted in unitsTranslated). */
        public long unitsInherited;
    }

    public CodeCache(Frontend frontend, AddressSpace memory) {
        this.frontend = frontend;
        this.compiler = new UnitCompiler(frontend);
        this.memory = memory;
        memory.addListener(this::rangeChanged);
    }

    public Frontend frontend() { return frontend; }
    public Stats stats() { return stats; }

    /** Logs the guest assembly of each translated unit (-d in_asm). */
    public void setInAsmLog(Consumer<String> log) { this.inAsmLog = log; }

    public void setMaxInstructions(int n) { this.maxInsns = Math.max(1, n); }

    /** Persists new units to {@code s} while running, a few MB at a time (null: only when told, see {@link #persist}). */
    public synchronized void setStore(UnitBytes.Store s) { this.store = s; }

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
            // -d in_asm logs every unit this process runs, so it translates them all itself.
            InheritedUnit h = inAsmLog == null ? takeInherited(pc) : null;
            if (h != null) u = defineInherited(h);
            if (u != null) {
                long spent = System.nanoTime() - t0;
                stats.translationNanos += spent;
                stats.defineNanos += spent;
                stats.unitsInherited++;
                noteCode(u);
                units.put(pc, u);
                return u;
            }
            UnitCompiler.Compiled c = compiler.compile(cpu, pc, maxInsns, stats, units::containsKey);
            u = c.unit();
            stats.translationNanos += System.nanoTime() - t0;
            stats.unitsTranslated++;
            stats.guestInstructions += u.guestInstructions;
            stats.bytecodeBytes += c.bytecodeSize();
            stats.maxInstructions = Math.max(stats.maxInstructions, u.guestInstructions);
            stats.maxBytecode = Math.max(stats.maxBytecode, c.bytecodeSize());
            u.bytesHash = InheritedUnit.hashGuest(memory, u.guestRuns);
            u.fresh = true;
            noteCode(u);
            if (inAsmLog != null) logInAsm(c);
            units.put(pc, u);
            if (u.bytesHash != 0 && (heldUnpersisted += u.classBytes.length()) >= PERSIST_EVERY && store != null) {
                persist(PERSIST_MESSAGE, store);
            }
            return u;
        }
    }

    private void noteCode(TranslatedUnit u) {
        for (long c = u.lowPc >>> CHUNK_SHIFT; c <= (u.highPc - 1) >>> CHUNK_SHIFT; c++) codeChunks.add(c);
    }

    /** False if no unit can overlap [start, end): no chunk of the range holds code. */
    private boolean mayHoldCode(long start, long end) {
        long first = start >>> CHUNK_SHIFT, last = (end - 1) >>> CHUNK_SHIFT;
        if (last - first < 64) {
            for (long c = first; c <= last; c++) if (codeChunks.contains(c)) return true;
            return false;
        }
        for (long c : codeChunks) if (c >= first && c <= last) return true;
        return false;
    }

    /**
     * Defines a unit made elsewhere; null if the JVM refuses its class or its bytes cannot be read
     * again (then it is translated here).
     */
    private TranslatedUnit defineInherited(InheritedUnit h) {
        try {
            return compiler.define(h);
        } catch (IllegalStateException | java.io.IOException e) {
            return null;
        }
    }

    /** The class bytes {@code h} keeps in the heap (none when they stay in a file; a kept chunk counts its part). */
    private static long heldBytes(InheritedUnit h) {
        return h.classBytes() instanceof UnitBytes.InFile ? 0 : h.classBytes().length();
    }

    /** The inherited translation of the code now at {@code pc}, taken out of the store, or null. */
    private InheritedUnit takeInherited(long pc) {
        List<InheritedUnit> candidates = inherited.get(pc);
        if (candidates == null) return null;
        String isa = frontend.name();
        for (int i = 0; i < candidates.size(); i++) {
            InheritedUnit h = candidates.get(i);
            if (!h.matches(isa, memory)) continue;
            candidates.remove(i);
            if (candidates.isEmpty()) inherited.remove(pc);
            inheritedBytes -= heldBytes(h);
            return h;
        }
        return null;
    }

    /** Adds a translation made elsewhere, unless the store has the same one or is full. */
    private void addInherited(InheritedUnit h) {
        if (h.bytesHash() == 0 || inheritedBytes + heldBytes(h) > MAX_INHERITED_BYTES) return;
        List<InheritedUnit> candidates = inherited.computeIfAbsent(h.entryPc(), k -> new ArrayList<>(1));
        for (InheritedUnit c : candidates) {
            if (c.bytesHash() == h.bytesHash() && c.isa().equals(h.isa()) && java.util.Arrays.equals(c.guestRuns(), h.guestRuns())) return;
        }
        // A few programs at the same address (static binaries all start at the same place): keep the newest four.
        if (candidates.size() == 4) inheritedBytes -= heldBytes(candidates.removeFirst());
        candidates.add(h);
        inheritedBytes += heldBytes(h);
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
        UnitClassLifetime.discarded(old.size());
        for (TranslatedUnit u : old) {
            u.valid = false;
            Arrays.fill(u.chain, null);
        }
        codeChunks.clear();
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
        if (len <= 0 || !mayHoldCode(start, start + len)) return;
        synchronized (this) {
            long end = start + len;
            List<TranslatedUnit> hit = new ArrayList<>();
            for (TranslatedUnit u : units.values()) {
                if (u.lowPc < end && u.highPc > start) hit.add(u);
            }
            if (hit.isEmpty()) return;
            stats.invalidations++;
            UnitClassLifetime.discarded(hit.size());
            for (TranslatedUnit u : hit) {
                units.remove(u.entryPc, u);
                u.valid = false;
                Arrays.fill(u.chain, null);
            }
        }
        // Threads inside a discarded unit leave it at its next back-edge poll or exit.
        for (CpuState c : cpus) c.interruptPending = 1;
    }

    /**
     * Writes the translations this cache can hand on ({@link #readTranslations}): its valid units
     * and the inherited ones it has not used, or only those its parent has not seen
     * ({@code onlyFresh}, for a child's return at exit).
     */
    public synchronized void writeTranslations(DataOutputStream out, boolean onlyFresh) throws IOException {
        List<InheritedUnit> all = handOn(onlyFresh);
        // Bytes left in a file are read through one buffer, twice: to leave out those that can no
        // longer be read (the count comes first), then to write them. Reading them all into arrays
        // made garbage of the whole file at every fork (a busybox sh forking 200 times: 119 -> 247 MB).
        byte[][] scratch = {new byte[8192]};
        all.removeIf(h -> bytesOf(h, scratch) == null);
        out.writeInt(all.size());
        for (InheritedUnit h : all) {
            byte[] b = bytesOf(h, scratch);
            // Unreadable since the first pass (its file closed meanwhile): no bytes, so the receiver
            // cannot define it and translates that code itself.
            h.writeTo(out, b == null ? new byte[0] : b, b == null ? 0 : h.classBytes().length());
        }
    }

    /**
     * The same as {@link #writeTranslations}, cut into self-contained messages of at most about
     * {@code maxBytes} each (a unit bigger than that goes alone), for a channel that may drop some.
     */
    public synchronized List<byte[]> translationMessages(boolean onlyFresh, int maxBytes) {
        List<byte[]> messages = new ArrayList<>();
        messages(handOn(onlyFresh), maxBytes, (message, which, classAt) -> messages.add(message));
        return messages;
    }

    /**
     * Puts the units run here that the program's translation file does not have yet into
     * {@code store}, in messages of about {@code maxBytes} as {@link #translationMessages} cuts
     * them; they count as persisted from now on, and the class bytes of those stored are read
     * back from the file when needed ({@link UnitBytes.InFile}) instead of being kept in the heap.
     */
    public synchronized void persist(int maxBytes, UnitBytes.Store into) {
        String isa = frontend.name();
        List<TranslatedUnit> chosen = new ArrayList<>();
        List<InheritedUnit> handed = new ArrayList<>();
        for (TranslatedUnit u : units.values()) {
            if (!canHandOn(u) || u.persisted) continue;
            chosen.add(u);
            handed.add(InheritedUnit.of(isa, u));
        }
        messages(handed, maxBytes, (message, which, classAt) -> {
            UnitBytes.Place place = into.put(message);
            for (int k = 0; k < which.length; k++) {
                TranslatedUnit u = chosen.get(which[k]);
                // Marked even when not stored: a full disk is not retried with every unit.
                u.persisted = true;
                if (place != null) {
                    int length = u.classBytes.length();
                    u.classBytes = new UnitBytes.InFile(place.file(), place.offset() + classAt[k], length,
                            UnitBytes.crc(message, classAt[k], length));
                }
            }
        });
        heldUnpersisted = 0;
    }

    /** Takes one message cut by {@link #messages}: for each unit in it, its index in the list cut and where its class bytes start in the message. */
    @FunctionalInterface
    private interface MessageSink {
        void accept(byte[] message, int[] units, int[] classAt);
    }

    /**
     * Cuts {@code all} into self-contained messages (a count, then the units) of at most about
     * {@code maxBytes} each; a unit whose bytes can no longer be read is left out.
     */
    private static void messages(List<InheritedUnit> all, int maxBytes, MessageSink sink) {
        java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(buffer);
        byte[][] scratch = {new byte[8192]};
        int[] which = new int[all.size()], classAt = new int[all.size()];
        int count = 0;
        try {
            for (int i = 0; i < all.size(); i++) {
                InheritedUnit h = all.get(i);
                byte[] bytes = bytesOf(h, scratch);
                if (bytes == null) continue;
                int before = buffer.size(), length = h.classBytes().length();
                h.writeTo(out, bytes, length);
                int at = 4 + buffer.size() - length; // after the message's count; a unit's class bytes come last
                if (buffer.size() + 4 > maxBytes && count > 0) {
                    byte[] b = buffer.toByteArray();
                    sink.accept(message(count, b, 0, before), Arrays.copyOf(which, count), Arrays.copyOf(classAt, count));
                    buffer.reset();
                    buffer.write(b, before, b.length - before);
                    at -= before;
                    count = 0;
                }
                which[count] = i;
                classAt[count++] = at;
            }
            if (count > 0) {
                sink.accept(message(count, buffer.toByteArray(), 0, buffer.size()), Arrays.copyOf(which, count),
                        Arrays.copyOf(classAt, count));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // a byte array does not fail
        }
    }

    private static byte[] message(int count, byte[] units, int from, int to) {
        return java.nio.ByteBuffer.allocate(4 + to - from).putInt(count).put(units, from, to - from).array();
    }

    /**
     * An array that starts with the class bytes of {@code h}: its own, or {@code scratch[0]} filled
     * (grown if need be); null if they were in a file that can no longer be read.
     */
    private static byte[] bytesOf(InheritedUnit h, byte[][] scratch) {
        try {
            if (!(h.classBytes() instanceof UnitBytes.InFile f)) return h.classBytes().bytes();
            if (scratch[0].length < f.length()) scratch[0] = new byte[Math.max(f.length(), 2 * scratch[0].length)];
            f.readInto(scratch[0]);
            return scratch[0];
        } catch (IOException e) {
            return null;
        }
    }

    /** A unit still valid whose guest bytes were hashable when it was made. */
    private static boolean canHandOn(TranslatedUnit u) {
        return u.valid && u.classBytes != null && u.bytesHash != 0;
    }

    /** What can be handed on: valid units and unused inherited ones ({@code onlyFresh}: those a parent has not seen). */
    private List<InheritedUnit> handOn(boolean onlyFresh) {
        List<InheritedUnit> all = new ArrayList<>();
        String isa = frontend.name();
        for (TranslatedUnit u : units.values()) {
            if (canHandOn(u) && (u.fresh || !onlyFresh)) all.add(InheritedUnit.of(isa, u));
        }
        for (List<InheritedUnit> candidates : inherited.values()) {
            for (InheritedUnit h : candidates) if (h.fresh() || !onlyFresh) all.add(h);
        }
        return all;
    }

    /**
     * Takes translations another process wrote with {@link #writeTranslations} (the whole array),
     * copying their class bytes; {@code fresh} says whether this process's parent has yet to see
     * them (a child's, not the parent's own), {@code persisted} whether they are in the program's
     * translation file.
     */
    public synchronized void readTranslations(byte[] message, boolean fresh, boolean persisted) throws IOException {
        readTranslations(new RecordReader(message), fresh, persisted, UnitBytes.Source.READ);
    }

    /**
     * As {@link #readTranslations(byte[], boolean, boolean)}, from {@code in}, with the class bytes
     * taken by {@code source} (kept where they lie, in a file chunk or the file: see {@link UnitBytes}).
     */
    public synchronized void readTranslations(RecordReader in, boolean fresh, boolean persisted, UnitBytes.Source source)
            throws IOException {
        for (int n = in.readInt(); n > 0; n--) addInherited(InheritedUnit.readFrom(in, fresh, persisted, source));
    }

    /**
     * At execve: takes the old image's translations (call it before the old memory is cleared),
     * so that code the new image shares with it (the same program or libraries at the same
     * addresses) is not translated again.
     */
    public void inheritFrom(CodeCache old) {
        List<InheritedUnit> all;
        synchronized (old) {
            all = old.handOn(false);
            // The old image's classes go with it; those the new one needs are defined again.
            UnitClassLifetime.discarded(old.units.size());
        }
        synchronized (this) {
            // Persisted meant "in the old program's file": not in the new one's.
            for (InheritedUnit h : all) addInherited(h.withFlags(h.fresh(), false));
        }
    }

    /** Prints the -d stats report: translation, dispatch, system calls, memory slow paths. */
    public void printStats(PrintStream out) {
        EngineStats.print(out, stats);
    }
}
