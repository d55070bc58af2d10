package io.mimic.linuxuser.syscall;

import io.mimic.linuxuser.host.HostSyscalls;
import io.mimic.linuxuser.process.GuestThread;
import io.mimic.linuxuser.signal.ProcessTimers;
import io.mimic.linuxuser.signal.SignalConstants;
import io.mimic.syscalls.linux.Errno;
import io.mimic.syscalls.linux.Signals;
import io.mimic.syscalls.linux.StructLayout;
import io.mimic.translator.memory.GuestAccess;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Timers that signal the process: setitimer/getitimer (alarm in libc) and the POSIX timers
 * (timer_create...). They run in Mimic (signal/ProcessTimers): a host timer would signal the JVM.
 */
final class TimerSyscalls {
    private static final long NANOS = 1_000_000_000L;
    private static final int SIGEV_SIGNAL = 0, SIGEV_NONE = 1, SIGEV_THREAD = 2, SIGEV_THREAD_ID = 4;
    private static final int TIMER_ABSTIME = 1;

    private TimerSyscalls() {}

    static void register(SyscallRegistry r) {
        r.register("setitimer", TimerSyscalls::setitimer);
        r.register("getitimer", a -> {
            if (a.intArg(0) < 0 || a.intArg(0) > 2) return -Errno.EINVAL;
            writeTimer(a, a.arg(1), "itimerval", "usec", ProcessTimers.of(a.process).itimer(a.intArg(0)));
            return 0;
        });
        r.register("timer_create", TimerSyscalls::timerCreate);
        r.register("timer_settime", TimerSyscalls::timerSettime);
        r.register("timer_gettime", a -> {
            ProcessTimers.Timer t = ProcessTimers.of(a.process).posix(a.intArg(0));
            if (t == null) return -Errno.EINVAL;
            writeTimer(a, a.arg(1), "itimerspec", "nsec", t);
            return 0;
        });
        r.register("timer_getoverrun", a -> {
            ProcessTimers.Timer t = ProcessTimers.of(a.process).posix(a.intArg(0));
            return t == null ? -Errno.EINVAL : t.overrun();
        });
        r.register("timer_delete", a -> ProcessTimers.of(a.process).delete(a.intArg(0)) ? 0 : -Errno.EINVAL);
    }

    /** setitimer: ITIMER_REAL (SIGALRM), ITIMER_VIRTUAL (SIGVTALRM), ITIMER_PROF (SIGPROF). */
    private static long setitimer(SyscallArgs a) {
        int which = a.intArg(0);
        if (which < 0 || which > 2) return -Errno.EINVAL;
        ProcessTimers.Timer t = ProcessTimers.of(a.process).itimer(which);
        long[] v = a.arg(1) != 0 ? readTimer(a, a.arg(1), "itimerval", "usec", 1000) : new long[2];
        if (v == null) return -Errno.EINVAL;
        if (a.arg(2) != 0) writeTimer(a, a.arg(2), "itimerval", "usec", t);
        t.arm(v[1], v[1] == 0 ? 0 : v[0]);
        return 0;
    }

    private static long timerCreate(SyscallArgs a) {
        int clock = a.intArg(0);
        if (!validClock(clock)) return -Errno.EINVAL;
        SignalConstants c = SignalConstants.of(a.arch());
        int signo = c.sigAlrm, notify = SIGEV_SIGNAL;
        long value = 0;
        GuestThread thread = null;
        if (a.arg(1) != 0) {
            StructLayout ev = a.arch().struct("sigevent");
            a.checkGuest(a.arg(1), ev.size(), false);
            MemorySegment m = GuestAccess.raw();
            value = StructConverter.field(m, a.arg(1), ev, "value", a.order());
            signo = (int) StructConverter.field(m, a.arg(1), ev, "signo", a.order());
            notify = (int) StructConverter.field(m, a.arg(1), ev, "notify", a.order());
            if (notify == SIGEV_THREAD_ID) {
                thread = a.process.thread((int) StructConverter.field(m, a.arg(1), ev, "tid", a.order()));
                if (thread == null) return -Errno.EINVAL;
            } else if (notify != SIGEV_SIGNAL && notify != SIGEV_NONE) {
                // SIGEV_THREAD is carried out by libc (a helper thread and SIGEV_THREAD_ID).
                return -Errno.EINVAL;
            }
            if (notify != SIGEV_NONE && (signo < 1 || signo > Signals.SIGRTMAX)) return -Errno.EINVAL;
        }
        a.checkGuest(a.arg(2), 4, true);
        // Without a sigevent the value is the timer's id, as the kernel fills it in.
        ProcessTimers.Timer t = ProcessTimers.of(a.process).create(notify == SIGEV_NONE ? 0 : signo, value,
                a.arg(1) == 0, thread, clock);
        a.writeInt(a.arg(2), t.id());
        return 0;
    }

