package io.mimic.tests.random.a64;

import java.util.List;
import java.util.Random;

/**
 * Random instructions of the cryptographic extensions (FEAT_AES, SHA1, SHA256, SHA512, SHA3, SM3,
 * SM4) on random V registers, written as assembly; their results land in the V register dump.
 * Register operands may coincide, as they may in real code (AESE V0, V0 and the like).
 */
public final class A64CryptoGenerator {
    private final Random r;

    public A64CryptoGenerator(Random r) {
        this.r = r;
    }

    private String pick(String... s) { return s[r.nextInt(s.length)]; }

    private int reg() { return r.nextInt(32); }

    private String v(String arrangement) { return "v" + reg() + "." + arrangement; }

    private String regs(String arrangement, int count) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < count; i++) sb.append(i == 0 ? "" : ", ").append(v(arrangement));
        return sb.toString();
    }

    /** One crypto instruction. */
    public A64Generator.Unit unit() {
        String s = switch (r.nextInt(12)) {
            case 0 -> pick("aese", "aesd", "aesmc", "aesimc") + " " + regs("16b", 2);
            case 1 -> pick("sha1c", "sha1p", "sha1m") + " q" + reg() + ", s" + reg() + ", " + v("4s");
            case 2 -> pick("sha1su0", "sha256su1") + " " + regs("4s", 3);
            case 3 -> pick("sha256h", "sha256h2") + " q" + reg() + ", q" + reg() + ", " + v("4s");
            case 4 -> r.nextBoolean() ? "sha1h s" + reg() + ", s" + reg() : pick("sha1su1", "sha256su0") + " " + regs("4s", 2);
            case 5 -> pick("sha512h", "sha512h2") + " q" + reg() + ", q" + reg() + ", " + v("2d");
            case 6 -> r.nextBoolean() ? "sha512su0 " + regs("2d", 2) : pick("sha512su1", "rax1") + " " + regs("2d", 3);
            case 7 -> pick("eor3", "bcax") + " " + regs("16b", 4);
            case 8 -> "xar " + regs("2d", 3) + ", #" + r.nextInt(64);
            case 9 -> r.nextBoolean() ? "sm3ss1 " + regs("4s", 4) : pick("sm3partw1", "sm3partw2") + " " + regs("4s", 3);
            case 10 -> pick("sm3tt1a", "sm3tt1b", "sm3tt2a", "sm3tt2b") + " " + regs("4s", 2) + ", v" + reg() + ".s[" + r.nextInt(4) + "]";
            default -> r.nextBoolean() ? "sm4e " + regs("4s", 2) : "sm4ekey " + regs("4s", 3);
        };
        return new A64Generator.Unit("crypto", List.of(s));
    }
}
