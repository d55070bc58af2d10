package io.mimic.translator.memory;

import io.mimic.translator.engine.CpuState;
import io.mimic.translator.engine.EngineStats;
import io.mimic.translator.engine.GuestFault;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;

/**
 * Guest loads and stores, called from translated code (the JIT inlines the fast paths). The
 * fast path is a TLB tag compare: the tag is the page address, so an access inside a page
 * known to allow it costs one array load, one compare and one host load. Anything else (TLB
 * miss, page crossing, fault) takes the slow path, which checks the page table, refills the
 * TLB, and raises the guest fault if the access is illegal.
 *
 * Translated code makes each access in three parts ({@link #readTagMismatch}, {@link #readMiss} on a
 * miss, then the raw {@code *Checked} access; see {@code Emitter.load}); the whole-access helpers
 * ({@code ld32sle(address, cpu, pc)}, ...) serve Java helpers such as vector loads and atomics.
 * Endianness is chosen by the front-end: *le / *be variants.
 *
 * {@code pc} is the address of the guest instruction making the access: a fault stores it in
 * {@code cpu.pc} before it is thrown, so translated code needs no exception handler of its own to
 * record where it stopped (see {@code Emitter.load}). Java helpers that run under such a handler
 * (vector loads, atomics, DC ZVA) pass {@link #PC_FROM_HANDLER}.
 */
public final class GuestAccess {
    private static final MemorySegment M = HostReservation.SPACE;
    private static final ValueLayout.OfByte B = ValueLayout.JAVA_BYTE;
    /**
     * Loads and stores use raw host addresses: through MemorySegment every access inlines some
     * forty methods of bounds and liveness checks, and a unit with a few dozen accesses ran out
     * of C2's inlining budget (NodeCountInliningCutoff), leaving real calls per guest access.
     * Safety comes from the TLB and slowCheck instead (see loads), as in QEMU's softmmu.
     */
    private static final sun.misc.Unsafe U = io.mimic.translator.engine.HostUnsafe.UNSAFE;
    private static final long BASE = M.address();

    /** Atomic views (native order = little-endian on the x86-64 host); big-endian callers swap. */
    private static final VarHandle ATOMIC_INT = ValueLayout.JAVA_INT.varHandle();
    private static final VarHandle ATOMIC_LONG = ValueLayout.JAVA_LONG.varHandle();

    private static final long TAG_MASK = AddressSpace.PAGE_MASK;
    private static final long TLB_BASE = U.arrayBaseOffset(long[].class);

    private GuestAccess() {}

    /** The pc a helper passes when its caller's exception handler records the faulting pc. */
    public static final long PC_FROM_HANDLER = -1;

    /**
     * The slow path of an access of {@code size} bytes that the TLB did not vouch for (a miss,
     * or an access that crosses a page): checks the page table and refills the TLB, or records
     * {@code pc} as the faulting instruction's and throws the guest fault if the access is illegal.
     */
    static void slowCheck(long addr, int size, boolean write, CpuState cpu, long pc) {
        long page = addr & TAG_MASK;
        boolean samePage = ((addr + size - 1) & TAG_MASK) == page;
        AddressSpace as = cpu.memory;
        int need = write ? Prot.WRITE : Prot.READ;
        if (!as.check(addr, size, need)) {
            if (EngineStats.ON) EngineStats.memoryFaults.increment();
            long bad = as.check(addr, 1, need) ? AddressSpace.pageUp(addr + 1) : addr;
            cpu.pc = pc;
            throw cpu.fault(write ? GuestFault.Kind.WRITE : GuestFault.Kind.READ, bad);
        }
        if (samePage) {
            (write ? cpu.tlbWrite : cpu.tlbRead)[CpuState.tlbSlot(addr)] = page;
        }
        if (EngineStats.ON) {
            if (samePage) (write ? EngineStats.tlbWriteRefills : EngineStats.tlbReadRefills).increment();
            else (write ? EngineStats.pageCrossingWrites : EngineStats.pageCrossingReads).increment();
        }
    }

    /**
     * The fast path's TLB compare: true if the TLB vouches for a read of the bytes
     * {@code a .. a + lastByte}. The tag compared is the page of the access's last byte, in the
     * slot of its first: equal only if both bytes are in the one page the slot holds, so a
     * misaligned access inside a page (A64 and RISC-V allow them, and glibc's string functions
     * make millions: 31 M in the sqlite3 benchmark) stays on the fast path, and one that crosses
     * a page never does.
     */
    private static boolean hitRead(long a, int lastByte, CpuState c) {
        return readTagMismatch(a, c, lastByte) == 0;
    }

