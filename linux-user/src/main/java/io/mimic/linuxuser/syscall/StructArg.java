package io.mimic.linuxuser.syscall;

import io.mimic.syscalls.linux.LinuxArch;
import io.mimic.syscalls.linux.StructLayout;
import io.mimic.translator.memory.GuestAccess;
import io.mimic.translator.memory.HostReservation;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;

/**
 * A guest structure (or array of them) handed to a host call: {@link #host} is what the host
 * kernel gets. Where the guest's layout and byte order equal the host's, that is the guest's
 * own memory (no copy); otherwise a host copy converted field by field, copied back by
 * {@link #copyOut} after the call for structures the kernel fills.
 */
public final class StructArg {
    public enum Dir { IN, OUT, INOUT }

    /** The address to give the host kernel (0 for a null guest pointer). */
    public final long host;
    private final long guest;
    private final StructLayout guestLayout, hostLayout;
    private final ByteOrder guestOrder;
    private final int count;
    private final MemorySegment copy;

    private StructArg(long host, long guest, StructLayout g, StructLayout h, ByteOrder order, int count, MemorySegment copy) {
        this.host = host;
        this.guest = guest;
        this.guestLayout = g;
        this.hostLayout = h;
        this.guestOrder = order;
        this.count = count;
        this.copy = copy;
    }

    /** Checks the guest memory and prepares the host side; a null guest pointer stays null. */
    public static StructArg of(SyscallArgs a, long guest, String struct, int count, Dir dir) {
        LinuxArch ga = a.arch(), ha = LinuxArch.host();
        StructLayout g = ga.struct(struct), h = ha.struct(struct);
        ByteOrder order = a.order();
        if (guest == 0) return new StructArg(0, 0, g, h, order, count, null);
        long glen = (long) g.size() * count;
        if (dir != Dir.OUT) a.checkGuest(guest, glen, false);
        if (dir != Dir.IN) a.checkGuest(guest, glen, true);
        if (g.sameAs(h) && order == ha.byteOrder()) {
            return new StructArg(HostReservation.hostAddress(guest), guest, g, h, order, count, null);
        }
        MemorySegment copy = a.arena().allocate((long) h.size() * count, 8);
        if (dir != Dir.OUT) {
            MemorySegment m = GuestAccess.raw();
            for (int i = 0; i < count; i++) {
                StructConverter.copy(m, guest + (long) i * g.size(), g, order, copy, (long) i * h.size(), h, ha.byteOrder());
            }
        }
        return new StructArg(copy.address(), guest, g, h, order, count, copy);
    }

    public static StructArg in(SyscallArgs a, long guest, String struct) {
        return of(a, guest, struct, 1, Dir.IN);
    }

    public static StructArg out(SyscallArgs a, long guest, String struct) {
        return of(a, guest, struct, 1, Dir.OUT);
    }

    /** After the host call: copies what the kernel wrote back into the guest (if it was a copy). */
    public void copyOut() {
        if (copy == null || guest == 0) return;
        MemorySegment m = GuestAccess.raw();
        ByteOrder ho = LinuxArch.host().byteOrder();
        for (int i = 0; i < count; i++) {
            StructConverter.copy(copy, (long) i * hostLayout.size(), hostLayout, ho, m, guest + (long) i * guestLayout.size(), guestLayout, guestOrder);
        }
    }
}
