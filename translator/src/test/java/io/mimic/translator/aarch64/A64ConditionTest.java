package io.mimic.translator.aarch64;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The condition tests the translator emits inline (CSEL here) agree with {@link Arm64Flags#cond} on every NZCV. */
class A64ConditionTest {
    @Test
    void everyConditionOnEveryNzcv() {
        for (int cond = 0; cond < 16; cond++) {
            for (long nzcv = 0; nzcv < 16; nzcv++) {
                int msr = 0xd51b4201;                                          // msr nzcv, x1
                int csel = 0x9a800000 | 3 << 16 | cond << 12 | 2 << 5;         // csel x0, x2, x3, cond
                A64Snippet s = new A64Snippet(msr, csel, A64Snippet.SVC).x(1, nzcv << 28).x(2, 111).x(3, 222).run();
                long want = Arm64Flags.cond(nzcv << 28, cond) != 0 ? 111 : 222;
                assertEquals(want, s.cpu.x[0], "cond " + cond + " nzcv " + Long.toBinaryString(nzcv));
                s.release();
            }
        }
    }
}
