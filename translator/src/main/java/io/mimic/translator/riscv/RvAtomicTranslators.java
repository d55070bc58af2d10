package io.mimic.translator.riscv;

import io.mimic.translator.engine.Emitter;

import static io.mimic.translator.riscv.RvEmit.*;

/** The A extension: each instruction is one call into {@link RiscvAtomics} ("amoadd.w" -> amoaddW). */
final class RvAtomicTranslators {
    private RvAtomicTranslators() {}

    static boolean translate(RiscvInsn i, Emitter e) {
        String n = i.name();
        if (!n.startsWith("lr.") && !n.startsWith("sc.") && !n.startsWith("amo")) return false;
        String helper = n.substring(0, n.length() - 2) + Character.toUpperCase(n.charAt(n.length() - 1));
        e.mayFault();
        x(e, i.rs1);
        if (n.startsWith("lr.")) {
            e.pushCpu();
            e.callStatic(RiscvAtomics.class, helper.replace(".", ""), "(J" + CPU_DESC + ")J");
        } else {
            x(e, i.rs2);
            e.pushCpu();
            e.callStatic(RiscvAtomics.class, helper.replace(".", ""), "(JJ" + CPU_DESC + ")J");
        }
        setX(e, i.rd);
        return true;
    }
}
