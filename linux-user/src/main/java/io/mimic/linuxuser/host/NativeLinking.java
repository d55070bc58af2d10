package io.mimic.linuxuser.host;

import io.mimic.translator.memory.HostSyscall;

/**
 * Links the foreign-function downcall every run needs (the host's syscall(2), which the guest's
 * memory reservation uses too) on a thread of its own, while the main thread parses options and
 * reads the ELF file. A cold JVM spends tens of milliseconds on it (the FFM linker generates its
 * stub and lambda forms, which the AOT cache cannot hold). Class initialization is the JVM's own
 * rendezvous: a thread that needs the downcall before it is linked waits for it. The reservation
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