    /** {@link #hitRead} for writes. */
    private static boolean hitWrite(long a, int lastByte, CpuState c) {
        return writeTagMismatch(a, c, lastByte) == 0;
    }

    // ---- loads ----
    // Each whole-access helper makes its raw access itself rather than calling its *Checked twin:
    // in HotSpot's interpreter, where most units of a large program run, a call is a call.
    // Raw host loads at BASE + a: reached only after the TLB hit (a page that slowCheck found
    // mapped with the right permission, hence inside the reservation) or after slowCheck passed
    // for the whole access, so they never touch host memory outside the guest's mappings.
    // The host is x86-64 (little-endian, unaligned accesses allowed); big-endian guests swap.

    public static long ld8u(long a, CpuState c, long pc) {
        if (!hitRead(a, 0, c)) slowCheck(a, 1, false, c, pc);
        return U.getByte(BASE + a) & 0xFFL;
    }

    public static long ld8s(long a, CpuState c, long pc) {
        if (!hitRead(a, 0, c)) slowCheck(a, 1, false, c, pc);
        return U.getByte(BASE + a);
    }

    public static long ld16ule(long a, CpuState c, long pc) {
        if (!hitRead(a, 1, c)) slowCheck(a, 2, false, c, pc);
        return U.getShort(BASE + a) & 0xFFFFL;
    }

    public static long ld16sle(long a, CpuState c, long pc) {
        if (!hitRead(a, 1, c)) slowCheck(a, 2, false, c, pc);
        return U.getShort(BASE + a);
    }

    public static long ld32ule(long a, CpuState c, long pc) {
        if (!hitRead(a, 3, c)) slowCheck(a, 4, false, c, pc);
        return U.getInt(BASE + a) & 0xFFFFFFFFL;
    }

    public static long ld32sle(long a, CpuState c, long pc) {
        if (!hitRead(a, 3, c)) slowCheck(a, 4, false, c, pc);
        return U.getInt(BASE + a);
    }

    public static long ld64le(long a, CpuState c, long pc) {
        if (!hitRead(a, 7, c)) slowCheck(a, 8, false, c, pc);
        return U.getLong(BASE + a);
    }

    public static long ld16ube(long a, CpuState c, long pc) {
        if (!hitRead(a, 1, c)) slowCheck(a, 2, false, c, pc);
        return Short.reverseBytes(U.getShort(BASE + a)) & 0xFFFFL;
    }

    public static long ld16sbe(long a, CpuState c, long pc) {
        if (!hitRead(a, 1, c)) slowCheck(a, 2, false, c, pc);
        return Short.reverseBytes(U.getShort(BASE + a));
    }

    public static long ld32ube(long a, CpuState c, long pc) {
        if (!hitRead(a, 3, c)) slowCheck(a, 4, false, c, pc);
        return Integer.reverseBytes(U.getInt(BASE + a)) & 0xFFFFFFFFL;
    }

    public static long ld32sbe(long a, CpuState c, long pc) {
        if (!hitRead(a, 3, c)) slowCheck(a, 4, false, c, pc);
        return Integer.reverseBytes(U.getInt(BASE + a));
    }

    public static long ld64be(long a, CpuState c, long pc) {
        if (!hitRead(a, 7, c)) slowCheck(a, 8, false, c, pc);
        return Long.reverseBytes(U.getLong(BASE + a));
    }

    // ---- stores ----

    public static void st8(long a, long v, CpuState c, long pc) {
        if (!hitWrite(a, 0, c)) slowCheck(a, 1, true, c, pc);
        U.putByte(BASE + a, (byte) v);
    }

    public static void st16le(long a, long v, CpuState c, long pc) {
        if (!hitWrite(a, 1, c)) slowCheck(a, 2, true, c, pc);
        U.putShort(BASE + a, (short) v);
    }

    public static void st32le(long a, long v, CpuState c, long pc) {
        if (!hitWrite(a, 3, c)) slowCheck(a, 4, true, c, pc);
        U.putInt(BASE + a, (int) v);
    }

