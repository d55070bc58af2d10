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

    private static final long[] VALUES = {0, 1, -1, 5, Long.MIN_VALUE, 0x7FFFFFFFL, 0x80000000L, 0xFFFFFFFFL};

    /** A compare right before CSEL, its flags read by the select and then live or overwritten. */
    @Test
    void selectAfterACompareAgreesWithItsFlags() {
        record Form(String name, int insn, java.util.function.LongBinaryOperator flags) {}
        Form[] forms = {
            new Form("cmp x1, x2", 0xEB02003F, Arm64Flags::sub64),
            new Form("cmp w1, w2", 0x6B02003F, Arm64Flags::sub32),
            new Form("cmn x1, x2", 0xAB02003F, Arm64Flags::add64),
            new Form("tst x1, x2", 0xEA02003F, (a, b) -> Arm64Flags.nz64(a & b)),
            new Form("subs x4, x1, x2", 0xEB020024, Arm64Flags::sub64),
            new Form("subs x1, x1, x2", 0xEB020021, Arm64Flags::sub64),
            new Form("cmp x1, #5", 0xF100143F, (a, b) -> Arm64Flags.sub64(a, 5)),
        };
        int overwriteFlags = 0xEB0700FF;                                          // cmp x7, x7
        for (Form f : forms) {
            for (int cond = 0; cond < 16; cond++) {
                int csel = 0x9a800000 | 6 << 16 | cond << 12 | 5 << 5;            // csel x0, x5, x6, cond
                for (long a : VALUES) {
                    for (long b : VALUES) {
                        long nzcv = f.flags().applyAsLong(a, b);
                        long want = Arm64Flags.cond(nzcv, cond) != 0 ? 111 : 222;
                        String what = f.name() + "; csel cond " + cond + " with " + a + ", " + b;
                        A64Snippet live = new A64Snippet(f.insn(), csel, A64Snippet.SVC).x(1, a).x(2, b).x(5, 111).x(6, 222).run();
                        assertEquals(want, live.cpu.x[0], what);
                        assertEquals(nzcv, live.cpu.nzcv[0], what + ": NZCV after");
                        live.release();
                        A64Snippet dead = new A64Snippet(f.insn(), csel, overwriteFlags, A64Snippet.SVC)
                                .x(1, a).x(2, b).x(5, 111).x(6, 222).run();
                        assertEquals(want, dead.cpu.x[0], what + " (flags dead after)");
                        dead.release();
                    }
                }
            }
        }
    }
}
