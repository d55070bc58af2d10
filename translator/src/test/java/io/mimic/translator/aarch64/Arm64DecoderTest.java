package io.mimic.translator.aarch64;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The decode table against encodings produced by GNU as (encodings.txt), and the disassembler on each. */
class Arm64DecoderTest {
    @Test
    void assembledEncodingsMatchTheirPatterns() throws IOException {
        Set<String> seen = new HashSet<>();
        int n = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                Arm64DecoderTest.class.getResourceAsStream("encodings.txt"), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] f = line.split("\\s+", 3);
                int bits = (int) Long.parseLong(f[0], 16);
                Arm64Decoder.Pattern p = Arm64Decoder.match(bits);
                assertNotNull(p, line);
                assertEquals(f[1], p.name(), line);
                seen.add(p.name());
                String text = Arm64Disassembler.format(new Arm64Insn(0x1000, p, bits));
                assertFalse(text.isBlank(), line);
                n++;
            }
        }
        assertTrue(n > 150, "only " + n + " encodings");
        for (Arm64Decoder.Pattern p : Arm64Decoder.patterns()) {
            assertTrue(seen.contains(p.name()), "no test encoding for pattern " + p.name());
        }
    }

    @Test
    void fpSimdMnemonicsAgreeWithObjdump() throws IOException {
        int n = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                Arm64DecoderTest.class.getResourceAsStream("fpsimd-mnemonics.txt"), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] f = line.split("\\s+");
                int bits = (int) Long.parseLong(f[0], 16);
                assertEquals(Arm64Format.FPSIMD, Arm64Decoder.match(bits).format(), line);
                String mine = Arm64FpSimdNames.mnemonic(bits).split(" ")[0];
                boolean alias = f[1].equals("mov") || f[1].equals("mvn") || f[1].matches("[us]xtl2?") && mine.matches("[us]shll2?");
                assertTrue(alias || mine.equals(f[1]), line + ": " + mine);
                n++;
            }
        }
        assertTrue(n > 50, "only " + n + " encodings");
    }

    @Test
    void cryptoEncodingsDisassembleAsObjdump() throws IOException {
        int n = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                Arm64DecoderTest.class.getResourceAsStream("crypto-encodings.txt"), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] f = line.split("\t");
                int bits = (int) Long.parseLong(f[0], 16);
                Arm64Decoder.Pattern p = Arm64Decoder.match(bits);
                assertEquals(Arm64Format.FPSIMD, p.format(), line);
                String text = Arm64Disassembler.format(new Arm64Insn(0x1000, p, bits));
                assertTrue(text.endsWith("  " + f[1]), line + ": " + text);
                n++;
            }
        }
        assertEquals(32, n);
    }

    @Test
    void unallocatedCryptoEncodingsHaveNoText() {
        // AES opcode 00000, SHA three-register opcode 111, SHA two-register opcode 00011,
        // SHA512 three-register O:opcode 1:11, SHA512 two-register opcode 10, four-register Op0 11
        for (int bits : new int[]{0x4e280820, 0x5e027020, 0x5e283820, 0xce62cc20, 0xcec08820, 0xce620020}) {
            assertEquals(null, io.mimic.translator.aarch64.fpsimd.A64FpSimd.cryptoText(bits), Integer.toHexString(bits));
        }
    }

    @Test
    void unallocatedEncodingsHaveNoPattern() {
        assertNull(Arm64Decoder.match(0x00010000));  // reserved class, not UDF
        assertNull(Arm64Decoder.match(0xd4200001));  // BRK with the wrong low bits
    }
}
