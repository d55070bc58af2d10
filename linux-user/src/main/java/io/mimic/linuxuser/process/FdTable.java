package io.mimic.linuxuser.process;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * The guest's file descriptor numbers, mapped to the host descriptors that back them. The JVM
 * holds host descriptors of its own (jars, the reservation, epoll...), so guest numbers cannot
 * be host numbers: the guest would see the wrong numbers (dup must give the lowest free one)
 * and could close or write the JVM's files. Every fd a guest call names is translated here;
 * an fd the guest never opened is EBADF, whatever the host has under that number.
 *
 * <p>Allocation is Linux's: the lowest free number (at or above a minimum, for F_DUPFD), below
 * the guest's RLIMIT_NOFILE. Each guest fd has its own host fd (dup makes a host dup), so closing
 * one never affects another. The close-on-exec flag is the guest's and lives here: host fds
 * are always created close-on-exec so that nothing leaks into processes the host starts.
 *
 * <p>Only bookkeeping: creating and closing host fds is the syscall layer's job.
 */
public final class FdTable {
    /** The *at calls' "relative to the working directory", the same on every Linux ABI. */
    public static final int AT_FDCWD = -100;
    /** Numbers above this are never handed out, whatever RLIMIT_NOFILE says (memory bound). */
    public static final int HARD_MAX = 1 << 20;

    private int[] host = new int[64];
    private boolean[] cloexec = new boolean[64];
    private int limit;
    private long hardLimit;
    /** No guest fd below this is free (speeds up lowest-free search). */
    private int lowestFree;

    public FdTable(long limit) {
        this(limit, limit);
    }

    /** A table whose guest RLIMIT_NOFILE is {@code soft} / {@code hard}. */
    public FdTable(long soft, long hard) {
        Arrays.fill(host, -1);
        this.limit = (int) Math.clamp(soft, 3, HARD_MAX);
        this.hardLimit = Math.max(hard, limit);
    }

    /** The host fd behind a guest fd, or -1 if the guest has no such fd. */
    public synchronized int host(int guestFd) {
        return guestFd >= 0 && guestFd < host.length ? host[guestFd] : -1;
    }

    public synchronized boolean isOpen(int guestFd) {
        return host(guestFd) >= 0;
    }

    /**
     * Gives {@code hostFd} the lowest free guest number at or above {@code min}. Returns the
     * guest fd, or -EMFILE (no free number below the limit) / -EINVAL (min out of range); the
     * caller then still owns hostFd.
     */
    public synchronized int allocate(int hostFd, boolean closeOnExec, int min) {
        if (hostFd < 0) throw new IllegalArgumentException("host fd " + hostFd);
        if (min < 0 || min >= limit) return -22;
        int fd = Math.max(min, lowestFree);
        while (fd < host.length && host[fd] >= 0) fd++;
        if (fd >= limit) return -24;
        grow(fd);
        host[fd] = hostFd;
        cloexec[fd] = closeOnExec;
        if (min <= lowestFree) lowestFree = fd + 1;
        return fd;
    }

    /**
     * Puts {@code hostFd} at guest number {@code guestFd} (dup2/dup3). Returns the host fd that
     * was there (which the caller must close), -1 if the number was free, or -EBADF if the
     * number is outside [0, limit).
     */
    public synchronized int install(int guestFd, int hostFd, boolean closeOnExec) {
        if (hostFd < 0) throw new IllegalArgumentException("host fd " + hostFd);
        if (guestFd < 0 || guestFd >= limit) return -9;
        grow(guestFd);
        int old = host[guestFd];
        host[guestFd] = hostFd;
        cloexec[guestFd] = closeOnExec;
        if (guestFd == lowestFree) advanceLowest();
        return old;
    }

    /** Forgets a guest fd; returns the host fd the caller must close, or -1 if it was not open. */
    public synchronized int remove(int guestFd) {
        int h = host(guestFd);
        if (h < 0) return -1;
        host[guestFd] = -1;
        cloexec[guestFd] = false;
        if (guestFd < lowestFree) lowestFree = guestFd;
        return h;
    }

    public synchronized boolean closeOnExec(int guestFd) {
        return isOpen(guestFd) && cloexec[guestFd];
    }

    /** Sets the guest's FD_CLOEXEC flag; false if the fd is not open. */
    public synchronized boolean setCloseOnExec(int guestFd, boolean on) {
        if (!isOpen(guestFd)) return false;
        cloexec[guestFd] = on;
        return true;
    }

    /** The open guest fds, ascending. */
    public synchronized int[] openFds() {
        int n = 0;
        for (int h : host) if (h >= 0) n++;
        int[] out = new int[n];
        n = 0;
        for (int fd = 0; fd < host.length; fd++) if (host[fd] >= 0) out[n++] = fd;
        return out;
    }

    /** Calls {@code each} with every open guest fd in [first, last], ascending. */
    public void forEachIn(int first, int last, IntConsumer each) {
        for (int fd : openFds()) if (fd >= first && fd <= last) each.accept(fd);
    }

    /** The guest's RLIMIT_NOFILE (soft): guest fds are below it. */
    public synchronized int limit() {
        return limit;
    }

    /** The guest's RLIMIT_NOFILE hard limit. */
    public synchronized long hardLimit() {
        return hardLimit;
    }

    /**
     * New limits (the guest's own: the host process keeps its own, which the JVM needs for its
     * files). Open fds at or above the soft limit stay open, as on Linux.
     */
    public synchronized void setLimits(long soft, long hard) {
        limit = (int) Math.clamp(soft, 3, HARD_MAX);
        hardLimit = hard;
    }

    private void grow(int fd) {
        if (fd < host.length) return;
        int n = Math.max(host.length * 2, fd + 1);
        int old = host.length;
        host = Arrays.copyOf(host, n);
        cloexec = Arrays.copyOf(cloexec, n);
        Arrays.fill(host, old, n, -1);
    }

    private void advanceLowest() {
        while (lowestFree < host.length && host[lowestFree] >= 0) lowestFree++;
    }
}
