package io.mimic.linuxuser.syscall;

import io.mimic.syscalls.linux.LinuxArch;
import io.mimic.syscalls.linux.StructLayout;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.*;

class StructConverterTest {
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN, BE = ByteOrder.BIG_ENDIAN;

    /** A host (x86_64) struct stat with recognisable values, converted to riscv64's layout. */
    @Test
    void statFromHostToRiscv64() {
        StructLayout h = LinuxArch.host().struct("stat"), g = LinuxArch.get("riscv64").struct("stat");
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment host = arena.allocate(h.size());
            host.set(ValueLayout.JAVA_LONG, 0, 0x801L);               // st_dev
            host.set(ValueLayout.JAVA_LONG, 8, 123456789L);           // st_ino
            host.set(ValueLayout.JAVA_LONG, 16, 3L);                  // st_nlink (8 bytes on x86_64)
            host.set(ValueLayout.JAVA_INT, 24, 0100644);              // st_mode
            host.set(ValueLayout.JAVA_INT, 28, 1000);                 // st_uid
            host.set(ValueLayout.JAVA_INT, 32, 100);                  // st_gid
            host.set(ValueLayout.JAVA_LONG, 40, 0x1234L);             // st_rdev
            host.set(ValueLayout.JAVA_LONG, 48, 4099L);               // st_size
            host.set(ValueLayout.JAVA_LONG, 56, 4096L);               // st_blksize
            host.set(ValueLayout.JAVA_LONG, 64, 16L);                 // st_blocks
            host.set(ValueLayout.JAVA_LONG, 72, 1_700_000_000L);      // st_atime
            host.set(ValueLayout.JAVA_LONG, 80, 999_999_999L);
            host.set(ValueLayout.JAVA_LONG, 88, 1_600_000_000L);      // st_mtime
            host.set(ValueLayout.JAVA_LONG, 96, 5L);
            host.set(ValueLayout.JAVA_LONG, 104, 1_500_000_000L);     // st_ctime
            host.set(ValueLayout.JAVA_LONG, 112, 7L);
            MemorySegment guest = arena.allocate(g.size());
            guest.fill((byte) 0x55);
            StructConverter.copy(host, 0, h, LE, guest, 0, g, LE);
            assertEquals(0x801L, guest.get(ValueLayout.JAVA_LONG, 0));
            assertEquals(123456789L, guest.get(ValueLayout.JAVA_LONG, 8));
            assertEquals(0100644, guest.get(ValueLayout.JAVA_INT, 16));
            assertEquals(3, guest.get(ValueLayout.JAVA_INT, 20), "nlink narrowed to 4 bytes at 20");
            assertEquals(1000, guest.get(ValueLayout.JAVA_INT, 24));
            assertEquals(100, guest.get(ValueLayout.JAVA_INT, 28));
            assertEquals(0x1234L, guest.get(ValueLayout.JAVA_LONG, 32));
            assertEquals(0L, guest.get(ValueLayout.JAVA_LONG, 40), "padding is zeroed");
            assertEquals(4099L, guest.get(ValueLayout.JAVA_LONG, 48));
            assertEquals(4096, guest.get(ValueLayout.JAVA_INT, 56));
            assertEquals(0, guest.get(ValueLayout.JAVA_INT, 60));
            assertEquals(16L, guest.get(ValueLayout.JAVA_LONG, 64));
            assertEquals(1_700_000_000L, guest.get(ValueLayout.JAVA_LONG, 72));
            assertEquals(999_999_999L, guest.get(ValueLayout.JAVA_LONG, 80));
            assertEquals(1_600_000_000L, guest.get(ValueLayout.JAVA_LONG, 88));
            assertEquals(5L, guest.get(ValueLayout.JAVA_LONG, 96));
            assertEquals(1_500_000_000L, guest.get(ValueLayout.JAVA_LONG, 104));
            assertEquals(7L, guest.get(ValueLayout.JAVA_LONG, 112));
            assertEquals(0L, guest.get(ValueLayout.JAVA_LONG, 120), "reserved tail is zeroed");
        }
    }

    @Test
    void byteOrderAndSignExtension() {
        StructLayout from = StructLayout.parse("s", 8, "a@0:s4 b@4:u2 c@6:s1");
        StructLayout to = StructLayout.parse("s", 24, "c@0:s8 a@8:s8 b@16:u8");
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment src = arena.allocate(8), dst = arena.allocate(24);
            src.set(ValueLayout.JAVA_INT.withOrder(BE), 0, -5);
            src.set(ValueLayout.JAVA_SHORT.withOrder(BE), 4, (short) 0xfffe);
            src.set(ValueLayout.JAVA_BYTE, 6, (byte) -2);
            StructConverter.copy(src, 0, from, BE, dst, 0, to, LE);
            assertEquals(-2L, dst.get(ValueLayout.JAVA_LONG, 0));
            assertEquals(-5L, dst.get(ValueLayout.JAVA_LONG, 8));
            assertEquals(0xfffeL, dst.get(ValueLayout.JAVA_LONG, 16), "unsigned fields zero-extend");
            // and back, narrowing
            MemorySegment back = arena.allocate(8);
            StructConverter.copy(dst, 0, to, LE, back, 0, from, BE);
            assertEquals(-5, back.get(ValueLayout.JAVA_INT.withOrder(BE), 0));
            assertEquals((short) 0xfffe, back.get(ValueLayout.JAVA_SHORT.withOrder(BE), 4));
        }
    }

    @Test
    void epollEventUnpacks() {
        StructLayout h = LinuxArch.host().struct("epoll_event"), g = LinuxArch.get("riscv64").struct("epoll_event");
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment host = arena.allocate(h.size() * 2L), guest = arena.allocate(g.size() * 2L);
            host.set(ValueLayout.JAVA_INT_UNALIGNED, 12, 1);
            host.set(ValueLayout.JAVA_LONG_UNALIGNED, 16, 0x1122334455667788L);
            StructConverter.copy(host, 12, h, LE, guest, 16, g, LE);
            assertEquals(1, guest.get(ValueLayout.JAVA_INT, 16));
            assertEquals(0x1122334455667788L, guest.get(ValueLayout.JAVA_LONG, 24));
        }
    }
}
