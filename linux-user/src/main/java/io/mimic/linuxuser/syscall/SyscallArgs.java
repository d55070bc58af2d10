package io.mimic.linuxuser.syscall;

import io.mimic.linuxuser.process.FdTable;
import io.mimic.linuxuser.process.GuestProcess;
import io.mimic.linuxuser.process.GuestThread;
import io.mimic.syscalls.linux.Errno;
import io.mimic.syscalls.linux.LinuxArch;
import io.mimic.translator.engine.CpuState;
import io.mimic.translator.memory.AddressSpace;
import io.mimic.translator.memory.GuestAccess;
import io.mimic.translator.memory.HostReservation;
import io.mimic.translator.memory.Prot;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The arguments of the system call being made, with typed, checked access to guest memory:
 * every pointer is checked against the guest's mappings before the host sees it, and a bad
 * one becomes -EFAULT, never a host access outside the guest. Guest fds are translated through
 * the process's {@link FdTable}. Scratch host memory ({@link #arena()}) lives until the call
 * returns.
 */
public final class SyscallArgs implements AutoCloseable {
    public final GuestProcess process;
    /** The calling thread (null only in tests that give arguments directly). */
    public final GuestThread thread;
    public final CpuState cpu;
    private final long[] args = new long[6];
    /** Set by rt_sigreturn: every register was restored from the frame, the result must not overwrite a0. */
    public boolean registersRestored;
    private Arena arena;

    SyscallArgs(GuestThread thread) {
        this.process = thread.process;
        this.thread = thread;
        this.cpu = thread.cpu;
        for (int i = 0; i < 6; i++) args[i] = process.abi.syscallArg(cpu, i);
    }

    /** For tests: arguments given directly. */
    SyscallArgs(GuestProcess process, long... values) {
        this.process = process;
        this.thread = null;
        this.cpu = null;
        System.arraycopy(values, 0, args, 0, values.length);
    }

    public long arg(int i) { return args[i]; }
    public int intArg(int i) { return (int) args[i]; }

    public LinuxArch arch() { return process.arch(); }
    public ByteOrder order() { return process.abi.frontendByteOrder(); }

    /** Scratch host memory, freed when the call returns. */
    public Arena arena() {
        if (arena == null) arena = Arena.ofConfined();
        return arena;
    }

    @Override
    public void close() {
        if (arena != null) {
            arena.close();
            arena = null;
        }
    }

    // ---- file descriptors ----

    /** The host fd behind guest fd argument {@code i}; EBADF if the guest has no such fd. */
    public int fd(int i) {
        return hostFd(intArg(i));
    }

    public int hostFd(int guestFd) {
        int h = process.fds.host(guestFd);
        if (h < 0) throw new SyscallError(Errno.EBADF);
        return h;
    }

    /** Like {@link #fd} for the *at calls: AT_FDCWD passes unchanged. */
    public int dirFd(int i) {
        int g = intArg(i);
        return g == FdTable.AT_FDCWD ? g : hostFd(g);
    }

    // ---- pointers ----

    /** Host address for a guest buffer the kernel will read ({@code write=false}) or fill; 0 stays 0. */
    public long buffer(int argIndex, long length, boolean write) {
        return hostPointer(args[argIndex], length, write);
    }

    public long hostPointer(long guest, long length, boolean write) {
        if (guest == 0) return 0;
        if (length < 0 || !process.memory.check(guest, Math.max(length, 1), write ? Prot.WRITE : Prot.READ)) {
            throw new SyscallError(Errno.EFAULT);
        }
        return HostReservation.hostAddress(guest);
    }

    /** Host address of a NUL-terminated guest string (checked up to and including the NUL). */
    public long string(int argIndex) {
        long g = args[argIndex];
        if (g == 0) throw new SyscallError(Errno.EFAULT);
        stringLength(g);
        return HostReservation.hostAddress(g);
    }

    /**
     * Host address of a file name argument: checked like {@link #string}, with the names that
     * must see the guest rather than the JVM rewritten and absolute names looked up in the
     * sysroot first (see {@link GuestPaths}); null stays null.
     */
    public long path(int argIndex) {
        return path(argIndex, true);
    }

    /**
     * {@link #path(int)}; with {@code sysroot} false the name is never redirected into the
     * sysroot (chdir and chroot keep the working directory a host directory, as qemu does).
     */
    public long path(int argIndex, boolean sysroot) {
        long g = args[argIndex];
        if (g == 0) return 0;
        int len = stringLength(g);
        return GuestPaths.hostAddress(this, g, len, sysroot);
    }

    /** Reads a guest C string (checked) into a Java string. */
    public String readString(long g) {
        int len = stringLength(g);
        byte[] b = new byte[len];
        GuestAccess.copyOut(g, b, 0, len);
        return new String(b, StandardCharsets.UTF_8);
    }

    int stringLength(long g) {
        AddressSpace as = process.memory;
        MemorySegment m = GuestAccess.raw();
        long p = g;
        while (true) {
            if (!as.check(p, 1, Prot.READ)) throw new SyscallError(Errno.EFAULT);
            long pageEnd = AddressSpace.pageDown(p) + AddressSpace.PAGE_SIZE;
            for (; p < pageEnd; p++) {
                if (m.get(ValueLayout.JAVA_BYTE, p) == 0) {
                    if (p - g > 1 << 20) throw new SyscallError(Errno.ENAMETOOLONG);
                    return (int) (p - g);
                }
            }
        }
    }

    /** Checked guest memory access for converting structures. */
    public void checkGuest(long g, long len, boolean write) {
        if (!process.memory.check(g, len, write ? Prot.WRITE : Prot.READ)) throw new SyscallError(Errno.EFAULT);
    }

    // ---- guest integers, in the guest's byte order (checked) ----

    public int readInt(long g) {
        checkGuest(g, 4, false);
        return GuestAccess.raw().get(ValueLayout.JAVA_INT_UNALIGNED.withOrder(order()), g);
    }

    public void writeInt(long g, int v) {
        checkGuest(g, 4, true);
        GuestAccess.raw().set(ValueLayout.JAVA_INT_UNALIGNED.withOrder(order()), g, v);
    }

    public long readLong(long g) {
        checkGuest(g, 8, false);
        return GuestAccess.raw().get(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(order()), g);
    }

    public void writeLong(long g, long v) {
        checkGuest(g, 8, true);
        GuestAccess.raw().set(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(order()), g, v);
    }

    /** Copies bytes into guest memory (checked). */
    public void writeBytes(long g, byte[] b, int len) {
        checkGuest(g, len, true);
        GuestAccess.copyIn(b, 0, g, len);
    }

}
