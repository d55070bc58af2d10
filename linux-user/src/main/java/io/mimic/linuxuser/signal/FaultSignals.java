package io.mimic.linuxuser.signal;

import io.mimic.translator.engine.CpuState;
import io.mimic.translator.engine.GuestFault;

import java.nio.ByteOrder;

/**
 * What a guest fault means as a Linux signal: the signal, si_code and si_addr for each
 * {@link GuestFault.Kind}, as the kernel reports them (and qemu-user for the same ISA).
 */
public final class FaultSignals {
    private FaultSignals() {}

    static SigInfo info(SignalConstants c, CpuState cpu, ByteOrder order) {
        return switch (cpu.faultKind) {
            case READ, WRITE -> SigInfo.fault(c.sigSegv, segvCode(cpu), cpu.faultAddress, order);
            case EXEC -> SigInfo.fault(c.sigSegv, segvCode(cpu), cpu.faultAddress, order);
            case ILLEGAL_INSTRUCTION -> SigInfo.fault(c.sigIll, SigInfo.ILL_ILLOPC, cpu.pc, order);
            case BREAKPOINT -> SigInfo.fault(c.sigTrap, SigInfo.TRAP_BRKPT, cpu.pc, order);
            case MISALIGNED -> SigInfo.fault(c.sigBus, SigInfo.BUS_ADRALN, cpu.faultAddress, order);
            case DIVIDE_BY_ZERO -> SigInfo.fault(c.sigFpe, SigInfo.FPE_INTDIV, cpu.pc, order);
        };
    }

    /** SEGV_ACCERR when the page is mapped but the access not allowed, SEGV_MAPERR when nothing is mapped. */
    private static int segvCode(CpuState cpu) {
        return cpu.faultMapped ? SigInfo.SEGV_ACCERR : SigInfo.SEGV_MAPERR;
    }
}
