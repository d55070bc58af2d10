package io.mimic.translator.engine;

import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.util.CheckClassAdapter;

import java.lang.invoke.MethodHandles;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongPredicate;

/**
 * Turns a region of guest instructions into a hidden class extending {@link TranslatedUnit}:
 * strong or unloadable once unreachable as {@link UnitClassLifetime} decides, so that invalidated
 * code does not pile up.
 */
final class UnitCompiler implements Opcodes {
    /** HotSpot does not JIT-compile methods above 8000 bytes of bytecode; stay well under. */
    static final int MAX_BYTECODE = 7600;
    /** Operand-stack slots every generated method may use (checked by the JVM's verifier). */
    static final int MAX_STACK = 32;

    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();
    private static final String CLASS_NAME = "io/mimic/translator/engine/GuestCode";
    private static final boolean VERIFY = Boolean.getBoolean("mimic.verifyBytecode");
    /** Debug aid: a folder to write every generated class to (inspect with javap -c). */
    private static final String DUMP = System.getProperty("mimic.dumpClasses");

    private final Frontend frontend;

    UnitCompiler(Frontend frontend) {
        this.frontend = frontend;
    }

    /** The result of compiling a region: the unit and what it covers. */
    record Compiled(TranslatedUnit unit, TreeMap<Long, DecodedInsn> region, int bytecodeSize) {}

    /** {@code unitStartsAt} tells where other units already start (see {@link RegionBuilder}). */
    Compiled compile(CpuState cpu, long entry, int maxInsns, CodeCache.Stats stats, LongPredicate unitStartsAt) {
        while (true) {
            RegionBuilder.Region built = RegionBuilder.build(frontend, cpu, entry, maxInsns, unitStartsAt);
            TreeMap<Long, DecodedInsn> region = built.insns();
            byte[][] out = new byte[1][];
            long t0 = System.nanoTime();
            int size = generate(built, entry, out);
            stats.generateNanos += System.nanoTime() - t0;
            if (size > MAX_BYTECODE && region.size() > 1) {
                maxInsns = Math.max(1, region.size() / 2);
                stats.splits++;
                continue;
            }
            long t1 = System.nanoTime();
            TranslatedUnit unit = define(out[0], entry, chainSlots);
            unit.coverGuestRuns(InheritedUnit.runsOf(region));
            unit.guestInstructions = region.size();
            stats.defineNanos += System.nanoTime() - t1;
            unit.bytecodeSize = size;
            return new Compiled(unit, region, size);
        }
    }

    /**
     * Generates the class; returns the size of exec's bytecode. The instructions on loops longer
     * than {@link Emitter#LONG_LOOP} keep their register writes until the exit
     * ({@link Emitter#writeBackAtExitIn}).
     */
    private int generate(RegionBuilder.Region built, long entry, byte[][] out) {
        TreeMap<Long, DecodedInsn> region = built.insns();
        Map<Long, LabelNode> labels = new HashMap<>();
        for (Long pc : region.keySet()) labels.put(pc, new LabelNode());
        Emitter e = new Emitter(frontend, labels);
        e.writeBackAtExitIn(built.pcsOnLoopsLongerThan(Emitter.LONG_LOOP));
        e.testTlbInlineIn(built.pcsOnLoopsLongerThan(0));
        frontend.prepareRegion(region, entry);

        DecodedInsn prev = null;
        for (DecodedInsn insn : region.values()) {
            if (prev != null && fallsThrough(prev) && prev.nextPc() != insn.pc) {
                e.beginInstruction(prev, new LabelNode());
                e.fallThrough(prev.nextPc());
            }
            LabelNode start = labels.get(insn.pc);
            e.code.add(start);
            e.beginInstruction(insn, start);
            frontend.translate(insn, e);
            e.endInstruction();
            prev = insn;
        }
        if (prev != null && fallsThrough(prev)) {
            e.beginInstruction(prev, new LabelNode());
            e.fallThrough(prev.nextPc());
        }
        e.finish();

        MethodNode exec = new MethodNode(ACC_PUBLIC | ACC_FINAL, "exec",
                "(L" + Emitter.CPU + ";)L" + Emitter.UNIT + ";", null, null);
        exec.instructions.add(e.prologue(() -> new RegisterLoadPlacement(region, built.loopSizes().keySet(), entry)));
        // Code is laid out by address; the entry need not be the lowest one.
        if (region.firstKey() != entry) {
            exec.instructions.add(new org.objectweb.asm.tree.JumpInsnNode(GOTO, labels.get(entry)));
        }
        exec.instructions.add(e.code);
        LabelNode end = new LabelNode();
        exec.instructions.add(end);
        exec.tryCatchBlocks.addAll(e.tryCatch);
        exec.maxLocals = e.maxLocals();
        // Translators push at most a handful of longs (an FMA: cpu + three operands + rm); a
        // generous fixed bound spares ASM a control-flow analysis of every unit.
        exec.maxStack = MAX_STACK;

        ClassNode cn = new ClassNode();
        cn.version = V1_5;
        cn.access = ACC_PUBLIC | ACC_FINAL | ACC_SUPER;
        cn.name = CLASS_NAME;
        cn.superName = Emitter.UNIT;
        // No constructor: define() allocates the instance and calls TranslatedUnit.init.
        cn.methods.add(exec);

        ClassWriter cw = new ClassWriter(0) {
            @Override
            protected String getCommonSuperClass(String a, String b) {
                return "java/lang/Object";
            }
        };
        cn.accept(VERIFY ? new CheckClassAdapter(cw) : cw);
        out[0] = cw.toByteArray();
        if (DUMP != null) {
            try {
                java.nio.file.Files.write(java.nio.file.Path.of(DUMP, String.format("unit_%x.class", entry)), out[0]);
            } catch (java.io.IOException ignored) {
                // a debug aid must not change behaviour
            }
        }
        chainSlots = e.chainSlots();
        return end.getLabel().getOffset();
    }

    private int chainSlots;

    private static boolean fallsThrough(DecodedInsn insn) {
        return insn.flow() == Flow.NEXT || insn.flow() == Flow.BRANCH;
    }

    /** Defines a unit another process translated (a forked child's inheritance). */
    TranslatedUnit define(InheritedUnit h) throws java.io.IOException {
        TranslatedUnit unit = define(h.classBytes().bytes(), h.entryPc(), h.chainSlots());
        unit.classBytes = h.classBytes();
        unit.coverGuestRuns(h.guestRuns());
        unit.guestInstructions = h.guestInstructions();
        unit.bytecodeSize = h.bytecodeSize();
        unit.bytesHash = h.bytesHash();
        unit.fresh = h.fresh();
        unit.persisted = h.persisted();
        return unit;
    }

    private static TranslatedUnit define(byte[] bytes, long entry, int chainSlots) {
        try {
            MethodHandles.Lookup hidden = UnitClassLifetime.strong()
                    ? LOOKUP.defineHiddenClass(bytes, true, MethodHandles.Lookup.ClassOption.STRONG)
                    : LOOKUP.defineHiddenClass(bytes, true);
            TranslatedUnit unit = (TranslatedUnit) HostUnsafe.UNSAFE.allocateInstance(hidden.lookupClass());
            unit.init(entry, chainSlots);
            unit.classBytes = new UnitBytes.Held(bytes);
            return unit;
        } catch (ReflectiveOperationException | LinkageError t) {
            throw new IllegalStateException("generated code for guest pc 0x" + Long.toHexString(entry) + " was rejected", t);
        }
    }
}
