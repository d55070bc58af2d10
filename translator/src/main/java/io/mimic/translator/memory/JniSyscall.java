package io.mimic.translator.memory;

/**
 * {@link HostSyscall}'s binding through Mimic's native library (translator/src/main/c, built by
 * toolchains/build-host-library), whose path bin/mimic passes as the system property
 * {@value #LIBRARY_PROPERTY}. The library returns the kernel's convention itself (the result or
 * -errno, errno read on the calling thread right after the call).
 */
final class JniSyscall {
    /** The system property naming the library's absolute path. */
    static final String LIBRARY_PROPERTY = "mimic.hostLibrary";

    private JniSyscall() {}

    /**
     * Loads the library the property names; false when none is named or it does not load (a
     * library from another build, a host without the C library it needs), which leaves the FFM
     * binding in use. Said on stderr only under MIMIC_DEBUG: Mimic works the same either way.
     */
    static boolean load() {
        String path = System.getProperty(LIBRARY_PROPERTY);
        if (path == null || path.isEmpty()) return false;
        try {
            System.load(path);
            call(HostSyscall.X86_64_GETPID, 0, 0, 0, 0, 0, 0);
            return true;
        } catch (UnsatisfiedLinkError | SecurityException e) {
            if (System.getenv("MIMIC_DEBUG") != null) System.err.println("mimic: " + path + " not used: " + e.getMessage());
            return false;
        }
    }

    static native long call(int hostNumber, long a0, long a1, long a2, long a3, long a4, long a5);
}
