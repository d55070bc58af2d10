package io.mimic.linuxuser.process;

import io.mimic.linuxuser.host.HostSyscalls;
import io.mimic.translator.memory.HostSyscall;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The guest's root for absolute file names ({@code -L DIR}, {@code MIMIC_LD_PREFIX}), as qemu-user's
 * interpreter prefix works: an absolute guest name that exists inside the sysroot names that
 * file; any other name is the host's. "Exists" is the host's {@code access(F_OK)} on the joined
 * name, asked at every call (qemu caches the answers; not caching keeps files the guest creates
 * inside the sysroot visible). Relative names are never redirected: they are relative to the
 * working directory or a directory fd, which are host directories already.
 */
public final class Sysroot {
    private static final int HOST_FACCESSAT = HostSyscalls.number("faccessat");
    private static final int AT_FDCWD = -100, F_OK = 0;

    private final String dir;
    private final byte[] prefix;

    private Sysroot(String dir) {
        this.dir = dir;
        this.prefix = dir.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The sysroot at {@code dir} (made absolute), or null for "no sysroot": like qemu, "/" and
     * the empty name mean none.
     */
    public static Sysroot of(Path dir) {
        String d = dir.toAbsolutePath().normalize().toString();
        while (d.endsWith("/")) d = d.substring(0, d.length() - 1);
        return d.isEmpty() ? null : new Sysroot(d);
    }

    /**
     * The sysroot to use when none is given: for a dynamically linked program whose interpreter
     * the host lacks, {@code /usr/TRIPLE} if the interpreter is there (where Debian's cross
     * toolchain packages put the guest's libc), so that cross-built programs run without -L;
     * otherwise none. qemu-user has a build-time default prefix instead (Debian's is
     * /etc/qemu-binfmt/ARCH); a static program never gets a default sysroot, so its file names
     * are the host's exactly as under qemu without -L.
     */
    public static Sysroot defaultFor(String gnuTriple, String interpreter) {
        if (interpreter == null || !interpreter.startsWith("/") || exists(interpreter)) return null;
        String dir = "/usr/" + gnuTriple;
        return exists(dir + interpreter) ? new Sysroot(dir) : null;
    }

    public String directory() {
        return dir;
    }

    /** The host name for an absolute guest name: inside the sysroot if it exists there, else unchanged. */
    public String hostPath(String guest) {
        if (guest.isEmpty() || guest.charAt(0) != '/') return guest;
        String joined = dir + guest;
        return exists(joined) ? joined : guest;
    }

    private static boolean exists(String hostName) {
        try (Arena arena = Arena.ofConfined()) {
            return HostSyscall.call(HOST_FACCESSAT, AT_FDCWD, arena.allocateFrom(hostName).address(), F_OK, 0, 0, 0) == 0;
        }
    }

    /**
     * For a guest name of {@code len} bytes (starting with '/') at host address {@code name}: the
     * NUL-terminated joined name in {@code arena} if it exists inside the sysroot, else 0. Works
     * on bytes, so names that are not UTF-8 pass intact.
     */
    public long hostPath(MemorySegment name, int len, Arena arena) {
        MemorySegment joined = arena.allocate(prefix.length + len + 1L);
        MemorySegment.copy(prefix, 0, joined, ValueLayout.JAVA_BYTE, 0, prefix.length);
        MemorySegment.copy(name, 0, joined, prefix.length, len);
        joined.set(ValueLayout.JAVA_BYTE, prefix.length + len, (byte) 0);
        long r = HostSyscall.call(HOST_FACCESSAT, AT_FDCWD, joined.address(), F_OK, 0, 0, 0);
        return r == 0 ? joined.address() : 0;
    }
}
