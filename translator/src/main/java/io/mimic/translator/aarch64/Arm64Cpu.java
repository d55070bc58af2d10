package io.mimic.translator.aarch64;

import io.mimic.translator.engine.CpuState;
import io.mimic.translator.memory.AddressSpace;

/**
 * AArch64 state for user mode (EL0). Register banks are {@code long[]} fields that translated
 * code caches in JVM locals (see {@link Arm64Frontend#registerBanks()}):
 * <ul>
 *   <li>{@link #x}: X0..X30 at 0..30 and SP at 31 (encoding 31 means SP or XZR depending on the
 *       operand; the front-end decides, so XZR never occupies a slot);</li>
 *   <li>{@link #v}: V0..V31 as 64 longs, V(n) bits 63:0 at v[2n] and bits 127:64 at v[2n+1], lanes
 *       little-endian inside each long (byte lane 0 is the low byte of v[2n]);</li>
 *   <li>{@link #nzcv}: one long holding PSTATE.NZCV in bits 31:28 (N=31, Z=30, C=29, V=28).</li>
 * </ul>
 * The rest (TPIDR_EL0, FPCR, FPSR, the exclusive monitor) is plain fields that helpers read.
 */
public final class Arm64Cpu extends CpuState {
    public static final int SP = 31;

    public final long[] x = new long[32];
    public final long[] v = new long[64];
    public final long[] nzcv = new long[1];

    /** TPIDR_EL0, the thread pointer. */
    public long tpidr;
    /** FPCR (rounding mode RMode 23:22, FZ 24, DN 25, AHP 26, FZ16 19) and FPSR (cumulative flags, QC 27). */
    public int fpcr, fpsr;

    /** Exclusive monitor: the address LDXR/LDXP marked (or -1), its size in bytes and the values seen. */
    public long exclusiveAddress = -1;
    public int exclusiveSize;
    public long exclusiveValue, exclusiveValueHigh;
    /** The high half of the last 128-bit atomic's result, read right after the helper returns. */
    public long atomicHigh;

    public Arm64Cpu(AddressSpace memory) {
        super(memory);
    }

    @Override
    public void copyRegistersFrom(CpuState from) {
        Arm64Cpu o = (Arm64Cpu) from;
        System.arraycopy(o.x, 0, x, 0, x.length);
        System.arraycopy(o.v, 0, v, 0, v.length);
        nzcv[0] = o.nzcv[0];
        tpidr = o.tpidr;
        fpcr = o.fpcr;
        fpsr = o.fpsr;
        pc = o.pc;
    }

    /** PSTATE as qemu prints it: NZCV and EL0t. */
    public long pstate() {
        return nzcv[0] & 0xf0000000L;
    }

    /** The register file in qemu's -d cpu layout, for comparing traces. */
    @Override
    public String dumpState() {
        StringBuilder sb = new StringBuilder(String.format(" PC=%016x ", pc));
        for (int i = 0; i < 32; i++) {
            if (i == 31) {
                sb.append(String.format(" SP=%016x%n", x[SP]));
                break;
            }
            sb.append(String.format("X%02d=%016x", i, x[i]));
            sb.append((i + 2) % 3 != 0 ? " " : "\n");
        }
        long f = nzcv[0];
        sb.append(String.format("PSTATE=%08x %c%c%c%c EL0t%n", pstate(),
                (f & (1L << 31)) != 0 ? 'N' : '-', (f & (1L << 30)) != 0 ? 'Z' : '-',
                (f & (1L << 29)) != 0 ? 'C' : '-', (f & (1L << 28)) != 0 ? 'V' : '-'));
        return sb.toString();
    }
}
