package io.mimic.linuxuser.cli;

import io.mimic.linuxuser.abi.Arm64LinuxAbi;
import io.mimic.linuxuser.abi.RiscvLinuxAbi;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The registration strings: magic and mask byte for byte as qemu-binfmt-conf.sh writes them. */
class BinfmtTest {
    private static final String MASK = "\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\x00\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff\\xff";
    private static final String ELF64_LE_EXEC = "\\x7f\\x45\\x4c\\x46\\x02\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00";

    @Test
    void riscv64() {
        assertEquals(":mimic-riscv64:M::" + ELF64_LE_EXEC + "\\xf3\\x00:" + MASK + ":/opt/mimic/bin/mimic-binfmt:P",
                Binfmt.registration(new RiscvLinuxAbi(), "/opt/mimic/bin/mimic-binfmt", false, false));
    }

    @Test
    void aarch64WithEveryFlag() {
        assertEquals(":mimic-aarch64:M::" + ELF64_LE_EXEC + "\\xb7\\x00:" + MASK + ":/m/bin/mimic-binfmt:POCF",
                Binfmt.registration(new Arm64LinuxAbi(), "/m/bin/mimic-binfmt", true, true));
    }

    @Test
    void printIsBinfmtD() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Binfmt.launcher(true) != null,
                "no native launcher: toolchains/build-binfmt-launcher has not run");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
        assertEquals(0, Binfmt.print(List.of(new RiscvLinuxAbi(), new Arm64LinuxAbi()), false, true, ps, ps));
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(3, lines.length);
        assertTrue(lines[0].startsWith("#"));
        assertTrue(lines[1].startsWith(":mimic-riscv64:M::") && lines[1].endsWith("/mimic-binfmt:POC"), lines[1]);
        assertTrue(lines[2].startsWith(":mimic-aarch64:M::") && lines[2].endsWith("/mimic-binfmt:POC"), lines[2]);
        // The interpreter is absolute: binfmt_misc resolves it without a search path.
        assertTrue(lines[1].split(":")[6].startsWith("/"), lines[1]);
    }
}
