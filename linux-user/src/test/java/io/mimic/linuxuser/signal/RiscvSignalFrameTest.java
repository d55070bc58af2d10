package io.mimic.linuxuser.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mimic.translator.memory.AddressSpace;
import io.mimic.translator.memory.GuestAccess;
import io.mimic.translator.memory.Prot;
import io.mimic.translator.riscv.RiscvCpu;

import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The riscv64 rt_sigframe at the kernel's offsets (those of the cross toolchain's ucontext_t:
 * uc_sigmask at 40, uc_mcontext at 176, the FP registers at 432, fcsr at 688, 960 bytes), and a
 * round trip through an edited frame.
 */
class RiscvSignalFrameTest {
    private static final long STACK = 0x7000_0000L;
    private final AddressSpace memory = new AddressSpace();

    @AfterEach
    void release() {
        memory.clear();
    }

    @Test
    void buildWritesTheKernelLayoutAndRestoreReadsTheEditedOne() {
        memory.map(STACK - 0x10000, 0x10000, Prot.READ | Prot.WRITE, "[stack]");
        RiscvCpu cpu = new RiscvCpu(memory);
        for (int i = 1; i < 32; i++) cpu.x[i] = 0x100 + i;
        for (int i = 0; i < 32; i++) cpu.f[i] = 0x200 + i;
        cpu.x[2] = STACK - 8;
        cpu.pc = 0x1234;
        cpu.frm = 3;
        cpu.fflags = 5;
        RiscvSignalFrame frame = new RiscvSignalFrame();
        long at = frame.place(cpu.x[2]);
        assertEquals(0, at & 15, "16-byte aligned");
        assertEquals(STACK - 8 - 1088 & ~15L, at);
        SigInfo info = SigInfo.fault(11, SigInfo.SEGV_MAPERR, 0xdead, ByteOrder.LITTLE_ENDIAN);
        frame.build(cpu, at, new SignalFrame.Context(11, info, 0x5000, 0xabcL, 0, 0, 2, 0x6000));

        long uc = at + 128;
        assertEquals(11, GuestAccess.raw().get(ValueLayout.JAVA_INT_UNALIGNED, at));
        assertEquals(0xdead, GuestAccess.raw().get(ValueLayout.JAVA_LONG_UNALIGNED, at + 16));
        assertEquals(2, GuestAccess.raw().get(ValueLayout.JAVA_INT_UNALIGNED, uc + 16 + 8), "uc_stack.ss_flags");
        assertEquals(0xabcL, GuestAccess.raw().get(ValueLayout.JAVA_LONG_UNALIGNED, uc + 40), "uc_sigmask");
        assertEquals(0x1234, GuestAccess.raw().get(ValueLayout.JAVA_LONG_UNALIGNED, uc + 176), "sc_regs.pc");
        assertEquals(0x101, GuestAccess.raw().get(ValueLayout.JAVA_LONG_UNALIGNED, uc + 176 + 8), "sc_regs.ra");
        assertEquals(0x200 + 31, GuestAccess.raw().get(ValueLayout.JAVA_LONG_UNALIGNED, uc + 432 + 31 * 8));
        assertEquals(3 << 5 | 5, GuestAccess.raw().get(ValueLayout.JAVA_INT_UNALIGNED, uc + 688), "fcsr");
        assertEquals(0x5000, cpu.pc);
        assertEquals(11, cpu.x[10]);
        assertEquals(at, cpu.x[11]);
        assertEquals(uc, cpu.x[12]);
        assertEquals(0x6000, cpu.x[1]);
        assertEquals(at, cpu.x[2]);

        // The handler edits the saved pc and a register; rt_sigreturn takes them.
        GuestAccess.raw().set(ValueLayout.JAVA_LONG_UNALIGNED, uc + 176, 0x1238L);
        GuestAccess.raw().set(ValueLayout.JAVA_LONG_UNALIGNED, uc + 176 + 10 * 8, 77L);
        SignalFrame.Restored r = frame.restore(cpu, frame.frameForReturn(cpu));
        assertEquals(0x1238, cpu.pc);
        assertEquals(77, cpu.x[10]);
        assertEquals(STACK - 8, cpu.x[2]);
        assertEquals(0x200 + 7, cpu.f[7]);
        assertEquals(3, cpu.frm);
        assertEquals(5, cpu.fflags);
        assertEquals(0xabcL, r.mask());
        assertEquals(uc + 16, r.ucStack());
    }
}
