package io.mimic.translator.riscv;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The decode table and the compressed expander, against encodings from binutils' assembler. */
class RiscvDecoderTest {
    /** {encoding, name} as riscv64-linux-gnu-as assembled them. */
    private static final Object[][] BASE = {
        {0x00c58533, "add"}, {0x40c58533, "sub"}, {0xfff5851b, "addiw"}, {0x00c5953b, "sllw"},
        {0x40c5d53b, "sraw"}, {0x43f5d513, "srai"}, {0x00c5b533, "sltu"}, {0x02c59533, "mulh"},
        {0x02c5a533, "mulhsu"}, {0x02c5b533, "mulhu"}, {0x02c5c533, "div"}, {0x02c5d533, "divu"},
        {0x02c5e533, "rem"}, {0x02c5f53b, "remuw"}, {0x02c5c53b, "divw"}, {0x00158503, "lb"},
        {0x0025d503, "lhu"}, {0x0045a503, "lw"}, {0x0045e503, "lwu"}, {0x00c5b423, "sd"},
        {0x00c59823, "sh"}, {0x00c58463, "beq"}, {0x008000ef, "jal"}, {0x00458567, "jalr"},
        {0x1005b52f, "lr.d"}, {0x18c5b6af, "sc.d"}, {0x00c5a52f, "amoadd.w"}, {0xe0c5b52f, "amomaxu.d"},
        {0x20c5c533, "sh2add"}, {0x40c5f533, "andn"}, {0x60059513, "clz"}, {0x60259513, "cpop"},
        {0x6b85d513, "rev8"}, {0x2875d513, "orc.b"}, {0x6085d513, "rori"}, {0x4855d513, "bexti"},
        {0x68c59533, "binv"}, {0x60559513, "sext.h"}, {0x00359573, "csrrw"}, {0x00102573, "csrrs"},
        {0x02c5f553, "fadd.d"}, {0x02c59553, "fadd.d"}, {0xc2059553, "fcvt.w.d"}, {0xe2058553, "fmv.x.d"},
        {0x08c5853b, "add.uw"}, {0x0835951b, "slli.uw"}, {0x00000073, "ecall"}, {0x00100073, "ebreak"},
    };

    /** {compressed, the 32-bit encoding of the same instruction} from the assembler. */
    private static final int[][] COMPRESSED = {
        {0x0515, 0x00550513}, {0x55f5, 0xffd00593}, {0x667d, 0x0001f637}, {0x7139, 0xfc010113},
        {0x0808, 0x01010513}, {0x06b2, 0x00c69693}, {0x830d, 0x00375713}, {0x97fd, 0x43f7d793},
        {0x9b79, 0xffe77713}, {0x8f1d, 0x40f70733}, {0x8f3d, 0x00f74733}, {0x8f5d, 0x00f76733},
        {0x8f7d, 0x00f77733}, {0x9f1d, 0x40f7073b}, {0x9f3d, 0x00f7073b}, {0x852e, 0x00b00533},
        {0x952e, 0x00b50533}, {0x41c8, 0x0045a503}, {0x6588, 0x0085b503}, {0xc1c8, 0x00a5a223},
        {0xe588, 0x00a5b423}, {0x4532, 0x00c12503}, {0x6562, 0x01813503}, {0xc62a, 0x00a12623},
        {0xec2a, 0x00a13c23}, {0x2588, 0x0085b507}, {0xa588, 0x00a5b427}, {0x2522, 0x00813507},
        {0xa42a, 0x00a13427}, {0x8502, 0x00050067}, {0x9502, 0x000500e7}, {0x9002, 0x00100073},
        {0x3565, 0xff95051b},
    };

    /** Every line of the decode table translates: its base encoding never raises SIGILL. */
    @Test
    void everyPatternHasATranslator() {
        java.util.List<String> missing = new java.util.ArrayList<>();
        for (RiscvDecoder.Pattern p : RiscvDecoder.patterns()) {
            int bits = p.match();
            if (p.format() == RiscvFormat.CSR || p.format() == RiscvFormat.CSRI) bits |= RiscvCsr.FFLAGS << 20;
            if (p.format() == RiscvFormat.B) bits |= 1 << 9;   // offset +4, not a branch to itself
            if (p.format() == RiscvFormat.J) bits |= 1 << 22;  // offset +4
            GuestSnippet s = new GuestSnippet(bits, 0x00000073).run();
            if (s.fault == io.mimic.translator.engine.GuestFault.Kind.ILLEGAL_INSTRUCTION) missing.add(p.name());
        }
        assertEquals(java.util.List.of(), missing);
    }

    @Test
    void baseEncodingsDecodeToTheirInstruction() {
        for (Object[] c : BASE) {
            RiscvDecoder.Pattern p = RiscvDecoder.match((Integer) c[0]);
            assertTrue(p != null, () -> String.format("%08x did not decode", (Integer) c[0]));
            assertEquals(c[1], p.name(), String.format("%08x", (Integer) c[0]));
        }
    }

    @Test
    void compressedExpandsToTheEquivalentBaseInstruction() {
        for (int[] c : COMPRESSED) {
            assertEquals(Integer.toHexString(c[1]), Integer.toHexString(RiscvCompressed.expand(c[0])),
                    "expansion of " + Integer.toHexString(c[0]));
        }
    }

    @Test
    void reservedEncodingsAreIllegal() {
        assertEquals(0, RiscvCompressed.expand(0x0000), "all-zero halfword is defined illegal");
        assertEquals(0, RiscvCompressed.expand(0x6101 & ~0x107c), "c.addi16sp with zero immediate");
        assertNull(RiscvDecoder.match(0xffffffff));
        assertNull(RiscvDecoder.match(0x0000007f));
    }

    @Test
    void immediatesAreSignExtended() {
        RiscvInsn beq = new RiscvInsn(0x1000, 4, RiscvDecoder.match(0xfe051ce3), 0xfe051ce3, -1);
        assertEquals(0x1000 - 8, beq.target());
        RiscvInsn addiw = new RiscvInsn(0, 4, RiscvDecoder.match(0xfff5851b), 0xfff5851b, -1);
        assertEquals(-1, addiw.imm);
    }

    @Test
    void disassemblyUsesAbiNames() {
        RiscvInsn add = new RiscvInsn(0, 4, RiscvDecoder.match(0x00c58533), 0x00c58533, -1);
        assertTrue(RiscvDisassembler.format(add).endsWith("add        a0,a1,a2"), RiscvDisassembler.format(add));
        RiscvInsn ld = new RiscvInsn(0, 4, RiscvDecoder.match(0x0085b503), 0x0085b503, -1);
        assertTrue(RiscvDisassembler.format(ld).endsWith("ld         a0,8(a1)"), RiscvDisassembler.format(ld));
    }
}
