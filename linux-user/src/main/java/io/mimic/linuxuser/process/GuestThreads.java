package io.mimic.linuxuser.process;

import io.mimic.linuxuser.host.HostSyscalls;
import io.mimic.translator.engine.CpuState;
import io.mimic.translator.engine.ExecutionLoop;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * Runs guest threads: each on a JVM platform thread of its own, with its own dispatcher loop
 * over the process's shared code cache and address space.
 *
 * <p>Thread ids: a thread created by clone gets the host tid of the platform thread that runs
 * it (gettid(2) on that thread), so guest tids are real, unique host tids, consistent with what
 * the host shows under /proc/&lt;pid&gt;/task. The first thread's tid is the process id, as for any
 * process (that host thread is the JVM's launcher thread, which lives as long as the JVM).
 *
 * <p>The JVM's main thread runs no guest code: it waits for the process to end (exit_group,
 * the last thread's exit, a fatal signal) and returns the status, so that the end never waits for
 * a guest thread blocked in a host system call.
 */
public final class GuestThreads {
    /** Stack of each platform thread (reserved, not committed): as much as the JVM's main thread. */
    private static final long STACK_SIZE = 8L << 20;
    private static final int HOST_GETTID = HostSyscalls.number("gettid");

    private GuestThreads() {}

    /** Runs the process's first thread with {@code loop}; returns the process's exit status. */
    public static int runProcess(GuestThread main, ExecutionLoop loop) {
        Thread j = Thread.ofPlatform().name("guest-" + main.tid).daemon(true).stackSize(STACK_SIZE)
                .unstarted(() -> run(main, loop));
        j.start();
        return main.process.awaitExit();
    }

    /**
     * Starts a thread of {@code process} that runs {@code cpu} (already holding the child's
     * registers). {@code setup} sees the new thread (with its tid) before it is registered and runs
     * guest code: CLONE_PARENT_SETTID/CHILD_SETTID stores, clear_child_tid. Returns the thread.
     */
    public static GuestThread spawn(GuestProcess process, CpuState cpu, String name, Consumer<GuestThread> setup) {
        Handoff h = new Handoff();
        Thread j = Thread.ofPlatform().daemon(true).stackSize(STACK_SIZE).unstarted(() -> {
            h.tid = (int) HostSyscalls.call(HOST_GETTID);
            h.tidKnown.countDown();
            awaitUninterruptibly(h.go);
            GuestThread t = h.thread;
            Thread.currentThread().setName("guest-" + t.tid);
            run(t, new ExecutionLoop(t.cpu, process.code));
        });
        j.start();
        awaitUninterruptibly(h.tidKnown);
        GuestThread t = new GuestThread(process, cpu, h.tid, name);
        cpu.system = process.systemInterface.apply(t);
        setup.accept(t);
        process.registerThread(t);
        // exit_group may have run before the registration: the new thread stops at once.
        if (process.exiting()) cpu.interruptPending = 1;
        h.thread = t;
        h.go.countDown();
        return t;
    }

    private static final class Handoff {
        final CountDownLatch tidKnown = new CountDownLatch(1), go = new CountDownLatch(1);
        volatile int tid;
        volatile GuestThread thread;
    }

    /** One thread's life: the loop ends only by an exception from the OS layer. */
    private static void run(GuestThread t, ExecutionLoop loop) {
        GuestProcess p = t.process;
        t.signals.attachCurrentThread();
        try {
            loop.run();
        } catch (io.mimic.linuxuser.exec.GuestExec e) {
            // execve of a guest program: the new image runs on this thread; its end is this process's.
            io.mimic.linuxuser.exec.GuestRunner.Image img = io.mimic.linuxuser.exec.GuestRunner.replaceImage(p, e);
            run(img.process().thread(img.process().pid()), io.mimic.linuxuser.exec.GuestRunner.newLoop(img));
            p.exitGroup(img.process().exitStatus());
        } catch (ThreadExit e) {
            p.threadExited(t, e.status);
        } catch (GuestExit e) {
            p.exitGroup(e.status);
        } catch (Throwable e) {
            System.err.println("mimic: internal error: " + e);
            if (System.getenv("MIMIC_DEBUG") != null) e.printStackTrace();
            p.exitGroup(70);
        }
    }

    /**
     * execve's de_thread: every thread of the process but {@code self} ends, as if killed (no
     * exit status, no clear_child_tid: their memory goes with the old image), before the new image
     * starts; a thread blocked in a host call is interrupted. Waits for them, up to 5 s for one
     * stuck in a call the host does not interrupt.
     */
    public static void endOthersForExec(GuestThread self) {
        GuestProcess p = self.process;
        List<GuestThread> others = new ArrayList<>();
        for (GuestThread t : p.threads()) if (t != self) others.add(t);
        for (GuestThread t : others) {
            t.endedByExec = true;
            io.mimic.linuxuser.signal.SignalDelivery.wake(t);
        }
        long deadline = System.nanoTime() + 5_000_000_000L;
        for (GuestThread t : others) {
            while (p.thread(t.tid) == t && System.nanoTime() < deadline) {
                Thread j = t.signals.javaThread();
                try {
                    if (j != null) j.join(10);
                    else Thread.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * After the process ended, waits (boundedly) for its threads to leave guest code, so the
     * memory can be released for another program in the same JVM (AOT-cache training). A thread
     * blocked in a host system call is left behind (it is a daemon thread).
     */
    public static void awaitStopped(GuestProcess p) {
        for (GuestThread t : p.threads()) {
            Thread j = t.signals.javaThread();
            if (j == null || j == Thread.currentThread()) continue;
            try {
                j.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void awaitUninterruptibly(CountDownLatch l) {
        while (true) {
            try {
                l.await();
                return;
            } catch (InterruptedException e) {
                // only the handoff releases it
            }
        }
    }
}
