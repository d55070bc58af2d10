package io.mimic.linuxuser.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteOrder;

import org.junit.jupiter.api.Test;

/** The kernel's queueing rules: standard signals merge, real-time ones queue, order of taking. */
class PendingSignalsTest {
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    private static SigInfo user(int sig, int pid) {
        return SigInfo.fromProcess(sig, SigInfo.SI_USER, pid, 0, LE);
    }

    @Test
    void standardSignalsArePendingOnce() {
        PendingSignals p = new PendingSignals();
        assertTrue(p.add(user(10, 1)));
        assertFalse(p.add(user(10, 2)));
        SigInfo first = p.take(-1L);
        assertEquals(10, first.signo);
        assertEquals(1, java.nio.ByteBuffer.wrap(first.bytes()).order(LE).getInt(16), "the first sender's info is kept");
        assertNull(p.take(-1L));
    }

    @Test
    void realTimeSignalsQueueInOrder() {
        PendingSignals p = new PendingSignals();
        for (int pid = 1; pid <= 3; pid++) assertTrue(p.add(user(35, pid)));
        for (int pid = 1; pid <= 3; pid++) {
            assertEquals(PendingSignals.bit(35), p.bits());
            assertEquals(pid, java.nio.ByteBuffer.wrap(p.take(-1L).bytes()).order(LE).getInt(16));
        }
        assertEquals(0, p.bits());
    }

    @Test
    void synchronousFirstThenLowestNumberAmongAllowed() {
        PendingSignals p = new PendingSignals();
        p.add(user(34, 0));
        p.add(user(2, 0));
        p.add(user(11, 0));
        assertEquals(11, p.take(-1L).signo, "SIGSEGV is synchronous");
        assertEquals(34, p.take(~PendingSignals.bit(2)).signo, "blocked signals stay");
        assertEquals(2, p.take(-1L).signo);
    }

    @Test
    void discardDropsEveryInstance() {
        PendingSignals p = new PendingSignals();
        p.add(user(40, 0));
        p.add(user(40, 0));
        p.add(user(18, 0));
        p.discard(PendingSignals.bit(40));
        assertEquals(PendingSignals.bit(18), p.bits());
    }
}
