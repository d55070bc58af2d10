package io.mimic.translator.engine;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;

/** Units stop being defined strong once the process has discarded the limit's worth of them. */
class UnitClassLifetimeTest {
    @Test
    void collectableAfterTheLimitOfDiscardedUnits() {
        UnitClassLifetime.discarded((int) UnitClassLifetime.LIMIT);
        assertFalse(UnitClassLifetime.strong(), "a program that keeps discarding code must get unloadable classes");
    }
}
