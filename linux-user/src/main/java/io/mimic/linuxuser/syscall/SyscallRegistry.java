package io.mimic.linuxuser.syscall;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** Handlers by syscall name; each ABI's table maps its numbers onto these names. */
public final class SyscallRegistry {
    private final Map<String, SyscallHandler> handlers = new HashMap<>();

    public void register(String name, SyscallHandler handler) {
        if (handlers.put(name, handler) != null) throw new IllegalStateException("two handlers for " + name);
    }

    /**
     * Registers a call whose arguments mean the same on the host: the host's syscall(2) of the
     * same name carries it out, with guest pointers checked and translated as {@code signature}
     * says (the letters are {@link Passthrough}'s).
     */
    public void passthrough(String name, String signature) {
        register(name, Passthrough.of(name, signature));
    }

    /** Replaces a registered handler by {@code wrapper.apply(old)} (nothing if none is registered). */
    public void wrap(String name, java.util.function.UnaryOperator<SyscallHandler> wrapper) {
        SyscallHandler h = handlers.get(name);
        if (h != null) handlers.put(name, wrapper.apply(h));
    }

    public SyscallHandler get(String name) {
        return handlers.get(name);
    }

    public Set<String> names() {
        return handlers.keySet();
    }
}
