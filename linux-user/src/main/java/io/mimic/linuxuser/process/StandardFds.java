package io.mimic.linuxuser.process;

import io.mimic.linuxuser.host.HostFds;
import io.mimic.linuxuser.host.HostSyscalls;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** The fd table a program starts with: guest 0, 1, 2 are host 0, 1, 2 where the host has them open. */
final class StandardFds {
    private static final int RLIMIT_NOFILE = 7;

    private StandardFds() {}

    static FdTable table() {
        long[] nofile = nofileLimits();
        FdTable t = new FdTable(nofile[0], nofile[1]);
        for (int fd = 0; fd <= 2; fd++) {
            if (HostFds.isOpen(fd)) t.install(fd, fd, false);
        }
        return t;
    }

    /** The host's RLIMIT_NOFILE (soft, hard), where the guest's start (1024 if it cannot be read). */
    private static long[] nofileLimits() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment rl = arena.allocate(16, 8);
            long r = HostSyscalls.call(HostSyscalls.number("prlimit64"), 0, RLIMIT_NOFILE, 0, rl.address());
            return r < 0 ? new long[] {1024, 1024} : new long[] {rl.get(ValueLayout.JAVA_LONG, 0), rl.get(ValueLayout.JAVA_LONG, 8)};
        }
    }
}
