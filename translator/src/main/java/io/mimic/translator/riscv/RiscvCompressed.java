package io.mimic.translator.riscv;

/**
 * Expands RV64C 16-bit encodings into the equivalent 32-bit encodings, so that compressed
 * instructions reuse the base decoder and translators. Returns 0 (never a valid 32-bit
 * encoding) for reserved or illegal compressed encodings.
 */
public final class RiscvCompressed {
    private RiscvCompressed() {}

    private static int bit(int c, int i) { return (c >>> i) & 1; }
    private static int bits(int c, int hi, int lo) { return (c >>> lo) & ((1 << (hi - lo + 1)) - 1); }
    private static int sext(int v, int width) { return (v << (32 - width)) >> (32 - width); }

    /** rd', rs1', rs2' name x8..x15. */
    private static int rp(int field) { return 8 + field; }

    public static int expand(int c) {
        int op = c & 3, funct3 = bits(c, 15, 13);
        return switch (op) {
            case 0 -> quadrant0(c, funct3);
            case 1 -> quadrant1(c, funct3);
            case 2 -> quadrant2(c, funct3);
            default -> 0;
        };
    }

    private static int quadrant0(int c, int funct3) {
        int rdp = rp(bits(c, 4, 2)), rs1p = rp(bits(c, 9, 7));
        int uimmD = (bits(c, 12, 10) << 3) | (bits(c, 6, 5) << 6);
        int uimmW = (bits(c, 12, 10) << 3) | (bit(c, 6) << 2) | (bit(c, 5) << 6);
        return switch (funct3) {
            case 0 -> { // c.addi4spn
                int nzuimm = (bits(c, 12, 11) << 4) | (bits(c, 10, 7) << 6) | (bit(c, 6) << 2) | (bit(c, 5) << 3);
                yield nzuimm == 0 ? 0 : i(0x13, rdp, 0, 2, nzuimm);
            }
            case 1 -> i(0x07, rdp, 3, rs1p, uimmD);      // c.fld
            case 2 -> i(0x03, rdp, 2, rs1p, uimmW);      // c.lw
            case 3 -> i(0x03, rdp, 3, rs1p, uimmD);      // c.ld
            case 5 -> s(0x27, 3, rs1p, rdp, uimmD);      // c.fsd
            case 6 -> s(0x23, 2, rs1p, rdp, uimmW);      // c.sw
            case 7 -> s(0x23, 3, rs1p, rdp, uimmD);      // c.sd
            default -> 0;
        };
    }

    private static int quadrant1(int c, int funct3) {
        int rd = bits(c, 11, 7);
        int imm6 = sext((bit(c, 12) << 5) | bits(c, 6, 2), 6);
        return switch (funct3) {
            case 0 -> i(0x13, rd, 0, rd, imm6);                       // c.addi / c.nop
            case 1 -> rd == 0 ? 0 : i(0x1b, rd, 0, rd, imm6);         // c.addiw
            case 2 -> i(0x13, rd, 0, 0, imm6);                        // c.li
            case 3 -> {
                if (rd == 2) { // c.addi16sp
                    int imm = sext((bit(c, 12) << 9) | (bit(c, 6) << 4) | (bit(c, 5) << 6)
                            | (bits(c, 4, 3) << 7) | (bit(c, 2) << 5), 10);
                    yield imm == 0 ? 0 : i(0x13, 2, 0, 2, imm);
                }
                int imm = sext((bit(c, 12) << 17) | (bits(c, 6, 2) << 12), 18);
                yield imm == 0 ? 0 : u(0x37, rd, imm);                // c.lui
            }
            case 4 -> miscAlu(c);
            case 5 -> { // c.j
                int off = sext((bit(c, 12) << 11) | (bit(c, 11) << 4) | (bits(c, 10, 9) << 8) | (bit(c, 8) << 10)
                        | (bit(c, 7) << 6) | (bit(c, 6) << 7) | (bits(c, 5, 3) << 1) | (bit(c, 2) << 5), 12);
                yield j(0x6f, 0, off);
            }
            case 6, 7 -> { // c.beqz / c.bnez
                int off = sext((bit(c, 12) << 8) | (bits(c, 11, 10) << 3) | (bits(c, 6, 5) << 6)
                        | (bits(c, 4, 3) << 1) | (bit(c, 2) << 5), 9);
                yield b(0x63, funct3 == 6 ? 0 : 1, rp(bits(c, 9, 7)), 0, off);
            }
            default -> 0;
        };
    }

