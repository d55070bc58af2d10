package io.mimic.translator.riscv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.mimic.translator.engine.GuestFault;
import io.mimic.translator.memory.AddressSpace;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks {@link RiscvFloat} against vectors recorded from the real instructions under qemu-riscv64
 * (see src/test/c/riscv-float-vectors.c), plus focused cases and a randomized cross-check of the
 * round-to-nearest fast paths against the exact path.
 */
class RiscvFloatTest {
    private static final String VECTORS = "float-vectors.txt";
    private static RiscvCpu cpu;

    @BeforeAll
    static void setUp() {
        cpu = new RiscvCpu(new AddressSpace());
    }

    private static RiscvCpu fresh(int frm) {
        cpu.fflags = 0;
        cpu.frm = frm;
        return cpu;
    }

    // ------------------------------------------------------------------ qemu vectors

    @Test
    void qemuVectors() throws IOException {
        String external = System.getProperty("riscv.float.vectors");
        boolean bundled = external == null || external.isEmpty();
        try (InputStream in = bundled ? RiscvFloatTest.class.getResourceAsStream(VECTORS)
                : Files.newInputStream(Path.of(external))) {
            assertTrue(in != null, "missing resource " + VECTORS);
            check(new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII)), bundled);
        }
    }

    private static void check(BufferedReader reader, boolean requireAll) throws IOException {
        Map<String, Method> methods = new HashMap<>();
        for (Method m : RiscvFloat.class.getMethods()) {
            if (Modifier.isStatic(m.getModifiers()) && m.getReturnType() == long.class) {
                methods.put(m.getName(), m);
            }
        }
        List<String> failures = new ArrayList<>();
        Map<String, Integer> perOp = new HashMap<>(), failuresPerOp = new HashMap<>();
        int count = 0;
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.trim().split("\\s+");
            if (f.length != 8 || !f[5].equals("->")) {
                fail("malformed vector line: " + line);
            }
            Method m = methods.get(f[0].replace('.', '_'));
            if (m == null) {
                fail("no RiscvFloat method for: " + line);
            }
            int rm = f[1].equals("-") ? -1 : Integer.parseInt(f[1]);
            long[] operands = {hex(f[2]), hex(f[3]), hex(f[4])};
            long want = Long.parseUnsignedLong(f[6], 16);
            int wantFlags = Integer.parseInt(f[7], 16);
            count++;
            perOp.merge(f[0], 1, Integer::sum);
            // static rounding mode, then the same mode through DYN (frm); each from clear flags,
            // then with NX already set (the fast paths skip deciding NX then: the other flags
            // and the result must not change)
            for (int dyn = 0; dyn < (rm < 0 ? 1 : 2); dyn++) {
                for (int before : new int[] {0, RiscvFloat.NX}) {
                    RiscvCpu c = fresh(dyn == 0 ? 0 : rm);
                    c.fflags = before;
                    long got;
                    try {
                        got = invoke(m, c, operands, dyn == 0 ? rm : RiscvFloat.DYN);
                    } catch (RuntimeException e) {
                        failuresPerOp.merge(f[0], 1, Integer::sum);
                        failures.add(line + "   threw " + e);
                        continue;
                    }
                    if ((got != want || c.fflags != (wantFlags | before))
                            && failuresPerOp.merge(f[0], 1, Integer::sum) <= 4) {
                        failures.add(String.format("%s   got %016x %02x%s%s", line, got, c.fflags,
                                dyn == 1 ? " (dyn)" : "", before != 0 ? " (NX set before)" : ""));
                    }
                }
            }
        }
        assertTrue(count > 0, "no vectors");
        if (!failures.isEmpty()) {
            fail("vectors failed (at most 4 shown per operation): " + failuresPerOp + "\n"
                    + String.join("\n", failures));
        }
        // every public operation is covered by at least one bundled vector
        for (String name : methods.keySet()) {
            if (requireAll && name.startsWith("f")) {
                assertTrue(perOp.containsKey(name.replace('_', '.')), "no vectors for " + name);
            }
        }
        System.out.println("RiscvFloatTest: " + count + " qemu vectors passed (" + perOp.size() + " operations)");
    }

    private static long hex(String s) {
        return s.equals("-") ? 0 : Long.parseUnsignedLong(s, 16);
    }

    private static long invoke(Method m, RiscvCpu c, long[] operands, int rm) {
        Class<?>[] types = m.getParameterTypes();
        Object[] args = new Object[types.length];
        int next = 0;
        for (int i = 0; i < types.length; i++) {
            if (types[i] == RiscvCpu.class) {
                args[i] = c;
            } else if (types[i] == long.class) {
                args[i] = operands[next++];
            } else if (types[i] == int.class) {
                args[i] = rm;
            } else {
                throw new IllegalStateException("unexpected parameter in " + m);
            }
        }
        try {
            return (long) m.invoke(null, args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ focused cases

    @Test
    void reservedRoundingModesAreIllegal() {
        long one = 0x3ff0000000000000L;
        for (int frm = 5; frm <= 7; frm++) {
            RiscvCpu c = fresh(frm);
            assertThrows(GuestFault.class, () -> RiscvFloat.fadd_d(c, one, one, RiscvFloat.DYN));
            assertThrows(GuestFault.class, () -> RiscvFloat.fadd_s(c, RiscvFloat.box(0x3f800000), 0, RiscvFloat.DYN));
            assertThrows(GuestFault.class, () -> RiscvFloat.fcvt_d_s(c, RiscvFloat.box(0x3f800000), RiscvFloat.DYN));
            assertThrows(GuestFault.class, () -> RiscvFloat.fcvt_d_w(c, 1, RiscvFloat.DYN));
            assertThrows(GuestFault.class, () -> RiscvFloat.fcvt_w_d(c, one, RiscvFloat.DYN));
            assertThrows(GuestFault.class, () -> RiscvFloat.fmadd_d(c, one, one, one, RiscvFloat.DYN));
            assertThrows(GuestFault.class, () -> RiscvFloat.fsqrt_s(c, RiscvFloat.box(0x3f800000), RiscvFloat.DYN));
        }
        for (int rm = 5; rm <= 6; rm++) {
            int r = rm;
            RiscvCpu c = fresh(0);
            assertThrows(GuestFault.class, () -> RiscvFloat.fmul_d(c, one, one, r));
            assertThrows(GuestFault.class, () -> RiscvFloat.fcvt_s_l(c, 3, r));
            assertThrows(GuestFault.class, () -> RiscvFloat.fcvt_l_s(c, RiscvFloat.box(0x3f800000), r));
        }
        // a valid static mode does not look at frm
        RiscvCpu c = fresh(6);
        assertEquals(0x4000000000000000L, RiscvFloat.fadd_d(c, one, one, RiscvFloat.RNE));
    }

    @Test
    void dynamicModeUsesFrm() {
        long one = 0x3ff0000000000000L, tiny = 0x3ca0000000000000L; // 1 + 2^-53: a tie
        assertEquals(0x3ff0000000000001L, RiscvFloat.fadd_d(fresh(RiscvFloat.RUP), one, tiny, RiscvFloat.DYN));
        assertEquals(0x3ff0000000000001L, RiscvFloat.fadd_d(fresh(RiscvFloat.RMM), one, tiny, RiscvFloat.DYN));
        assertEquals(one, RiscvFloat.fadd_d(fresh(RiscvFloat.RNE), one, tiny, RiscvFloat.DYN));
        assertEquals(RiscvFloat.NX, cpu.fflags);
    }

    @Test
    void nanBoxing() {
        long oneS = RiscvFloat.box(0x3f800000), nanS = RiscvFloat.box(RiscvFloat.CANONICAL_NAN_S);
        long badOne = 0x000000003f800000L; // 1.0f without the box
        RiscvCpu c = fresh(0);
        assertEquals(RiscvFloat.box(0x40000000), RiscvFloat.fadd_s(c, oneS, oneS, RiscvFloat.RNE));
        assertEquals(nanS, RiscvFloat.fadd_s(c, oneS, badOne, RiscvFloat.RNE));
        assertEquals(nanS, RiscvFloat.fmul_s(c, badOne, oneS, RiscvFloat.RTZ));
        assertEquals(nanS, RiscvFloat.fsub_s(c, oneS, badOne, RiscvFloat.RNE));
        assertEquals(nanS, RiscvFloat.fmsub_s(c, oneS, oneS, badOne, RiscvFloat.RNE));
        assertEquals(nanS, RiscvFloat.fnmadd_s(c, badOne, oneS, oneS, RiscvFloat.RNE));
        assertEquals(0, c.fflags, "improperly boxed inputs are quiet NaNs");
        assertEquals(oneS, RiscvFloat.fmin_s(c, oneS, badOne));
        assertEquals(0x200, RiscvFloat.fclass_s(badOne));
        assertEquals(0x40, RiscvFloat.fclass_s(oneS));
        assertEquals(RiscvFloat.CANONICAL_NAN_D, RiscvFloat.fcvt_d_s(c, badOne, RiscvFloat.RNE));
        assertEquals(RiscvFloat.box(0xffc00000), RiscvFloat.fsgnjn_s(badOne, oneS));
        assertEquals(RiscvFloat.box(0xbf800000), RiscvFloat.fsgnjn_s(oneS, oneS));
        assertEquals(0, RiscvFloat.feq_s(c, badOne, badOne));
        assertEquals(0, c.fflags);
        assertEquals(0xffffffff_7f800001L, RiscvFloat.fmv_w_x(0x12345678_7f800001L));
        assertEquals(0x3f800000L, RiscvFloat.fmv_x_w(badOne));
        assertEquals(0xffffffff_bf800000L, RiscvFloat.fmv_x_w(0x00000000_bf800000L));
        // results of every width are boxed, including integer conversions to single
        assertEquals(RiscvFloat.box(0xcf000000), RiscvFloat.fcvt_s_l(c, Integer.MIN_VALUE, RiscvFloat.RNE));
        assertEquals(RiscvFloat.box(0x5f800000), RiscvFloat.fcvt_s_lu(c, -1L, RiscvFloat.RNE));
    }

    @Test
    void signalingNaNsAndCanonicalResults() {
        long snanD = 0x7ff0000000000001L, qnanD = 0xfff8000000000123L, one = 0x3ff0000000000000L;
        RiscvCpu c = fresh(0);
        assertEquals(RiscvFloat.CANONICAL_NAN_D, RiscvFloat.fadd_d(c, qnanD, one, RiscvFloat.RNE));
        assertEquals(0, c.fflags);
        assertEquals(RiscvFloat.CANONICAL_NAN_D, RiscvFloat.fmul_d(c, snanD, one, RiscvFloat.RNE));
        assertEquals(RiscvFloat.NV, c.fflags);
        c = fresh(0);
        assertEquals(one, RiscvFloat.fmax_d(c, snanD, one));
        assertEquals(RiscvFloat.NV, c.fflags);
        c = fresh(0);
        assertEquals(0, RiscvFloat.flt_d(c, qnanD, one));
        assertEquals(RiscvFloat.NV, c.fflags);
        c = fresh(0);
        assertEquals(0, RiscvFloat.feq_d(c, qnanD, one));
        assertEquals(0, c.fflags);
        // inf * 0 + qNaN is invalid on RISC-V
        assertEquals(RiscvFloat.CANONICAL_NAN_D,
                RiscvFloat.fmadd_d(c, 0x7ff0000000000000L, 0, RiscvFloat.CANONICAL_NAN_D, RiscvFloat.RNE));
        assertEquals(RiscvFloat.NV, c.fflags);
    }

    @Test
    void directedOverflowAndConversions() {
        long max = 0x7fefffffffffffffL, two = 0x4000000000000000L;
        RiscvCpu c = fresh(0);
        assertEquals(max, RiscvFloat.fmul_d(c, max, two, RiscvFloat.RTZ));
        assertEquals(RiscvFloat.OF | RiscvFloat.NX, c.fflags);
        assertEquals(0x7ff0000000000000L, RiscvFloat.fmul_d(c, max, two, RiscvFloat.RUP));
        assertEquals(0xffefffffffffffffL, RiscvFloat.fmul_d(c, max | Long.MIN_VALUE, two, RiscvFloat.RUP));
        c = fresh(0);
        assertEquals(-1L, RiscvFloat.fcvt_wu_d(c, Double.doubleToRawLongBits(Double.NaN), RiscvFloat.RTZ));
        assertEquals(RiscvFloat.NV, c.fflags);
        c = fresh(0);
        assertEquals(Integer.MIN_VALUE, RiscvFloat.fcvt_w_d(c, Double.doubleToRawLongBits(-2147483648.5),
                RiscvFloat.RTZ));
        assertEquals(RiscvFloat.NX, c.fflags);
        c = fresh(0);
        assertEquals(0x8000000000000000L, RiscvFloat.fcvt_lu_d(c, Double.doubleToRawLongBits(0x1p63),
                RiscvFloat.RNE));
        assertEquals(0, c.fflags);
    }

    // ------------------------------------------------------------------ fast paths vs the exact path

    /** Random operands of the kinds that matter: few or many significant bits, any exponent range. */
    private static long randomValue(SplittableRandom r, boolean d, int eLo, int eHi) {
        int p = d ? 53 : 24;
        int k = r.nextInt(3) == 0 ? 1 + r.nextInt(p) : p;
        long m = (1L << (k - 1)) | (r.nextLong() & ((1L << (k - 1)) - 1)) | 1;
        m <<= p - k;
        int be = r.nextInt(eLo, eHi + 1) + (d ? 1023 : 127), maxBe = d ? 2046 : 254;
        long bits;
        if (be > maxBe) {
            be = maxBe;
        }
        if (be <= 0) {
            int sh = 1 - be;
            m = sh >= 63 ? 1 : Math.max(1, m >>> sh);
            bits = m;
        } else {
            bits = (long) be << (p - 1) | (m & ((1L << (p - 1)) - 1));
        }
        if (r.nextBoolean()) {
            bits |= d ? Long.MIN_VALUE : 0x80000000L;
        }
        return d ? bits : RiscvFloat.box((int) bits);
    }

    private static void exponentRange(SplittableRandom r, boolean d, long[] out) {
        int emin = d ? -1022 : -126, emax = d ? 1023 : 127, p = d ? 53 : 24;
        switch (r.nextInt(4)) {
            case 0 -> {
                out[0] = -12;
                out[1] = 12;
            }
            case 1 -> {
                out[0] = emin - p;
                out[1] = emin + 60;
            }
            case 2 -> {
                out[0] = emax - 60;
                out[1] = emax;
            }
            default -> {
                out[0] = emin - p;
                out[1] = emax;
            }
        }
    }

    @Test
    void fastPathsAgreeWithExactPath() {
        SplittableRandom r = new SplittableRandom(20191213);
        long[] range = new long[2];
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < 150_000 && failures.size() < 20; i++) {
            boolean d = (i & 1) == 0;
            exponentRange(r, d, range);
            int lo = (int) range[0], hi = (int) range[1];
            long a = randomValue(r, d, lo, hi), b = randomValue(r, d, lo, hi), z = randomValue(r, d, lo, hi);
            int choice = r.nextInt(6);
            if (choice == 5) { // massive cancellation for the FMA: z close to -(a*b)
                z = d ? Double.doubleToRawLongBits(-(Double.longBitsToDouble(a) * Double.longBitsToDouble(b)))
                        + r.nextInt(-2, 3)
                        : RiscvFloat.box(Float.floatToRawIntBits(-(Float.intBitsToFloat((int) a)
                        * Float.intBitsToFloat((int) b))) + r.nextInt(-2, 3));
            } else if (choice == 4 && d) { // product near the underflow threshold
                a = randomValue(r, true, -520, -490);
                b = randomValue(r, true, -530, -500);
            }
            compare(failures, "add", d, a, b, 0);
            compare(failures, "mul", d, a, b, 0);
            compare(failures, "div", d, a, b, 0);
            compare(failures, "sqrt", d, a & (d ? Long.MAX_VALUE : ~0x80000000L), 0, 0);
            compare(failures, "fma", d, a, b, z);
            compare(failures, "fma", d, a, b, b);
            if (d) { // double -> single, with exponents around the single range
                compare(failures, "cvt", true, randomValue(r, true, -160, 130), 0, 0);
            }
        }
        if (!failures.isEmpty()) {
            fail(String.join("\n", failures));
        }
    }

    private static void compare(List<String> failures, String op, boolean d, long a, long b, long z) {
        for (int rm = 0; rm <= RiscvFloat.RMM; rm++) {
            compare(failures, op, d, a, b, z, rm);
        }
    }

    private static void compare(List<String> failures, String op, boolean d, long a, long b, long z, int rm) {
        RiscvCpu c = fresh(0);
        long fast = switch (op) {
            case "add" -> d ? RiscvFloat.fadd_d(c, a, b, rm) : RiscvFloat.fadd_s(c, a, b, rm);
            case "mul" -> d ? RiscvFloat.fmul_d(c, a, b, rm) : RiscvFloat.fmul_s(c, a, b, rm);
            case "div" -> d ? RiscvFloat.fdiv_d(c, a, b, rm) : RiscvFloat.fdiv_s(c, a, b, rm);
            case "sqrt" -> d ? RiscvFloat.fsqrt_d(c, a, rm) : RiscvFloat.fsqrt_s(c, a, rm);
            case "cvt" -> RiscvFloat.fcvt_s_d(c, a, rm);
            default -> d ? RiscvFloat.fmadd_d(c, a, b, z, rm) : RiscvFloat.fmadd_s(c, a, b, z, rm);
        };
        int fastFlags = c.fflags;
        c = fresh(0);
        long ua = d ? a : a & 0xFFFFFFFFL, ub = d ? b : b & 0xFFFFFFFFL, uz = d ? z : z & 0xFFFFFFFFL;
        long exact = switch (op) {
            case "add" -> RiscvFloat.add(c, ua, ub, d, rm);
            case "mul" -> RiscvFloat.mul(c, ua, ub, d, rm);
            case "div" -> RiscvFloat.div(c, ua, ub, d, rm);
            case "sqrt" -> RiscvFloat.sqrt(c, ua, d, rm);
            case "cvt" -> RiscvFloat.convert(c, a, true, false, rm);
            default -> RiscvFloat.fma(c, ua, ub, uz, d, rm);
        };
        if (fast != exact || fastFlags != c.fflags) {
            failures.add(String.format("%s.%s rm=%d %016x %016x %016x: fast %016x %02x, exact %016x %02x", op,
                    d ? "d" : "s", rm, a, b, z, fast, fastFlags, exact, c.fflags));
        }
    }
}
