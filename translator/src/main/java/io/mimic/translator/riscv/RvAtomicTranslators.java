package io.mimic.translator.riscv;

import java.util.Map;

import static io.mimic.translator.riscv.RvEmit.*;

/** The A extension: each instruction is one call into {@link RiscvAtomics}. */
final class RvAtomicTranslators {
    private RvAtomicTranslators() {}

    static void register(Map<String, RvTranslator> t) {
        for (String width : new String[] {"w", "d"}) {
            String suffix = width.toUpperCase();
            t.put("lr." + width, (i, e) -> {
                e.mayFault();
                x(e, i.rs1);
                e.pushCpu();
                e.callStatic(RiscvAtomics.class, "lr" + suffix, "(J" + CPU_DESC + ")J");
                setX(e, i.rd);
            });
            t.put("sc." + width, rmw("sc" + suffix));
            for (String op : new String[] {"swap", "add", "xor", "and", "or", "min", "max", "minu", "maxu"}) {
                t.put("amo" + op + "." + width, rmw("amo" + op + suffix));
            }
        }
    }

    private static RvTranslator rmw(String helper) {
        return (i, e) -> {
            e.mayFault();
            x(e, i.rs1);
            x(e, i.rs2);
            e.pushCpu();
            e.callStatic(RiscvAtomics.class, helper, "(JJ" + CPU_DESC + ")J");
            setX(e, i.rd);
        };
    }
}
