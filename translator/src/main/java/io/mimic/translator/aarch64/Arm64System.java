package io.mimic.translator.aarch64;

import io.mimic.translator.memory.GuestAccess;

import static io.mimic.translator.aarch64.A64Control.sysreg;
import static io.mimic.translator.aarch64.Arm64Feature.has;

/**
 * System registers EL0 can reach: TPIDR_EL0, FPCR/FPSR, the generic timer's counter, CTR_EL0,
 * DCZID_EL0, RNDR/RNDRRS, and the ID registers that Linux lets user space read by emulating
 * MRS (only the fields it exposes; the values follow {@link Arm64Feature#IMPLEMENTED}).
 */
public final class Arm64System {
    public static final int TPIDR_EL0 = sysreg(3, 3, 13, 0, 2), TPIDRRO_EL0 = sysreg(3, 3, 13, 0, 3);
    public static final int FPCR = sysreg(3, 3, 4, 4, 0), FPSR = sysreg(3, 3, 4, 4, 1);
    public static final int CNTFRQ_EL0 = sysreg(3, 3, 14, 0, 0), CNTPCT_EL0 = sysreg(3, 3, 14, 0, 1),
            CNTVCT_EL0 = sysreg(3, 3, 14, 0, 2);
    public static final int CTR_EL0 = sysreg(3, 3, 0, 0, 1), DCZID_EL0 = sysreg(3, 3, 0, 0, 7);
    public static final int RNDR = sysreg(3, 3, 2, 4, 0), RNDRRS = sysreg(3, 3, 2, 4, 1);
    public static final int MIDR_EL1 = sysreg(3, 0, 0, 0, 0), MPIDR_EL1 = sysreg(3, 0, 0, 0, 5),
            REVIDR_EL1 = sysreg(3, 0, 0, 0, 6);
    public static final int ID_AA64PFR0 = sysreg(3, 0, 0, 4, 0), ID_AA64ISAR0 = sysreg(3, 0, 0, 6, 0),
            ID_AA64ISAR1 = sysreg(3, 0, 0, 6, 1), ID_AA64ISAR2 = sysreg(3, 0, 0, 6, 2);

    /** The counter frequency (qemu's: 1 GHz / 16); CNTVCT counts host nanoseconds / 16. */
    public static final long COUNTER_HZ = 62_500_000L;
    /**
     * DC ZVA zeroes 512-byte blocks (DCZID_EL0.BS = log2(words) = 7). Cache geometry is the
     * emulator's choice; these are qemu's, so that programs printing them compare equal.
     */
    public static final int ZVA_BYTES = 512;
    /** CTR_EL0: 32-byte I and D lines (IminLine = DminLine = 3), IDC and DIC clear, RES1 bit 31. */
    public static final long CTR_VALUE = 0x80038003L;
    /** FPCR bits that exist (AHP, DN, FZ, RMode, FZ16) and FPSR bits (QC, cumulative flags). */
    private static final int FPCR_MASK = 0x07C80000, FPSR_MASK = 0x0800009F;

    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    private Arm64System() {}

    public static boolean readable(int reg) {
        if (reg == RNDR || reg == RNDRRS) return has(Arm64Feature.RNG);
        return reg == TPIDR_EL0 || reg == TPIDRRO_EL0 || reg == FPCR || reg == FPSR || reg == CNTFRQ_EL0
                || reg == CNTPCT_EL0 || reg == CNTVCT_EL0 || reg == CTR_EL0 || reg == DCZID_EL0 || isIdRegister(reg);
    }

    public static boolean writable(int reg) {
        return reg == TPIDR_EL0 || reg == FPCR || reg == FPSR;
    }

    /** The ID space Linux emulates for EL0: op0=3, op1=0, CRn=0, CRm=0 (MIDR, MPIDR, REVIDR) or 1..7. */
    static boolean isIdRegister(int reg) {
        if ((reg & ~0x7f) != sysreg(3, 0, 0, 0, 0)) return false;
        int crm = (reg >>> 3) & 15;
        return crm == 0 ? reg == MIDR_EL1 || reg == MPIDR_EL1 || reg == REVIDR_EL1 : crm <= 7;
    }