    public static void st64le(long a, long v, CpuState c, long pc) {
        if (!hitWrite(a, 7, c)) slowCheck(a, 8, true, c, pc);
        U.putLong(BASE + a, v);
    }

    public static void st16be(long a, long v, CpuState c, long pc) {
        if (!hitWrite(a, 1, c)) slowCheck(a, 2, true, c, pc);
        U.putShort(BASE + a, Short.reverseBytes((short) v));
    }

    public static void st32be(long a, long v, CpuState c, long pc) {
        if (!hitWrite(a, 3, c)) slowCheck(a, 4, true, c, pc);
        U.putInt(BASE + a, Integer.reverseBytes((int) v));
    }

    public static void st64be(long a, long v, CpuState c, long pc) {
        if (!hitWrite(a, 7, c)) slowCheck(a, 8, true, c, pc);
        U.putLong(BASE + a, Long.reverseBytes(v));
    }

    // ---- an access in three parts, for translated code (Emitter.load / store) ----
    // For accesses on a loop, the unit's own bytecode tests readTagMismatch / writeTagMismatch
    // and calls the miss helper only when the test fails, so each access has a branch of its own
    // in the unit's profile: C2 compiles a miss that never happened there as an uncommon trap
    // instead of a call (a call inside a hot loop makes C2 keep the loop's values in stack slots:
    // every register is caller-saved). Through the helpers above, the one branch inside each
    // helper is profiled for every access of the program at once. The raw accesses are reached
    // only after the tag test or the miss helper passed for the whole access (see the loads above
    // for why that keeps them safe).

    /**
     * Zero if the TLB vouches for a read of the bytes {@code a .. a + lastByte} (see
     * {@link #hitRead}), else not. The slot's byte offset in the array ({@link CpuState#tlbSlot})
     * is masked to the array's fixed size, so the read is always in bounds, and reading it through
     * Unsafe leaves out the array bounds check (a length load, a compare and a branch on every
     * guest access). Written out in one method, so that HotSpot's interpreter, which runs a unit's
     * first iterations and calls every method it meets, makes one call for the test, and returned
     * as a difference rather than a boolean, which keeps the method at 32 bytes of bytecode: C1
     * inlines only methods of at most 35 ({@code MaxInlineSize}).
     */
    public static long readTagMismatch(long a, CpuState c, int lastByte) {
        return U.getLong(c.tlbRead, TLB_BASE + ((a >>> (AddressSpace.PAGE_SHIFT - 3)) & ((CpuState.TLB_SIZE - 1L) << 3)))
                ^ ((a + lastByte) & TAG_MASK);
    }

    /** {@link #readTagMismatch} for a write. */
    public static long writeTagMismatch(long a, CpuState c, int lastByte) {
        return U.getLong(c.tlbWrite, TLB_BASE + ((a >>> (AddressSpace.PAGE_SHIFT - 3)) & ((CpuState.TLB_SIZE - 1L) << 3)))
                ^ ((a + lastByte) & TAG_MASK);
    }

    /** A read the TLB did not vouch for: checks it (or faults at {@code pc}); returns {@code a}. */
    public static long readMiss(long a, CpuState c, long pc, int size) {
        slowCheck(a, size, false, c, pc);
        return a;
    }

    /** A write the TLB did not vouch for: checks it (or faults at {@code pc}); returns {@code a}. */
    public static long writeMiss(long a, CpuState c, long pc, int size) {
        slowCheck(a, size, true, c, pc);
        return a;
    }

    public static long ld8uChecked(long a) { return U.getByte(BASE + a) & 0xFFL; }
    public static long ld8sChecked(long a) { return U.getByte(BASE + a); }
    public static long ld16uleChecked(long a) { return U.getShort(BASE + a) & 0xFFFFL; }
    public static long ld16sleChecked(long a) { return U.getShort(BASE + a); }
    public static long ld32uleChecked(long a) { return U.getInt(BASE + a) & 0xFFFFFFFFL; }
    public static long ld32sleChecked(long a) { return U.getInt(BASE + a); }
    public static long ld64leChecked(long a) { return U.getLong(BASE + a); }
    public static long ld16ubeChecked(long a) { return Short.reverseBytes(U.getShort(BASE + a)) & 0xFFFFL; }
    public static long ld16sbeChecked(long a) { return Short.reverseBytes(U.getShort(BASE + a)); }
    public static long ld32ubeChecked(long a) { return Integer.reverseBytes(U.getInt(BASE + a)) & 0xFFFFFFFFL; }
    public static long ld32sbeChecked(long a) { return Integer.reverseBytes(U.getInt(BASE + a)); }
    public static long ld64beChecked(long a) { return Long.reverseBytes(U.getLong(BASE + a)); }

