package io.mimic.translator.engine;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The only place that writes JVM bytecode for guest code. Front-ends describe semantics with it
 * (operand-stack style: push registers and constants, apply JVM arithmetic, pop into registers)
 * and it keeps the invariants: guest registers live in JVM locals (each loaded where
 * {@link RegisterLoadPlacement} puts it, or at entry in units with long loops; each write stored
 * to the CPU too, or in long loops at the exits and faults), writes to a hardwired zero
 * register vanish, branches inside the region are real gotos (so guest loops become JVM loops),
 * backward branches poll for interrupts, and a fault leaves with the faulting instruction's pc
 * recorded (by the access or raise itself, or by an exception-table entry per instruction where
 * registers may still wait in locals).
 */
public final class Emitter implements Opcodes {
    static final String UNIT = Type.getInternalName(TranslatedUnit.class);
    static final String CPU = Type.getInternalName(CpuState.class);
    static final String FAULT = Type.getInternalName(GuestFault.class);

    private static final int THIS = 0, CPU_ARG = 1, CPU_CONCRETE = 2, EXIT_PC = 3, EXIT_SLOT = 5, FIRST_FREE = 6;

    /** Negative exit slots: actions the common exit performs instead of chaining. */
    static final int EXIT_INDIRECT = -1, EXIT_SYSCALL = -2, EXIT_FLUSH = -3;

    private final Frontend frontend;
    private final String cpuType;
    private final RegisterBank[] banks;
    private final int[][] regLocal;   // [bank][reg] -> local slot, or -1
    private final boolean[][] regDirty;
    private final boolean[][] regUsed;
    private final int[] bankArrayLocal;
    private int nextLocal;
    /** A long local holding a store's value during its TLB test; allocated by the first store. */
    private int storeValueLocal = -1;

    final InsnList code = new InsnList();
    private final List<Runnable> deferred = new ArrayList<>();
    final List<TryCatchBlockNode> tryCatch = new ArrayList<>();
    private final Map<Long, LabelNode> labels;
    private final LabelNode commonExit = new LabelNode();
    private final LabelNode faultCommon = new LabelNode();
    private final List<Long> chainTargets = new ArrayList<>();
    private final Map<Long, Integer> chainSlot = new HashMap<>();

    private DecodedInsn current;
    /**
     * The pcs of the instructions reading each register, by the register's local slot (a pc once
     * per run of reads by one instruction), and how many; {@link #prologue} places the register's
     * load by them. Arrays, not sets: this runs for every register read the translator emits.
     */
    private long[][] readPcs;
    private int[] readCount;
    /** Set once the body is done: code emitted after it belongs to no instruction. */
    private boolean finished;
    private LabelNode currentStart;
    private boolean currentMayFault;
    boolean usesFaultHandler;

    Emitter(Frontend frontend, Map<Long, LabelNode> labels) {
        this.frontend = frontend;
        this.cpuType = Type.getInternalName(frontend.cpuClass());
        this.banks = frontend.registerBanks();
        this.labels = labels;
        regLocal = new int[banks.length][];
        regDirty = new boolean[banks.length][];
        bankArrayLocal = new int[banks.length];
        regUsed = new boolean[banks.length][];
        nextLocal = FIRST_FREE;
        for (int b = 0; b < banks.length; b++) bankArrayLocal[b] = nextLocal++;
        // Every register gets a fixed slot; only those the body uses are loaded at entry.
        for (int b = 0; b < banks.length; b++) {
            regLocal[b] = new int[banks[b].count()];
            regDirty[b] = new boolean[banks[b].count()];
            regUsed[b] = new boolean[banks[b].count()];
            for (int r = 0; r < banks[b].count(); r++) {
                regLocal[b][r] = nextLocal;
                nextLocal += 2;
            }
        }
        readPcs = new long[nextLocal][];
        readCount = new int[nextLocal];
    }

    // ------------------------------------------------------------------ instruction context

    void beginInstruction(DecodedInsn insn, LabelNode start) {
        current = insn;
        currentStart = start;
        currentMayFault = false;
    }

    void endInstruction() {
        if (currentMayFault) {
            LabelNode end = new LabelNode();
            code.add(end);
            LabelNode handler = new LabelNode();
            long pc = current.pc;
            tryCatch.add(new TryCatchBlockNode(currentStart, end, handler, FAULT));
            deferred.add(() -> {
                code.add(handler);
                code.add(new InsnNode(POP));
                code.add(new LdcInsnNode(pc));
                code.add(new VarInsnNode(LSTORE, EXIT_PC));
                code.add(new JumpInsnNode(GOTO, faultCommon));
            });
            usesFaultHandler = true;
        }
    }

