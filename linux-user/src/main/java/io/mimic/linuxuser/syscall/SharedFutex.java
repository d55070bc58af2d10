package io.mimic.linuxuser.syscall;

import io.mimic.linuxuser.host.HostSyscalls;
import io.mimic.translator.memory.AddressSpace;
import io.mimic.translator.memory.HostSyscall;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Futexes that other processes share. A futex without FUTEX_PRIVATE_FLAG in a MAP_SHARED
 * mapping (a process-shared mutex, semaphore or condition variable) may be waited on by another
 * process: a forked child, or any process mapping the same file. Each Mimic process is its own
 * JVM, so the process's FutexTable cannot see those waiters; but the guest's shared mappings are
 * host shared mappings of the same file, so the host kernel's futex on the same host bytes is
 * keyed as Linux keys the guest's (file and offset) and does the job. Only for guests whose byte
 * order is the host's: the kernel compares and edits the word in host order.
 */
final class SharedFutex {
    private static final int HOST_FUTEX = HostSyscalls.number("futex");

    private SharedFutex() {}

    /** True if futex op {@code cmd} at {@code addr} must be the host kernel's. */
    static boolean applies(SyscallArgs a, long addr, int op, int cmd) {
        if ((op & FutexSyscalls.FUTEX_PRIVATE_FLAG) != 0 || a.order() != ByteOrder.nativeOrder()) return false;
        switch (cmd) {
            case FutexSyscalls.FUTEX_WAIT, FutexSyscalls.FUTEX_WAKE, FutexSyscalls.FUTEX_WAIT_BITSET,
                 FutexSyscalls.FUTEX_WAKE_BITSET, FutexSyscalls.FUTEX_REQUEUE, FutexSyscalls.FUTEX_CMP_REQUEUE,
                 FutexSyscalls.FUTEX_WAKE_OP -> { }
            default -> {
                return false; // PI futexes stay the process's own
            }
        }
        AddressSpace.Mapping m = a.process.memory.mappingAt(addr);
        return m != null && m.backing().shared();
    }

    /**
     * The host's futex on the guest's bytes. {@code timeoutNanos} is the WAIT timeout (-1: none),
     * relative for FUTEX_WAIT and absolute for FUTEX_WAIT_BITSET, as the guest gave it; for the
     * requeue and wake-op calls the fourth argument is the count {@code val2}.
     */
    static long call(SyscallArgs a, int op, int cmd, long addr, int val, long timeoutNanos, long val2, long addr2, int val3) {
        long uaddr = a.hostPointer(addr, 4, false);
        long fourth = val2;
        if (cmd == FutexSyscalls.FUTEX_WAIT || cmd == FutexSyscalls.FUTEX_WAIT_BITSET) {
            fourth = 0;
            if (timeoutNanos >= 0) {
                MemorySegment ts = a.arena().allocate(16, 8);
                ts.set(ValueLayout.JAVA_LONG, 0, timeoutNanos / 1_000_000_000L);
                ts.set(ValueLayout.JAVA_LONG, 8, timeoutNanos % 1_000_000_000L);
                fourth = ts.address();
            }
        }
        long uaddr2 = addr2 == 0 ? 0 : a.hostPointer(addr2, 4, cmd == FutexSyscalls.FUTEX_WAKE_OP);
        return HostSyscall.call(HOST_FUTEX, uaddr, op & ~FutexSyscalls.FUTEX_PRIVATE_FLAG, val, fourth, uaddr2, val3);
    }
}
