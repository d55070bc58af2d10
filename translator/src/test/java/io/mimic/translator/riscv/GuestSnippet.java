package io.mimic.translator.riscv;

import io.mimic.translator.engine.CodeCache;
import io.mimic.translator.engine.CpuState;
import io.mimic.translator.engine.ExecutionLoop;
import io.mimic.translator.engine.SystemInterface;
import io.mimic.translator.memory.AddressSpace;
import io.mimic.translator.memory.GuestAccess;
import io.mimic.translator.memory.Prot;

import java.lang.foreign.ValueLayout;

/**
 * Runs a few RISC-V instructions through the real translator: code at {@link #CODE}, a data
 * page at {@link #DATA}; execution stops at the first ecall. Tests set registers before
 * and check them after.
 */
final class GuestSnippet {
    static final long CODE = 0x10000, DATA = 0x20000;

    /** Raised by the test OS layer to leave the execution loop. */
    static final class Stop extends RuntimeException {
        Stop() { super(null, null, false, false); }
    }

    final AddressSpace memory = new AddressSpace();
    final RiscvCpu cpu = new RiscvCpu(memory);
    final CodeCache cache = new CodeCache(new RiscvFrontend(), memory);
    io.mimic.translator.engine.GuestFault.Kind fault;
    int maxInsns = CodeCache.DEFAULT_MAX_INSNS;

    GuestSnippet(int... words) {
        memory.map(CODE, AddressSpace.PAGE_SIZE, Prot.READ | Prot.EXEC, "code");
        memory.map(DATA, AddressSpace.PAGE_SIZE, Prot.READ | Prot.WRITE, "data");
        for (int i = 0; i < words.length; i++) {
            GuestAccess.raw().set(ValueLayout.JAVA_INT_UNALIGNED, CODE + 4L * i, words[i]);
        }
        cpu.pc = CODE;
        cpu.system = new SystemInterface() {
            @Override public void systemCall(CpuState c) { throw new Stop(); }
            @Override public void fault(CpuState c) { fault = c.faultKind; throw new Stop(); }
            @Override public void interrupt(CpuState c) { c.interruptPending = 0; }
        };
    }

    GuestSnippet x(int reg, long value) {
        cpu.x[reg] = value;
        return this;
    }

    GuestSnippet run() {
        cache.setMaxInstructions(maxInsns);
        try {
            new ExecutionLoop(cpu, cache).run();
        } catch (Stop stop) {
            // reached the ecall or a fault
        } finally {
            memory.clear();
        }
        return this;
    }

    long readData(long offset) {
        return GuestAccess.raw().get(ValueLayout.JAVA_LONG_UNALIGNED, DATA + offset);
    }

    void writeData(long offset, long v) {
        GuestAccess.raw().set(ValueLayout.JAVA_LONG_UNALIGNED, DATA + offset, v);
    }
}
