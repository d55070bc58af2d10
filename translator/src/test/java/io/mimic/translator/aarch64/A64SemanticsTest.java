package io.mimic.translator.aarch64;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Instructions that the differential tests cannot check against qemu-aarch64 7.2 (FEAT_CSSC and
 * FEAT_LSE128 came with QEMU 10.2), and known answers (CRC32/CRC32C check values, DC ZVA),
 * run through the real translator. Inputs in x1, x2 (x3 a data address), result in x0.
 */
class A64SemanticsTest {
    private static final int SVC = A64Snippet.SVC;

    private static long unary(int insn, long x1) {
        A64Snippet s = new A64Snippet(insn, SVC).x(1, x1).run();
        s.release();
        return s.cpu.x[0];
    }

    private static long binary(int insn, long x1, long x2) {
        A64Snippet s = new A64Snippet(insn, SVC).x(1, x1).x(2, x2).run();
        s.release();
        return s.cpu.x[0];
    }

    @Test
    void csscAbsCntCtz() {
        assertEquals(5, unary(0xdac02020, -5));                        // abs x0, x1
        assertEquals(Long.MIN_VALUE, unary(0xdac02020, Long.MIN_VALUE)); // abs wraps
        assertEquals(32, unary(0x5ac01c20, 0xffffffff_ffffffffL));      // cnt w0, w1: only the low word
        assertEquals(64, unary(0xdac01820, 0));                         // ctz x0, x1 of 0
        assertEquals(4, unary(0xdac01820, 0x30));                       // ctz x0, x1
    }

    @Test
    void csscMinMax() {
        assertEquals(3, unary(0x91c00c20, -7));                         // smax x0, x1, #3
        assertEquals(-3, unary(0x91cbf420, 5));                         // smin x0, x1, #-3
        assertEquals(200, unary(0x11cf2020, 0x1_0000_0300L));           // umin w0, w1, #200 (low word 0x300)
        assertEquals(0xffff_fff0L, unary(0x11c40c20, 0xffff_fff0L));    // umax w0, w1, #3
        A64Snippet s = new A64Snippet(0x9ac56083, SVC).x(4, -1).x(5, 1).run();   // smax x3, x4, x5
        assertEquals(1, s.cpu.x[3]);
        s.release();
        s = new A64Snippet(0x1ac56483, SVC).x(4, -1).x(5, 1).run();             // umax w3, w4, w5
        assertEquals(0xffff_ffffL, s.cpu.x[3]);
        s.release();
    }

    @Test
    void lse128() {
        // ldsetp x0, x1, [x2]: memory |= x1:x0, old value into x1:x0
        A64Snippet s = new A64Snippet(0x19213040, SVC).x(0, 0xf0).x(1, 0xf00).x(2, A64Snippet.DATA)
                .data(0, 0x0f).data(8, 0x0f0).run();
        assertNull(s.fault);
        assertEquals(0x0f, s.cpu.x[0]);
        assertEquals(0x0f0, s.cpu.x[1]);
        assertEquals(0xff, s.data(0));
        assertEquals(0xff0, s.data(8));
        s.release();
        // ldclrp x0, x1, [x2]: memory &= ~(x1:x0)
        s = new A64Snippet(0x19211040, SVC).x(0, 0x0f).x(1, 0xf0).x(2, A64Snippet.DATA).data(0, 0xff).data(8, 0xff).run();
        assertEquals(0xf0, s.data(0));
        assertEquals(0x0f, s.data(8));
        s.release();
        // swpp x0, x1, [x2]
        s = new A64Snippet(0x19218040, SVC).x(0, 1).x(1, 2).x(2, A64Snippet.DATA).data(0, 3).data(8, 4).run();
        assertEquals(3, s.cpu.x[0]);
        assertEquals(4, s.cpu.x[1]);
        assertEquals(1, s.data(0));
        assertEquals(2, s.data(8));
        s.release();
        // misaligned: an alignment fault
        s = new A64Snippet(0x19218040, SVC).x(2, A64Snippet.DATA + 8).run();
        assertEquals(io.mimic.translator.engine.GuestFault.Kind.MISALIGNED, s.fault);
        s.release();
    }

