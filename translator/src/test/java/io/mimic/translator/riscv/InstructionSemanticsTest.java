package io.mimic.translator.riscv;

import io.mimic.translator.engine.GuestFault;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * One test per class of translated instruction: a snippet runs through the real translator
 * (with a1, a2 as inputs, result in a0) and the registers are checked against the RISC-V spec.
 */
class InstructionSemanticsTest {
    private static final int ECALL = 0x00000073;
    private static final int A0 = 10, A1 = 11, A2 = 12, A3 = 13;

    private static long binary(int insn, long a1, long a2) {
        return new GuestSnippet(insn, ECALL).x(A1, a1).x(A2, a2).run().cpu.x[A0];
    }

    @Test
    void integerRegisterRegister() {
        assertEquals(5, binary(0x00c58533, 2, 3));                       // add
        assertEquals(-1, binary(0x40c58533, 2, 3));                      // sub
        assertEquals(1, binary(0x00c5b533, 1, -1));                      // sltu: 1 <u 0xff..ff
        assertEquals(Long.MIN_VALUE >> 63, binary(0x43f5d513, Long.MIN_VALUE, 0)); // srai 63
    }

    @Test
    void wordOperationsSignExtend() {
        assertEquals(0xffffffff80000000L, binary(0x00c5953b, 1, 31));    // sllw 1<<31
        assertEquals(-1, binary(0x40c5d53b, 0x80000000L, 31));           // sraw
        assertEquals(0x7fffffffL, binary(0xfff5851b, 0x80000000L, 0));   // addiw -1 wraps in 32 bits
    }

    @Test
    void multiplyAndDivideEdgeCases() {
        assertEquals(-1, binary(0x02c59533, -1, 1));                     // mulh(-1,1) = -1 high
        assertEquals(0, binary(0x02c5b533, 1, 1));                       // mulhu
        assertEquals(-1, binary(0x02c5a533, -1, 5));                     // mulhsu(-1, 5)
        assertEquals(-1, binary(0x02c5c533, 7, 0));                      // div by zero
        assertEquals(Long.MIN_VALUE, binary(0x02c5c533, Long.MIN_VALUE, -1)); // div overflow
        assertEquals(-1, binary(0x02c5d533, 7, 0));                      // divu by zero
        assertEquals(7, binary(0x02c5e533, 7, 0));                       // rem by zero
        assertEquals(0, binary(0x02c5e533, Long.MIN_VALUE, -1));         // rem overflow
        assertEquals(Integer.MIN_VALUE, binary(0x02c5c53b, Integer.MIN_VALUE, -1)); // divw overflow
        assertEquals(-6, binary(0x02c5f53b, -6, 0));                     // remuw by zero: sext(x)
    }

    @Test
    void loadsExtendAndStoresTruncate() {
        GuestSnippet s = new GuestSnippet(0x00158503, ECALL);            // lb a0,1(a1)
        s.writeData(0, 0x0000_0000_0000_8000L);
        assertEquals(-128, s.x(A1, GuestSnippet.DATA).run().cpu.x[A0]);
        s = new GuestSnippet(0x0045e503, ECALL);                          // lwu a0,4(a1)
        s.writeData(0, 0xfedc_ba98_0000_0000L);
        assertEquals(0xfedcba98L, s.x(A1, GuestSnippet.DATA).run().cpu.x[A0]);
        s = new GuestSnippet(0x00c59823, 0x0105b503, ECALL);              // sh a2,16(a1); ld a0,16(a1)
        assertEquals(0x5678L, s.x(A1, GuestSnippet.DATA).x(A2, 0x1234_5678L).run().cpu.x[A0]);
    }

