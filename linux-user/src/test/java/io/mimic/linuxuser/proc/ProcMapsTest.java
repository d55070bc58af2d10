package io.mimic.linuxuser.proc;

import io.mimic.linuxuser.abi.RiscvLinuxAbi;
import io.mimic.translator.memory.AddressSpace;
import io.mimic.translator.memory.Prot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcMapsTest {
    private final AddressSpace as = new AddressSpace();

    @AfterEach
    void release() {
        as.clear();
    }

    @Test
    void kernelFormatWithNamesAtColumn73() {
        long dev = (8L << 8) | 1; // 08:01
        as.map(0x10000, 0x2000, Prot.READ | Prot.EXEC, new AddressSpace.Backing("/bin/prog", 0, dev, 1234, false));
        as.map(0x12000, 0x1000, Prot.READ | Prot.WRITE, new AddressSpace.Backing("/bin/prog", 0x2000, dev, 1234, false));
        as.map(0x13000, 0x1000, Prot.READ | Prot.WRITE, "");
        as.map(0x3fff800000L, 0x800000, Prot.READ | Prot.WRITE, "[stack]");
        String[] lines = ProcMaps.render(as).split("\n");
        assertEquals(4, lines.length);
        assertEquals("00010000-00012000 r-xp 00000000 08:01 1234", lines[0].substring(0, 42));
        assertEquals(73, lines[0].indexOf("/bin/prog"), "the name starts at column 73, as the kernel pads it");
        assertEquals("00012000-00013000 rw-p 00002000 08:01 1234", lines[1].substring(0, 42));
        assertEquals("00013000-00014000 rw-p 00000000 00:00 0 ", lines[2], "anonymous: no name, the kernel's trailing space");
        assertTrue(lines[3].startsWith("3fff800000-4000000000 rw-p 00000000 00:00 0 ") && lines[3].endsWith(" [stack]"));
    }

    @Test
    void splitsKeepFileOffsetsAndAdjacentPiecesPrintAsOne() {
        as.map(0x20000, 0x4000, Prot.READ, new AddressSpace.Backing("/lib/x.so", 0x1000, 0, 77, false));
        // Changing the middle splits the mapping in three; the offsets follow the pages.
        as.protect(0x21000, 0x1000, Prot.READ | Prot.WRITE);
        String[] lines = ProcMaps.render(as).split("\n");
        assertEquals(3, lines.length);
        assertTrue(lines[0].startsWith("00020000-00021000 r--p 00001000 00:00 77 "), lines[0]);
        assertTrue(lines[1].startsWith("00021000-00022000 rw-p 00002000 00:00 77 "), lines[1]);
        assertTrue(lines[2].startsWith("00022000-00024000 r--p 00003000 00:00 77 "), lines[2]);
        // Putting the permissions back makes one VMA again, as the kernel merges them.
        as.protect(0x21000, 0x1000, Prot.READ);
        assertEquals(1, ProcMaps.render(as).split("\n").length);
        // A shared mapping says 's'.
        as.map(0x30000, 0x1000, Prot.READ | Prot.WRITE, new AddressSpace.Backing("/tmp/f", 0, 0, 5, true));
        assertTrue(ProcMaps.render(as).contains("00030000-00031000 rw-s 00000000 00:00 5 "));
    }

    @Test
    void riscvCpuinfoHasOneBlockPerHart() {
        String text = new RiscvLinuxAbi().cpuinfo(2);
        String[] blocks = text.split("\n\n");
        assertEquals(2, blocks.length);
        assertTrue(blocks[1].startsWith("processor\t: 1\nhart\t\t: 1\nisa\t\t: rv64imafdc_zicntr_zicsr_zifencei_zba_zbb_zbs\nmmu\t\t: sv39\n"), blocks[1]);
        assertTrue(text.endsWith("mimpid\t\t: 0x0\n\n"));
    }
}
