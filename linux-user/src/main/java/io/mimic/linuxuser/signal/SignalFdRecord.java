package io.mimic.linuxuser.signal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * struct signalfd_siginfo (128 bytes, the same on every Linux ABI) from a siginfo, field by
 * field as the kernel's signalfd_copyinfo does: which union member of the siginfo holds the
 * details follows from si_code and the signal (the kernel's siginfo_layout).
 */
final class SignalFdRecord {
    static final int SIZE = 128;
    /** si_code values that select a layout (include/uapi/asm-generic/siginfo.h). */
    private static final int SI_USER = 0, SI_KERNEL = 0x80, SI_TIMER = -2, SI_SIGIO = -5;

    private enum Layout { KILL, TIMER, RT, CHLD, FAULT, POLL, SYS }

    private SignalFdRecord() {}

    static byte[] of(SigInfo info, SignalConstants c, String signalName, ByteOrder order) {
        ByteBuffer si = ByteBuffer.wrap(info.bytes()).order(order);
        ByteBuffer out = ByteBuffer.allocate(SIZE).order(order);
        int code = si.getInt(8);
        out.putInt(0, si.getInt(0)).putInt(4, si.getInt(4)).putInt(8, code);
        switch (layout(info.signo, code, c, signalName)) {
            case KILL -> out.putInt(12, si.getInt(16)).putInt(16, si.getInt(20));
            case TIMER -> out.putInt(24, si.getInt(16)).putInt(32, si.getInt(20)).putInt(44, si.getInt(24))
                    .putLong(48, si.getLong(24));
            case RT -> out.putInt(12, si.getInt(16)).putInt(16, si.getInt(20)).putInt(44, si.getInt(24))
                    .putLong(48, si.getLong(24));
            case CHLD -> out.putInt(12, si.getInt(16)).putInt(16, si.getInt(20)).putInt(40, si.getInt(24))
                    .putLong(56, si.getLong(32)).putLong(64, si.getLong(40));
            case FAULT -> out.putLong(72, si.getLong(16));
            case POLL -> out.putInt(28, (int) si.getLong(16)).putInt(20, si.getInt(24));
            case SYS -> out.putLong(88, si.getLong(16)).putInt(84, si.getInt(24)).putInt(96, si.getInt(28));
        }
        return out.array();
    }

    private static Layout layout(int sig, int code, SignalConstants c, String name) {
        if (code > SI_USER && code < SI_KERNEL) { // sent by the kernel for a reason of this signal
            if (sig == c.sigSegv || sig == c.sigBus || sig == c.sigIll || sig == c.sigFpe || sig == c.sigTrap) {
                return Layout.FAULT;
            }
            if (sig == c.sigChld) return Layout.CHLD;
            if ("SIGIO".equals(name) || "SIGPOLL".equals(name)) return Layout.POLL;
            if ("SIGSYS".equals(name)) return Layout.SYS;
            return Layout.KILL;
        }
        if (code == SI_TIMER) return Layout.TIMER;
        if (code == SI_SIGIO) return Layout.POLL;
        return code < 0 ? Layout.RT : Layout.KILL;
    }
}
