package io.mimic.linuxuser.signal;

import io.mimic.translator.aarch64.Arm64Cpu;
import io.mimic.translator.memory.AddressSpace;
import io.mimic.translator.memory.GuestAccess;
import io.mimic.translator.memory.Prot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The arm64 rt_sigframe at the kernel's offsets (sigcontext at 304: fault_address, regs, sp at
 * 560, pc 568, pstate 576, __reserved at 592 with the fpsimd_context record; 4688 bytes and a
 * frame record above), and a round trip through an edited frame.
 */
class Arm64SignalFrameTest {
    private static final long STACK = 0x7000_0000L;
    private final AddressSpace memory = new AddressSpace();

    @AfterEach
    void release() {
        memory.clear();
    }

    private static long word(long a) {
        return GuestAccess.raw().get(ValueLayout.JAVA_LONG_UNALIGNED, a);
    }

    private static int half(long a) {
        return GuestAccess.raw().get(ValueLayout.JAVA_INT_UNALIGNED, a);
    }

    @Test
    void buildWritesTheKernelLayoutAndRestoreReadsTheEditedOne() {
        memory.map(STACK - 0x10000, 0x10000, Prot.READ | Prot.WRITE, "[stack]");
        Arm64Cpu cpu = new Arm64Cpu(memory);
        for (int i = 0; i < 31; i++) cpu.x[i] = 0x100 + i;
        for (int i = 0; i < 64; i++) cpu.v[i] = 0x200 + i;
        cpu.x[Arm64Cpu.SP] = STACK - 8;
        cpu.pc = 0x1234;
        cpu.nzcv[0] = 0x60000000L;
        cpu.fpcr = 0x00c00000;
        cpu.fpsr = 0x11;
        Arm64SignalFrame frame = new Arm64SignalFrame();
        long at = frame.place(cpu.x[Arm64Cpu.SP]);
        assertEquals(0, at & 15, "16-byte aligned");
        assertEquals(((STACK - 8 - 16) & ~15L) - 4688, at);
        SigInfo info = SigInfo.fault(11, SigInfo.SEGV_MAPERR, 0xdead, ByteOrder.LITTLE_ENDIAN);
        frame.build(cpu, at, new SignalFrame.Context(11, info, 0x5000, 0xabcL, 0, 0, 2, 0x6000));

        long uc = at + 128, sc = uc + 176;
        assertEquals(11, half(at));
        assertEquals(2, half(uc + 16 + 8), "uc_stack.ss_flags");
        assertEquals(0xabcL, word(uc + 40), "uc_sigmask");
        assertEquals(0xdead, word(sc), "fault_address");
        assertEquals(0x100 + 30, word(sc + 8 + 30 * 8), "regs[30]");
        assertEquals(STACK - 8, word(sc + 256), "sp");
        assertEquals(0x1234, word(sc + 264), "pc");
        assertEquals(0x60000000L, word(sc + 272), "pstate");
        assertEquals(0x46508001, half(sc + 288), "fpsimd_context magic");
        assertEquals(528, half(sc + 292), "fpsimd_context size");
        assertEquals(0x11, half(sc + 296), "fpsr");
        assertEquals(0x00c00000, half(sc + 300), "fpcr");
        assertEquals(0x200 + 63, word(sc + 304 + 63 * 8), "vregs[31] high half");
        assertEquals(0, half(sc + 288 + 528), "terminator");
        assertEquals(0x100 + 29, word(at + 4688), "frame record fp");
        assertEquals(0x100 + 30, word(at + 4696), "frame record lr");
        assertEquals(0x5000, cpu.pc);
        assertEquals(11, cpu.x[0]);
        assertEquals(at, cpu.x[1]);
        assertEquals(uc, cpu.x[2]);
        assertEquals(at + 4688, cpu.x[29]);
        assertEquals(0x6000, cpu.x[30]);
        assertEquals(at, cpu.x[Arm64Cpu.SP]);

        // The handler edits the saved pc, a register, NZCV and a vector; rt_sigreturn takes them.
        GuestAccess.raw().set(ValueLayout.JAVA_LONG_UNALIGNED, sc + 264, 0x1238L);
        GuestAccess.raw().set(ValueLayout.JAVA_LONG_UNALIGNED, sc + 8 + 5 * 8, 77L);
        GuestAccess.raw().set(ValueLayout.JAVA_LONG_UNALIGNED, sc + 272, 0x8000000fL);
        GuestAccess.raw().set(ValueLayout.JAVA_LONG_UNALIGNED, sc + 304 + 2 * 8, 99L);
        SignalFrame.Restored r = frame.restore(cpu, frame.frameForReturn(cpu));
        assertEquals(0x1238, cpu.pc);
        assertEquals(77, cpu.x[5]);
        assertEquals(0x100 + 30, cpu.x[30]);
        assertEquals(STACK - 8, cpu.x[Arm64Cpu.SP]);
        assertEquals(0x80000000L, cpu.nzcv[0], "only NZCV of pstate");
        assertEquals(99, cpu.v[2]);
        assertEquals(0x11, cpu.fpsr);
        assertEquals(0x00c00000, cpu.fpcr);
        assertEquals(0xabcL, r.mask());
        assertEquals(uc + 16, r.ucStack());
    }
}
