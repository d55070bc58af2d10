package io.mimic.translator.aarch64.fpsimd;

import static io.mimic.translator.aarch64.fpsimd.A64Float.*;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.mimic.translator.aarch64.Arm64Cpu;
import io.mimic.translator.memory.AddressSpace;
import org.junit.jupiter.api.Test;

/**
 * Checks {@link A64Float} and {@link A64FloatConvert} against vectors recorded from the real
 * instructions under qemu-aarch64 (src/test/c/a64-float-vectors.c): result bits and FPSR for every
 * scalar FP instruction across FPCR rounding modes, FZ, FZ16, DN and AHP.
 */
class A64FloatTest {
    interface Op {
        long apply(Arm64Cpu s, long a, long b, long c);
    }

    private static final Map<String, Op> OPS = new HashMap<>();
    private static final Arm64Cpu CPU = new Arm64Cpu(new AddressSpace());
    private static final String[] SUFFIX = {"_h", "_s", "_d"};
    private static final long[] SIGN = {0x8000L, 0x80000000L, Long.MIN_VALUE};

    static {
        for (int f = H; f <= D; f++) {
            int fmt = f;
            String x = SUFFIX[f];
            long sign = SIGN[f];
            OPS.put("fadd" + x, (s, a, b, c) -> add(s, a, b, fmt));
            OPS.put("fsub" + x, (s, a, b, c) -> sub(s, a, b, fmt));
            OPS.put("fmul" + x, (s, a, b, c) -> mul(s, a, b, fmt));
            OPS.put("fdiv" + x, (s, a, b, c) -> div(s, a, b, fmt));
            OPS.put("fnmul" + x, (s, a, b, c) -> nmul(s, a, b, fmt));
            OPS.put("fmax" + x, (s, a, b, c) -> max(s, a, b, fmt));
            OPS.put("fmin" + x, (s, a, b, c) -> min(s, a, b, fmt));
            OPS.put("fmaxnm" + x, (s, a, b, c) -> maxnm(s, a, b, fmt));
            OPS.put("fminnm" + x, (s, a, b, c) -> minnm(s, a, b, fmt));
            OPS.put("fmulx" + x, (s, a, b, c) -> mulx(s, a, b, fmt));
            OPS.put("frecps" + x, (s, a, b, c) -> recipStep(s, a, b, fmt));
            OPS.put("frsqrts" + x, (s, a, b, c) -> rsqrtStep(s, a, b, fmt));
            OPS.put("fabd" + x, (s, a, b, c) -> sub(s, a, b, fmt) & ~sign);
            OPS.put("fsqrt" + x, (s, a, b, c) -> sqrt(s, a, fmt));
            OPS.put("fmadd" + x, (s, a, b, c) -> muladd(s, c, a, b, fmt));
            OPS.put("fmsub" + x, (s, a, b, c) -> muladd(s, c, a ^ sign, b, fmt));
            OPS.put("fnmadd" + x, (s, a, b, c) -> muladd(s, c ^ sign, a ^ sign, b, fmt));
            OPS.put("fnmsub" + x, (s, a, b, c) -> muladd(s, c ^ sign, a, b, fmt));
            int[] modes = {RN, RP, RM, RZ, RNA};
            String[] names = {"n", "p", "m", "z", "a"};
            for (int m = 0; m < 5; m++) {
                int mode = modes[m];
                OPS.put("frint" + names[m] + x, (s, a, b, c) -> A64FloatConvert.roundInt(s, a, fmt, mode, false));
                for (int w = 0; w < 2; w++) {
                    int bitsW = w == 0 ? 32 : 64;
                    String reg = w == 0 ? "w" : "x";
                    OPS.put("fcvt" + names[m] + "s_" + reg + x.substring(1),
                            (s, a, b, c) -> A64FloatConvert.toFixed(s, a, fmt, 0, false, bitsW, mode));
                    OPS.put("fcvt" + names[m] + "u_" + reg + x.substring(1),
                            (s, a, b, c) -> A64FloatConvert.toFixed(s, a, fmt, 0, true, bitsW, mode));
                    for (int u = 0; u < 2; u++) {
                        boolean unsigned = u == 1;
                        OPS.put((unsigned ? "ucvtf_" : "scvtf_") + x.substring(1) + reg,
                                (s, a, b, c) -> A64FloatConvert.fromFixed(s, a, fmt, 0, unsigned, bitsW));
                    }
                }
            }
            OPS.put("frintx" + x, (s, a, b, c) -> A64FloatConvert.roundInt(s, a, fmt, A64FloatConvert.FPCR_MODE, true));
            OPS.put("frinti" + x, (s, a, b, c) -> A64FloatConvert.roundInt(s, a, fmt, A64FloatConvert.FPCR_MODE, false));
            OPS.put("frint32z" + x, (s, a, b, c) -> A64FloatConvert.roundIntN(s, a, fmt, RZ, 32));
            OPS.put("frint64z" + x, (s, a, b, c) -> A64FloatConvert.roundIntN(s, a, fmt, RZ, 64));
            OPS.put("frint32x" + x, (s, a, b, c) -> A64FloatConvert.roundIntN(s, a, fmt, A64FloatConvert.FPCR_MODE, 32));
            OPS.put("frint64x" + x, (s, a, b, c) -> A64FloatConvert.roundIntN(s, a, fmt, A64FloatConvert.FPCR_MODE, 64));
            OPS.put("fcmp" + x, (s, a, b, c) -> compare(s, a, b, fmt, false));
            OPS.put("fcmpe" + x, (s, a, b, c) -> compare(s, a, b, fmt, true));
        }
        int fpcr = A64FloatConvert.FPCR_MODE;
        OPS.put("fcvt_sd", (s, a, b, c) -> A64FloatConvert.convert(s, a, D, S, fpcr));
        OPS.put("fcvt_ds", (s, a, b, c) -> A64FloatConvert.convert(s, a, S, D, fpcr));
        OPS.put("fcvt_hs", (s, a, b, c) -> A64FloatConvert.convert(s, a, S, H, fpcr));
        OPS.put("fcvt_sh", (s, a, b, c) -> A64FloatConvert.convert(s, a, H, S, fpcr));
        OPS.put("fcvt_hd", (s, a, b, c) -> A64FloatConvert.convert(s, a, D, H, fpcr));
        OPS.put("fcvt_dh", (s, a, b, c) -> A64FloatConvert.convert(s, a, H, D, fpcr));
        OPS.put("fcvtxn_sd", (s, a, b, c) -> A64FloatConvert.convert(s, a, D, S, RODD));
        OPS.put("fjcvtzs", (s, a, b, c) -> {
            long r = A64FloatConvert.fjcvtzs(s, a);
            return (r & 0xFFFFFFFFL) | ((r >>> 32) == 0 ? 0x4L << 32 : 0);
        });
        OPS.put("fcvtzs_fix_xd", (s, a, b, c) -> A64FloatConvert.toFixed(s, a, D, 16, false, 64, RZ));
        OPS.put("fcvtzu_fix_ws", (s, a, b, c) -> A64FloatConvert.toFixed(s, a, S, 7, true, 32, RZ));
        OPS.put("fcvtzs_fix_wd", (s, a, b, c) -> A64FloatConvert.toFixed(s, a, D, 32, false, 32, RZ));
        OPS.put("fcvtzu_fix_xh", (s, a, b, c) -> A64FloatConvert.toFixed(s, a, H, 3, true, 64, RZ));
        OPS.put("scvtf_fix_dx", (s, a, b, c) -> A64FloatConvert.fromFixed(s, a, D, 20, false, 64));
        OPS.put("ucvtf_fix_sw", (s, a, b, c) -> A64FloatConvert.fromFixed(s, a, S, 31, true, 32));
        OPS.put("scvtf_fix_hw", (s, a, b, c) -> A64FloatConvert.fromFixed(s, a, H, 4, false, 32));
        OPS.put("ucvtf_fix_dx", (s, a, b, c) -> A64FloatConvert.fromFixed(s, a, D, 64, true, 64));
    }

