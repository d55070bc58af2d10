package io.mimic.translator.aarch64.fpsimd;

import io.mimic.translator.aarch64.A64Context;
import io.mimic.translator.engine.Emitter;
import org.objectweb.asm.Opcodes;

/**
 * Translators of the AdvSIMD structure loads and stores. LD1/ST1 of whole registers (what
 * memcpy-like loops use) are inline 64-bit accesses on the register locals; interleaved and
 * single-lane forms call {@link SimdMem}. Post-index forms add the immediate (the bytes moved) or
 * X(m) to the base afterwards.
 */
final class SimdLoadStore implements Opcodes {
    private static final String MEM = "io/mimic/translator/aarch64/fpsimd/SimdMem";

    private SimdLoadStore() {}

    static boolean translate(A64Context x, int insn, boolean single, boolean post) {
        int bytes = single ? SimdMem.singleBytes(insn) : SimdMem.multiBytes(insn);
        if (bytes < 0) return false;
        int t = insn & 31, n = (insn >>> 5) & 31, m = (insn >>> 16) & 31;
        boolean load = (insn & (1 << 22)) != 0, q = (insn & (1 << 30)) != 0;
        Emitter e = x.emitter();
        int[] shape = single ? null : SimdMem.multiShape((insn >>> 12) & 15);
        int regs = single ? ((insn >>> 13 & 1) << 1 | (insn >>> 21 & 1)) + 1 : shape[0];
        if (!single && shape[1] == 1) {
            int halves = q ? 2 : 1;
            for (int r = 0; r < regs; r++) {
                int reg = (t + r) & 31;
                for (int h = 0; h < halves; h++) {
                    x.address(n, (long) (r * halves + h) * 8);
                    if (load) {
                        x.load(8, false);
                        x.setV(reg, h);
                    } else {
                        x.getV(reg, h);
                        x.store(8);
                    }
                }
                if (load && !q) {
                    e.constLong(0);
                    x.setV(reg, 1);
                }
            }
        } else {
            for (int r = 0; r < regs; r++) x.syncV((t + r) & 31);
            x.mayFault();
            x.pushCpu();
            x.address(n, 0);
            e.constInt(insn);
            x.callStatic(SimdMem.class, single ? "single" : "multi", "(" + A64Context.CPU_DESC + "JI)V");
            if (load) for (int r = 0; r < regs; r++) x.reloadV((t + r) & 31);
        }
        if (post) {
            x.getXSp(n);
            if (m == 31) e.constLong(bytes);
            else x.getX(m);
            e.op(LADD);
            x.setXSp(n);
        }
        return true;
    }
}
