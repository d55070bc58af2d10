package io.mimic.linuxuser.host;

import io.mimic.translator.memory.HostMmap;

/**
 * Links the foreign-function downcalls every run needs (the guest's memory reservation, the host's
 * syscall(2)) on a thread of their own, while the main thread parses options and reads the ELF
 * file. A cold JVM spends about 40 ms on it (the FFM linker generates its stubs and lambda forms,
 * which the AOT cache cannot hold). Class initialization is the JVM's own rendezvous: a thread
 * that needs a downcall before it is linked waits for it. The reservation itself is made by the
 * main thread, where its failure (refused under {@code ulimit -v}) is reported.
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
            HostLibc.ensureLinked();
            HostMmap.link();
        } catch (Throwable reportedWhereNeeded) {
            // The main thread meets the same failure when it touches the class, and reports it.
        }
    }
}