    public static long read(Arm64Cpu c, int reg) {
        if (reg == TPIDR_EL0) return c.tpidr;
        if (reg == TPIDRRO_EL0) return 0;
        if (reg == FPCR) return c.fpcr & 0xFFFFFFFFL;
        if (reg == FPSR) return c.fpsr & 0xFFFFFFFFL;
        if (reg == CNTFRQ_EL0) return COUNTER_HZ;
        if (reg == CNTVCT_EL0 || reg == CNTPCT_EL0) return System.nanoTime() >>> 4;
        if (reg == CTR_EL0) return CTR_VALUE;
        if (reg == DCZID_EL0) return Integer.numberOfTrailingZeros(ZVA_BYTES / 4);
        if (reg == RNDR || reg == RNDRRS) return RANDOM.nextLong(); // the translator sets NZCV = 0000 (success)
        return idRegister(reg);
    }

    public static void write(Arm64Cpu c, int reg, long value) {
        if (reg == TPIDR_EL0) c.tpidr = value;
        else if (reg == FPCR) c.fpcr = (int) value & FPCR_MASK;
        else if (reg == FPSR) c.fpsr = (int) value & FPSR_MASK;
    }

    /** The ID register values user space sees, as Linux sanitises them (0 for unexposed fields). */
    static long idRegister(int reg) {
        if (reg == MIDR_EL1) return 0x000F0510L; // implementer 0 (software), architecture 0xF
        if (reg == MPIDR_EL1) return 0x80000000L;
        if (reg == REVIDR_EL1) return 0;
        if (reg == ID_AA64PFR0) {
            long fp = has(Arm64Feature.FP) ? (has(Arm64Feature.FPHP) ? 1 : 0) : 0xF;
            long simd = has(Arm64Feature.ASIMD) ? (has(Arm64Feature.ASIMDHP) ? 1 : 0) : 0xF;
            return 0x11 | fp << 16 | simd << 20;
        }
        if (reg == ID_AA64ISAR0) {
            long v = 0;
            v |= (long) (has(Arm64Feature.PMULL) ? 2 : has(Arm64Feature.AES) ? 1 : 0) << 4;
            v |= (long) (has(Arm64Feature.SHA1) ? 1 : 0) << 8;
            v |= (long) (has(Arm64Feature.SHA512) ? 2 : has(Arm64Feature.SHA2) ? 1 : 0) << 12;
            v |= (long) (has(Arm64Feature.CRC32) ? 1 : 0) << 16;
            v |= (long) (has(Arm64Feature.LSE128) ? 3 : has(Arm64Feature.ATOMICS) ? 2 : 0) << 20;
            v |= (long) (has(Arm64Feature.ASIMDRDM) ? 1 : 0) << 28;
            v |= (long) (has(Arm64Feature.SHA3) ? 1 : 0) << 32;
            v |= (long) (has(Arm64Feature.SM3) ? 1 : 0) << 36;
            v |= (long) (has(Arm64Feature.SM4) ? 1 : 0) << 40;
            v |= (long) (has(Arm64Feature.ASIMDDP) ? 1 : 0) << 44;
            v |= (long) (has(Arm64Feature.ASIMDFHM) ? 1 : 0) << 48;
            v |= (long) (has(Arm64Feature.RNG) ? 1 : 0) << 60;
            return v;
        }
        if (reg == ID_AA64ISAR1) {
            long v = 0;
            v |= has(Arm64Feature.DCPOP) ? 1 : 0;
            v |= (long) (has(Arm64Feature.JSCVT) ? 1 : 0) << 12;
            v |= (long) (has(Arm64Feature.FCMA) ? 1 : 0) << 16;
            v |= (long) (has(Arm64Feature.LRCPC2) ? 2 : has(Arm64Feature.LRCPC) ? 1 : 0) << 20;
            v |= (long) (has(Arm64Feature.FRINT) ? 1 : 0) << 32;
            v |= (long) (has(Arm64Feature.BF16) ? 1 : 0) << 44;
            v |= (long) (has(Arm64Feature.I8MM) ? 1 : 0) << 52;
            return v;
        }
        if (reg == ID_AA64ISAR2) {
            return (long) (has(Arm64Feature.CSSC) ? 1 : 0) << 52;
        }
        return 0;
    }

    public static void clrex(Arm64Cpu c) {
        c.exclusiveAddress = -1;
    }

    /** DC ZVA: zeroes the aligned block containing {@code addr} (a store, with its faults). */
    public static void dcZva(long addr, Arm64Cpu c) {
        long base = addr & -ZVA_BYTES;
        for (int i = 0; i < ZVA_BYTES; i += 8) GuestAccess.st64le(base + i, 0, c, GuestAccess.PC_FROM_HANDLER);
    }
}
