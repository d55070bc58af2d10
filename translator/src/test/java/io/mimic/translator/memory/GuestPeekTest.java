package io.mimic.translator.memory;

import org.junit.jupiter.api.Test;

import java.lang.foreign.ValueLayout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The translator's and OS layer's reads (GuestAccess.peek*): the guest's bytes, little-endian and
 * unaligned as the host reads them, and never an address outside the host reservation, whatever
 * a caller passes.
 */
class GuestPeekTest {
    private static final long A = 0x5_0000_1003L; // unaligned on purpose

    @Test
    void readsTheBytesTheReservationHolds() {
        var raw = GuestAccess.raw();
        raw.set(ValueLayout.JAVA_LONG_UNALIGNED, A, 0x1122334455667788L);
        try {
            assertEquals(0x1122334455667788L, GuestAccess.peekLong(A));
            assertEquals(0x55667788, GuestAccess.peekInt(A));
            assertEquals(0x7788, GuestAccess.peekShort(A));
            assertEquals(0x88, GuestAccess.peekByte(A));
            assertEquals(0x11, GuestAccess.peekByte(A + 7));
            assertEquals(0xFFFF & 0x3344, GuestAccess.peekShort(A + 4));
        } finally {
            raw.set(ValueLayout.JAVA_LONG_UNALIGNED, A, 0L);
        }
    }

    @Test
    void neverReadsOutsideTheReservation() {
        long end = HostReservation.SIZE;
        assertThrows(IndexOutOfBoundsException.class, () -> GuestAccess.peekByte(-1));
        assertThrows(IndexOutOfBoundsException.class, () -> GuestAccess.peekLong(Long.MIN_VALUE));
        assertThrows(IndexOutOfBoundsException.class, () -> GuestAccess.peekByte(end));
        assertThrows(IndexOutOfBoundsException.class, () -> GuestAccess.peekLong(end - 7));
        assertThrows(IndexOutOfBoundsException.class, () -> GuestAccess.peekInt(end - 3));
        assertThrows(IndexOutOfBoundsException.class, () -> GuestAccess.peekShort(end - 1));
        assertEquals(0, GuestAccess.peekLong(end - 8), "the last 8 bytes are inside and unmapped (zero)");
    }
}
