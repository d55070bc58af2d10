package io.mimic.linuxuser.signal;

import io.mimic.linuxuser.host.HostSyscalls;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * Interrupts a guest thread that is blocked in a host system call (read on a pipe or terminal,
 * wait4, ppoll, accept...), so that a guest signal sent to it is seen: the call returns EINTR
 * and the syscall layer restarts it or reports EINTR as the guest's sigaction says.
 *
 * <p>The means is a host real-time signal that neither the JVM nor glibc uses ({@link #WAKE},
 * SIGRTMIN+6 in glibc's numbering; the JDK's NIO uses SIGRTMAX-2), sent with tgkill to the
 * blocked thread. Its handler must do nothing and must not be Java (no Java code may run in a
 * signal handler), and it must be installed without SA_RESTART so that the call is interrupted:
 * the handler is libc's {@code abs}, a leaf function that only reads its int argument, installed
 * with libc's sigaction (which supplies the x86-64 restorer), once, at the first wake-up.
 *
 * <p>A wake-up that arrives after the target checked for pending signals but before it entered
 * the call would be lost, so the sender repeats it, with a growing pause, until the target has
 * looked at its pending signals again: only the sender waits, and only in that window. A
 * wake-up that lands in a later call only makes that call restart.
 */
final class HostInterrupt {
    static final int WAKE = 40;
    private static final long SIZEOF_SIGACTION = 152, SA_FLAGS = 136;
    private static volatile boolean installed;

    private HostInterrupt() {}

    /**
     * Call after queueing a signal for {@code t}: returns once {@code t} has looked at its pending
     * signals since (so it has seen the signal), sending the wake-up signal whenever it is inside
     * a system call, with a growing pause (bounded: a thread stuck in an uninterruptible call is
     * left to finish it).
     */
    static void kick(ThreadSignals t) {
        long seen = t.checks;
        long pid = ProcessHandle.current().pid();
        long pause = 50_000;
        for (int i = 0; i < 200 && t.checks == seen; i++) {
            if (t.inHostCall) {
                install();
                t.kicks++;
                HostSyscalls.call(HostSyscalls.number("tgkill"), pid, t.hostTid, WAKE);
            }
            LockSupport.parkNanos(pause);
            pause = Math.min(pause * 2, 20_000_000);
        }
    }

    private static synchronized void install() {
        if (installed) return;
        Linker linker = Linker.nativeLinker();
        MemorySegment abs = linker.defaultLookup().find("abs").orElseThrow();
        MethodHandle sigaction = linker.downcallHandle(linker.defaultLookup().find("sigaction").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment act = arena.allocate(SIZEOF_SIGACTION, 8);
            act.set(ValueLayout.ADDRESS, 0, abs);
            act.set(ValueLayout.JAVA_INT, SA_FLAGS, 0); // no SA_RESTART: the call must return EINTR
            int r = (int) sigaction.invokeExact(WAKE, act, MemorySegment.NULL);
            if (r != 0) throw new IllegalStateException("cannot install the host wake-up signal handler");
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
        installed = true;
    }
}