    /** Marks the current instruction as able to throw a guest fault (memory access, helper). */
    public void mayFault() {
        currentMayFault = true;
    }

    // ------------------------------------------------------------------ registers

    private int local(int bank, int reg) {
        regUsed[bank][reg] = true;
        return regLocal[bank][reg];
    }

    /** Pushes register {@code reg} of bank {@code bank} (a long). */
    public void getReg(int bank, int reg) {
        if (reg == banks[bank].hardwiredZero()) {
            code.add(new InsnNode(LCONST_0));
        } else {
            noteRead(bank, reg);
            code.add(new VarInsnNode(LLOAD, local(bank, reg)));
        }
    }

    /** Records that the current instruction reads the register's local. */
    private void noteRead(int bank, int reg) {
        // A read outside the body (none today) has no instruction: the entry then loads it.
        long at = finished || current == null ? Long.MIN_VALUE : current.pc;
        int slot = regLocal[bank][reg];
        long[] pcs = readPcs[slot];
        int n = readCount[slot];
        if (n > 0 && pcs[n - 1] == at) return;
        if (pcs == null) readPcs[slot] = pcs = new long[4];
        else if (n == pcs.length) readPcs[slot] = pcs = java.util.Arrays.copyOf(pcs, 2 * n);
        pcs[n] = at;
        readCount[slot] = n + 1;
    }

    /** Pops a long into register {@code reg} of bank {@code bank}. */
    public void setReg(int bank, int reg) {
        if (reg == banks[bank].hardwiredZero()) {
            code.add(new InsnNode(POP2));
        } else {
            code.add(new VarInsnNode(LSTORE, local(bank, reg)));
            if (writeBackAtExit.contains(current.pc)) {
                regDirty[bank][reg] = true;
            } else {
                syncToState(bank, reg);
            }
        }
    }

    /**
     * Where a register write is stored back to the CPU only at the unit's exits and faults; everywhere
     * else it is stored at once as well. Held until the exit, every written register stayed live to
     * every exit and to the fault handler of every memory access after the write: C2 kept loop
     * values in stack slots (riscv64 sieve's inner loop reloaded its pointer from the stack each
     * iteration) and spent its time allocating registers. Stored at once, they die at their last
     * read: sqlite3 -13%, python3 -7%, lua -7%, aarch64 qsort -9%, nbody -9%, strings -10%. But in a
     * long loop of arithmetic the stores add up (riscv64 sha256 +13-30%), so loops of more than
     * {@link #LONG_LOOP} instructions keep their writes until the exit (docs/PERFORMANCE.md).
     */
    void writeBackAtExitIn(Set<Long> pcs) {
        writeBackAtExit = pcs;
    }

    /**
     * The instructions whose memory accesses make the TLB test in the unit's own bytecode: those
     * on a loop of the region, where a miss that never happened there should be an uncommon trap
     * rather than a call (see {@code GuestAccess}'s three-part access).
     */
    void testTlbInlineIn(Set<Long> pcs) {
        tlbTestInline = pcs;
    }

    private Set<Long> tlbTestInline = Set.of();

    /** Instructions of a loop beyond which its register writes wait for the exit. */
    static final int LONG_LOOP = 32;
    private Set<Long> writeBackAtExit = Set.of();

    /**
     * Stores the register's current value into the CPU's bank array now, for a helper that reads
     * the array directly (e.g. one that works on a whole vector register).
     */
    public void syncToState(int bank, int reg) {
        if (reg == banks[bank].hardwiredZero()) return;
        noteRead(bank, reg);
        code.add(new VarInsnNode(ALOAD, bankArrayLocal[bank]));
        code.add(intConst(reg));
        code.add(new VarInsnNode(LLOAD, local(bank, reg)));
        code.add(new InsnNode(LASTORE));
    }

    /** Reloads the register from the CPU's bank array, after a helper wrote the array directly. */
    public void reloadFromState(int bank, int reg) {
        if (reg == banks[bank].hardwiredZero()) return;
        code.add(new VarInsnNode(ALOAD, bankArrayLocal[bank]));
        code.add(intConst(reg));
        code.add(new InsnNode(LALOAD));
        code.add(new VarInsnNode(LSTORE, local(bank, reg)));
    }

