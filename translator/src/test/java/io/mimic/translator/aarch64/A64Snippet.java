package io.mimic.translator.aarch64;

import io.mimic.translator.engine.CodeCache;
import io.mimic.translator.engine.CpuState;
import io.mimic.translator.engine.ExecutionLoop;
import io.mimic.translator.engine.GuestFault;
import io.mimic.translator.engine.SystemInterface;
import io.mimic.translator.memory.AddressSpace;
import io.mimic.translator.memory.GuestAccess;
import io.mimic.translator.memory.Prot;

import java.lang.foreign.ValueLayout;

/**
 * Runs a few A64 instructions through the real translator: code at {@link #CODE}, a data page
 * at {@link #DATA}; execution stops at the first SVC (or fault). For instructions qemu-aarch64
 * 7.2 cannot check (FEAT_CSSC, FEAT_LSE128) and for exact edge cases.
 */
final class A64Snippet {
    static final long CODE = 0x10000, DATA = 0x20000;
    static final int SVC = 0xd4000001;

    static final class Stop extends RuntimeException {
        Stop() { super(null, null, false, false); }
    }

    final AddressSpace memory = new AddressSpace();
    final Arm64Cpu cpu = new Arm64Cpu(memory);
    final CodeCache cache = new CodeCache(new Arm64Frontend(), memory);
    GuestFault.Kind fault;

    A64Snippet(int... words) {
        memory.map(CODE, AddressSpace.PAGE_SIZE, Prot.READ | Prot.EXEC, "code");
        memory.map(DATA, AddressSpace.PAGE_SIZE, Prot.READ | Prot.WRITE, "data");
        for (int i = 0; i < words.length; i++) GuestAccess.raw().set(ValueLayout.JAVA_INT_UNALIGNED, CODE + 4L * i, words[i]);
        cpu.pc = CODE;
        cpu.system = new SystemInterface() {
            @Override public void systemCall(CpuState c) { throw new Stop(); }
            @Override public void fault(CpuState c) { fault = c.faultKind; throw new Stop(); }
            @Override public void interrupt(CpuState c) { c.interruptPending = 0; }
        };
    }

    A64Snippet x(int reg, long value) {
        cpu.x[reg] = value;
        return this;
    }

    A64Snippet run() {
        try {
            new ExecutionLoop(cpu, cache).run();
        } catch (Stop stop) {
            // reached the SVC or a fault
        }
        return this;
    }

    long data(long offset) {
        return GuestAccess.raw().get(ValueLayout.JAVA_LONG_UNALIGNED, DATA + offset);
    }

    A64Snippet data(long offset, long v) {
        GuestAccess.raw().set(ValueLayout.JAVA_LONG_UNALIGNED, DATA + offset, v);
        return this;
    }

    void release() {
        memory.clear();
    }
}
