package io.mimic.linuxuser.syscall;

import io.mimic.linuxuser.host.HostSyscalls;
import io.mimic.linuxuser.process.GuestExit;
import io.mimic.syscalls.linux.Errno;
import io.mimic.translator.memory.GuestAccess;

import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/** Process identity, exit, limits, uname, and signal bookkeeping. */
final class ProcessSyscalls {
    private static final int UTS_FIELD = 65;

    private ProcessSyscalls() {}

    static void register(SyscallRegistry r) {
        r.register("exit", a -> { throw new GuestExit(a.intArg(0) & 0xff); });
        r.register("exit_group", a -> { throw new GuestExit(a.intArg(0) & 0xff); });
        r.register("getpid", Passthrough.of("getpid", ""));
        r.register("getppid", Passthrough.of("getppid", ""));
        r.register("gettid", Passthrough.of("gettid", ""));
        r.register("getuid", Passthrough.of("getuid", ""));
        r.register("geteuid", Passthrough.of("geteuid", ""));
        r.register("getgid", Passthrough.of("getgid", ""));
        r.register("getegid", Passthrough.of("getegid", ""));
        r.register("set_tid_address", Passthrough.of("gettid", ""));
        // The robust-futex list matters once threads exist; the kernel only records the head.
        r.register("set_robust_list", a -> a.arg(1) == 24 ? 0 : -Errno.EINVAL);
        r.register("prlimit64", Passthrough.of("prlimit64", "i i R16 W16"));
        r.register("getrlimit", a -> HostSyscalls.call(HostSyscalls.number("prlimit64"), 0, a.arg(0), 0, a.buffer(1, 16, true)));
        r.register("getrusage", Passthrough.of("getrusage", "i W144"));
        r.register("getrandom", Passthrough.of("getrandom", "w1 i i"));
        r.register("uname", ProcessSyscalls::uname);
        r.register("rt_sigaction", ProcessSyscalls::sigaction);
        r.register("rt_sigprocmask", ProcessSyscalls::sigprocmask);
        r.register("sched_yield", Passthrough.of("sched_yield", ""));
    }

    /** The host's uname with the machine field the guest expects. */
    private static long uname(SyscallArgs a) {
        long buf = a.arg(0);
        a.checkGuest(buf, UTS_FIELD * 6L, true);
        long r = HostSyscalls.call(HostSyscalls.number("uname"), a.buffer(0, UTS_FIELD * 6L, true));
        if (r < 0) return r;
        byte[] machine = new byte[UTS_FIELD];
        byte[] name = a.process.abi.name().getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(name, 0, machine, 0, name.length);
        GuestAccess.copyIn(machine, 0, buf + UTS_FIELD * 4L, UTS_FIELD);
        return 0;
    }

    /**
     * Records the guest's handler choice and returns the previous one. Delivery of signals to
     * guest handlers belongs to the signal machinery; faults take the default action until then.
     */
    private static long sigaction(SyscallArgs a) {
        int sig = a.intArg(0);
        if (sig < 1 || sig > 64 || a.arg(3) != 8) return -Errno.EINVAL;
        if ((sig == 9 || sig == 19) && a.arg(1) != 0) return -Errno.EINVAL;
        int size = a.process.abi.sigactionSize();
        byte[][] table = a.process.sigactions;
        if (a.arg(2) != 0) {
            a.checkGuest(a.arg(2), size, true);
            byte[] old = table[sig] != null ? table[sig] : new byte[size];
            GuestAccess.copyIn(old, 0, a.arg(2), size);
        }
        if (a.arg(1) != 0) {
            a.checkGuest(a.arg(1), size, false);
            byte[] act = new byte[size];
            GuestAccess.copyOut(a.arg(1), act, 0, size);
            table[sig] = act;
        }
        return 0;
    }

    private static long sigprocmask(SyscallArgs a) {
        int how = a.intArg(0);
        if (a.arg(3) != 8) return -Errno.EINVAL;
        ValueLayout.OfLong word = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(a.process.abi.frontendByteOrder());
        long old = a.process.signalMask;
        long set = 0;
        if (a.arg(1) != 0) {
            a.checkGuest(a.arg(1), 8, false);
            set = GuestAccess.raw().get(word, a.arg(1));
        }
        if (a.arg(2) != 0) {
            a.checkGuest(a.arg(2), 8, true);
            GuestAccess.raw().set(word, a.arg(2), old);
        }
        if (a.arg(1) != 0) {
            long unblockable = (1L << (9 - 1)) | (1L << (19 - 1));
            long mask = switch (how) {
                case 0 -> old | set;
                case 1 -> old & ~set;
                case 2 -> set;
                default -> throw new SyscallError(Errno.EINVAL);
            };
            a.process.signalMask = mask & ~unblockable;
        }
        return 0;
    }
}
