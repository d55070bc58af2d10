package io.mimic.syscalls.linux;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class SyscallTableTest {
    private final SyscallTable riscv = LinuxArch.get("riscv64").syscalls();
    private final SyscallTable aarch64 = LinuxArch.get("aarch64").syscalls();
    private final SyscallTable x86 = LinuxArch.host().syscalls();

    @Test
    void riscv64NumbersAreTheKernels() {
        assertEquals(56, riscv.number("openat"));
        assertEquals(57, riscv.number("close"));
        assertEquals(63, riscv.number("read"));
        assertEquals(64, riscv.number("write"));
        assertEquals(79, riscv.number("newfstatat"));
        assertEquals(80, riscv.number("fstat"));
        assertEquals(93, riscv.number("exit"));
        assertEquals(94, riscv.number("exit_group"));
        assertEquals(163, riscv.number("getrlimit"));
        assertEquals(222, riscv.number("mmap"));
        assertEquals(258, riscv.number("riscv_hwprobe"));
        assertEquals(259, riscv.number("riscv_flush_icache"));
        assertEquals(276, riscv.number("renameat2"));
        assertEquals(293, riscv.number("rseq"));
        assertEquals(435, riscv.number("clone3"));
        assertEquals(447, riscv.number("memfd_secret"));
        assertEquals(462, riscv.number("mseal"));
    }

    @Test
    void riscv64LacksTheOldCalls() {
        assertEquals(-1, riscv.number("renameat"), "riscv64 has only renameat2");
        assertEquals(-1, riscv.number("open"));
        assertEquals(-1, riscv.number("stat"));
        assertEquals(-1, riscv.number("fcntl64"));
        assertNull(riscv.byNumber(38));
        assertNull(riscv.byNumber(42));
    }

    @Test
    void aarch64IsTheSameNumberingWithRenameat() {
        assertEquals(38, aarch64.number("renameat"));
        assertEquals(-1, aarch64.number("riscv_hwprobe"));
        assertEquals(-1, aarch64.number("riscv_flush_icache"));
        for (SyscallTable.Entry e : riscv.entries()) {
            if (e.name().startsWith("riscv_")) continue;
            assertEquals(e.number(), aarch64.number(e.name()), e.name());
        }
        assertEquals(riscv.size() - 2 + 1, aarch64.size());
    }

    @Test
    void x86_64NumbersAreTheKernels() {
        assertEquals(0, x86.number("read"));
        assertEquals(3, x86.number("close"));
        assertEquals(5, x86.number("fstat"));
        assertEquals(72, x86.number("fcntl"));
        assertEquals(217, x86.number("getdents64"));
        assertEquals(257, x86.number("openat"));
        assertEquals(262, x86.number("newfstatat"));
        assertEquals(302, x86.number("prlimit64"));
        assertEquals(316, x86.number("renameat2"));
        assertEquals(332, x86.number("statx"));
        assertEquals(334, x86.number("rseq"));
        assertEquals(434, x86.number("pidfd_open"));
        assertEquals(439, x86.number("faccessat2"));
        assertEquals(452, x86.number("fchmodat2"));
        assertNull(x86.byNumber(512), "no x32 entries");
        // 0..335 are all assigned on x86_64
        for (int n = 0; n <= 335; n++) assertNotNull(x86.byNumber(n), "x86_64 " + n);
    }

    @Test
    void sharedNumbersFrom424() {
        for (SyscallTable.Entry e : riscv.entries()) {
            if (e.number() >= 424) assertEquals(e.number(), x86.number(e.name()), e.name());
        }
    }

    @Test
    void argumentKindsAreKnownAndCountsFit() {
        for (SyscallTable t : new SyscallTable[] {riscv, aarch64, x86}) {
            for (SyscallTable.Entry e : t.entries()) {
                assertTrue(e.args().size() <= 6, e.name());
                for (String k : e.args()) assertTrue(SyscallTable.ARG_KINDS.contains(k), e.name() + ": " + k);
            }
        }
        assertEquals(java.util.List.of("atfd", "path", "oflags", "oct"), riscv.byName("openat").args());
        assertEquals("ptr", riscv.byName("mmap").result());
        assertNull(riscv.byName("read").result());
    }

    @Test
    void sameCallSameArgumentCountOnGuestAndHost() {
        // Argument lists are written per table; a call both have should agree on its arity.
        Set<String> differ = Set.of("clone"); // clone's argument order differs between ABIs
        for (SyscallTable.Entry e : riscv.entries()) {
            SyscallTable.Entry h = x86.byName(e.name());
            if (h == null || differ.contains(e.name())) continue;
            assertEquals(e.args().size(), h.args().size(), e.name());
        }
    }

    @Test
    void unknownVariantIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> SyscallTable.load("asm-generic", "mips64"));
        assertThrows(IllegalArgumentException.class, () -> SyscallTable.load("no-such-table"));
    }
}
