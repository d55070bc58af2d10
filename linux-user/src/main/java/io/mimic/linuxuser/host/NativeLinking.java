package io.mimic.linuxuser.host;

import io.mimic.translator.memory.HostSyscall;

/**
 * Binds the host's syscall(2), which every run needs (the guest's memory reservation too), on a
 * thread of its own, while the main thread parses options and reads the ELF file. With Mimic's
 * JNI library that takes under a millisecond; without it (no C compiler at build time) the FFM
 * downcall costs a cold JVM tens of milliseconds (the linker generates its stub and lambda forms,
 * which the AOT cache cannot hold), which this overlaps. Class initialization is the JVM's own
 * rendezvous: a thread that needs the binding before it is ready waits for it. The reservation
 * itself is made by the main thread, where its failure (refused under {@code ulimit -v}) is
 * reported.
 */
public final class NativeLinking {
    private NativeLinking() {}

    public static void startInBackground() {
        Thread t = new Thread(NativeLinking::link, "mimic-link");
        t.setDaemon(true);
        t.start();
    }

    private static void link() {
        try {
            HostSyscall.link();
        } catch (Throwable reportedWhereNeeded) {
            // The main thread meets the same failure when it touches the class, and reports it.
        }
    }
}
