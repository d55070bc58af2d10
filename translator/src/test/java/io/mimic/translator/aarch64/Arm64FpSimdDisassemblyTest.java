package io.mimic.translator.aarch64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** -d in_asm text of FP/SIMD instructions against GNU objdump's (table in fpsimd-disassembly.txt). */
class Arm64FpSimdDisassemblyTest {
    @Test
    void fpSimdTextMatchesObjdump() throws IOException {
        List<String> wrong = new ArrayList<>();
        int n = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                Arm64FpSimdDisassemblyTest.class.getResourceAsStream("fpsimd-disassembly.txt"), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String hex = line.substring(0, 8), want = line.substring(10);
                int bits = (int) Long.parseLong(hex, 16);
                Arm64Decoder.Pattern p = Arm64Decoder.match(bits);
                assertEquals(Arm64Format.FPSIMD, p.format(), line);
                String got = Arm64Disassembler.format(new Arm64Insn(0x1000, p, bits));
                if (!got.equals(hex + "  " + want)) wrong.add(line + "  <- got: " + got);
                n++;
            }
        }
        assertTrue(n > 300, "only " + n + " encodings");
        assertEquals(List.of(), wrong);
    }
}
