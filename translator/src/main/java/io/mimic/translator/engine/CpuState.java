package io.mimic.translator.engine;

import io.mimic.translator.memory.AddressSpace;
import io.mimic.translator.memory.Prot;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The ISA-neutral part of a guest CPU (one per guest thread): the program counter, the software
 * TLB that the memory fast path checks, fault details, and the hooks into the OS layer. Each
 * ISA subclasses it with its register file.
 */
public abstract class CpuState {
    public static final int TLB_BITS = 12;
    public static final int TLB_SIZE = 1 << TLB_BITS;
    public static final long TLB_INVALID = -1L;

    /** The TLB slot of the page holding {@code addr}. */
    public static int tlbSlot(long addr) {
        return (int) (addr >>> AddressSpace.PAGE_SHIFT) & (TLB_SIZE - 1);
    }

    /** Address of the next instruction to execute (kept in sync only at unit exits and faults). */
    public long pc;

    /** Page tags with read (resp. write) permission; index = (addr >>> 12) & (TLB_SIZE - 1). */
    public final long[] tlbRead = new long[TLB_SIZE];
    public final long[] tlbWrite = new long[TLB_SIZE];

    public final AddressSpace memory;
    public SystemInterface system;

    /** Set from any thread to make this CPU stop at its next safe point (unit entry or back-edge). */
    public volatile int interruptPending;

    /** Details of the last fault, read by the OS layer. */
    public GuestFault.Kind faultKind;
    public long faultAddress;
    /** True if the faulting address was mapped (permission error rather than no mapping). */
    public boolean faultMapped;

    /** Exit slot whose target was not yet chained; filled in by the dispatcher. */
    TranslatedUnit chainMissUnit;
    int chainMissSlot;
    /** The exit's target, so that the dispatcher never chains the slot to another unit. */
    long chainMissPc;

    /** Mapping changes made by any thread that this CPU's TLB has not caught up with yet. */
    private final TlbInvalidations staleRanges = new TlbInvalidations();
    /** Told of address-space changes made by any thread: stop at the next safe point. */
    private final AddressSpace.ChangeListener tlbShootdown = (start, len) -> {
        staleRanges.add(start, len);
        interruptPending = 1;
    };

    protected CpuState(AddressSpace memory) {
        this.memory = memory;
        flushTlb();
        memory.addListener(tlbShootdown);
    }

    /**
     * Called by the dispatcher at a safe point on this CPU's own thread, after clearing
     * interruptPending: drops the TLB entries of ranges whose mappings changed since. A thread
     * that changes a mapping records the range first and then sets every CPU's interruptPending,
     * so a CPU that misses the range here is interrupted again.
     */
    public final void syncTlb() {
        staleRanges.apply(this);
    }

    /** The thread this CPU belonged to has ended: stop listening to the address space. */
    public void detach() {
        memory.removeListener(tlbShootdown);
    }

    /**
     * Copies the architectural registers (and pc) of {@code from}, a CPU of the same ISA, for a
     * new thread that starts as a copy of its creator. Reservations and TLB are not copied.
     */
    public abstract void copyRegistersFrom(CpuState from);

    /** The architectural registers as text, for -d cpu traces. */
    public String dumpState() {
        return String.format(" pc       %016x%n", pc);
    }

    /**
     * Fills the TLB slots still empty with the pages of [start, end) that the page table allows
     * (read, write), so that a program's first touches of its own image and stack hit: a miss
     * in a unit's profile makes C2 compile that access's slow path as a call, and a call in a
     * loop costs the loop its registers (see {@code GuestAccess}). Slots in use are left alone,
     * and an entry filled here is dropped by a later unmap or mprotect like any other.
     */
    public final void prefillTlb(long start, long end) {
        syncTlb();  // the changes already recorded would drop what is filled here at the first safe point
        long first = start & AddressSpace.PAGE_MASK;
        long last = Math.min(end, first + (long) TLB_SIZE * AddressSpace.PAGE_SIZE);
        for (long page = first; page < last; page += AddressSpace.PAGE_SIZE) {
            int prot = memory.prot(page);
            int slot = tlbSlot(page);
            if ((prot & Prot.READ) != 0 && tlbRead[slot] == TLB_INVALID) tlbRead[slot] = page;
            if ((prot & Prot.WRITE) != 0 && tlbWrite[slot] == TLB_INVALID) tlbWrite[slot] = page;
        }
    }

    public final void flushTlb() {
        if (EngineStats.ON) EngineStats.tlbFlushes.increment();
        Arrays.fill(tlbRead, TLB_INVALID);
        Arrays.fill(tlbWrite, TLB_INVALID);
    }

