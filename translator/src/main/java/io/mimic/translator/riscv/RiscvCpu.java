package io.mimic.translator.riscv;

import io.mimic.translator.engine.CpuState;
import io.mimic.translator.memory.AddressSpace;

/** RV64GC hart state for user mode: x0-x31, f0-f31 (raw bits, singles NaN-boxed), fcsr. */
public final class RiscvCpu extends CpuState {
    public final long[] x = new long[32];
    /** FP registers as raw IEEE bits; a single is NaN-boxed (upper 32 bits all ones). */
    public final long[] f = new long[32];
    /** Dynamic rounding mode (fcsr.frm, 0..7; 5..7 are invalid for execution). */
    public int frm;
    /** Accrued exception flags (fcsr.fflags): NV=16 DZ=8 OF=4 UF=2 NX=1. */
    public int fflags;
    /** LR/SC reservation: address (or -1) and the value LR saw there. */
    public long reservationAddress = -1;
    public long reservationValue;
    /** Instructions retired is not tracked exactly; cycle/instret read a monotonic counter. */

    public RiscvCpu(AddressSpace memory) {
        super(memory);
    }

    @Override
    public void copyRegistersFrom(io.mimic.translator.engine.CpuState from) {
        RiscvCpu o = (RiscvCpu) from;
        System.arraycopy(o.x, 0, x, 0, x.length);
        System.arraycopy(o.f, 0, f, 0, f.length);
        frm = o.frm;
        fflags = o.fflags;
        pc = o.pc;
    }

    /** The register file in qemu's -d cpu layout, for comparing traces. */
    @Override
    public String dumpState() {
        StringBuilder sb = new StringBuilder(String.format(" pc       %016x%n", pc));
        for (int i = 0; i < 32; i++) {
            sb.append(String.format(" %-8s %016x", "x" + i + "/" + RiscvDisassembler.xName(i), x[i]));
            if (i % 4 == 3) sb.append('\n');
        }
        return sb.toString();
    }
}
