package io.mimic.translator.riscv;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Register locals, write-back and control flow inside multi-instruction units. */
class RegionTranslationTest {
    static final int ECALL = 0x00000073;

    @Test
    void loadThenIncrementKeepsBothResults() {
        // ld a3,0(a4); addi a4,a4,8; ecall
        GuestSnippet s = new GuestSnippet(0x00073683, 0x00870713, ECALL);
        s.writeData(0, 0x1234_5678_9abcL);
        s.x(14, GuestSnippet.DATA).run();
        assertEquals(0x1234_5678_9abcL, s.cpu.x[13]);
        assertEquals(GuestSnippet.DATA + 8, s.cpu.x[14]);
    }

    @Test
    void loopCountsDown() {
        // loop: addi a0,a0,-1; addi a1,a1,3; bnez a0,loop; ecall
        GuestSnippet s = new GuestSnippet(0xfff50513, 0x00358593, 0xfe051ce3, ECALL);
        s.x(10, 100).run();
        assertEquals(0, s.cpu.x[10]);
        assertEquals(300, s.cpu.x[11]);
    }

    @Test
    void registersFirstReadAfterALoopHoldTheirValues() {
        // loop: addi a0,a0,-1; bnez a0,loop; add a2,a1,a3; ecall (a1 and a3 are loaded after the loop)
        GuestSnippet s = new GuestSnippet(0xfff50513, 0xfe051ee3, 0x00d58633, ECALL);
        s.x(10, 50).x(11, 7).x(13, 5).run();
        assertEquals(0, s.cpu.x[10]);
        assertEquals(12, s.cpu.x[12]);
    }

    @Test
    void aRegisterWrittenInALoopAndReadAfterItHasItsLastValue() {
        // loop: addi a1,a1,2; addi a0,a0,-1; bnez a0,loop; add a2,a1,a3; ecall
        GuestSnippet s = new GuestSnippet(0x00258593, 0xfff50513, 0xfe051ce3, 0x00d58633, ECALL);
        s.x(10, 50).x(11, 7).x(13, 5).run();
        assertEquals(107, s.cpu.x[11]);
        assertEquals(112, s.cpu.x[12]);
    }

    // nop; loop: ld a3,0(a4); add a5,a5,a3; addi a4,a4,8; addi a0,a0,-1; bnez a0,loop; ecall
    private static final int[] SUM_LOOP = {0x00000013, 0x00073683, 0x00d787b3, 0x00870713, 0xfff50513, 0xfe0518e3, ECALL};
    private static final long LOOP_LOAD = GuestSnippet.CODE + 4;

    @Test
    void loopLoadRunningOffItsPageFaultsThereWithTheLoopsRegisters() {
        GuestSnippet s = new GuestSnippet(SUM_LOOP);
        s.writeData(8, 5);
        s.x(14, GuestSnippet.DATA).x(10, 600).run();
        assertEquals(io.mimic.translator.engine.GuestFault.Kind.READ, s.fault);
        assertEquals(LOOP_LOAD, s.cpu.pc, "the fault is at the load");
        assertEquals(GuestSnippet.DATA + 4096, s.cpu.x[14]);
        assertEquals(600 - 512, s.cpu.x[10]);
        assertEquals(5, s.cpu.x[15]);
    }

    @Test
    void loopStoreCrossingIntoNoPageFaultsWholeAtItsIteration() {
        // loop: sd a5,0(a4); addi a4,a4,8; addi a0,a0,-1; bnez a0,loop; ecall. On a loop, the
        // store makes its TLB test in the unit; the miss path checks all 8 bytes.
        GuestSnippet s = new GuestSnippet(0x00f73023, 0x00870713, 0xfff50513, 0xfe051ae3, ECALL);
        s.x(14, GuestSnippet.DATA + 4).x(15, -1).x(10, 600).run();
        assertEquals(io.mimic.translator.engine.GuestFault.Kind.WRITE, s.fault);
        assertEquals(GuestSnippet.CODE, s.cpu.pc, "the fault is at the store");
        assertEquals(GuestSnippet.DATA + 4092, s.cpu.x[14]);
        assertEquals(600 - 511, s.cpu.x[10]);
    }

    @Test
    void loopReadOfAPageDoesNotVouchForItsWrite() {
        // loop: lw a3,0(a4); sw a3,0(a4); addi a0,a0,-1; bnez a0,loop; ecall, a4 on the code page
        GuestSnippet s = new GuestSnippet(0x00072683, 0x00d72023, 0xfff50513, 0xfe051ae3, ECALL);
        s.x(14, GuestSnippet.CODE).x(10, 5).run();
        assertEquals(io.mimic.translator.engine.GuestFault.Kind.WRITE, s.fault);
        assertEquals(GuestSnippet.CODE + 4, s.cpu.pc);
        assertEquals(0x00072683L, s.cpu.x[13]);
        assertEquals(5, s.cpu.x[10]);
    }

    @Test
    void longLoopHoldingItsWritesUntilTheExitStillFaultsWithItsRegisters() {
        // loop: 32 x addi a1,a1,1; ld a3,0(a4); addi a4,a4,8; addi a0,a0,-1; bnez a0,loop; ecall
        // (36 instructions: over Emitter.LONG_LOOP, so the loop's writes reach the CPU at the
        // fault's handler, not at each write)
        int[] code = new int[37];
        java.util.Arrays.fill(code, 0, 32, 0x00158593);
        code[32] = 0x00073683;
        code[33] = 0x00870713;
        code[34] = 0xfff50513;
        code[35] = 0xf6051ae3;
        code[36] = ECALL;
        GuestSnippet s = new GuestSnippet(code);
        s.x(14, GuestSnippet.DATA).x(10, 600).run();
        assertEquals(io.mimic.translator.engine.GuestFault.Kind.READ, s.fault);
        assertEquals(GuestSnippet.CODE + 128, s.cpu.pc, "the fault is at the load");
        assertEquals(32 * 513, s.cpu.x[11], "the adds before the load of the faulting iteration count");
        assertEquals(GuestSnippet.DATA + 4096, s.cpu.x[14]);
        assertEquals(600 - 512, s.cpu.x[10]);
    }

    @Test
    void writesBeforeAFaultReachTheCpu() {
        // addi a1,a1,1; addi a2,a2,2; ld a3,0(a4) with a4 unmapped; ecall
        GuestSnippet s = new GuestSnippet(0x00158593, 0x00260613, 0x00073683, ECALL);
        s.x(14, 0x900000).run();
        assertEquals(io.mimic.translator.engine.GuestFault.Kind.READ, s.fault);
        assertEquals(GuestSnippet.CODE + 8, s.cpu.pc);
        assertEquals(1, s.cpu.x[11]);
        assertEquals(2, s.cpu.x[12]);
    }

    @Test
    void aRaisedFaultRecordsItsInstructionWithTheWritesBeforeIt() {
        // addi a1,a1,1; ebreak; addi a1,a1,1; ecall: one unit, no exception handler of its own
        GuestSnippet s = new GuestSnippet(0x00158593, 0x00100073, 0x00158593, ECALL);
        s.run();
        assertEquals(io.mimic.translator.engine.GuestFault.Kind.BREAKPOINT, s.fault);
        assertEquals(GuestSnippet.CODE + 4, s.cpu.pc, "the fault is at the ebreak");
        assertEquals(1, s.cpu.x[11]);
    }
}
