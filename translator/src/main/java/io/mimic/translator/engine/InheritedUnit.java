package io.mimic.translator.engine;

import io.mimic.translator.memory.AddressSpace;
import io.mimic.translator.memory.GuestAccess;
import io.mimic.translator.memory.Prot;

import java.io.DataOutputStream;
import java.io.IOException;

/**
 * A translation handed from one code cache to another: to a forked child (with the snapshot),
 * back to the parent when a child exits, and to the next image at execve. It carries the hidden
 * class's bytes, what the cache knows about the unit, and a hash of the guest bytes it was
 * translated from. The receiving cache defines the class the first time it reaches
 * {@link #entryPc} and only if the guest's bytes there hash the same, are executable and belong
 * to the same ISA: a translation is used exactly where it is one of the code in memory, whatever
 * the process did since (mapped another program there, rewrote its code, or exec'd).
 * Defining skips decoding and generation, most of a cold JVM's translation time.
 *
 * @param fresh translated by this process (or learned from its children): the parent has not seen it
 * @param persisted already in the translation file of the program the cache runs (see linux-user's
 *                  exec/PersistentTranslations)
 */
record InheritedUnit(String isa, long entryPc, long[] guestRuns, long bytesHash, int guestInstructions,
                     int bytecodeSize, int chainSlots, UnitBytes classBytes, boolean fresh, boolean persisted) {
    /**
     * Guest bytes beyond which a unit is not handed on (hashing them would cost too much). Only
     * the unit's own instructions are hashed, not the span between them: a region that follows a
     * branch to a far part of a big function (python3's interpreter loop) spans tens of KB, and
     * when the whole span was hashed, such units (471 of python3's, 221 of sqlite3's) were
     * translated again by every run.
     */
    static final long MAX_HASHED = 16 * 1024;
    /** Runs of contiguous instructions beyond which a unit is not handed on. */
    static final int MAX_RUNS = 1024;

    static InheritedUnit of(String isa, TranslatedUnit u) {
        return new InheritedUnit(isa, u.entryPc, u.guestRuns, u.bytesHash, u.guestInstructions, u.bytecodeSize,
                u.chain.length, u.classBytes, u.fresh, u.persisted);
    }

    InheritedUnit withFlags(boolean f, boolean p) {
        return f == fresh && p == persisted ? this : new InheritedUnit(isa, entryPc, guestRuns, bytesHash,
                guestInstructions, bytecodeSize, chainSlots, classBytes, f, p);
    }

    /** True if this is a translation of what {@code memory} holds now, for {@code isaName}. */
    boolean matches(String isaName, AddressSpace memory) {
        return isa.equals(isaName) && hashGuest(memory, guestRuns) == bytesHash;
    }

    /**
     * The guest bytes a region's instructions occupy, as runs of contiguous instructions:
     * {start0, end0, start1, end1, ...} in address order.
     */
    static long[] runsOf(java.util.SortedMap<Long, DecodedInsn> region) {
        long[] runs = new long[2 * region.size()];
        int n = 0;
        for (DecodedInsn insn : region.values()) {
            if (n > 0 && runs[n - 1] == insn.pc) {
                runs[n - 1] = insn.nextPc();
            } else {
                runs[n++] = insn.pc;
                runs[n++] = insn.nextPc();
            }
        }
        return java.util.Arrays.copyOf(runs, n);
    }

    /**
     * A 64-bit hash of the guest bytes in {@code runs} (see {@link #runsOf}) and of where they
     * are, or 0 if they cannot be handed on (too many, or not all executable). Not cryptographic:
     * a guest that forged a collision would only run a translation of other code of its own, with
     * every memory access still checked.
     */
    static long hashGuest(AddressSpace memory, long[] runs) {
        if (runs.length == 0 || runs.length > 2 * MAX_RUNS) return 0;
        long total = 0;
        for (int i = 0; i < runs.length; i += 2) {
            long length = runs[i + 1] - runs[i];
            if (length <= 0 || (total += length) > MAX_HASHED || !memory.check(runs[i], length, Prot.EXEC)) return 0;
        }
        long h = 0x9E3779B97F4A7C15L;
        for (int i = 0; i < runs.length; i += 2) h = hashOf(h, runs[i], runs[i + 1]);
        return h == 0 ? 1 : h;
    }

    /** Mixes the run [low, high) (its place and its bytes) into {@code h}. */
    private static long hashOf(long h, long low, long high) {
        h = mix(h ^ low);
        h = mix(h ^ (high - low));
        long a = low;
        for (; a + 8 <= high; a += 8) h = mix(h ^ GuestAccess.peekLong(a));
        for (; a < high; a++) h = mix(h ^ GuestAccess.peekByte(a));
        return h;
    }

    private static long mix(long h) {
        h *= 0xBF58476D1CE4E5B9L;
        h ^= h >>> 31;
        h *= 0x94D049BB133111EBL;
        return h ^ (h >>> 29);
    }

    /**
     * Writes this unit with its class bytes, the first {@code length} of {@code bytes} (read by
     * the caller: see {@link UnitBytes}).
     */
    void writeTo(DataOutputStream out, byte[] bytes, int length) throws IOException {
        out.writeUTF(isa);
        out.writeLong(entryPc);
        out.writeInt(guestRuns.length / 2);
        for (long a : guestRuns) out.writeLong(a);
        out.writeLong(bytesHash);
        out.writeInt(guestInstructions);
        out.writeInt(bytecodeSize);
        out.writeInt(chainSlots);
        out.writeInt(length);
        out.write(bytes, 0, length);
    }

    static InheritedUnit readFrom(RecordReader in, boolean fresh, boolean persisted, UnitBytes.Source source)
            throws IOException {
        String isa = in.readUTF();
        long entry = in.readLong();
        int runCount = in.readInt();
        if (runCount < 1 || runCount > MAX_RUNS) throw malformed(entry);
        long[] runs = new long[2 * runCount];
        for (int i = 0; i < runs.length; i++) {
            runs[i] = in.readLong();
            if (i > 0 && runs[i] <= runs[i - 1]) throw malformed(entry); // runs ascend and are not empty
        }
        long hash = in.readLong();
        int insns = in.readInt(), size = in.readInt(), slots = in.readInt(), n = in.readInt();
        if (slots < 0 || n < 0 || n > (1 << 20)) throw malformed(entry);
        return new InheritedUnit(isa.intern(), entry, runs, hash, insns, size, slots, source.take(in, n), fresh,
                persisted);
    }

    private static IOException malformed(long entry) {
        return new IOException("malformed translation at 0x" + Long.toHexString(entry));
    }
}
