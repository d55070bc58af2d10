package io.mimic.translator.aarch64.fpsimd;

import static io.mimic.translator.aarch64.fpsimd.FpSimdText.arr;
import static io.mimic.translator.aarch64.fpsimd.FpSimdText.f;
import static io.mimic.translator.aarch64.fpsimd.FpSimdText.xsp;

/** Operands of the structure loads and stores (LD1..LD4, ST1..ST4, LDnR, single lanes). */
final class SimdStructText {
    private SimdStructText() {}

    /** objdump writes three or more registers as a range unless the numbers wrap at 32, fewer as a list. */
    static String list(int first, int count, String suffix) {
        if (count >= 3 && first + count <= 32) return "{v" + first + suffix + "-v" + ((first + count - 1) & 31) + suffix + "}";
        StringBuilder sb = new StringBuilder("{");
        for (int k = 0; k < count; k++) sb.append(k == 0 ? "" : ", ").append('v').append((first + k) & 31).append(suffix);
        return sb.append('}').toString();
    }

    private static String address(int b, int bytes) {
        String a = "[" + xsp(f(b, 9, 5)) + "]";
        if (f(b, 23, 23) == 0) return a;
        int rm = f(b, 20, 16);
        return a + ", " + (rm == 31 ? "#" + bytes : "x" + rm);
    }

    static String multi(int b, String mn) {
        int count = switch (f(b, 15, 12)) {
            case 0, 2 -> 4;
            case 4, 6 -> 3;
            case 7 -> 1;
            case 8, 10 -> 2;
            default -> 0;
        };
        if (count == 0) return null;
        int q = f(b, 30, 30);
        if (f(b, 11, 10) == 3 && q == 0 && count > 1 && !mn.endsWith("1")) return null;
        return mn + " " + list(f(b, 4, 0), count, "." + arr(f(b, 11, 10), q)) + ", " + address(b, count * (q == 1 ? 16 : 8));
    }

    static String single(int b) {
        String ld = f(b, 22, 22) == 1 ? "ld" : "st";
        int opcode = f(b, 15, 13), s = f(b, 12, 12), size = f(b, 11, 10), q = f(b, 30, 30);
        int n = ((opcode & 1) << 1 | f(b, 21, 21)) + 1;
        if (opcode >= 6) {
            if (ld.equals("st") || s == 1) return null;
            return ld + n + "r " + list(f(b, 4, 0), n, "." + arr(size, q)) + ", " + address(b, n << size);
        }
        int scale = opcode >> 1, index;
        switch (scale) {
            case 0 -> index = q << 3 | s << 2 | size;
            case 1 -> { if ((size & 1) != 0) return null; index = q << 2 | s << 1 | size >> 1; }
            case 2 -> {
                if ((size & 2) != 0) return null;
                if (size == 0) index = q << 1 | s;
                else if (s == 0) { scale = 3; index = q; }
                else return null;
            }
            default -> { return null; }
        }
        return ld + n + " " + list(f(b, 4, 0), n, "." + "bhsd".charAt(scale)) + "[" + index + "], " + address(b, n << scale);
    }
}
