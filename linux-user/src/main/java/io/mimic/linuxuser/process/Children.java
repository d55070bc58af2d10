package io.mimic.linuxuser.process;

import java.util.Set;
import java.util.TreeSet;

/**
 * The guest's child processes (real host children, made by fork) and the spare: a pre-started
 * Mimic process, also a host child, that the next fork turns into the guest's child (see
 * fork/GuestFork). The spare is a child of this process the guest must not see: wait4 and
 * waitid for "any child" check {@link #none} first, because the host would wait for the spare.
 */
public final class Children {
    private final Set<Integer> live = new TreeSet<>();
    /** The spare's pid and our end of its socket, or -1; ready once it said it is warm. */
    public int sparePid = -1, spareSocket = -1;
    public boolean spareReady;

    public synchronized void add(int pid) {
        live.add(pid);
    }

    /** The host reaped {@code pid} for the guest. */
    public synchronized void reaped(int pid) {
        live.remove(pid);
    }

    /** True if the guest has no child that a wait could report. */
    public synchronized boolean none() {
        return live.isEmpty();
    }

    public synchronized boolean contains(int pid) {
        return live.contains(pid);
    }

    public synchronized int[] pids() {
        return live.stream().mapToInt(Integer::intValue).toArray();
    }
}