    private static int miscAlu(int c) {
        int rd = rp(bits(c, 9, 7)), rs2 = rp(bits(c, 4, 2));
        int shamt = (bit(c, 12) << 5) | bits(c, 6, 2);
        return switch (bits(c, 11, 10)) {
            case 0 -> i(0x13, rd, 5, rd, shamt);                                  // c.srli
            case 1 -> i(0x13, rd, 5, rd, shamt | 0x400);                          // c.srai
            case 2 -> i(0x13, rd, 7, rd, sext((bit(c, 12) << 5) | bits(c, 6, 2), 6)); // c.andi
            default -> {
                int sel = bits(c, 6, 5);
                if (bit(c, 12) == 0) {
                    yield switch (sel) {
                        case 0 -> r(0x33, rd, 0, rd, rs2, 0x20);                  // c.sub
                        case 1 -> r(0x33, rd, 4, rd, rs2, 0);                     // c.xor
                        case 2 -> r(0x33, rd, 6, rd, rs2, 0);                     // c.or
                        default -> r(0x33, rd, 7, rd, rs2, 0);                    // c.and
                    };
                }
                yield switch (sel) {
                    case 0 -> r(0x3b, rd, 0, rd, rs2, 0x20);                      // c.subw
                    case 1 -> r(0x3b, rd, 0, rd, rs2, 0);                         // c.addw
                    default -> 0;
                };
            }
        };
    }

    private static int quadrant2(int c, int funct3) {
        int rd = bits(c, 11, 7), rs2 = bits(c, 6, 2);
        return switch (funct3) {
            case 0 -> i(0x13, rd, 1, rd, (bit(c, 12) << 5) | bits(c, 6, 2));      // c.slli
            case 1 -> i(0x07, rd, 3, 2, (bit(c, 12) << 5) | (bits(c, 6, 5) << 3) | (bits(c, 4, 2) << 6)); // c.fldsp
            case 2 -> rd == 0 ? 0 : i(0x03, rd, 2, 2, (bit(c, 12) << 5) | (bits(c, 6, 4) << 2) | (bits(c, 3, 2) << 6)); // c.lwsp
            case 3 -> rd == 0 ? 0 : i(0x03, rd, 3, 2, (bit(c, 12) << 5) | (bits(c, 6, 5) << 3) | (bits(c, 4, 2) << 6)); // c.ldsp
            case 4 -> {
                if (bit(c, 12) == 0) {
                    if (rs2 == 0) yield rd == 0 ? 0 : i(0x67, 0, 0, rd, 0);       // c.jr
                    yield r(0x33, rd, 0, 0, rs2, 0);                               // c.mv
                }
                if (rs2 == 0) {
                    if (rd == 0) yield 0x00100073;                                 // c.ebreak
                    yield i(0x67, 1, 0, rd, 0);                                    // c.jalr
                }
                yield r(0x33, rd, 0, rd, rs2, 0);                                  // c.add
            }
            case 5 -> s(0x27, 3, 2, rs2, (bits(c, 12, 10) << 3) | (bits(c, 9, 7) << 6)); // c.fsdsp
            case 6 -> s(0x23, 2, 2, rs2, (bits(c, 12, 9) << 2) | (bits(c, 8, 7) << 6)); // c.swsp
            case 7 -> s(0x23, 3, 2, rs2, (bits(c, 12, 10) << 3) | (bits(c, 9, 7) << 6)); // c.sdsp
            default -> 0;
        };
    }

    // ---- 32-bit encoders

    private static int r(int opcode, int rd, int funct3, int rs1, int rs2, int funct7) {
        return (funct7 << 25) | (rs2 << 20) | (rs1 << 15) | (funct3 << 12) | (rd << 7) | opcode;
    }

    private static int i(int opcode, int rd, int funct3, int rs1, int imm) {
        return ((imm & 0xfff) << 20) | (rs1 << 15) | (funct3 << 12) | (rd << 7) | opcode;
    }

    private static int s(int opcode, int funct3, int rs1, int rs2, int imm) {
        return (((imm >> 5) & 0x7f) << 25) | (rs2 << 20) | (rs1 << 15) | (funct3 << 12) | ((imm & 0x1f) << 7) | opcode;
    }

    private static int b(int opcode, int funct3, int rs1, int rs2, int imm) {
        return (((imm >> 12) & 1) << 31) | (((imm >> 5) & 0x3f) << 25) | (rs2 << 20) | (rs1 << 15)
                | (funct3 << 12) | (((imm >> 1) & 0xf) << 8) | (((imm >> 11) & 1) << 7) | opcode;
    }

    private static int u(int opcode, int rd, int imm) {
        return (imm & 0xfffff000) | (rd << 7) | opcode;
    }

    private static int j(int opcode, int rd, int imm) {
        return (((imm >> 20) & 1) << 31) | (((imm >> 1) & 0x3ff) << 21) | (((imm >> 11) & 1) << 20)
                | (((imm >> 12) & 0xff) << 12) | (rd << 7) | opcode;
    }
}
