package io.mimic.translator.aarch64.fpsimd;

/** Assembly text of the cryptographic extension instructions for -d in_asm (GNU as syntax). */
final class CryptoNames {
    private static final String[] AES = {"aese", "aesd", "aesmc", "aesimc"};
    private static final String[] SHA_3REG = {"sha1c", "sha1p", "sha1m", "sha1su0", "sha256h", "sha256h2", "sha256su1"};
    private static final String[] SHA_2REG = {"sha1h", "sha1su1", "sha256su0"};
    private static final String[] SHA512_3REG = {"sha512h", "sha512h2", "sha512su1", "rax1", "sm3partw1", "sm3partw2", "sm4ekey"};
    private static final String[] SM3TT = {"sm3tt1a", "sm3tt1b", "sm3tt2a", "sm3tt2b"};

    private CryptoNames() {}

    /** The instruction's text, or null if the encoding is unallocated in its group. */
    static String text(int insn, String group) {
        int d = insn & 31, n = (insn >>> 5) & 31, m = (insn >>> 16) & 31, a = (insn >>> 10) & 31;
        return switch (group) {
            case "crypto_aes" -> {
                int op = (insn >>> 12) & 31;
                yield op >= 4 && op <= 7 ? AES[op - 4] + " " + v(d, "16b") + ", " + v(n, "16b") : null;
            }
            case "crypto_sha_3reg" -> {
                int op = (insn >>> 12) & 7;
                if (op == 7) yield null;
                String name = SHA_3REG[op];
                if (op < 3) yield name + " q" + d + ", s" + n + ", " + v(m, "4s");
                if (op == 4 || op == 5) yield name + " q" + d + ", q" + n + ", " + v(m, "4s");
                yield name + " " + v(d, "4s") + ", " + v(n, "4s") + ", " + v(m, "4s");
            }
            case "crypto_sha_2reg" -> {
                int op = (insn >>> 12) & 31;
                if (op > 2) yield null;
                yield op == 0 ? "sha1h s" + d + ", s" + n : SHA_2REG[op] + " " + v(d, "4s") + ", " + v(n, "4s");
            }
            case "crypto_sha512_3reg" -> {
                int op = (insn >>> 12) & 4 | (insn >>> 10) & 3;
                if (op == 7) yield null;
                String name = SHA512_3REG[op];
                if (op < 2) yield name + " q" + d + ", q" + n + ", " + v(m, "2d");
                String t = op < 4 ? "2d" : "4s";
                yield name + " " + v(d, t) + ", " + v(n, t) + ", " + v(m, t);
            }
            case "crypto_sha512_2reg" -> switch ((insn >>> 10) & 3) {
                case 0 -> "sha512su0 " + v(d, "2d") + ", " + v(n, "2d");
                case 1 -> "sm4e " + v(d, "4s") + ", " + v(n, "4s");
                default -> null;
            };
            case "crypto_4reg" -> switch ((insn >>> 21) & 3) {
                case 0 -> "eor3 " + v(d, "16b") + ", " + v(n, "16b") + ", " + v(m, "16b") + ", " + v(a, "16b");
                case 1 -> "bcax " + v(d, "16b") + ", " + v(n, "16b") + ", " + v(m, "16b") + ", " + v(a, "16b");
                case 2 -> "sm3ss1 " + v(d, "4s") + ", " + v(n, "4s") + ", " + v(m, "4s") + ", " + v(a, "4s");
                default -> null;
            };
            case "crypto_xar" -> "xar " + v(d, "2d") + ", " + v(n, "2d") + ", " + v(m, "2d") + ", #" + ((insn >>> 10) & 63);
            case "crypto_3reg_imm2" -> SM3TT[(insn >>> 10) & 3] + " " + v(d, "4s") + ", " + v(n, "4s") + ", v" + m
                    + ".s[" + ((insn >>> 12) & 3) + "]";
            default -> null;
        };
    }

    private static String v(int r, String arrangement) {
        return "v" + r + "." + arrangement;
    }
}
