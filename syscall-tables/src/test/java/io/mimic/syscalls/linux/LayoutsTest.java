package io.mimic.syscalls.linux;

import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class LayoutsTest {
    private final LinuxArch riscv = LinuxArch.get("riscv64"), aarch64 = LinuxArch.get("aarch64"), x86 = LinuxArch.host();

    @Test
    void statLayouts() {
        StructLayout g = riscv.struct("stat"), h = x86.struct("stat");
        assertEquals(128, g.size());
        assertEquals(144, h.size());
        assertEquals(16, g.offset("mode"));
        assertEquals(20, g.offset("nlink"));
        assertEquals(4, g.field("nlink").width());
        assertEquals(16, h.offset("nlink"));
        assertEquals(8, h.field("nlink").width());
        assertEquals(24, h.offset("mode"));
        assertEquals(4, g.field("blksize").width());
        assertEquals(8, h.field("blksize").width());
        assertSame(g, aarch64.struct("stat"));
        assertFalse(g.sameAs(h));
    }

    @Test
    void lp64StructsAreSharedAndEqual() {
        for (String s : List.of("timespec", "timeval", "rusage", "sysinfo", "statfs", "tms", "rlimit", "iovec", "pollfd", "flock", "statx", "stack_t")) {
            assertTrue(riscv.struct(s).sameAs(x86.struct(s)), s);
        }
        assertEquals(144, riscv.struct("rusage").size());
        assertEquals(112, riscv.struct("sysinfo").size());
        assertEquals(120, riscv.struct("statfs").size());
        assertEquals(256, riscv.struct("statx").size());
    }

    @Test
    void epollEventIsPackedOnX86Only() {
        assertEquals(16, riscv.struct("epoll_event").size());
        assertEquals(8, riscv.struct("epoll_event").offset("data"));
        assertEquals(12, x86.struct("epoll_event").size());
        assertEquals(4, x86.struct("epoll_event").offset("data"));
    }

    @Test
    void sigactionHasARestorerWhereTheAbiHasSaRestorer() {
        assertEquals(24, riscv.struct("sigaction").size());
        assertNull(riscv.struct("sigaction").field("restorer"));
        assertEquals(32, aarch64.struct("sigaction").size());
    }

    @Test
    void everyGuestStructExistsOnTheHost() {
        for (String arch : LinuxArch.names()) {
            LinuxArch a = LinuxArch.get(arch);
            for (String s : List.of("stat", "statfs", "statx", "timespec", "epoll_event", "pollfd", "sigaction", "rlimit", "open_how", "flock")) {
                assertTrue(a.hasStruct(s), arch + " " + s);
                assertTrue(x86.hasStruct(s), "host " + s);
            }
        }
    }

    @Test
    void openFlagsDifferOnAarch64() {
        FlagTable rv = riscv.openFlags(), arm = aarch64.openFlags(), host = x86.openFlags();
        assertEquals(0200000, rv.value("O_DIRECTORY"));
        assertEquals(040000, arm.value("O_DIRECTORY"));
        assertEquals(0100000, arm.value("O_NOFOLLOW"));
        assertEquals(02000000, rv.value("O_CLOEXEC"));
        long armFlags = arm.value("O_DIRECTORY") | arm.value("O_NOFOLLOW") | arm.value("O_RDWR") | arm.value("O_CLOEXEC");
        assertEquals(host.value("O_DIRECTORY") | host.value("O_NOFOLLOW") | 2 | host.value("O_CLOEXEC"), arm.translate(armFlags, host));
        // A bit nobody names is dropped, not passed on.
        assertEquals(0, rv.translate(1L << 30, host));
        assertEquals("O_CREAT|O_EXCL", rv.describe(0300));
        assertEquals("O_CREAT|0x40000000", rv.describe(0100 | (1L << 30)));
    }

    @Test
    void signalNumbers() {
        FlagTable s = riscv.signals();
        assertEquals(6, s.value("SIGABRT"));
        assertEquals(17, s.value("SIGCHLD"));
        assertEquals("SIGSEGV", s.symbol(11));
        assertEquals(Signals.Action.CORE, Signals.defaultAction("SIGABRT"));
        assertEquals(Signals.Action.IGNORE, Signals.defaultAction("SIGCHLD"));
        assertEquals(Signals.Action.TERMINATE, Signals.defaultAction("SIGTERM"));
        assertEquals(Signals.Action.TERMINATE, Signals.defaultAction(null));
        assertEquals("Aborted", Signals.description("SIGABRT", 6));
        assertEquals("Real-time signal 2", Signals.description(null, 34));
    }

    @Test
    void byteOrders() {
        assertEquals(ByteOrder.LITTLE_ENDIAN, riscv.byteOrder());
        assertEquals(ByteOrder.LITTLE_ENDIAN, x86.byteOrder());
    }

    @Test
    void layoutParsing() {
        StructLayout l = StructLayout.parse("t", 16, "a@0:s4 b@4:u2*2 c@8:u8");
        assertEquals(3, l.fields().size());
        assertEquals(2, l.field("b").count());
        assertTrue(l.field("a").signed());
        assertThrows(IllegalArgumentException.class, () -> StructLayout.parse("t", 8, "a@4:u8"));
        assertThrows(IllegalArgumentException.class, () -> StructLayout.parse("t", 8, "a@0:u3"));
        assertThrows(IllegalArgumentException.class, () -> StructLayout.parse("t", 8, "a@0:x4"));
    }

    @Test
    void errnoNamesAndMessages() {
        assertEquals("ENOENT", Errno.name(2));
        assertEquals("No such file or directory", Errno.message(Errno.ENOENT));
        assertEquals("Function not implemented", Errno.message(Errno.ENOSYS));
        assertEquals("Unknown error 41", Errno.message(41));
        assertEquals(110, Errno.number("ETIMEDOUT"));
        assertEquals("EHWPOISON", Errno.name(133));
    }
}
