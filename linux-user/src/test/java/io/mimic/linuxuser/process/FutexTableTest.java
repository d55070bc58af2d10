package io.mimic.linuxuser.process;

import io.mimic.syscalls.linux.Errno;
import io.mimic.translator.memory.AddressSpace;
import io.mimic.translator.memory.GuestAccess;
import io.mimic.translator.memory.Prot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Futex queues in isolation: value checks, keys, timeouts, interruption, requeue, PI hand-over. */
class FutexTableTest {
    private static final long PAGE = 0x7770000L, WORD = PAGE + 0x40, WORD2 = PAGE + 0x80;
    private static final AddressSpace SPACE = new AddressSpace();
    private final FutexTable f = new FutexTable(ByteOrder.LITTLE_ENDIAN);

    @BeforeAll
    static void map() {
        SPACE.map(PAGE, AddressSpace.PAGE_SIZE, Prot.READ | Prot.WRITE, "");
    }

    @AfterAll
    static void unmap() {
        SPACE.clear();
    }

    private Thread lastWaiter;

    private CompletableFuture<Long> waitAsync(long key, int expected, AtomicBoolean stop) {
        CompletableFuture<Long> r = new CompletableFuture<>();
        lastWaiter = Thread.ofPlatform().start(() -> r.complete(f.wait(key, expected, FutexTable.BITSET_MATCH_ANY, FutexTable.FOREVER, stop::get)));
        return r;
    }

    /** Wakes until one waiter is reached (the waiter may not have queued yet). */
    private int wakeOne(long key) throws InterruptedException {
        for (int i = 0; i < 2000; i++) {
            int n = f.wake(key, 1, FutexTable.BITSET_MATCH_ANY);
            if (n > 0) return n;
            Thread.sleep(1);
        }
        return 0;
    }

    @Test
    void differentValueIsEagainAndTimeoutExpires() {
        GuestAccess.setVolatile32(WORD, 5);
        assertEquals(-Errno.EAGAIN, f.wait(WORD, 4, -1, FutexTable.FOREVER, () -> false));
        assertEquals(-Errno.ETIMEDOUT, f.wait(WORD, 5, -1, System.nanoTime() + 5_000_000, () -> false));
    }

    @Test
    void privateAndSharedWaitersAreSeparate() throws Exception {
        GuestAccess.setVolatile32(WORD, 0);
        CompletableFuture<Long> priv = waitAsync(FutexTable.key(WORD, true), 0, new AtomicBoolean());
        Thread.sleep(50);
        assertEquals(0, f.wake(FutexTable.key(WORD, false), 1, -1));
        assertEquals(1, wakeOne(FutexTable.key(WORD, true)));
        assertEquals(0L, priv.get(5, TimeUnit.SECONDS));
    }

    @Test
    void interruptedWaitReturnsEintr() throws Exception {
        GuestAccess.setVolatile32(WORD, 0);
        AtomicBoolean stop = new AtomicBoolean();
        CompletableFuture<Long> w = waitAsync(WORD, 0, stop);
        Thread.sleep(50);
        stop.set(true);
        java.util.concurrent.locks.LockSupport.unpark(lastWaiter); // what GuestThread.wake does
        assertEquals((long) -Errno.EINTR, w.get(5, TimeUnit.SECONDS));
        assertEquals(0, f.wake(WORD, 1, -1));
    }

    @Test
    void requeueMovesWaiters() throws Exception {
        GuestAccess.setVolatile32(WORD, 0);
        CompletableFuture<Long> w = waitAsync(WORD, 0, new AtomicBoolean());
        long moved = 0;
        for (int i = 0; i < 2000 && moved == 0; i++) {
            moved = f.requeue(WORD, WORD2, 0, 1, true, 0);
            if (moved == 0) Thread.sleep(1);
        }
        assertEquals(1, moved);
        assertEquals(-Errno.EAGAIN, f.requeue(WORD, WORD2, 0, 1, true, 1));
        assertFalse(w.isDone());
        assertEquals(1, wakeOne(WORD2));
        assertEquals(0L, w.get(5, TimeUnit.SECONDS));
    }

    @Test
    void piUnlockHandsTheWordToTheWaiter() throws Exception {
        GuestAccess.setVolatile32(WORD, 0);
        assertEquals(0, f.lockPi(WORD, 100, true, FutexTable.FOREVER, () -> false, tid -> true));
        assertEquals(100, f.read(WORD));
        assertEquals(-Errno.EDEADLK, f.lockPi(WORD, 100, false, FutexTable.FOREVER, () -> false, tid -> true));
        CompletableFuture<Long> w = new CompletableFuture<>();
        Thread.ofPlatform().start(() -> w.complete(f.lockPi(WORD, 200, false, FutexTable.FOREVER, () -> false, tid -> true)));
        for (int i = 0; i < 2000 && (f.read(WORD) & FutexTable.FUTEX_WAITERS) == 0; i++) Thread.sleep(1);
        assertEquals(100 | FutexTable.FUTEX_WAITERS, f.read(WORD));
        assertEquals(-Errno.EPERM, f.unlockPi(WORD, 200));
        assertEquals(0, f.unlockPi(WORD, 100));
        assertEquals(0L, w.get(5, TimeUnit.SECONDS));
        assertEquals(200, f.read(WORD));
        assertEquals(0, f.unlockPi(WORD, 200));
        assertEquals(0, f.read(WORD));
    }
}
