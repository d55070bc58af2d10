package io.mimic.translator.engine;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Whether a unit's hidden class is defined strong or collectable. A collectable hidden class gets
 * a class-loader data structure and metaspace arena of its own, so that it can be unloaded alone:
 * some 3 KB of native memory per unit and a slower definition (python3 with 14,000 units: peak
 * RSS 275 -> 233 MB and 5.5 -> 5.0 s with strong classes). A strong one shares Mimic's loader
 * and is never unloaded. Most programs never discard translated code, so units are strong until
 * this process has discarded {@link #LIMIT} of them (code flushed, unmapped, or left behind at
 * execve); from then on new units are collectable, and a program that keeps rewriting its code
 * (a JIT) leaks at most the strong units made before that.
 */
final class UnitClassLifetime {
    static final long LIMIT = 4096;
    private static final AtomicLong discarded = new AtomicLong();

    private UnitClassLifetime() {}

    static void discarded(int units) {
        discarded.addAndGet(units);
    }

    static boolean strong() {
        return discarded.get() < LIMIT;
    }
}
