package io.mimic.linuxuser.abi;

import java.util.function.Supplier;

/**
 * A value made on first use, once, thread-safely. Every supported ABI is constructed at start
 * (to pick the one the ELF header names), but only the chosen one's front-end, syscall tables and
 * signal frame are ever needed: building them eagerly parsed the other ISA's tables on every
 * start of every program.
 */
final class Lazy<T> implements Supplier<T> {
    private Supplier<? extends T> make;
    private volatile T value;

    Lazy(Supplier<? extends T> make) {
        this.make = make;
    }

    @Override
    public T get() {
        T v = value;
        if (v != null) return v;
        synchronized (this) {
            if (value == null) {
                value = make.get();
                make = null;
            }
            return value;
        }
    }
}
