package io.mimic.linuxuser.process;

import io.mimic.linuxuser.host.HostFds;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The guest's child processes (real host children, made by fork) and the spare: a pre-started
 * Mimic process, also a host child, that the next fork turns into the guest's child (see
 * fork/GuestFork). The spare is a child of this process the guest must not see: wait4 and
 * waitid for "any child" check {@link #none} first, because the host would wait for the spare.
 * Each child keeps its socket to this process (its "link") until it is reaped, for what only the
 * child itself can do for its parent (see fork/ParentLink).
 */
public final class Children {
    /** Live children and the parent's end of each one's link (-1 if it has none). */
    private final Map<Integer, Integer> live = new TreeMap<>();
    /** The parent's end of each child's translation return channel (see fork/TranslationReturn). */
    private final Map<Integer, Integer> returns = new TreeMap<>();
    /** The spare's pid and our end of its socket, or -1; ready once it said it is warm. */
    public int sparePid = -1, spareSocket = -1;
    public boolean spareReady;

    /** Children whose exit has raised the guest's SIGCHLD (see signal/ChildExitSignals). */
    private final Set<Integer> exitNoticed = new HashSet<>();
    /** The last stop or continue (CLD_STOPPED, CLD_CONTINUED) noticed of each child. */
    private final Map<Integer, Integer> stateNoticed = new TreeMap<>();
    /** The process the children belong to now (execve replaces it; the children stay). */
    private volatile GuestProcess owner;

    public synchronized void add(int pid, int link, int translationReturn) {
        live.put(pid, link);
        if (translationReturn >= 0) returns.put(pid, translationReturn);
        exitNoticed.remove(pid); // a recycled pid is a new child
        stateNoticed.remove(pid);
        io.mimic.linuxuser.signal.ChildExitSignals.watch(this, pid);
    }

    public GuestProcess owner() {
        return owner;
    }

    /** {@code p} is the process these children belong to from now on. */
    public void adoptedBy(GuestProcess p) {
        owner = p;
    }

    /** True the first time the exit of {@code pid} is noticed: only then is SIGCHLD sent. */
    public synchronized boolean noticeExit(int pid) {
        return exitNoticed.add(pid);
    }

    /**
     * True if child {@code pid} stopping or continuing ({@code code} CLD_STOPPED or CLD_CONTINUED)
     * is news: its last noticed change was another one. Only then is SIGCHLD sent.
     */
    public synchronized boolean noticeStateChange(int pid, int code) {
        Integer before = stateNoticed.put(pid, code);
        return before == null || before != code;
    }

    /** The host reaped {@code pid} for the guest. */
    public synchronized void reaped(int pid) {
        stateNoticed.remove(pid);
        Integer link = live.remove(pid);
        if (link != null && link >= 0) HostFds.close(link);
        Integer ret = returns.remove(pid);
        if (ret != null) io.mimic.linuxuser.fork.TranslationReturn.receive(owner, ret);
    }

    /** The parent's end of the child's link, or -1. */
    public synchronized int link(int pid) {
        Integer link = live.get(pid);
        return link == null ? -1 : link;
    }

    /** True if the guest has no child that a wait could report. */
    public synchronized boolean none() {
        return live.isEmpty();
    }

    public synchronized boolean contains(int pid) {
        return live.containsKey(pid);
    }
}