    /** True if writes to this register are discarded (the front-end may skip computing the value). */
    public boolean isZeroRegister(int bank, int reg) {
        return reg == banks[bank].hardwiredZero();
    }

    // ------------------------------------------------------------------ values

    public void constLong(long v) {
        if (v == 0) code.add(new InsnNode(LCONST_0));
        else if (v == 1) code.add(new InsnNode(LCONST_1));
        else code.add(new LdcInsnNode(v));
    }

    public void constInt(int v) {
        if (v >= -1 && v <= 5) code.add(new InsnNode(ICONST_0 + v));
        else if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) code.add(new IntInsnNode(BIPUSH, v));
        else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) code.add(new IntInsnNode(SIPUSH, v));
        else code.add(new LdcInsnNode(v));
    }

    /** Any stack-only JVM instruction (LADD, L2I, I2L, LSHL, DUP2, ...). */
    public void op(int opcode) {
        code.add(new InsnNode(opcode));
    }

    /** Pushes the CPU state as its concrete ISA type (for helpers and field access). */
    public void pushCpu() {
        code.add(new VarInsnNode(ALOAD, CPU_CONCRETE));
    }

    /** Calls a static helper; mark {@link #mayFault()} first if it can throw a guest fault. */
    public void callStatic(Class<?> owner, String name, String desc) {
        callStatic(Type.getInternalName(owner), name, desc);
    }

    /** Calls a static helper by internal class name (a/b/C). */
    public void callStatic(String ownerInternalName, String name, String desc) {
        code.add(new MethodInsnNode(INVOKESTATIC, ownerInternalName, name, desc, false));
    }

    // ------------------------------------------------------------------ memory

    private static final String ACCESS = "io/mimic/translator/memory/GuestAccess";

    /**
     * Guest load: address (long) on the stack, value (long) left. {@code helper} names a
     * {@code GuestAccess} method such as "ld32sle"; the front-end picks width, sign and endianness.
     * On a loop of the region ({@link #testTlbInlineIn}) the TLB test is the unit's own branch
     * (see {@code GuestAccess.readTagMismatch}): on a hit the raw load ({@code helper + "Checked"})
     * follows at once, on a miss {@code readMiss} checks the access first. Elsewhere the access
     * is one call of the helper, which makes the test itself: 15 bytes of bytecode fewer (19 for a
     * store), which matter to large programs whose units mostly run interpreted or in C1 (the
     * inline test everywhere made lua's units 31% bigger and C1's work 54% more). Either way a
     * fault records this
     * instruction's pc itself, so an access needs an exception handler only where registers may
     * still wait in locals ({@link #faultsNeedHandler}); elsewhere none: every handler was an
     * exception edge from the slow path's call into the unit's fault code, and C2 built and
     * allocated registers for each.
     */
    public void load(String helper) {
        if (faultsNeedHandler()) mayFault();
        if (!tlbTestInline.contains(current.pc)) {
            pushAccessContext();
            code.add(new MethodInsnNode(INVOKESTATIC, ACCESS, helper, "(JL" + CPU + ";J)J", false));
            return;
        }
        tlbTest("read", accessSize(helper));
        code.add(new MethodInsnNode(INVOKESTATIC, ACCESS, helper + "Checked", "(J)J", false));
    }

    /** Guest store: address and value (longs) on the stack; the TLB test as in {@link #load}. */
    public void store(String helper) {
        if (faultsNeedHandler()) mayFault();
        if (!tlbTestInline.contains(current.pc)) {
            pushAccessContext();
            code.add(new MethodInsnNode(INVOKESTATIC, ACCESS, helper, "(JJL" + CPU + ";J)V", false));
            return;
        }
        if (storeValueLocal < 0) {
            storeValueLocal = nextLocal;
            nextLocal += 2;
        }
        code.add(new VarInsnNode(LSTORE, storeValueLocal));
        tlbTest("write", accessSize(helper));
        code.add(new VarInsnNode(LLOAD, storeValueLocal));
        code.add(new MethodInsnNode(INVOKESTATIC, ACCESS, helper + "Checked", "(JJ)V", false));
    }

    /**
     * The address (long) on the stack, left there: tests the TLB for a {@code kind} ("read",
     * "write") of {@code size} bytes, and on a miss calls {@code kindMiss}, which checks the
     * whole access (refilling the TLB) or faults with this instruction's pc.
     */
    private void tlbTest(String kind, int size) {
        LabelNode checked = new LabelNode();
        code.add(new InsnNode(DUP2));
        code.add(new VarInsnNode(ALOAD, CPU_ARG));
        constInt(size - 1);
        code.add(new MethodInsnNode(INVOKESTATIC, ACCESS, kind + "TagMismatch", "(JL" + CPU + ";I)J", false));
        code.add(new InsnNode(LCONST_0));
        code.add(new InsnNode(LCMP));
        code.add(new JumpInsnNode(IFEQ, checked));
        code.add(new VarInsnNode(ALOAD, CPU_ARG));
        code.add(new LdcInsnNode(current.pc));
        constInt(size);
        code.add(new MethodInsnNode(INVOKESTATIC, ACCESS, kind + "Miss", "(JL" + CPU + ";JI)J", false));
        code.add(checked);
    }

    /** Pushes the CPU and the instruction's pc for a whole-access {@code GuestAccess} helper. */
    private void pushAccessContext() {
        code.add(new VarInsnNode(ALOAD, CPU_ARG));
        code.add(new LdcInsnNode(current.pc));
    }

    /** The bytes a {@code GuestAccess} helper accesses, from its name: "ld16ule" -> 2. */
    static int accessSize(String helper) {
        if (helper.startsWith("ld8") || helper.startsWith("st8")) return 1;
        if (helper.startsWith("ld16") || helper.startsWith("st16")) return 2;
        if (helper.startsWith("ld32") || helper.startsWith("st32")) return 4;
        if (helper.startsWith("ld64") || helper.startsWith("st64")) return 8;
        throw new IllegalArgumentException("not a GuestAccess load or store: " + helper);
    }

    /**
     * True if a fault must pass through this unit's handler: it has a long loop whose register
     * writes wait for the exit ({@link #writeBackAtExitIn}), and the handler stores them. In other
     * units every register write is in the CPU already, and a fault that records its own pc
     * (memory accesses, {@link #raise}) leaves the unit directly.
     */
    private boolean faultsNeedHandler() {
        return !writeBackAtExit.isEmpty();
    }

    // ------------------------------------------------------------------ control flow

    private int slotFor(long target) {
        return chainSlot.computeIfAbsent(target, t -> {
            chainTargets.add(t);
            return chainTargets.size() - 1;
        });
    }

    /** Code that leaves the unit towards {@code target}: a goto if it is inside, an exit otherwise. */
    private void emitGoto(long target, boolean pollInterrupts) {
        LabelNode inside = labels.get(target);
        if (inside != null) {
            if (pollInterrupts && target <= current.pc) {
                LabelNode stop = new LabelNode();
                code.add(new VarInsnNode(ALOAD, CPU_ARG));
                code.add(new FieldInsnNode(GETFIELD, CPU, "interruptPending", "I"));
                code.add(new JumpInsnNode(IFNE, stop));
                code.add(new JumpInsnNode(GOTO, inside));
                code.add(stop);
                emitExit(target, slotFor(target));
            } else {
                code.add(new JumpInsnNode(GOTO, inside));
            }
        } else {
            emitExit(target, slotFor(target));
        }
    }

    private void emitExit(long pc, int slot) {
        code.add(new LdcInsnNode(pc));
        code.add(new VarInsnNode(LSTORE, EXIT_PC));
        constInt(slot);
        code.add(new VarInsnNode(ISTORE, EXIT_SLOT));
        code.add(new JumpInsnNode(GOTO, commonExit));
    }

    /** Unconditional jump to a fixed guest address. */
    public void jump(long target) {
        emitGoto(target, true);
    }

    /** Called by the region builder: continue at {@code pc} (fall-through into a non-adjacent place). */
    void fallThrough(long pc) {
        emitGoto(pc, true);
    }

    /** Integer comparisons for {@link #branch}. */
    public enum Cond { EQ, NE, LT, GE, GT, LE, LTU, GEU, GTU, LEU }

    /** Two longs on the stack: branch to {@code target} if {@code a cond b}, else fall through. */
    public void branch(Cond cond, long target) {
        int jump = switch (cond) {
            case EQ -> IFEQ; case NE -> IFNE;
            case LT, LTU -> IFLT; case GE, GEU -> IFGE;
            case GT, GTU -> IFGT; case LE, LEU -> IFLE;
        };
        boolean unsigned = cond.ordinal() >= Cond.LTU.ordinal();
        if (unsigned) {
            code.add(new MethodInsnNode(INVOKESTATIC, "java/lang/Long", "compareUnsigned", "(JJ)I", false));
        } else {
            code.add(new InsnNode(LCMP));
        }
        branchOnInt(jump, target);
    }

    private void branchOnInt(int jumpOpcode, long target) {
        LabelNode inside = labels.get(target);
        if (inside != null && target > current.pc) {
            code.add(new JumpInsnNode(jumpOpcode, inside));
        } else {
            LabelNode taken = new LabelNode();
            code.add(new JumpInsnNode(jumpOpcode, taken));
            DecodedInsn at = current;
            deferred.add(() -> {
                DecodedInsn saved = current;
                current = at;
                code.add(taken);
                emitGoto(target, true);
                current = saved;
            });
        }
    }

    /** Address (long) on the stack: jump there (indirect; the dispatcher finds the unit). */
    public void jumpIndirect() {
        code.add(new VarInsnNode(LSTORE, EXIT_PC));
        constInt(EXIT_INDIRECT);
        code.add(new VarInsnNode(ISTORE, EXIT_SLOT));
        code.add(new JumpInsnNode(GOTO, commonExit));
    }

    /** Ends the unit with a system call; execution resumes at {@code cpu.pc} (= nextPc unless changed). */
    public void systemCall(long nextPc) {
        code.add(new LdcInsnNode(nextPc));
        code.add(new VarInsnNode(LSTORE, EXIT_PC));
        constInt(EXIT_SYSCALL);
        code.add(new VarInsnNode(ISTORE, EXIT_SLOT));
        code.add(new JumpInsnNode(GOTO, commonExit));
    }

    /** Ends the unit and discards all translated code (instruction-cache flush), resuming at nextPc. */
    public void flushCodeAndContinue(long nextPc) {
        code.add(new LdcInsnNode(nextPc));
        code.add(new VarInsnNode(LSTORE, EXIT_PC));
        constInt(EXIT_FLUSH);
        code.add(new VarInsnNode(ISTORE, EXIT_SLOT));
        code.add(new JumpInsnNode(GOTO, commonExit));
    }

    /** Raises a guest fault of {@code kind} at the current instruction (address = its pc). */
    public void raise(GuestFault.Kind kind) {
        if (faultsNeedHandler()) mayFault();
        code.add(new VarInsnNode(ALOAD, CPU_ARG));
        code.add(new LdcInsnNode(current.pc));
        code.add(new FieldInsnNode(PUTFIELD, CPU, "pc", "J"));
        code.add(new VarInsnNode(ALOAD, CPU_ARG));
        code.add(new FieldInsnNode(GETSTATIC, Type.getInternalName(GuestFault.Kind.class), kind.name(),
                Type.getDescriptor(GuestFault.Kind.class)));
        code.add(new LdcInsnNode(current.pc));
        code.add(new MethodInsnNode(INVOKEVIRTUAL, CPU, "fault", "(L" + Type.getInternalName(GuestFault.Kind.class) + ";J)L" + FAULT + ";", false));
        code.add(new InsnNode(ATHROW));
    }

    // ------------------------------------------------------------------ assembly of the method

    /**
     * Entry code: cast the CPU, fetch the bank arrays, load the registers the body uses. Where
     * register writes reach the CPU at once, a register is loaded where the region's
     * {@link RegisterLoadPlacement} says (in the entry code or at the start of a later
     * instruction; built only for a unit that reads a register) and one the body only writes is
     * not loaded at all; in a unit with a long loop, whose exits and faults store the registers it
     * wrote, every register it uses is loaded here, so that those stores always have a value.
     */
    InsnList prologue(java.util.function.Supplier<RegisterLoadPlacement> placementOfRegion) {
        RegisterLoadPlacement placement = null;   // built at the first register read, if any
        InsnList p = new InsnList();
        p.add(new VarInsnNode(ALOAD, CPU_ARG));
        p.add(new TypeInsnNode(CHECKCAST, cpuType));
        p.add(new VarInsnNode(ASTORE, CPU_CONCRETE));
        p.add(new InsnNode(LCONST_0));
        p.add(new VarInsnNode(LSTORE, EXIT_PC));
        p.add(new InsnNode(ICONST_0));
        p.add(new VarInsnNode(ISTORE, EXIT_SLOT));
        for (int b = 0; b < banks.length; b++) {
            p.add(new VarInsnNode(ALOAD, CPU_CONCRETE));
            p.add(new FieldInsnNode(GETFIELD, cpuType, banks[b].field(), "[J"));
            p.add(new VarInsnNode(ASTORE, bankArrayLocal[b]));
            for (int r = 0; r < banks[b].count(); r++) {
                if (!regUsed[b][r]) continue;
                if (writeBackAtExit.isEmpty()) {
                    int slot = regLocal[b][r];
                    if (readCount[slot] == 0) continue;
                    if (placement == null) placement = placementOfRegion.get();
                    long at = placement.placeFor(readPcs[slot], readCount[slot]);
                    if (at != placement.entry()) {
                        code.insert(labels.get(at), loadRegister(b, r));
                        continue;
                    }
                }
                p.add(loadRegister(b, r));
            }
        }
        return p;
    }

    /** The register's value from the CPU's bank array into its local. */
    private InsnList loadRegister(int bank, int reg) {
        InsnList l = new InsnList();
        l.add(new VarInsnNode(ALOAD, bankArrayLocal[bank]));
        l.add(intConst(reg));
        l.add(new InsnNode(LALOAD));
        l.add(new VarInsnNode(LSTORE, regLocal[bank][reg]));
        return l;
    }

    private static AbstractInsnNode intConst(int v) {
        if (v <= 5) return new InsnNode(ICONST_0 + v);
        return new IntInsnNode(v <= Byte.MAX_VALUE ? BIPUSH : SIPUSH, v);
    }

    private void writeBack(InsnList l) {
        for (int b = 0; b < banks.length; b++) {
            for (int r = 0; r < banks[b].count(); r++) {
                if (!regDirty[b][r]) continue;
                l.add(new VarInsnNode(ALOAD, bankArrayLocal[b]));
                l.add(intConst(r));
                l.add(new VarInsnNode(LLOAD, regLocal[b][r]));
                l.add(new InsnNode(LASTORE));
            }
        }
    }

    /** Appends deferred stubs, the common exit and the fault handler. */
    void finish() {
        finished = true;
        for (int i = 0; i < deferred.size(); i++) deferred.get(i).run();
        InsnList l = code;
        l.add(commonExit);
        writeBack(l);
        l.add(new VarInsnNode(ALOAD, CPU_ARG));
        l.add(new VarInsnNode(LLOAD, EXIT_PC));
        l.add(new FieldInsnNode(PUTFIELD, CPU, "pc", "J"));
        LabelNode action = new LabelNode();
        l.add(new VarInsnNode(ILOAD, EXIT_SLOT));
        l.add(new JumpInsnNode(IFLT, action));
        // Chained exit: this.chain[slot], or record the miss for the dispatcher to patch.
        LabelNode miss = new LabelNode();
        l.add(new VarInsnNode(ALOAD, THIS));
        l.add(new FieldInsnNode(GETFIELD, UNIT, "chain", "[L" + UNIT + ";"));
        l.add(new VarInsnNode(ILOAD, EXIT_SLOT));
        l.add(new InsnNode(AALOAD));
        l.add(new InsnNode(DUP));
        l.add(new JumpInsnNode(IFNULL, miss));
        l.add(new InsnNode(ARETURN));
        l.add(miss);
        l.add(new InsnNode(POP));
        l.add(new VarInsnNode(ALOAD, CPU_ARG));
        l.add(new VarInsnNode(ALOAD, THIS));
        l.add(new VarInsnNode(ILOAD, EXIT_SLOT));
        l.add(new MethodInsnNode(INVOKEVIRTUAL, CPU, "chainMiss", "(L" + UNIT + ";I)L" + UNIT + ";", false));
        l.add(new InsnNode(ARETURN));
        l.add(action);
        l.add(new VarInsnNode(ALOAD, CPU_ARG));
        l.add(new VarInsnNode(ILOAD, EXIT_SLOT));
        l.add(new MethodInsnNode(INVOKEVIRTUAL, CPU, "exitAction", "(I)L" + UNIT + ";", false));
        l.add(new InsnNode(ARETURN));
        if (usesFaultHandler) {
            l.add(faultCommon);
            writeBack(l);
            l.add(new VarInsnNode(ALOAD, CPU_ARG));
            l.add(new VarInsnNode(LLOAD, EXIT_PC));
            l.add(new FieldInsnNode(PUTFIELD, CPU, "pc", "J"));
            l.add(new FieldInsnNode(GETSTATIC, FAULT, "INSTANCE", "L" + FAULT + ";"));
            l.add(new InsnNode(ATHROW));
        }
    }

    int chainSlots() {
        return chainTargets.size();
    }

    int maxLocals() {
        return nextLocal;
    }
}