    @Test
    void unmappedAccessFaults() {
        GuestSnippet s = new GuestSnippet(0x0045a503, ECALL);             // lw a0,4(a1)
        s.x(A1, 0x7000_0000L).run();
        assertEquals(GuestFault.Kind.READ, s.fault);
        assertEquals(GuestSnippet.CODE, s.cpu.pc);
        s = new GuestSnippet(0x00c5b423, ECALL);                          // sd to the code page
        s.x(A1, GuestSnippet.CODE).run();
        assertEquals(GuestFault.Kind.WRITE, s.fault);
    }

    @Test
    void accessesAreCheckedWholeOnATlbMiss() {
        // Each access's TLB test is its own branch in the unit; a miss checks the whole access.
        GuestSnippet s = new GuestSnippet(0x00c5b023, ECALL);             // sd a2,0(a1) across into no page
        s.x(A1, GuestSnippet.DATA + 4092).x(A2, -1).run();
        assertEquals(GuestFault.Kind.WRITE, s.fault);
        assertEquals(GuestSnippet.CODE, s.cpu.pc);
        s = new GuestSnippet(0x0005b503, ECALL);                          // ld a0,0(a1) across into no page
        s.x(A1, GuestSnippet.DATA + 4092).run();
        assertEquals(GuestFault.Kind.READ, s.fault);
        assertEquals(GuestSnippet.DATA + 4096, s.cpu.faultAddress, "the first byte outside the mapping");
        s = new GuestSnippet(0x0005a503, 0x00a5a023, ECALL);              // lw a0,0(a1); sw a0,0(a1) on code
        s.x(A1, GuestSnippet.CODE).run();
        assertEquals(GuestFault.Kind.WRITE, s.fault, "a read of the page does not vouch for a write");
        assertEquals(GuestSnippet.CODE + 4, s.cpu.pc);
        assertEquals(0x0005a503L, s.cpu.x[A0]);
        s = new GuestSnippet(0x0015b503, ECALL);                          // ld a0,1(a1): misaligned, one page
        s.writeData(0, 0x1122_3344_5566_7788L);
        s.writeData(8, 0x99L);
        assertEquals(0x9911_2233_4455_6677L, s.x(A1, GuestSnippet.DATA).run().cpu.x[A0]);
        assertNull(s.fault);
    }

    @Test
    void jumpsLinkAndBranch() {
        // jal ra,+8 ; (skipped) ; ecall -> ra = CODE+4
        GuestSnippet s = new GuestSnippet(0x008000ef, 0x00000513, ECALL).run();
        assertEquals(GuestSnippet.CODE + 4, s.cpu.x[1]);
        assertEquals(GuestSnippet.CODE + 12, s.cpu.pc);
        // jalr a0,4(a1): a1 = CODE+4 -> target CODE+8 (ecall), a0 = CODE+4
        s = new GuestSnippet(0x00458567, 0x00000513, ECALL).x(A1, GuestSnippet.CODE + 4).run();
        assertEquals(GuestSnippet.CODE + 4, s.cpu.x[A0]);
        assertEquals(GuestSnippet.CODE + 12, s.cpu.pc);
        // beq a1,a2,+8 over "addi a0,zero,0"
        s = new GuestSnippet(0x00c58463, 0x00000513, ECALL).x(A0, 9).x(A1, 4).x(A2, 4).run();
        assertEquals(9, s.cpu.x[A0]);
    }

    @Test
    void atomics() {
        GuestSnippet s = new GuestSnippet(0x00c5a52f, ECALL);             // amoadd.w a0,a2,(a1)
        s.writeData(0, 0x7fffffffL);
        s.x(A1, GuestSnippet.DATA).x(A2, 1).run();
        assertEquals(0x7fffffffL, s.cpu.x[A0]);
        s = new GuestSnippet(0x1005b52f, 0x18c5b6af, ECALL);              // lr.d a0,(a1); sc.d a3,a2,(a1)
        s.writeData(8, 42);
        s.x(A1, GuestSnippet.DATA + 8).x(A2, 43).run();
        assertEquals(42, s.cpu.x[A0]);
        assertEquals(0, s.cpu.x[A3], "sc succeeds after lr to the same address");
        s = new GuestSnippet(0x18c5b6af, ECALL).x(A1, GuestSnippet.DATA).x(A2, 1).run();
        assertEquals(1, s.cpu.x[A3], "sc without a reservation fails");
        s = new GuestSnippet(0x00c5a52f, ECALL).x(A1, GuestSnippet.DATA + 2).run();
        assertEquals(GuestFault.Kind.MISALIGNED, s.fault);
    }

