package io.mimic.translator.aarch64;

import io.mimic.translator.aarch64.fpsimd.SimdFp;
import io.mimic.translator.aarch64.fpsimd.SimdInt;
import io.mimic.translator.aarch64.fpsimd.SimdShift;
import io.mimic.translator.memory.AddressSpace;
import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.function.BiPredicate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The Advanced SIMD forms that the translator emits inline (decided at translation time) must
 * compute what the group's semantic function computes for the same encoding: random encodings of
 * each group, random register values biased to lane boundaries, run through the real translator
 * and compared with the semantic function run on a copy of the state. Encodings that stay on the
 * semantic-function path are drawn too, so the split between the two paths is checked as well.
 */
class SimdInlineFormsTest {
    private static final int TRIALS = 6000;

    /**
     * A group: fixed bits, the bits drawn at random, its semantic function (the reference), and
     * the values of the opcode field (at bit {@code opShift}) that the translator emits inline:
     * half of the draws take one of them, so that each inline form is drawn often.
     */
    private record Group(String name, int fixed, int random, BiPredicate<Arm64Cpu, Integer> reference,
                         int opShift, int opMask, int... inlineOps) {}

    private static final Group[] GROUPS = {
        // 0 Q U 011110 immh immb opcode 1 Rn Rd (immh = 0 is modified immediate: skipped below)
        new Group("simd_shift", 0x0F000400, 0x607FF800 | 0x3FF, (c, i) -> SimdShift.shiftImm(c, i),
            11, 31, 0x00, 0x02, 0x0A, 0x14, 0x10),
        // 0 Q U 01110 size 1 Rm opcode 00 Rn Rd
        new Group("simd_3diff", 0x0E200000, 0x60DFF000 | 0x3FF, (c, i) -> SimdInt.threeDiff(c, i),
            12, 15, 0, 1, 2, 3, 8, 10, 12),
        // 0 Q U 01110 size 1 Rm opcode 1 Rn Rd
        new Group("simd_3same", 0x0E200400, 0x60DFF800 | 0x3FF, (c, i) -> SimdInt.threeSame(c, i),
            11, 31, 0x08, 0x11, 0x12, 0x13, 0x14, 0x15, 0x17),
        // 0 Q U 01110 size 10000 opcode 10 Rn Rd
        new Group("simd_2misc", 0x0E200800, 0x60C1F000 | 0x3FF, (c, i) -> SimdInt.twoMisc(c, i),
            12, 31, 0x08, 0x09, 0x0A, 0x12, 0x13, 0x05),
        // FP three same: 0 Q U 01110 a sz 1 Rm 11 opcode(3) 1 Rn Rd
        new Group("simd_3same_fp", 0x0E20C400, 0x60DF3BFF, (c, i) -> SimdFp.threeSame(c, i),
            11, 7, 0, 1, 2, 3, 6, 7),
        // 0 Q U 01110 size 11000 opcode 10 Rn Rd
        new Group("simd_across", 0x0E300800, 0x60C1F000 | 0x3FF, (c, i) -> SimdInt.across(c, i),
            12, 31, 0x1B, 0x0A, 0x1A),
        // 0 Q 101110 op2 0 Rm 0 imm4 0 Rn Rd
        new Group("simd_ext", 0x2E000000, 0x40DF7800 | 0x3FF, (c, i) -> SimdInt.ext(c, i),
            11, 15, 0, 3, 8, 13),
    };

    @Test
    void inlineFormsMatchTheSemanticFunctions() {
        Random r = new Random(20261206);
        for (Group g : GROUPS) {
            int checked = 0;
            for (int t = 0; t < TRIALS; t++) {
                int insn = g.fixed | r.nextInt() & g.random;
                if (r.nextBoolean()) {
                    insn = insn & ~(g.opMask << g.opShift) | g.inlineOps[r.nextInt(g.inlineOps.length)] << g.opShift;
                }
                if (g.name.equals("simd_shift") && (insn >>> 19 & 15) == 0) continue;
                if (g.name.equals("simd_3same") && (insn >>> 11 & 31) >= 0x18) continue;    // FP
                if (g.name.equals("simd_2misc") && isFp2Misc(insn)) continue;
                if (g.name.equals("simd_across") && ((insn >>> 12 & 31) == 0x0C || (insn >>> 12 & 31) == 0x0F)) continue;
                Arm64Cpu ref = new Arm64Cpu(new AddressSpace());
                if (!g.reference.test(ref, insn)) continue;                               // unallocated
                long[] v = randomVectors(r);
                System.arraycopy(v, 0, ref.v, 0, 64);
                ref.fpsr = 0;
                ref.fpcr = FPCRS[r.nextInt(FPCRS.length)];
                g.reference.test(ref, insn);
                A64Snippet s = new A64Snippet(insn, A64Snippet.SVC);
                System.arraycopy(v, 0, s.cpu.v, 0, 64);
                s.cpu.fpcr = ref.fpcr;
                s.run();
                String what = g.name + " " + Integer.toHexString(insn);
                assertArrayEquals(ref.v, s.cpu.v, what);
                assertEquals(ref.fpsr, s.cpu.fpsr, what + " FPSR");
                s.release();
                checked++;
            }
            System.out.println(g.name + ": " + checked + " allocated encodings checked");
        }
    }