    @Test
    void crcCheckValues() {
        // CRC-32 and CRC-32C of "123456789" are 0xCBF43926 and 0xE3069283 (with the usual
        // initial and final inversion done in software around the instructions).
        byte[] msg = "123456789".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        long crc = 0xffffffffL, crcc = 0xffffffffL;
        for (byte b : msg) {
            crc = binary(0x1ac24020, crc, b & 0xff);     // crc32b w0, w1, w2
            crcc = binary(0x1ac25020, crcc, b & 0xff);   // crc32cb w0, w1, w2
        }
        assertEquals(0xCBF43926L, crc ^ 0xffffffffL);
        assertEquals(0xE3069283L, crcc ^ 0xffffffffL);
        // eight bytes at once agree with eight single bytes
        long word = 0x0807060504030201L, bytewise = 0x12345678L;
        for (int i = 0; i < 8; i++) bytewise = binary(0x1ac25020, bytewise, (word >>> (8 * i)) & 0xff);
        assertEquals(bytewise, binary(0x9ac25c20, 0x12345678L, word)); // crc32cx
    }

    @Test
    void dcZvaZeroesTheAlignedBlock() {
        int block = Arm64System.ZVA_BYTES;
        A64Snippet s = new A64Snippet(0xd50b7420, SVC).x(0, A64Snippet.DATA + block + 13); // dc zva, x0
        for (int i = 0; i < 3 * block; i += 8) s.data(i, -1);
        s.run();
        for (int i = 0; i < 3 * block; i += 8) assertEquals(i >= block && i < 2 * block ? 0 : -1, s.data(i), "offset " + i);
        s.release();
    }

    @Test
    void systemRegisters() {
        A64Snippet s = new A64Snippet(0xd53bd040, SVC); // mrs x0, tpidr_el0
        s.cpu.tpidr = 0x1234;
        s.run();
        assertEquals(0x1234, s.cpu.x[0]);
        s.release();
        // ID_AA64ISAR2_EL1.CSSC says CSSC is there; ISAR0.Atomic says LSE128 (3)
        assertEquals(1, (Arm64System.idRegister(Arm64System.ID_AA64ISAR2) >>> 52) & 15);
        assertEquals(3, (Arm64System.idRegister(Arm64System.ID_AA64ISAR0) >>> 20) & 15);
    }

    /**
     * B.cond right after a compare tests the operands directly (Arm64Frontend fuses them); every
     * condition must agree with the packed NZCV of the same operation, for each compare shape.
     */
    @Test
    void fusedCompareAndBranchAgreesWithFlags() {
        long[] values = {0, 1, -1, 5, 0x7fffffffL, 0x80000000L, Long.MIN_VALUE, Long.MAX_VALUE};
        // encoding, flags of the operation, whether the first operand is overwritten (rd = rn)
        record Op(int insn, java.util.function.LongBinaryOperator flags, boolean imm5) {}
        Op[] ops = {
            new Op(0xeb02003f, Arm64Flags::sub64, false),                    // cmp x1, x2
            new Op(0x6b02003f, Arm64Flags::sub32, false),                    // cmp w1, w2
            new Op(0xab02003f, Arm64Flags::add64, false),                    // cmn x1, x2
            new Op(0xea02003f, (a, b) -> Arm64Flags.nz64(a & b), false),     // tst x1, x2
            new Op(0xeb020021, Arm64Flags::sub64, false),                    // subs x1, x1, x2
            new Op(0xf100143f, (a, b) -> Arm64Flags.sub64(a, 5), true),      // cmp x1, #5
        };
        for (Op op : ops) {
            for (long a : values) {
                for (long b : values) {
                    if (op.imm5 && b != values[0]) continue;
                    long flags = op.flags.applyAsLong(a, b);
                    for (int cond = 0; cond < 14; cond++) {
                        A64Snippet s = new A64Snippet(op.insn, 0x54000060 | cond, 0xd2800000, SVC, 0xd2800020, SVC)
                                .x(1, a).x(2, b).run();
                        assertEquals(Arm64Flags.cond(flags, cond), s.cpu.x[0],
                                String.format("%08x cond %d a=%x b=%x", op.insn, cond, a, b));
                        s.release();
                    }
                }
            }
        }
    }

    @Test
    void bitmaskImmediates() {
        assertEquals(0xffL, Arm64Ops.bitmask(1, 7, 0, true));
        assertEquals(0x5555555555555555L, Arm64Ops.bitmask(0, 0b111100, 0, true));
        assertEquals(0x0f0f0f0fL, Arm64Ops.bitmask(0, 0b110011, 0, false));
        assertNull(Arm64Ops.bitmask(1, 0b111111, 0, true));   // all ones: reserved
        assertNull(Arm64Ops.bitmask(1, 0, 0, false));          // N=1 in a 32-bit form
    }
}
