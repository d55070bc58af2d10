package io.mimic.linuxuser.signal;

import io.mimic.linuxuser.process.GuestProcess;
import io.mimic.linuxuser.process.GuestThread;

import java.nio.ByteOrder;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A process's timers that send signals: the three interval timers of setitimer/alarm and the
 * POSIX timers of timer_create. Host timers would signal the JVM, so they run on one Java
 * scheduler thread (started at the first timer) that queues the guest signal when a timer
 * expires ({@link SignalDelivery#send}); the receiving thread takes it at its next safe point,
 * or is woken if it waits.
 *
 * <p>Approximations, documented in docs/SYSCALLS.md: ITIMER_VIRTUAL and ITIMER_PROF count wall
 * time, not the process's CPU time (a running guest spends its wall time on the CPU; one that
 * sleeps gets its SIGVTALRM early), and so do timers on the CPU-time clocks.
 */
public final class ProcessTimers {
    public static final int ITIMER_REAL = 0, ITIMER_VIRTUAL = 1, ITIMER_PROF = 2;

    private final GuestProcess process;
    private final ScheduledThreadPoolExecutor scheduler;
    private final Timer[] itimers = new Timer[3];
    private final Map<Integer, Timer> posix = new ConcurrentHashMap<>();
    private int nextId;

    private ProcessTimers(GuestProcess process) {
        this.process = process;
        scheduler = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "mimic-timers");
            t.setDaemon(true);
            return t;
        });
        scheduler.setRemoveOnCancelPolicy(true);
        SignalConstants c = SignalConstants.of(process.arch());
        int[] sigs = {c.sigAlrm, c.sigVtalrm, c.sigProf};
        for (int i = 0; i < 3; i++) itimers[i] = new Timer(-1, sigs[i], 0, null);
    }

    /** The process's timers, created at first use. */
    public static ProcessTimers of(GuestProcess p) {
        ProcessTimers t = p.timers;
        if (t != null) return t;
        synchronized (p) {
            if (p.timers == null) p.timers = new ProcessTimers(p);
            return p.timers;
        }
    }

    public Timer itimer(int which) {
        return itimers[which];
    }

    /**
     * timer_create: a new timer on {@code clock} sending {@code signo} (0: none) with {@code value}
     * (or its own id) to the process or to {@code thread}.
     */
    public synchronized Timer create(int signo, long value, boolean valueIsId, GuestThread thread, int clock) {
        int id = nextId++;
        Timer t = new Timer(id, signo, valueIsId ? id : value, thread);
        t.clock = clock;
        posix.put(t.id, t);
        return t;
    }

    public Timer posix(int id) {
        return posix.get(id);
    }

    public boolean delete(int id) {
        Timer t = posix.remove(id);
        if (t == null) return false;
        t.arm(0, 0);
        return true;
    }

    /** One timer: armed or not, its next expiry and period, and the overrun count of its queued signal. */
    public final class Timer {
        final int id;
        private final int signo;
        private final long value;
        private final GuestThread thread;
        private ScheduledFuture<?> future;
        private long deadline, interval;
        private boolean armed, queued;
        private int overrun, lastOverrun;
        private int clock;

        Timer(int id, int signo, long value, GuestThread thread) {
            this.id = id;
            this.signo = signo;
            this.value = value;
            this.thread = thread;
        }

        public int id() {
            return id;
        }

        /** The clock of a POSIX timer (CLOCK_REALTIME, CLOCK_MONOTONIC...). */
        public int clock() {
            return clock;
        }

        /** Arms the timer to expire in {@code firstNanos} (0 disarms), then every {@code intervalNanos}. */
        public synchronized void arm(long firstNanos, long intervalNanos) {
            if (future != null) future.cancel(false);
            future = null;
            armed = firstNanos > 0;
            interval = intervalNanos;
            if (!armed) return;
            deadline = System.nanoTime() + firstNanos;
            future = scheduler.schedule(this::expire, firstNanos, TimeUnit.NANOSECONDS);
        }

        /** Nanoseconds until the next expiry (0 if disarmed). */
        public synchronized long remaining() {
            return armed ? Math.max(1, deadline - System.nanoTime()) : 0;
        }

        public synchronized long interval() {
            return interval;
        }

        public synchronized int overrun() {
            return lastOverrun;
        }

        private void expire() {
            boolean send;
            synchronized (this) {
                if (!armed) return;
                send = !queued;
                if (queued) overrun++;
                queued = true;
                if (interval > 0) {
                    deadline += interval;
                    long now = System.nanoTime();
                    // Expiries missed while the scheduler was late count as overruns, as the kernel's do.
                    while (deadline <= now) {
                        deadline += interval;
                        overrun++;
                    }
                    future = scheduler.schedule(this::expire, deadline - now, TimeUnit.NANOSECONDS);
                } else {
                    armed = false;
                    future = null;
                }
            }
            if (!send || signo == 0) return;
            ByteOrder order = process.abi.frontendByteOrder();
            SigInfo info = id < 0 ? SigInfo.kernel(signo, order) : SigInfo.timer(signo, this, value, order);
            if (id < 0) {
                synchronized (this) {
                    queued = false; // interval timers have no overrun count: a second SIGALRM merges
                }
            }
            SignalDelivery.send(process, thread, info);
        }

        /** The timer's signal was taken: it reports the overruns since, and may be queued again. */
        synchronized void dequeued(SigInfo info, ByteOrder order) {
            queued = false;
            lastOverrun = overrun;
            info.overrun(overrun, order);
            overrun = 0;
        }
    }
}
