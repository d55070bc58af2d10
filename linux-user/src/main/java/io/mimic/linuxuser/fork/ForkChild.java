package io.mimic.linuxuser.fork;

import io.mimic.linuxuser.abi.LinuxAbi;
import io.mimic.linuxuser.abi.LinuxAbis;
import io.mimic.linuxuser.exec.GuestRunner;
import io.mimic.linuxuser.host.HostFds;
import io.mimic.linuxuser.host.UnixSockets;
import io.mimic.linuxuser.syscall.LinuxSyscalls;
import io.mimic.translator.engine.CodeCache;
import io.mimic.translator.engine.CpuState;
import io.mimic.translator.memory.AddressSpace;
import io.mimic.translator.memory.HostReservation;

import java.io.IOException;

/**
 * The spare's life (the hidden {@code --fork-child FD} mode): get warm, say so, wait for a
 * snapshot, become the forked child and run it. If the parent goes away first (the socket ends),
 * the spare exits quietly.
 */
public final class ForkChild {
    private ForkChild() {}

    /**
     * Builds what a snapshot's restore builds for {@code abi} (its front-end, a code cache, a CPU)
     * and passes a CPU's registers through the snapshot's format once, then drops it all: the
     * front-end is built once per JVM, and the reflective accessors of the register fields are
     * generated on first use (some twenty lambda-form classes): 10 ms of a fork's restore,
     * measured on a riscv64 guest with a warm spare (see PERFORMANCE.md's fork figures).
     */
    private static void rehearseRestore(LinuxAbi abi) {
        AddressSpace memory = new AddressSpace();
        try {
            new CodeCache(abi.frontend(), memory);
            CpuState cpu = abi.newCpu(memory);
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            java.io.DataOutputStream out = new java.io.DataOutputStream(bytes);
            cpu.writeRegisters(out);
            out.flush();
            cpu.readRegisters(new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray())));
            cpu.detach();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e); // byte arrays do not fail
        } finally {
            memory.clear();
        }
    }

    /**
     * For the training run of the JDK's AOT cache (cli/Train), which never forks: what a spare
     * loads and generates while it warms up and restores a snapshot (the fork package's classes,
     * the JDK's data streams, the register fields' reflective accessors and their lambda forms),
     * so that every spare finds them in the cache instead of loading them from the jars and
     * generating them in its interpreter.
     */
    public static void rehearseForTraining() {
        for (LinuxAbi abi : LinuxAbis.all()) rehearseRestore(abi);
        // Loaded, not run: the classes of a real restore and of the child's links to its parent
        // (naming a class loads it; the training JVM records what it loaded).
        for (Class<?> c : java.util.List.of(ForkSnapshot.class, ForkSnapshot.Restored.class,
                ParentLink.class, TranslationReturn.class, GuestFork.class, SpareProcess.class,
                io.mimic.linuxuser.host.PacketSockets.class, UnixSockets.class, GuestRunner.Image.class,
                io.mimic.linuxuser.signal.SigAction.class)) {
            c.getName();
        }
    }

    /**
     * Returns the exit status (the guest's ends by GuestExit). {@code parentAbi} names the ABI of
     * the process that started this spare (null: not known), the one its fork will most likely need.
     */
    public static int run(String fdArg, String parentAbi) {
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
        // tables and syscall registries (their classes load and link now, not during fork), and
        // a rehearsal of the restore for the parent's ABI.
        HostReservation.hostAddress(0);
        for (LinuxAbi abi : LinuxAbis.all()) {
            LinuxSyscalls.registry(abi);
            if (parentAbi == null || abi.name().equals(parentAbi)) rehearseRestore(abi);
        }
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
