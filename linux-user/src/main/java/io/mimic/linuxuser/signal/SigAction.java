package io.mimic.linuxuser.signal;

import io.mimic.linuxuser.process.GuestProcess;
import io.mimic.syscalls.linux.Signals;
import io.mimic.syscalls.linux.StructLayout;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * A guest sigaction decoded from the raw struct that rt_sigaction recorded
 * ({@link GuestProcess#sigactions}): handler (or SIG_DFL / SIG_IGN), flags, restorer (0 where the
 * ABI has none) and the mask added while the handler runs.
 */
public record SigAction(long handler, long flags, long restorer, long mask) {
    public static final SigAction DEFAULT = new SigAction(Signals.SIG_DFL, 0, 0, 0);

    public static SigAction of(GuestProcess p, int sig) {
        byte[] raw = p.sigactions[sig];
        if (raw == null) return DEFAULT;
        StructLayout l = p.arch().struct("sigaction");
        MemorySegment m = MemorySegment.ofArray(raw);
        ByteOrder order = p.abi.frontendByteOrder();
        return new SigAction(word(m, l, "handler", order), word(m, l, "flags", order),
                l.field("restorer") != null ? word(m, l, "restorer", order) : 0, word(m, l, "mask", order));
    }

    private static long word(MemorySegment m, StructLayout l, String field, ByteOrder order) {
        return m.get(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(order), l.offset(field));
    }

    /** SA_RESETHAND: the handler runs once, then the disposition is SIG_DFL again. */
    public static void resetToDefault(GuestProcess p, int sig) {
        p.sigactions[sig] = null;
    }

    public boolean has(long flag) {
        return (flags & flag) != 0;
    }

    public boolean isDefault() {
        return handler == Signals.SIG_DFL;
    }

    public boolean isIgnore() {
        return handler == Signals.SIG_IGN;
    }
}