    public static void st8Checked(long a, long v) { U.putByte(BASE + a, (byte) v); }
    public static void st16leChecked(long a, long v) { U.putShort(BASE + a, (short) v); }
    public static void st32leChecked(long a, long v) { U.putInt(BASE + a, (int) v); }
    public static void st64leChecked(long a, long v) { U.putLong(BASE + a, v); }
    public static void st16beChecked(long a, long v) { U.putShort(BASE + a, Short.reverseBytes((short) v)); }
    public static void st32beChecked(long a, long v) { U.putInt(BASE + a, Integer.reverseBytes((int) v)); }
    public static void st64beChecked(long a, long v) { U.putLong(BASE + a, Long.reverseBytes(v)); }

    // ---- atomics (little-endian; aligned addresses only, the caller checks alignment) ----

    /** Checks that an aligned atomic read-modify-write of {@code size} bytes is allowed. */
    public static void checkAtomic(long a, int size, CpuState c) {
        if ((a & (size - 1)) != 0) throw c.fault(GuestFault.Kind.MISALIGNED, a);
        if (!hitWrite(a, size - 1, c)) slowCheck(a, size, true, c, PC_FROM_HANDLER);
    }

    public static boolean cas32(long a, int expect, int update) {
        return ATOMIC_INT.compareAndSet(M, a, expect, update);
    }

    public static boolean cas64(long a, long expect, long update) {
        return ATOMIC_LONG.compareAndSet(M, a, expect, update);
    }

    public static int getAndSet32(long a, int v) { return (int) ATOMIC_INT.getAndSet(M, a, v); }
    public static long getAndSet64(long a, long v) { return (long) ATOMIC_LONG.getAndSet(M, a, v); }
    public static int getAndAdd32(long a, int v) { return (int) ATOMIC_INT.getAndAdd(M, a, v); }
    public static long getAndAdd64(long a, long v) { return (long) ATOMIC_LONG.getAndAdd(M, a, v); }
    public static int getVolatile32(long a) { return (int) ATOMIC_INT.getVolatile(M, a); }
    public static void setVolatile32(long a, int v) { ATOMIC_INT.setVolatile(M, a, v); }
    public static long getVolatile64(long a) { return (long) ATOMIC_LONG.getVolatile(M, a); }
    public static void setVolatile64(long a, long v) { ATOMIC_LONG.setVolatile(M, a, v); }

    // ---- bulk access for the OS layer (checked; never faults the JVM) ----

    /** Reads bytes for the OS layer after the caller checked the range. */
    public static void copyOut(long addr, byte[] dst, int off, int len) {
        MemorySegment.copy(M, B, addr, dst, off, len);
    }

    public static void copyIn(byte[] src, int off, long addr, int len) {
        MemorySegment.copy(src, off, M, B, addr, len);
    }

    // ---- reads for the translator and the OS layer ----
    // Instruction fetch and the hash of a unit's guest code run after their caller's own check of
    // the mapping (AddressSpace.prot/check), mostly in HotSpot's interpreter at a process's start:
    // through MemorySegment each read is some forty interpreted methods, here one Unsafe read.
    // The range test against the reservation keeps a caller's mistake inside guest memory.

    public static int peekShort(long a) {
        inReservation(a, 2);
        return U.getShort(BASE + a) & 0xFFFF;
    }

    public static int peekInt(long a) {
        inReservation(a, 4);
        return U.getInt(BASE + a);
    }

    public static long peekLong(long a) {
        inReservation(a, 8);
        return U.getLong(BASE + a);
    }

    public static int peekByte(long a) {
        inReservation(a, 1);
        return U.getByte(BASE + a) & 0xFF;
    }

    private static void inReservation(long a, int size) {
        if (a < 0 || a > HostReservation.SIZE - size) {
            throw new IndexOutOfBoundsException("guest address 0x" + Long.toHexString(a) + " outside the reservation");
        }
    }

    /** Raw access for loaders and the OS layer, without permission checks (bounds still hold). */
    public static MemorySegment raw() {
        return M;
    }
}
