package io.mimic.linuxuser.host;

import io.mimic.syscalls.linux.SyscallTable;
import io.mimic.translator.memory.HostSyscall;

/** Host system calls by name (numbers from the host's x86_64 table). */
public final class HostSyscalls {
    private static final SyscallTable HOST = SyscallTable.load("x86_64");

    private HostSyscalls() {}

    /** The host number of a call, failing loudly if the host table lacks it (a Mimic bug). */
    public static int number(String name) {
        int n = HOST.number(name);
        if (n < 0) throw new IllegalStateException("host syscall table has no " + name);
        return n;
    }

    /** {@link HostSyscall#call} with the arguments not given as 0. */
    public static long call(int hostNumber, long... args) {
        long[] a = new long[6];
        System.arraycopy(args, 0, a, 0, args.length);
        return HostSyscall.call(hostNumber, a[0], a[1], a[2], a[3], a[4], a[5]);
    }
}
