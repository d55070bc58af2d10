package io.mimic.linuxuser.exec;

import io.mimic.linuxuser.fork.SpareProcess;
import io.mimic.linuxuser.host.HostSyscalls;
import io.mimic.linuxuser.process.GuestProcess;
import io.mimic.syscalls.linux.LinuxArch;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * execve of a host program: the real execve, after making the host process look like the guest
 * to the new program: each guest fd (not close-on-exec) at its guest number and every other host
 * fd close-on-exec, the guest's ignored signals ignored and its signal mask as the host mask
 * (less the synchronous fault signals the JVM needs until the last moment). The spare is killed
 * first: it would be a child the new program never asked for. If execve still fails, all of it is
 * undone and the error returned.
 */
final class HostExec {
    private static final int EXECVE = HostSyscalls.number("execve"), FCNTL = HostSyscalls.number("fcntl"),
            DUP3 = HostSyscalls.number("dup3"), CLOSE = HostSyscalls.number("close"),
            CLOSE_RANGE = HostSyscalls.number("close_range"), RT_SIGACTION = HostSyscalls.number("rt_sigaction"),
            RT_SIGPROCMASK = HostSyscalls.number("rt_sigprocmask");
    private static final int F_GETFD = 1, F_DUPFD_CLOEXEC = 1030, FD_CLOEXEC = 1, O_CLOEXEC = 0x80000;
    private static final int CLOSE_RANGE_CLOEXEC = 4, SIG_SETMASK = 2;
    private static final long SIG_IGN = 1, KERNEL_SIGACTION = 32;
    private static final String[] KEPT_FOR_THE_JVM = {"SIGSEGV", "SIGBUS", "SIGFPE", "SIGILL", "SIGTRAP"};

    private HostExec() {}

    /** Returns -errno if the host's execve fails; does not return if it succeeds. */
    static long exec(GuestProcess p, long signalMask, String path, List<String> argv, List<String> env) {
        SpareProcess.discard(p.children);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment file = arena.allocateFrom(path);
            MemorySegment argvArray = strings(arena, argv), envArray = strings(arena, env);

            int[] guest = p.fds.openFds();
            List<int[]> moves = new ArrayList<>(); // {guest fd, host fd}
            int top = 2;
            for (int g : guest) {
                if (p.fds.closeOnExec(g)) continue;
                moves.add(new int[] {g, p.fds.host(g)});
                top = Math.max(top, g);
            }
            // Copies of the sources above every target, then the targets' present contents saved.
            int[] source = new int[moves.size()];
            for (int i = 0; i < moves.size(); i++) source[i] = (int) HostSyscalls.call(FCNTL, moves.get(i)[1], F_DUPFD_CLOEXEC, top + 1);
            int[] saved = new int[top + 1];
            int[] savedFlags = new int[top + 1];
            for (int fd = 0; fd <= top; fd++) {
                savedFlags[fd] = (int) HostSyscalls.call(FCNTL, fd, F_GETFD);
                saved[fd] = savedFlags[fd] < 0 ? -1 : (int) HostSyscalls.call(FCNTL, fd, F_DUPFD_CLOEXEC, top + 1);
            }
            HostSyscalls.call(CLOSE_RANGE, 0, 0xffffffffL, CLOSE_RANGE_CLOEXEC);
            for (int fd = 0; fd <= top; fd++) if (saved[fd] >= 0) HostSyscalls.call(CLOSE, fd);
            for (int i = 0; i < moves.size(); i++) if (source[i] >= 0) HostSyscalls.call(DUP3, source[i], moves.get(i)[0], 0);

            // Signals: the guest's ignored ones ignored, its mask blocked.
            LinuxArch guestArch = p.arch(), host = LinuxArch.host();
            List<long[]> oldActions = new ArrayList<>();
            MemorySegment ignore = arena.allocate(KERNEL_SIGACTION, 8);
            ignore.set(ValueLayout.JAVA_LONG, 0, SIG_IGN);
            long hostMask = 0;
            for (int sig = 1; sig <= 64; sig++) {
                String name = guestArch.signals().symbol(sig);
                int hostSig = name == null ? sig : (int) host.signals().value(name, sig);
                if (hostSig < 1 || hostSig > 64) continue;
                if ((signalMask & (1L << (sig - 1))) != 0 && !keptForJvm(name)) hostMask |= 1L << (hostSig - 1);
                if (GuestRunner.isIgnored(p, sig)) {
                    MemorySegment old = arena.allocate(KERNEL_SIGACTION, 8);
                    if (HostSyscalls.call(RT_SIGACTION, hostSig, ignore.address(), old.address(), 8) == 0) {
                        oldActions.add(new long[] {hostSig, old.address()});
                    }
                }
            }
            MemorySegment mask = arena.allocate(8, 8), oldMask = arena.allocate(8, 8);
            mask.set(ValueLayout.JAVA_LONG, 0, hostMask);
            HostSyscalls.call(RT_SIGPROCMASK, SIG_SETMASK, mask.address(), oldMask.address(), 8);

            long r = HostSyscalls.call(EXECVE, file.address(), argvArray.address(), envArray.address());

            // Failed: everything back as it was.
            HostSyscalls.call(RT_SIGPROCMASK, SIG_SETMASK, oldMask.address(), 0, 8);
            for (long[] a : oldActions) HostSyscalls.call(RT_SIGACTION, a[0], a[1], 0, 8);
            for (int i = 0; i < moves.size(); i++) {
                if (source[i] >= 0) HostSyscalls.call(CLOSE, source[i]);
            }
            for (int fd = 0; fd <= top; fd++) {
                if (saved[fd] >= 0) {
                    HostSyscalls.call(DUP3, saved[fd], fd, (savedFlags[fd] & FD_CLOEXEC) != 0 ? O_CLOEXEC : 0);
                    HostSyscalls.call(CLOSE, saved[fd]);
                } else {
                    HostSyscalls.call(CLOSE, fd);
                }
            }
            return r;
        }
    }

    private static boolean keptForJvm(String name) {
        for (String s : KEPT_FOR_THE_JVM) if (s.equals(name)) return true;
        return false;
    }

    private static MemorySegment strings(Arena arena, List<String> list) {
        MemorySegment array = arena.allocate(8L * (list.size() + 1), 8);
        for (int i = 0; i < list.size(); i++) {
            byte[] b = list.get(i).getBytes(StandardCharsets.UTF_8);
            MemorySegment s = arena.allocate(b.length + 1L);
            MemorySegment.copy(b, 0, s, ValueLayout.JAVA_BYTE, 0, b.length);
            array.setAtIndex(ValueLayout.JAVA_LONG, i, s.address());
        }
        return array;
    }
}
