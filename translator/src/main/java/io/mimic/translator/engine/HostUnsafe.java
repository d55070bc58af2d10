package io.mimic.translator.engine;

/**
 * The JDK's sun.misc.Unsafe, for the two things Mimic needs it for: guest loads and stores on raw
 * host addresses (memory/GuestAccess, behind its own checks) and allocating translated units
 * without running a constructor through a method handle (UnitCompiler).
 */
public final class HostUnsafe {
    public static final sun.misc.Unsafe UNSAFE = lookup();

    private HostUnsafe() {}

    @SuppressWarnings("removal")
    private static sun.misc.Unsafe lookup() {
        try {
            java.lang.reflect.Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            return (sun.misc.Unsafe) f.get(null);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