    private static long timerSettime(SyscallArgs a) {
        ProcessTimers.Timer t = ProcessTimers.of(a.process).posix(a.intArg(0));
        if (t == null) return -Errno.EINVAL;
        long[] v = readTimer(a, a.arg(2), "itimerspec", "nsec", 1);
        if (v == null) return -Errno.EINVAL;
        if (a.arg(3) != 0) writeTimer(a, a.arg(3), "itimerspec", "nsec", t);
        long first = v[1];
        if ((a.intArg(1) & TIMER_ABSTIME) != 0 && first != 0) {
            first = Math.max(1, first - hostClockNanos(t.clock()));
        }
        t.arm(first, first == 0 ? 0 : v[0]);
        return 0;
    }

    private static boolean validClock(int clock) {
        return clock == 0 || clock == 1 || clock == 2 || clock == 3 || clock == 7;
    }

    /** The host's reading of {@code clock}, for absolute expiry times. */
    private static long hostClockNanos(int clock) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ts = arena.allocate(16, 8);
            HostSyscalls.call(HostSyscalls.number("clock_gettime"), clock, ts.address());
            return ts.get(ValueLayout.JAVA_LONG, 0) * NANOS + ts.get(ValueLayout.JAVA_LONG, 8);
        }
    }

    /** {interval, value} in nanoseconds from an itimerval ({@code unit} usec, scale 1000) or itimerspec; null if invalid. */
    private static long[] readTimer(SyscallArgs a, long addr, String struct, String unit, long scale) {
        StructLayout l = a.arch().struct(struct);
        a.checkGuest(addr, l.size(), false);
        MemorySegment m = GuestAccess.raw();
        long[] out = new long[2];
        String[] parts = {"interval", "value"};
        for (int i = 0; i < 2; i++) {
            long sec = StructConverter.field(m, addr, l, parts[i] + "_sec", a.order());
            long frac = StructConverter.field(m, addr, l, parts[i] + "_" + unit, a.order());
            if (sec < 0 || frac < 0 || frac >= NANOS / scale) return null;
            out[i] = sec > Long.MAX_VALUE / NANOS - 1 ? Long.MAX_VALUE / 2 : sec * NANOS + frac * scale;
        }
        return out;
    }

    private static void writeTimer(SyscallArgs a, long addr, String struct, String unit, ProcessTimers.Timer t) {
        StructLayout l = a.arch().struct(struct);
        a.checkGuest(addr, l.size(), true);
        MemorySegment m = GuestAccess.raw();
        long scale = unit.equals("usec") ? 1000 : 1;
        long[] v = {t.interval(), t.remaining()};
        String[] parts = {"interval", "value"};
        for (int i = 0; i < 2; i++) {
            // A remaining time is rounded up: a timer that has not expired never reads as zero.
            long frac = (v[i] % NANOS + scale - 1) / scale;
            long sec = v[i] / NANOS;
            if (frac * scale >= NANOS) {
                sec++;
                frac = 0;
            }
            StructConverter.setField(m, addr, l, parts[i] + "_sec", sec, a.order());
            StructConverter.setField(m, addr, l, parts[i] + "_" + unit, frac, a.order());
        }
    }
}