    /** LD2/LD3/LD4 (multiple structures) of every size and width: element i of structure j to lane j of register t+i. */
    @Test
    void interleavedLoadsDeinterleave() {
        Random r = new Random(7);
        int[][] shapes = {{0b1000, 2}, {0b0100, 3}, {0b0000, 4}};
        for (int[] shape : shapes) {
            for (int size = 0; size < 4; size++) {
                for (int q = 0; q < 2; q++) {
                    if (size == 3 && q == 0) continue;                 // unallocated
                    int t = r.nextInt(32), off = 8 * r.nextInt(64);
                    int insn = 0x0C400000 | q << 30 | shape[0] << 12 | size << 10 | 1 << 5 | t;
                    A64Snippet s = new A64Snippet(insn, A64Snippet.SVC).x(1, A64Snippet.DATA + off);
                    byte[] mem = new byte[1024];
                    r.nextBytes(mem);
                    for (int i = 0; i < mem.length; i += 8) {
                        s.data(i, java.nio.ByteBuffer.wrap(mem, i, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong());
                    }
                    for (int i = 0; i < 64; i++) s.cpu.v[i] = r.nextLong();
                    s.run();
                    int ebytes = 1 << size, elements = (q == 1 ? 16 : 8) / ebytes, regs = shape[1];
                    for (int k = 0; k < regs; k++) {
                        long[] want = new long[2];
                        for (int e = 0; e < elements; e++) {
                            for (int b = 0; b < ebytes; b++) {
                                long byteValue = mem[off + (e * regs + k) * ebytes + b] & 0xFF;
                                int bit = (e * ebytes + b) * 8;
                                want[bit >>> 6] |= byteValue << (bit & 63);
                            }
                        }
                        int reg = (t + k) & 31;
                        String what = "LD" + regs + " size " + size + " q " + q + " register " + k;
                        assertEquals(want[0], s.cpu.v[2 * reg], what);
                        assertEquals(want[1], s.cpu.v[2 * reg + 1], what);
                    }
                    s.release();
                }
            }
        }
    }

    /** FPCR values: default, round toward zero, flush-to-zero, default NaN. */
    private static final int[] FPCRS = {0, 3 << 22, 1 << 24, 1 << 25};

    private static boolean isFp2Misc(int insn) {
        int op5 = (insn >>> 12) & 31;
        return op5 >= 0x0C && op5 <= 0x0F && (insn & (1 << 23)) != 0 || op5 >= 0x16;
    }

    /** Lane values that cross every boundary: 0, all ones, sign bits, small and random. */
    private static long[] randomVectors(Random r) {
        long[] v = new long[64];
        long[] special = {0, -1, 0x8080808080808080L, 0x7F7F7F7F7F7F7F7FL, 0x8000800080008000L,
            0x7FFF7FFF7FFF7FFFL, 0x8000000080000000L, 0x7FFFFFFF7FFFFFFFL, Long.MIN_VALUE, Long.MAX_VALUE,
            0x0101010101010101L, 0x00FF00FF00FF00FFL};
        for (int i = 0; i < 64; i++) {
            v[i] = switch (r.nextInt(4)) {
                case 0 -> special[r.nextInt(special.length)];
                case 1 -> special[r.nextInt(special.length)] ^ r.nextLong() & r.nextLong() & r.nextLong();
                case 2 -> r.nextLong() & 0x0F0F0F0F0F0F0F0FL;
                default -> r.nextLong();
            };
        }
        return v;
    }
}
