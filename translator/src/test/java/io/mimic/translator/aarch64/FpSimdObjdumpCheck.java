package io.mimic.translator.aarch64;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * By-hand check of the FP/SIMD disassembly against GNU objdump, for a whole binary:
 * {@code aarch64-linux-gnu-objdump -d BINARY | java -cp translator/target/classes:translator/target/test-classes
 * io.mimic.translator.aarch64.FpSimdObjdumpCheck [-v]}. Reads objdump's lines (with raw encodings),
 * disassembles each FP/SIMD word itself and prints the match count, and with -v every mismatch.
 */
public final class FpSimdObjdumpCheck {
    private FpSimdObjdumpCheck() {}

    /** objdump's text without its comments and with single spaces, as the Mimic side. */
    static String normalise(String s) {
        int c = s.indexOf("//");
        if (c >= 0) s = s.substring(0, c);
        return s.trim().replaceAll("\\s+", " ");
    }

    /** objdump's text normalised; its "undefined" words become Mimic's spelling of them. */
    static String objdump(String s) {
        String n = normalise(s);
        int semi = n.indexOf(" ; undefined");
        return semi >= 0 ? n.substring(0, semi) + " (unallocated)" : n;
    }

    public static void main(String[] args) throws IOException {
        boolean verbose = args.length > 0 && args[0].equals("-v");
        int total = 0, same = 0;
        Map<String, Integer> byMnemonic = new TreeMap<>();
        BufferedReader r = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = r.readLine()) != null) {
            String[] f = line.split("\t");
            if (f.length < 3 || !f[1].trim().matches("[0-9a-f]{8}")) continue;
            int bits = (int) Long.parseLong(f[1].trim(), 16);
            Arm64Decoder.Pattern p = Arm64Decoder.match(bits);
            if (p == null || p.format() != Arm64Format.FPSIMD) continue;
            String want = objdump(String.join(" ", java.util.Arrays.copyOfRange(f, 2, f.length)));
            String got;
            try {
                got = normalise(Arm64Disassembler.format(new Arm64Insn(0x1000, p, bits)).substring(10));
            } catch (RuntimeException e) {
                got = "exception " + e;
            }
            total++;
            if (want.equals(got)) same++;
            else {
                byMnemonic.merge(want.split(" ")[0], 1, Integer::sum);
                if (verbose) System.out.printf("%08x  want: %s%n          got:  %s%n", bits, want, got);
            }
        }
        System.out.println("mismatches by objdump mnemonic: " + byMnemonic);
        System.out.printf("FP/SIMD instructions: %d, same as objdump: %d, different: %d%n", total, same, total - same);
    }
}
