package io.mimic.linuxuser.process;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class FdTableTest {
    private static FdTable standard(int limit) {
        FdTable t = new FdTable(limit);
        for (int fd = 0; fd < 3; fd++) t.install(fd, fd, false);
        return t;
    }

    @Test
    void lowestFreeNumberWhateverTheHostNumber() {
        FdTable t = standard(1024);
        assertEquals(3, t.allocate(40, false, 0));
        assertEquals(4, t.allocate(41, false, 0));
        assertEquals(5, t.allocate(27, true, 0));
        assertEquals(41, t.host(4));
        assertEquals(41, t.remove(4));
        assertEquals(4, t.allocate(50, false, 0), "the freed number is reused first");
        assertEquals(6, t.allocate(51, false, 0));
        assertEquals(0, t.remove(0));
        assertEquals(0, t.allocate(52, false, 0));
    }

    @Test
    void unmappedFdsAreNotOpen() {
        FdTable t = standard(1024);
        assertEquals(-1, t.host(3));
        assertEquals(-1, t.host(25), "a number the JVM uses on the host is not the guest's");
        assertEquals(-1, t.host(-1));
        assertEquals(-1, t.host(-100));
        assertEquals(-1, t.host(1 << 30));
        assertEquals(-1, t.remove(9));
        assertFalse(t.setCloseOnExec(9, true));
    }

    @Test
    void minimumForFDupfd() {
        FdTable t = standard(100);
        assertEquals(20, t.allocate(60, false, 20));
        assertEquals(21, t.allocate(61, false, 20));
        assertEquals(3, t.allocate(62, false, 0), "a minimum does not disturb lowest-free below it");
        assertEquals(-22, t.allocate(63, false, 100), "minimum at the limit: EINVAL");
        assertEquals(-22, t.allocate(63, false, -1));
    }

    @Test
    void emfileAtTheLimit() {
        FdTable t = standard(5);
        assertEquals(3, t.allocate(10, false, 0));
        assertEquals(4, t.allocate(11, false, 0));
        assertEquals(-24, t.allocate(12, false, 0));
        t.setLimits(6, 6);
        assertEquals(5, t.allocate(12, false, 0));
        t.setLimits(3, 6);
        assertEquals(11, t.host(4), "fds above a lowered limit stay open");
        assertEquals(-24, t.allocate(13, false, 0));
    }

    @Test
    void installReplacesAndReturnsTheOldHostFd() {
        FdTable t = standard(64);
        assertEquals(-1, t.install(10, 30, true));
        assertTrue(t.closeOnExec(10));
        assertEquals(30, t.install(10, 31, false));
        assertFalse(t.closeOnExec(10));
        assertEquals(-9, t.install(64, 32, false), "at or above the limit: EBADF");
        assertEquals(-9, t.install(-1, 32, false));
        assertEquals(3, t.allocate(33, false, 0));
        t.install(4, 34, false);
        assertEquals(5, t.allocate(35, false, 0), "install at the lowest free moves it on");
    }

    @Test
    void closeOnExecIsPerGuestFd() {
        FdTable t = standard(64);
        int a = t.allocate(40, true, 0), b = t.allocate(41, false, 0);
        assertTrue(t.closeOnExec(a));
        assertFalse(t.closeOnExec(b));
        assertTrue(t.setCloseOnExec(b, true));
        assertTrue(t.closeOnExec(b));
        t.remove(a);
        assertFalse(t.closeOnExec(a));
        int c = t.allocate(42, false, 0);
        assertEquals(a, c);
        assertFalse(t.closeOnExec(c), "a reused number starts without the old flag");
    }

    @Test
    void growsBeyondItsFirstArray() {
        FdTable t = new FdTable(10000);
        for (int i = 0; i < 500; i++) assertEquals(i, t.allocate(1000 + i, false, 0));
        assertEquals(1499, t.host(499));
        assertEquals(5000, t.allocate(7, false, 5000));
        assertEquals(501, t.openFds().length);
        int[] seen = new int[1];
        t.forEachIn(100, 199, fd -> seen[0]++);
        assertEquals(100, seen[0]);
    }

    @Test
    void inheritedFdsFromTheLaunchersList() {
        assertArrayEquals(new int[] {0, 1, 2}, StandardFds.inherited(null));
        assertArrayEquals(new int[] {0, 1, 2}, StandardFds.inherited(" "));
        assertArrayEquals(new int[] {0, 1, 2, 5, 10}, StandardFds.inherited("0 1 2 5,10"));
        assertArrayEquals(new int[] {1, 7}, StandardFds.inherited("1 x -3 7 7"));
        assertArrayEquals(new int[] {3, 4}, StandardFds.inherited(",12345678 3,,4\t3 "));
    }
}
