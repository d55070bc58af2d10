package io.mimic.tests.random;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The state a generated block starts from and the state it dumps at its end: the integer and
 * floating-point register files, fcsr and the data buffer. The dump written by the guest is
 * exactly {@link Layout#AREA_BYTES} bytes per block, in the layout of {@link Layout}.
 */
public record MachineState(long[] x, long[] f, long fcsr, byte[] buf) {

    public MachineState {
        if (x.length != 32 || f.length != 32 || buf.length != Layout.BUF_BYTES) {
            throw new IllegalArgumentException("bad machine state shape");
        }
    }

    /** ABI names of x0..x31. */
    public static final String[] X_NAMES = {
        "zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1", "a0", "a1", "a2", "a3", "a4", "a5",
        "a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6"};

    /** ABI names of f0..f31. */
    public static final String[] F_NAMES = {
        "ft0", "ft1", "ft2", "ft3", "ft4", "ft5", "ft6", "ft7", "fs0", "fs1", "fa0", "fa1", "fa2", "fa3", "fa4", "fa5",
        "fa6", "fa7", "fs2", "fs3", "fs4", "fs5", "fs6", "fs7", "fs8", "fs9", "fs10", "fs11", "ft8", "ft9", "ft10", "ft11"};

    /** Parses one block's dump ({@link Layout#AREA_BYTES} bytes starting at {@code offset}). */
    public static MachineState parse(byte[] dump, int offset) {
        ByteBuffer b = ByteBuffer.wrap(dump, offset, Layout.AREA_BYTES).slice().order(ByteOrder.LITTLE_ENDIAN);
        long[] x = new long[32], f = new long[32];
        for (int i = 0; i < 32; i++) x[i] = b.getLong(Layout.X_SLOT + 8 * i);
        for (int i = 0; i < 32; i++) f[i] = b.getLong(Layout.F_SLOT + 8 * i);
        long fcsr = b.getLong(Layout.FCSR_SLOT);
        byte[] buf = Arrays.copyOfRange(dump, offset + Layout.BUF_OFFSET, offset + Layout.BUF_OFFSET + Layout.BUF_BYTES);
        return new MachineState(x, f, fcsr, buf);
    }

    public long bufWord(int byteOffset) {
        return ByteBuffer.wrap(buf).order(ByteOrder.LITTLE_ENDIAN).getLong(byteOffset);
    }

    /**
     * The differences between an expected (reference) and an actual state, one line each:
     * registers by name with both values, then differing 8-byte words of the buffer (at most
     * {@code maxBufWords} of them, addressed relative to the base registers).
     */
    public static List<String> describeDifferences(MachineState expected, MachineState actual, int maxBufWords) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            if (expected.x[i] != actual.x[i]) {
                out.add(String.format("%-9s qemu %s  mimic %s", "x" + i + "/" + X_NAMES[i],
                        hex(expected.x[i]), hex(actual.x[i])));
            }
        }
        for (int i = 0; i < 32; i++) {
            if (expected.f[i] != actual.f[i]) {
                out.add(String.format("%-9s qemu %s  mimic %s   (%s vs %s)", "f" + i + "/" + F_NAMES[i],
                        hex(expected.f[i]), hex(actual.f[i]), fpText(expected.f[i]), fpText(actual.f[i])));
            }
        }
        if (expected.fcsr != actual.fcsr) {
            out.add(String.format("%-9s qemu %s  mimic %s", "fcsr", fcsrText(expected.fcsr), fcsrText(actual.fcsr)));
        }
        int shown = 0, differing = 0;
        for (int off = 0; off < Layout.BUF_BYTES; off += 8) {
            long e = expected.bufWord(off), a = actual.bufWord(off);
            if (e == a) continue;
            differing++;
            if (shown++ < maxBufWords) {
                int area = Layout.BUF_OFFSET + off;
                out.add(String.format("%-9s qemu %s  mimic %s", "mem[" + "sp" + signed(area - Layout.SP_OFFSET) + "]",
                        hex(e), hex(a)) + "   (= s0" + signed(area - Layout.S0_OFFSET) + ")");
            }
        }
        if (differing > shown) out.add("... and " + (differing - shown) + " more differing buffer word(s)");
        return out;
    }

    /** Register names (ABI or xN/fN) mentioned in an assembly line, in order, without repeats. */
    public static List<Integer> xRegistersIn(String text) {
        List<Integer> out = new ArrayList<>();
        for (String tok : text.split("[\\s,()]+")) {
            for (int i = 0; i < 32; i++) {
                if ((tok.equals(X_NAMES[i]) || tok.equals("x" + i)) && !out.contains(i)) out.add(i);
            }
        }
        return out;
    }

    /** Floating-point register numbers mentioned in an assembly line. */
    public static List<Integer> fRegistersIn(String text) {
        List<Integer> out = new ArrayList<>();
        for (String tok : text.split("[\\s,()]+")) {
            for (int i = 0; i < 32; i++) {
                if ((tok.equals(F_NAMES[i]) || tok.equals("f" + i)) && !out.contains(i)) out.add(i);
            }
        }
        return out;
    }

    public static String hex(long v) {
        return String.format("0x%016x", v);
    }

    private static String signed(int v) {
        return v < 0 ? "-" + (-v) : "+" + v;
    }

    /** A human reading of a 64-bit FP register: a NaN-boxed single, or a double. */
    public static String fpText(long bits) {
        if ((bits >>> 32) == 0xffffffffL) {
            float s = Float.intBitsToFloat((int) bits);
            return "single " + fpName(s, Float.isNaN(s) ? (((int) bits & 0x00400000) == 0 ? "sNaN" : "qNaN") : null);
        }
        double d = Double.longBitsToDouble(bits);
        return "double " + fpName(d, Double.isNaN(d) ? ((bits & 0x0008000000000000L) == 0 ? "sNaN" : "qNaN") : null);
    }

    private static String fpName(double v, String nan) {
        return nan != null ? nan : Double.toString(v);
    }

    public static String fcsrText(long fcsr) {
        String[] rm = {"rne", "rtz", "rdn", "rup", "rmm", "rm5", "rm6", "rm7"};
        StringBuilder flags = new StringBuilder();
        String[] names = {"NX", "UF", "OF", "DZ", "NV"};
        for (int i = 4; i >= 0; i--) if ((fcsr & (1L << i)) != 0) flags.append(flags.isEmpty() ? "" : "|").append(names[i]);
        return String.format("0x%02x (frm=%s fflags=%s)", fcsr, rm[(int) ((fcsr >> 5) & 7)],
                flags.isEmpty() ? "-" : flags);
    }
}