    @Test
    void qemuVectors() throws IOException {
        List<String> failures = new ArrayList<>();
        Map<String, Integer> failed = new TreeMap<>();
        int count = 0;
        try (InputStream in = A64FloatTest.class.getResourceAsStream("float-vectors.txt")) {
            assertTrue(in != null, "missing float-vectors.txt");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            String line;
            while ((line = r.readLine()) != null) {
                String[] f = line.trim().split("\\s+");
                if (f.length != 8 || !f[5].equals("->")) fail("malformed vector line: " + line);
                Op op = OPS.get(f[0]);
                if (op == null) fail("no operation for: " + line);
                // from clear flags, then with IXC already set (the fast paths skip deciding IXC
                // then: the result and the other flags must not change)
                for (int before : new int[] {0, FpBits.IXC}) {
                    Arm64Cpu s = CPU;
                    s.fpsr = before;
                    s.fpcr = (int) hex(f[1]);
                    long got;
                    try {
                        got = op.apply(s, hex(f[2]), hex(f[3]), hex(f[4]));
                    } catch (RuntimeException e) {
                        failed.merge(f[0], 1, Integer::sum);
                        failures.add(line + "   threw " + e);
                        continue;
                    }
                    if (before == 0) count++;
                    if ((got != hex(f[6]) || s.fpsr != ((int) hex(f[7]) | before))
                            && failed.merge(f[0], 1, Integer::sum) <= 3) {
                        failures.add(String.format("%s   got %x %x%s", line, got, s.fpsr,
                                before != 0 ? " (IXC set before)" : ""));
                    }
                }
            }
        }
        if (!failures.isEmpty()) {
            fail("vectors failed (3 shown per operation): " + failed + "\n" + String.join("\n", failures));
        }
        assertTrue(count > 8000, "too few vectors: " + count);
    }

    private static long hex(String s) {
        return Long.parseUnsignedLong(s, 16);
    }
}