    /** Records a fault and returns the exception to throw. */
    public final GuestFault fault(GuestFault.Kind kind, long address) {
        faultKind = kind;
        faultAddress = address;
        faultMapped = memory.prot(address) != 0;
        return GuestFault.INSTANCE;
    }

    /** Called by translated code for an illegal encoding; the pc was stored by the caller. */
    public final GuestFault illegalInstruction() {
        return fault(GuestFault.Kind.ILLEGAL_INSTRUCTION, pc);
    }

    /** Called by translated code at the system-call instruction. */
    public final void systemCall() {
        system.systemCall(this);
    }

    /** Translated code of this process; set by the engine. */
    public CodeCache codeCache;

    /** Called by translated code for exits that are actions rather than jumps (see Emitter). */
    public final TranslatedUnit exitAction(int action) {
        switch (action) {
            case Emitter.EXIT_SYSCALL -> {
                if (EngineStats.ON) {
                    long t0 = System.nanoTime();
                    EngineStats.systemCalls.increment();
                    try {
                        system.systemCall(this);
                    } finally {
                        EngineStats.systemCallNanos.add(System.nanoTime() - t0);
                    }
                } else {
                    system.systemCall(this);
                }
            }
            case Emitter.EXIT_FLUSH -> codeCache.invalidateAll();
            default -> { }
        }
        return null;
    }

    /** Called by translated code when an exit's target unit is not chained yet. */
    public final TranslatedUnit chainMiss(TranslatedUnit from, int slot) {
        chainMissUnit = from;
        chainMissSlot = slot;
        chainMissPc = pc;
        return null;
    }

    /**
     * Writes the architectural state (pc and the register file) for fork: another process
     * restores it with {@link #readRegisters}. The register file is every instance field an ISA
     * subclass declares of a primitive or primitive-array type (register banks are {@code long[]}
     * fields, flags and modes are {@code int}/{@code long}/{@code boolean}), in a fixed order, so
     * a new ISA needs nothing here; one with state of another kind overrides both methods.
     */
    public void writeRegisters(DataOutput out) throws IOException {
        out.writeLong(pc);
        try {
            for (Field f : registerFields(getClass())) {
                Class<?> t = f.getType();
                if (t == long[].class) {
                    long[] a = (long[]) f.get(this);
                    out.writeInt(a.length);
                    for (long v : a) out.writeLong(v);
                } else if (t == int[].class) {
                    int[] a = (int[]) f.get(this);
                    out.writeInt(a.length);
                    for (int v : a) out.writeInt(v);
                } else if (t == long.class) {
                    out.writeLong(f.getLong(this));
                } else if (t == int.class) {
                    out.writeInt(f.getInt(this));
                } else if (t == boolean.class) {
                    out.writeBoolean(f.getBoolean(this));
                } else {
                    throw new IllegalStateException(getClass().getSimpleName() + "." + f.getName()
                            + ": a register field of type " + t.getSimpleName() + " needs its own writeRegisters");
                }
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Restores what {@link #writeRegisters} wrote (same ISA). */
    public void readRegisters(DataInput in) throws IOException {
        pc = in.readLong();
        try {
            for (Field f : registerFields(getClass())) {
                Class<?> t = f.getType();
                if (t == long[].class) {
                    long[] a = (long[]) f.get(this);
                    int n = in.readInt();
                    if (n != a.length) throw new IOException("register bank " + f.getName() + " has " + n + " entries");
                    for (int i = 0; i < n; i++) a[i] = in.readLong();
                } else if (t == int[].class) {
                    int[] a = (int[]) f.get(this);
                    int n = in.readInt();
                    if (n != a.length) throw new IOException("register bank " + f.getName() + " has " + n + " entries");
                    for (int i = 0; i < n; i++) a[i] = in.readInt();
                } else if (t == long.class) {
                    f.setLong(this, in.readLong());
                } else if (t == int.class) {
                    f.setInt(this, in.readInt());
                } else if (t == boolean.class) {
                    f.setBoolean(this, in.readBoolean());
                }
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Instance fields declared below CpuState (the ISA's registers), in a stable order. */
    private static List<Field> registerFields(Class<?> c) {
        List<Field> out = new ArrayList<>();
        for (; c != CpuState.class; c = c.getSuperclass()) {
            List<Field> own = new ArrayList<>();
            for (Field f : c.getDeclaredFields()) {
                int m = f.getModifiers();
                if (Modifier.isStatic(m) || Modifier.isTransient(m)) continue;
                f.setAccessible(true);
                own.add(f);
            }
            own.sort(Comparator.comparing(Field::getName));
            out.addAll(0, own);
        }
        return out;
    }
}
