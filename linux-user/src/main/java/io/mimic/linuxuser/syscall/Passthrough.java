package io.mimic.linuxuser.syscall;

import io.mimic.linuxuser.host.HostFds;
import io.mimic.linuxuser.host.HostSyscalls;
import io.mimic.syscalls.linux.Errno;
import io.mimic.syscalls.linux.FlagTable;
import io.mimic.syscalls.linux.LinuxArch;
import io.mimic.syscalls.linux.TableText;
import io.mimic.translator.memory.GuestAccess;
import io.mimic.translator.memory.HostSyscall;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * A guest call carried out by the same host call once each argument is translated: integers
 * pass unchanged, guest fds become host fds, pointers are checked against the guest's mappings
 * and translated to host addresses, structures are converted between the guest's and the
 * host's layouts where they differ. The spec is one word per argument, in order:
 * <ul>
 *   <li>{@code i}: integer, unchanged</li>
 *   <li>{@code f}: guest fd, translated (EBADF if the guest has no such fd)</li>
 *   <li>{@code d}: directory fd of the *at calls: like {@code f}, but AT_FDCWD passes</li>
 *   <li>{@code s}: NUL-terminated string the kernel reads; null stays null</li>
 *   <li>{@code p}: file name: like {@code s}, with /proc/self/exe and /proc/self/fd/N rewritten
 *       and absolute names looked up in the sysroot first (GuestPaths)</li>
 *   <li>{@code h}: a file name that stays the host's (chdir, chroot): like {@code p} without the sysroot</li>
 *   <li>{@code rN} / {@code wN}: byte buffer the kernel reads / writes, length in argument N</li>
 *   <li>{@code R16} / {@code W16}: byte buffer of a fixed size; null stays null</li>
 *   <li>{@code <T} / {@code >T} / {@code =T}: struct T (a layout in syscall-tables' layouts.txt) the
 *       kernel reads / writes / both, converted field by field; {@code <T*2}: an array of 2; null stays null</li>
 *   <li>{@code vrN} / {@code vwN}: iovec array the kernel reads from / writes into, count in argument N</li>
 *   <li>{@code o}: open flags: translated from the guest's O_* values to the host's; the host
 *       always gets O_CLOEXEC, the guest's O_CLOEXEC goes to the new fd's flag</li>
 *   <li>{@code c}: a flags word whose O_CLOEXEC and O_NONBLOCK bits are the ABI's open flags
 *       (eventfd2, timerfd_create, epoll_create1, socket types...): those two translated and
 *       O_CLOEXEC forced on the host side, other bits unchanged; {@code cHEX}: the close-on-exec
 *       bit is HEX on both sides (memfd_create's MFD_CLOEXEC = 1)</li>
 * </ul>
 * and, after the arguments, {@code : fd} if the result is a new host fd: the guest gets the
 * lowest free guest number for it (close-on-exec as the {@code o}/{@code c} argument said).
 * Buffers the kernel fills are copied back (converted) when the call succeeds, or fails with
 * EINTR (nanosleep's remaining time). Use it only where every argument fits a kind; everything
 * else gets a handler of its own.
 */
public final class Passthrough implements SyscallHandler {
    private enum Kind { INT, FD, DIRFD, STR, PATH, HOST_PATH, BUF_ARG, BUF_FIXED, STRUCT, IOV, OPEN_FLAGS, CLOEXEC_FLAGS }

    private record Arg(Kind kind, boolean kernelWrites, boolean kernelReads, long n, String struct, int count) {}

    private final String hostName;
    private final int hostNumber;
    private final Arg[] spec;
    private final boolean returnsFd;

    private Passthrough(String hostName, String spec) {
        this.hostName = hostName;
        this.hostNumber = HostSyscalls.number(hostName);
        String s = spec.strip();
        boolean fd = false;
        int colon = s.indexOf(':');
        if (colon >= 0) {
            if (!s.substring(colon + 1).strip().equals("fd")) throw new IllegalArgumentException("bad result in passthrough spec " + spec);
            fd = true;
            s = s.substring(0, colon).strip();
        }
        this.returnsFd = fd;
        List<Arg> args = new ArrayList<>();
        for (String w : TableText.words(s)) args.add(parse(w));
        if (args.size() > 6) throw new IllegalArgumentException("more than 6 arguments: " + spec);
        this.spec = args.toArray(Arg[]::new);
    }

    /** A passthrough to the host call {@code hostName} with the argument spec above. */
    public static Passthrough of(String hostName, String spec) {
        return new Passthrough(hostName, spec);
    }

    /** The host call this passes to (the registry test checks the host table has it). */
    public String hostName() {
        return hostName;
    }

    private static Arg parse(String w) {
        char k = w.charAt(0);
        String rest = w.substring(1);
        return switch (k) {
            case 'i' -> simple(w, Kind.INT);
            case 'f' -> simple(w, Kind.FD);
            case 'd' -> simple(w, Kind.DIRFD);
            case 's' -> simple(w, Kind.STR);
            case 'p' -> simple(w, Kind.PATH);
            case 'h' -> simple(w, Kind.HOST_PATH);
            case 'o' -> simple(w, Kind.OPEN_FLAGS);
            case 'r', 'w' -> new Arg(Kind.BUF_ARG, k == 'w', k == 'r', argIndex(rest, w), null, 1);
            case 'R', 'W' -> new Arg(Kind.BUF_FIXED, k == 'W', k == 'R', Long.parseLong(rest), null, 1);
            case 'v' -> {
                if (rest.isEmpty() || (rest.charAt(0) != 'r' && rest.charAt(0) != 'w')) throw new IllegalArgumentException("bad spec word " + w);
                yield new Arg(Kind.IOV, rest.charAt(0) == 'w', rest.charAt(0) == 'r', argIndex(rest.substring(1), w), null, 1);
            }
            case 'c' -> new Arg(Kind.CLOEXEC_FLAGS, false, false, rest.isEmpty() ? -1 : Long.parseLong(rest, 16), null, 1);
            case '<', '>', '=' -> {
                int star = rest.indexOf('*');
                String name = star < 0 ? rest : rest.substring(0, star);
                int count = star < 0 ? 1 : Integer.parseInt(rest.substring(star + 1));
                if (name.isEmpty()) throw new IllegalArgumentException("bad spec word " + w);
                yield new Arg(Kind.STRUCT, k != '<', k != '>', 0, name, count);
            }
            default -> throw new IllegalArgumentException("bad passthrough spec word " + w);
        };
    }

    private static Arg simple(String w, Kind kind) {
        if (w.length() != 1) throw new IllegalArgumentException("bad spec word " + w);
        return new Arg(kind, false, false, 0, null, 1);
    }

    private static int argIndex(String digits, String w) {
        int n = Integer.parseInt(digits);
        if (n < 0 || n > 5) throw new IllegalArgumentException("bad argument index in " + w);
        return n;
    }

    @Override
    public long call(SyscallArgs a) {
        long[] h = new long[6];
        StructArg[] structs = null;
        boolean cloexec = false;
        for (int i = 0; i < spec.length; i++) {
            Arg s = spec[i];
            h[i] = switch (s.kind) {
                case INT -> a.arg(i);
                case FD -> a.fd(i);
                case DIRFD -> a.dirFd(i);
                case STR -> a.arg(i) == 0 ? 0 : a.string(i);
                case PATH -> a.path(i);
                case HOST_PATH -> a.path(i, false);
                case BUF_ARG -> a.buffer(i, a.arg((int) s.n), s.kernelWrites);
                case BUF_FIXED -> a.buffer(i, s.n, s.kernelWrites);
                case STRUCT -> {
                    if (structs == null) structs = new StructArg[6];
                    StructArg.Dir dir = s.kernelWrites ? (s.kernelReads ? StructArg.Dir.INOUT : StructArg.Dir.OUT) : StructArg.Dir.IN;
                    structs[i] = StructArg.of(a, a.arg(i), s.struct, s.count, dir);
                    yield structs[i].host;
                }
                case IOV -> Iovecs.toHost(a, a.arg(i), a.arg((int) s.n), s.kernelWrites);
                case OPEN_FLAGS -> {
                    long g = a.arg(i);
                    cloexec = (g & a.arch().openFlags().value("O_CLOEXEC")) != 0;
                    yield openFlagsToHost(a.arch(), g) | HOST_O_CLOEXEC;
                }
                case CLOEXEC_FLAGS -> {
                    long g = a.arg(i);
                    if (s.n >= 0) {
                        cloexec = (g & s.n) != 0;
                        yield g | s.n;
                    }
                    FlagTable guest = a.arch().openFlags(), host = LinuxArch.host().openFlags();
                    long gc = guest.value("O_CLOEXEC"), gn = guest.value("O_NONBLOCK");
                    cloexec = (g & gc) != 0;
                    long out = g & ~(gc | gn);
                    if ((g & gn) != 0) out |= host.value("O_NONBLOCK");
                    yield out | HOST_O_CLOEXEC;
                }
            };
        }
        long r = HostSyscall.call(hostNumber, h[0], h[1], h[2], h[3], h[4], h[5]);
        if (structs != null && (r >= 0 || r == -Errno.EINTR)) {
            for (StructArg sa : structs) if (sa != null) sa.copyOut();
        }
        if (returnsFd && r >= 0) return newFd(a, (int) r, cloexec);
        return r;
    }

    static final long HOST_O_CLOEXEC = 0x80000;

    /** The guest's open flags in the host's values (bits the guest ABI does not name are dropped). */
    static long openFlagsToHost(LinuxArch guest, long flags) {
        return guest.openFlags().translate(flags & 0xffffffffL, LinuxArch.host().openFlags());
    }

    /** The host's open flags (F_GETFL) in the guest's values. */
    static long openFlagsToGuest(LinuxArch guest, long flags) {
        return LinuxArch.host().openFlags().translate(flags, guest.openFlags());
    }

    /** Gives a new host fd a guest number; closes it and returns -EMFILE if there is none. */
    static long newFd(SyscallArgs a, int hostFd, boolean cloexec) {
        int h = HostFds.aboveStandard(hostFd);
        if (h < 0) return h;
        int g = a.process.fds.allocate(h, cloexec, 0);
        if (g < 0) HostFds.close(h);
        return g;
    }

    /** iovec arrays: each entry's base is a guest pointer, checked and translated into a host array. */
    static final class Iovecs {
        static final int IOV_MAX = 1024;

        private Iovecs() {}

        static long toHost(SyscallArgs a, long iov, long count, boolean kernelWrites) {
            if (count < 0 || count > IOV_MAX) throw new SyscallError(Errno.EINVAL);
            var gl = a.arch().struct("iovec");
            var order = a.order();
            a.checkGuest(iov, (long) gl.size() * count, false);
            MemorySegment m = GuestAccess.raw();
            MemorySegment host = a.arena().allocate(16L * Math.max(count, 1), 8);
            int baseOff = gl.offset("base"), lenOff = gl.offset("len");
            int baseW = gl.field("base").width(), lenW = gl.field("len").width();
            for (int i = 0; i < count; i++) {
                long e = iov + (long) i * gl.size();
                long base = StructConverter.get(m, e + baseOff, baseW, false, order);
                long len = StructConverter.get(m, e + lenOff, lenW, false, order);
                if (len < 0) throw new SyscallError(Errno.EINVAL);
                host.set(java.lang.foreign.ValueLayout.JAVA_LONG, 16L * i, len == 0 ? 0 : a.hostPointer(base, len, kernelWrites));
                host.set(java.lang.foreign.ValueLayout.JAVA_LONG, 16L * i + 8, len);
            }
            return host.address();
        }
    }
}
