package io.mimic.linuxuser.syscall;

import io.mimic.linuxuser.process.GuestProcess;
import io.mimic.syscalls.linux.Errno;
import io.mimic.translator.engine.CpuState;
import io.mimic.translator.memory.AddressSpace;
import io.mimic.translator.memory.GuestAccess;
import io.mimic.translator.memory.HostReservation;
import io.mimic.translator.memory.Prot;

import java.io.ByteArrayOutputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/**
 * The arguments of the system call being made, with typed, checked access to guest memory:
 * every pointer is checked against the guest's mappings before the host sees it, and a bad
 * one becomes -EFAULT, never a host access outside the guest.
 */
public final class SyscallArgs {
    public final GuestProcess process;
    public final CpuState cpu;
    private final long[] args = new long[6];

    SyscallArgs(GuestProcess process, CpuState cpu) {
        this.process = process;
        this.cpu = cpu;
        for (int i = 0; i < 6; i++) args[i] = process.abi.syscallArg(cpu, i);
    }

    public long arg(int i) { return args[i]; }
    public int intArg(int i) { return (int) args[i]; }

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

    /** Reads a guest C string (checked) into a Java string. */
    public String readString(long g) {
        int len = stringLength(g);
        byte[] b = new byte[len];
        GuestAccess.copyOut(g, b, 0, len);
        return new String(b, StandardCharsets.UTF_8);
    }

    private int stringLength(long g) {
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

    static String bytes(ByteArrayOutputStream b) {
        return b.toString(StandardCharsets.UTF_8);
    }
}
