package io.mimic.translator.engine;

/**
 * What the translated code needs from the operating-system layer (linux-user, bsd-user or a
 * system-mode machine). The translator knows nothing about Linux: it only calls these.
 */
public interface SystemInterface {
    /** The guest executed its system-call instruction; {@code cpu.pc} already points past it. */
    void systemCall(CpuState cpu);

    /** A guest fault escaped translated code; {@code cpu.pc} is the faulting instruction. */
    void fault(CpuState cpu);

    /** Something set {@link CpuState#interruptPending}: deliver signals, stop the thread, ... */
    void interrupt(CpuState cpu);
}
