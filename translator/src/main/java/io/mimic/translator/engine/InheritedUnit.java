package io.mimic.translator.engine;

import io.mimic.translator.memory.AddressSpace;
import io.mimic.translator.memory.GuestAccess;
import io.mimic.translator.memory.Prot;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.foreign.ValueLayout;

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
record InheritedUnit(String isa, long entryPc, long lowPc, long highPc, long bytesHash, int guestInstructions,
                     int bytecodeSize, int chainSlots, UnitBytes classBytes, boolean fresh, boolean persisted) {
    /** Units spanning more guest bytes than this are not handed on (hashing them would cost too much). */
    static final long MAX_SPAN = 16 * 1024;

    static InheritedUnit of(String isa, TranslatedUnit u) {
        return new InheritedUnit(isa, u.entryPc, u.lowPc, u.highPc, u.bytesHash, u.guestInstructions, u.bytecodeSize,
                u.chain.length, u.classBytes, u.fresh, u.persisted);
    }

    InheritedUnit withFlags(boolean f, boolean p) {
        return f == fresh && p == persisted ? this : new InheritedUnit(isa, entryPc, lowPc, highPc, bytesHash,
                guestInstructions, bytecodeSize, chainSlots, classBytes, f, p);
    }

    /** True if this is a translation of what {@code memory} holds now, for {@code isaName}. */
    boolean matches(String isaName, AddressSpace memory) {
        return isa.equals(isaName) && memory.check(lowPc, highPc - lowPc, Prot.EXEC) && hashOf(lowPc, highPc) == bytesHash;
    }

    /**
     * A 64-bit hash of the guest bytes [low, high), or 0 if the range cannot be handed on (too
     * wide, or not all executable). Not cryptographic: a guest that forged a collision would only
     * run a translation of other code of its own, with every memory access still checked.
     */
    static long hashGuest(AddressSpace memory, long low, long high) {
        if (high <= low || high - low > MAX_SPAN || !memory.check(low, high - low, Prot.EXEC)) return 0;
        return hashOf(low, high);
    }

    /** Never 0, which means "not handed on". */
    private static long hashOf(long low, long high) {
        var m = GuestAccess.raw();
        long h = 0x9E3779B97F4A7C15L ^ (high - low);
        long a = low;
        for (; a + 8 <= high; a += 8) h = mix(h ^ m.get(ValueLayout.JAVA_LONG_UNALIGNED, a));
        for (; a < high; a++) h = mix(h ^ (m.get(ValueLayout.JAVA_BYTE, a) & 0xffL));
        return h == 0 ? 1 : h;
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
        out.writeLong(lowPc);
        out.writeLong(highPc);
        out.writeLong(bytesHash);
        out.writeInt(guestInstructions);
        out.writeInt(bytecodeSize);
        out.writeInt(chainSlots);
        out.writeInt(length);
        out.write(bytes, 0, length);
    }

    static InheritedUnit readFrom(DataInputStream in, boolean fresh, boolean persisted, UnitBytes.Source source)
            throws IOException {
        String isa = in.readUTF();
        long entry = in.readLong(), low = in.readLong(), high = in.readLong(), hash = in.readLong();
        int insns = in.readInt(), size = in.readInt(), slots = in.readInt(), n = in.readInt();
        if (slots < 0 || n < 0 || n > (1 << 20) || high - low > MAX_SPAN) {
            throw new IOException("malformed translation at 0x" + Long.toHexString(entry));
        }
        return new InheritedUnit(isa.intern(), entry, low, high, hash, insns, size, slots, source.take(in, n), fresh,
                persisted);
    }
}
