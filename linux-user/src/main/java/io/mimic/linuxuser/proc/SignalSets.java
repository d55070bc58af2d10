package io.mimic.linuxuser.proc;

import io.mimic.linuxuser.process.GuestProcess;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** The guest's ignored and caught signals as /proc shows them: bit (sig - 1) of a 64-bit set. */
final class SignalSets {
    private SignalSets() {}

    static long ignored(GuestProcess p) {
        long set = 0;
        for (int sig = 1; sig < p.sigactions.length; sig++) if (handlerOf(p, p.sigactions[sig]) == 1) set |= 1L << (sig - 1);
        return set;
    }

    static long caught(GuestProcess p) {
        long set = 0;
        for (int sig = 1; sig < p.sigactions.length; sig++) if (handlerOf(p, p.sigactions[sig]) > 1) set |= 1L << (sig - 1);
        return set;
    }

    /** sa_handler is the first word of every 64-bit Linux ABI's struct sigaction (0 SIG_DFL, 1 SIG_IGN). */
    private static long handlerOf(GuestProcess p, byte[] act) {
        if (act == null || act.length < 8) return 0;
        return MemorySegment.ofArray(act).get(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(p.abi.frontendByteOrder()), 0);
    }
}
