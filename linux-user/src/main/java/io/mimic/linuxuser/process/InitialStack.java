package io.mimic.linuxuser.process;

import io.mimic.linuxuser.host.HostSyscalls;
import io.mimic.translator.memory.GuestAccess;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the stack the kernel hands a new program: argc, argv, envp, the auxiliary vector, and
 * above them the strings and the 16 AT_RANDOM bytes, laid out as Linux's create_elf_tables does.
 */
public final class InitialStack {
    public static final int AT_NULL = 0, AT_PHDR = 3, AT_PHENT = 4, AT_PHNUM = 5, AT_PAGESZ = 6, AT_BASE = 7,
            AT_FLAGS = 8, AT_ENTRY = 9, AT_UID = 11, AT_EUID = 12, AT_GID = 13, AT_EGID = 14, AT_PLATFORM = 15,
            AT_HWCAP = 16, AT_CLKTCK = 17, AT_SECURE = 23, AT_RANDOM = 25, AT_HWCAP2 = 26, AT_EXECFN = 31;

    private static final int GETRANDOM = HostSyscalls.number("getrandom");
    private final MemorySegment mem = GuestAccess.raw();
    private final ValueLayout.OfLong word;
    private long p;
    private final List<long[]> aux = new ArrayList<>();
    private byte[] auxv = new byte[0];

    public InitialStack(long top, ByteOrder order) {
        this.p = top;
        this.word = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(order);
    }

    /** Copies a NUL-terminated string to the stack area; returns its guest address. */
    public long pushString(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        p -= b.length + 1;
        MemorySegment.copy(b, 0, mem, ValueLayout.JAVA_BYTE, p, b.length);
        mem.set(ValueLayout.JAVA_BYTE, p + b.length, (byte) 0);
        return p;
    }

    /** AT_RANDOM's bytes, from the host kernel's getrandom (SecureRandom costs tens of ms at start-up). */
    public long pushRandomBytes(int n) {
        p -= n;
        long got = HostSyscalls.call(GETRANDOM, io.mimic.translator.memory.HostReservation.hostAddress(p), n, 0);
        if (got != n) {
            byte[] b = new byte[n];
            new SecureRandom().nextBytes(b);
            MemorySegment.copy(b, 0, mem, ValueLayout.JAVA_BYTE, p, n);
        }
        return p;
    }

    public void aux(int type, long value) {
        aux.add(new long[] {type, value});
    }

    /** Writes argc/argv/envp/auxv below everything pushed so far; returns the initial stack pointer. */
    public long finish(List<Long> argvAddrs, List<Long> envAddrs) {
        aux(AT_NULL, 0);
        int words = 1 + argvAddrs.size() + 1 + envAddrs.size() + 1 + aux.size() * 2;
        long sp = (p - words * 8L) & ~15L;
        long q = sp;
        q = put(q, argvAddrs.size());
        for (long a : argvAddrs) q = put(q, a);
        q = put(q, 0);
        for (long e : envAddrs) q = put(q, e);
        q = put(q, 0);
        long auxStart = q;
        for (long[] kv : aux) {
            q = put(q, kv[0]);
            q = put(q, kv[1]);
        }
        auxv = mem.asSlice(auxStart, q - auxStart).toArray(ValueLayout.JAVA_BYTE);
        return sp;
    }

    /** The auxiliary vector as written by {@link #finish}, in the guest's byte order, AT_NULL included. */
    public byte[] auxvBytes() {
        return auxv.clone();
    }

    private long put(long at, long v) {
        mem.set(word, at, v);
        return at + 8;
    }
}
