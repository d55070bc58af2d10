package io.mimic.linuxuser.syscall;

import io.mimic.linuxuser.abi.RiscvLinuxAbi;
import io.mimic.linuxuser.process.GuestProcess;
import io.mimic.syscalls.linux.LinuxArch;
import io.mimic.syscalls.linux.SyscallTable;
import io.mimic.translator.memory.AddressSpace;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class StraceAndPathsTest {
    private final GuestProcess process = new GuestProcess(new RiscvLinuxAbi(), new AddressSpace(), null, "/opt/guest/prog", List.of("prog"));
    private final LinuxArch arch = LinuxArch.get("riscv64");

    private String arg(String kind, long v) {
        StringBuilder sb = new StringBuilder();
        Strace.arg(sb, kind, v, new SyscallArgs(process), arch);
        return sb.toString();
    }

    @Test
    void argumentKinds() {
        assertEquals("AT_FDCWD", arg("atfd", -100));
        assertEquals("3", arg("atfd", 3));
        assertEquals("O_RDWR|O_CREAT|O_EXCL", arg("oflags", 2 | 0100 | 0200));
        assertEquals("O_RDONLY|O_DIRECTORY|O_NONBLOCK|O_CLOEXEC", arg("oflags", 0200000 | 04000 | 02000000));
        assertEquals("0", arg("atflags", 0));
        assertEquals("AT_SYMLINK_NOFOLLOW", arg("atflags", 0x100));
        assertEquals("0755", arg("oct", 0755));
        assertEquals("NULL", arg("ptr", 0));
        assertEquals("0x00000040007ff710", arg("ptr", 0x40007ff710L));
        assertEquals("0x7ff238", arg("buf", 0x7ff238));
        assertEquals("SEEK_END", arg("whence", 2));
        assertEquals("F_DUPFD_CLOEXEC", arg("fcntlcmd", 1030));
        assertEquals("PROT_READ|PROT_WRITE", arg("prot", 3));
        assertEquals("PROT_NONE", arg("prot", 0));
        assertEquals("MAP_PRIVATE|MAP_ANONYMOUS", arg("mapflags", 0x22));
        assertEquals("CLOCK_MONOTONIC", arg("clockid", 1));
        assertEquals("SIGABRT", arg("sig", 6));
        assertEquals("R_OK|W_OK", arg("access", 6));
        assertEquals("F_OK", arg("access", 0));
        assertEquals("TCGETS", arg("ioctlreq", 0x5401));
        assertEquals("-1", arg("int", 0xffffffffL));
        assertEquals("4294967295", arg("uint", 0xffffffffL));
        assertEquals("18446744073709551615", arg("size", -1));
    }

    @Test
    void resultsAndUnknownCalls() {
        SyscallTable t = arch.syscalls();
        assertEquals(" = -1 errno=2 (No such file or directory)", Strace.result(-2, t.byName("openat")));
        assertEquals(" = 3", Strace.result(3, t.byName("openat")));
        assertEquals(" = 0x0000000000082000", Strace.result(0x82000, t.byName("brk")));
        assertEquals(" = -1 errno=38 (Function not implemented)", Strace.result(-38, null));
        assertEquals("42 Unknown syscall 500", Strace.call(42, 500, null, new SyscallArgs(process)));
        assertEquals("42 getpid()", Strace.call(42, 172, t.byName("getpid"), new SyscallArgs(process)));
        assertEquals("42 close(7)", Strace.call(42, 57, t.byName("close"), new SyscallArgs(process, 7)));
    }

    @Test
    void procSelfNamesSeeTheGuest() {
        SyscallArgs a = new SyscallArgs(process);
        assertEquals("/opt/guest/prog", GuestPaths.rewrite(a, "/proc/self/exe"));
        assertEquals("/opt/guest/prog", GuestPaths.rewrite(a, "/proc/" + process.pid() + "/exe"));
        assertTrue(GuestPaths.isProcExe(a, "/proc/thread-self/exe"));
        assertNull(GuestPaths.rewrite(a, "/proc/1/exe"), "another process's link is the host's business");
        assertNull(GuestPaths.rewrite(a, "/proc/self/maps"));
        assertNull(GuestPaths.rewrite(a, "/etc/passwd"));
        int g = process.fds.allocate(57, false, 0);
        assertEquals("/proc/self/fd/57", GuestPaths.rewrite(a, "/proc/self/fd/" + g));
        assertEquals("/proc/self/fdinfo/57", GuestPaths.rewrite(a, "/proc/self/fdinfo/" + g));
        assertEquals("/proc/self/fd/57", GuestPaths.rewrite(a, "/dev/fd/" + g));
        assertEquals("/proc/self/fd/-1", GuestPaths.rewrite(a, "/proc/self/fd/99"), "a guest fd that is not open does not exist");
        process.fds.remove(g);
    }
}
