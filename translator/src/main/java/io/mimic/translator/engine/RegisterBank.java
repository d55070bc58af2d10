package io.mimic.translator.engine;

/**
 * A guest register file held as a {@code long[]} field of the ISA's CpuState subclass. Inside a
 * translated unit each register used lives in a JVM local; the emitter loads it at entry and
 * stores each write to the array as well (in long loops, at the exits and faults instead: see
 * {@code Emitter.writeBackAtExitIn}). {@code hardwiredZero} (or -1) names a register that reads
 * as zero and ignores writes, so that no translator needs to check for it.
 */
public record RegisterBank(String field, int count, int hardwiredZero) {}