    @Test
    void bitManipulation() {
        assertEquals(0x10 + 3 * 4, binary(0x20c5c533, 3, 0x10));         // sh2add
        assertEquals(0b1000, binary(0x40c5f533, 0b1010, 0b0010));        // andn
        assertEquals(63, binary(0x60059513, 1, 0));                      // clz
        assertEquals(64, binary(0x60259513, -1, 0));                     // cpop
        assertEquals(0x0807060504030201L, binary(0x6b85d513, 0x0102030405060708L, 0)); // rev8
        assertEquals(0xff00ff0000000000L, binary(0x2875d513, 0x0100_2000_0000_0000L, 0)); // orc.b
        assertEquals(0x0100000000000000L, binary(0x6085d513, 1, 0));     // rori 8
        assertEquals(1, binary(0x4855d513, 0b100000, 0));                // bexti 5
        assertEquals(0b101, binary(0x68c59533, 0b001, 2));               // binv
        assertEquals(-1, binary(0x60559513, 0xffff, 0));                 // sext.h
        assertEquals(0xffffffffL + 5, binary(0x08c5853b, -1, 5));        // add.uw
        assertEquals(0xffffffffL << 3, binary(0x0835951b, -1, 0));       // slli.uw 3
    }

    @Test
    void compressedInstructionsRun() {
        // c.li a1,-3 ; c.addi a0,5 ; c.add a0,a1 ; ecall (halfwords packed little-endian)
        GuestSnippet s = new GuestSnippet(0x051555f5, 0x0073952e, 0x0000).x(A0, 1).run();
        assertEquals(3, s.cpu.x[A0]);
    }

    @Test
    void floatingPointAndCsrs() {
        RiscvCpu c = new GuestSnippet(0x02c5f553, 0x00102573, ECALL).x(A0, 0).run().cpu; // fadd.d; csrr a0,fflags
        assertEquals(0, c.x[A0]);
        GuestSnippet s = new GuestSnippet(0x02c5f553, 0x00102573, ECALL);
        s.cpu.f[11] = Double.doubleToRawLongBits(1.0);
        s.cpu.f[12] = Double.doubleToRawLongBits(1e-30);
        s.run();
        assertEquals(1.0, Double.longBitsToDouble(s.cpu.f[10]));
        assertEquals(1, s.cpu.x[A0], "NX accrued");
        s = new GuestSnippet(0xc2059553, ECALL);                          // fcvt.w.d a0,fa1,rtz
        s.cpu.f[11] = Double.doubleToRawLongBits(-2.9);
        assertEquals(-2, s.run().cpu.x[A0]);
        s = new GuestSnippet(0x00359573, ECALL).x(A1, 0xff);              // csrrw a0,fcsr,a1
        s.cpu.fflags = 3;
        s.run();
        assertEquals(3, s.cpu.x[A0]);
        assertEquals(0x1f, s.cpu.fflags);
        assertEquals(7, s.cpu.frm);
    }

    @Test
    void illegalInstructionFaults() {
        GuestSnippet s = new GuestSnippet(0xffffffff, ECALL).run();
        assertEquals(GuestFault.Kind.ILLEGAL_INSTRUCTION, s.fault);
        assertEquals(GuestSnippet.CODE, s.cpu.pc);
        s = new GuestSnippet(0x02c5d553, ECALL).run();                    // fadd.d with reserved rm=5
        assertEquals(GuestFault.Kind.ILLEGAL_INSTRUCTION, s.fault);
    }
}
