package io.mimic.linuxuser.syscall;

import io.mimic.linuxuser.process.GuestExit;
import io.mimic.linuxuser.process.GuestProcess;
import io.mimic.linuxuser.process.GuestThread;
import io.mimic.linuxuser.process.ThreadExit;
import io.mimic.linuxuser.signal.SignalDelivery;
import io.mimic.linuxuser.signal.ThreadSignals;
import io.mimic.syscalls.linux.Errno;
import io.mimic.syscalls.linux.SyscallTable;
import io.mimic.translator.engine.CpuState;
import io.mimic.translator.engine.SystemInterface;

/**
 * Carries out guest system calls: the ABI's table turns the number into a name, the registry
 * gives the handler. A number without a handler returns -ENOSYS (and -strace shows it). One
 * dispatcher serves the whole process; each thread's CPU reaches it through
 * {@link #forThread}, which knows the calling thread.
 */
public final class SyscallDispatcher {
    private final GuestProcess process;
    private final SyscallTable table;
    private final SyscallHandler[] byNumber;
    private final SyscallTable.Entry[] entries;

    public SyscallDispatcher(GuestProcess process, SyscallRegistry registry) {
        this.process = process;
        this.table = process.abi.syscallTable();
        int max = table.entries().stream().mapToInt(SyscallTable.Entry::number).max().orElse(0);
        byNumber = new SyscallHandler[max + 1];
        entries = new SyscallTable.Entry[max + 1];
        for (SyscallTable.Entry e : table.entries()) {
            byNumber[e.number()] = registry.get(e.name());
            entries[e.number()] = e;
        }
    }

    /** The OS interface for one thread's CPU. */
    public SystemInterface forThread(GuestThread thread) {
        return new SystemInterface() {
            @Override
            public void systemCall(CpuState cpu) {
                SyscallDispatcher.this.systemCall(thread);
            }

            @Override
            public void fault(CpuState cpu) {
                SignalDelivery.fault(thread);
            }

            /** A sender set interruptPending: take the signals now (a safe point between units). */
            @Override
            public void interrupt(CpuState cpu) {
                // exit_group (or a fatal signal) in another thread: this one stops here.
                if (process.exiting()) throw new GuestExit(process.exitStatus());
                if (thread.endedByExec) throw new ThreadExit(0);
                SignalDelivery.deliverPending(thread, 0, 0);
            }
        };
    }

    private void systemCall(GuestThread thread) {
        CpuState cpu = thread.cpu;
        long nr = process.abi.syscallNumber(cpu);
        boolean inTable = nr >= 0 && nr < byNumber.length;
        SyscallHandler h = inTable ? byNumber[(int) nr] : null;
        SyscallTable.Entry entry = inTable ? entries[(int) nr] : null;
        long result;
        ThreadSignals signals = thread.signals;
        if (signals.javaThread() != Thread.currentThread()) signals.attachCurrentThread();
        long arg0 = process.abi.syscallArg(cpu, 0);
        boolean restored;
        try (SyscallArgs args = new SyscallArgs(thread)) {
            String traced = process.strace != null ? Strace.call(process.pid(), nr, entry, args) : null;
            if (h == null) {
                result = -Errno.ENOSYS;
            } else {
                boolean woken = false;
                signals.enterHostCall();
                try {
                    result = h.call(args);
                } catch (SyscallError e) {
                    result = -e.errno;
                } catch (GuestExit exit) {
                    if (traced != null) process.strace.println(traced);
                    throw exit;
                } finally {
                    woken = signals.leaveHostCall();
                }
                // Another thread's execve interrupted this call: the thread ends, with no result.
                if (thread.endedByExec) throw new ThreadExit(0);
                // A host call that a guest signal interrupted: restart it or fail with EINTR, as
                // the signal's disposition says (SignalDelivery.deliverPending).
                if (woken && result == -Errno.EINTR) result = -SignalDelivery.restartCodeFor(entry.name());
            }
            if (traced != null) process.strace.println(traced + Strace.result(result, entry));
            restored = args.registersRestored;
        }
        if (!restored) process.abi.setSyscallResult(cpu, result);
        if (SignalDelivery.hasDeliverable(thread) || SignalDelivery.isRestart(result)) {
            SignalDelivery.deliverPending(thread, result, arg0);
        }
    }
}
