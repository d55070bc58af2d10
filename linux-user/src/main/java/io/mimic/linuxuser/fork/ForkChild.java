package io.mimic.linuxuser.fork;

import io.mimic.linuxuser.abi.LinuxAbi;
import io.mimic.linuxuser.abi.LinuxAbis;
import io.mimic.linuxuser.exec.GuestRunner;
import io.mimic.linuxuser.host.HostFds;
import io.mimic.linuxuser.host.UnixSockets;
import io.mimic.linuxuser.syscall.LinuxSyscalls;
import io.mimic.translator.memory.HostReservation;

import java.io.IOException;

/**
 * The spare's life (the hidden {@code --fork-child FD} mode): get warm, say so, wait for a
 * snapshot, become the forked child and run it. If the parent goes away first (the socket ends),
 * the spare exits quietly.
 */
public final class ForkChild {
    private ForkChild() {}

    /** Returns the exit status (the guest's ends by GuestExit). */
    public static int run(String fdArg) {
        int sock;
        try {
            sock = Integer.parseInt(fdArg);
        } catch (NumberFormatException e) {
            return 1;
        }
        int inherited = sock;
        sock = HostFds.dup(inherited); // close-on-exec from here on
        HostFds.close(inherited);
        if (sock < 0) return 1;
        // Warm up what every child needs before the snapshot arrives: the reservation, the ABIs'
        // tables and syscall registries (their classes load and link now, not during fork).
        HostReservation.hostAddress(0);
        for (LinuxAbi abi : LinuxAbis.all()) LinuxSyscalls.registry(abi);
        io.mimic.linuxuser.signal.HostSignals.init();
        ForkSnapshot.Restored child;
        try {
            UnixSockets.writeBytes(sock, new byte[] {SpareProcess.READY});
            child = ForkSnapshot.receive(sock);
            // The host dispositions are the guest's before the parent's fork returns: a signal
            // sent to the child at once (kill right after fork) must find them, not the JVM's.
            GuestRunner.syncHostSignals(child.process());
            UnixSockets.writeBytes(sock, new byte[] {GuestFork.RESTORED});
        } catch (IOException e) {
            HostFds.close(sock);
            return 0; // the parent is gone, or did not fork after all
        }
        ParentLink.serve(sock);
        GuestRunner.Image img = new GuestRunner.Image(child.process(), child.cpu());
        return io.mimic.linuxuser.process.GuestThreads.runProcess(child.process().thread(child.process().pid()), GuestRunner.newLoop(img));
    }
}
