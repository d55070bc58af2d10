package io.mimic.linuxuser.syscall;

import io.mimic.linuxuser.abi.RiscvLinuxAbi;
import io.mimic.syscalls.linux.LinuxArch;
import io.mimic.syscalls.linux.SyscallTable;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class SyscallRegistryTest {
    private final RiscvLinuxAbi abi = new RiscvLinuxAbi();
    private final SyscallRegistry registry = LinuxSyscalls.registry(abi);
    private final SyscallTable host = LinuxArch.host().syscalls();

    /** A handler for a name no guest table has would never run: a typo. */
    @Test
    void everyHandledNameIsAGuestCall() {
        SyscallTable riscv = abi.syscallTable(), aarch64 = LinuxArch.get("aarch64").syscalls();
        for (String name : registry.names()) {
            assertTrue(riscv.byName(name) != null || aarch64.byName(name) != null, name);
        }
    }

    /** A passthrough goes to a host call the host table has; every other handler converts. */
    @Test
    void everyPassthroughHasItsHostCall() {
        int passthroughs = 0;
        for (String name : registry.names()) {
            if (registry.get(name) instanceof Passthrough p) {
                passthroughs++;
                assertNotNull(host.byName(p.hostName()), name + " -> " + p.hostName());
            }
        }
        assertTrue(passthroughs > 100, "most calls are table-like passthroughs: " + passthroughs);
    }

    @Test
    void whatGlibcStaticProgramsCallIsHandled() {
        for (String name : List.of("read", "write", "openat", "close", "lseek", "pread64", "pwrite64", "readv", "writev",
                "preadv", "pwritev", "newfstatat", "fstat", "statx", "statfs", "fstatfs", "getdents64", "mkdirat",
                "unlinkat", "renameat2", "linkat", "symlinkat", "readlinkat", "faccessat", "faccessat2", "fchmod",
                "fchmodat", "fchown", "fchownat", "utimensat", "truncate", "ftruncate", "fallocate", "fsync",
                "fdatasync", "sync", "mknodat", "umask", "chdir", "fchdir", "getcwd", "dup", "dup3", "fcntl", "pipe2",
                "ioctl", "flock", "sendfile", "copy_file_range", "splice", "ppoll", "pselect6", "epoll_create1",
                "epoll_ctl", "epoll_pwait", "eventfd2", "timerfd_create", "timerfd_settime", "memfd_create",
                "close_range", "brk", "mmap", "munmap", "mprotect", "mremap", "madvise", "msync", "exit", "exit_group",
                "getpid", "getppid", "gettid", "getuid", "geteuid", "getgid", "getegid", "getresuid", "getresgid",
                "setuid", "setgid", "getgroups", "setgroups", "prlimit64", "getrlimit", "setrlimit", "getrusage",
                "times", "sysinfo", "uname", "getrandom", "getpriority", "setpriority", "sched_getaffinity",
                "sched_yield", "prctl", "set_tid_address", "set_robust_list", "get_robust_list", "clock_gettime",
                "clock_getres", "clock_nanosleep", "nanosleep", "gettimeofday", "kill", "tkill", "tgkill",
                "rt_sigaction", "rt_sigprocmask", "rt_sigpending", "sigaltstack", "membarrier", "socket",
                "socketpair", "riscv_flush_icache", "clone", "clone3", "futex")) {
            assertNotNull(registry.get(name), name);
        }
    }

    /** Left -ENOSYS on purpose (see docs/SYSCALLS.md): rseq as qemu-user does, the rest unsafe or not yet emulated. */
    @Test
    void deliberatelyUnimplemented() {
        for (String name : List.of("rseq", "io_setup", "io_uring_setup", "seccomp", "bpf", "reboot", "kexec_load",
                "init_module", "ptrace", "userfaultfd", "process_vm_readv", "pkey_alloc", "memfd_secret",
                "shmat", "unshare", "setns", "landlock_restrict_self", "mseal")) {
            assertNull(registry.get(name), name);
        }
    }

    @Test
    void passthroughSpecsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> Passthrough.of("read", "f w9 i"));
        assertThrows(IllegalArgumentException.class, () -> Passthrough.of("read", "q"));
        assertThrows(IllegalArgumentException.class, () -> Passthrough.of("read", "f w2 i : ptr"));
        assertThrows(IllegalArgumentException.class, () -> Passthrough.of("read", "fd"));
        assertThrows(IllegalStateException.class, () -> Passthrough.of("no_such_call", ""));
        assertEquals("openat", Passthrough.of("openat", "d p o i : fd").hostName());
        Passthrough.of("utimensat", "d p <timespec*2 i");
        Passthrough.of("preadv2", "f vw2 i i i i");
        Passthrough.of("memfd_create", "s c1 : fd");
    }
}
