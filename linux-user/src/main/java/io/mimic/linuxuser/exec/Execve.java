package io.mimic.linuxuser.exec;

import io.mimic.linuxuser.process.GuestProcess;
import io.mimic.linuxuser.syscall.SyscallArgs;
import io.mimic.linuxuser.syscall.SyscallError;
import io.mimic.syscalls.linux.Errno;

import java.util.ArrayList;
import java.util.List;

/**
 * execve for the guest: reads argv and envp, decides what the file is (ExecTarget) and either
 * replaces the guest image in this process (a guest ELF: GuestExec, no new JVM) or hands the
 * whole process to the host's execve (a host program, or a script whose interpreter is one).
 * Errors are the kernel's: ENOENT, EACCES, ENOEXEC, ELOOP..., returned with the old image intact.
 */
public final class Execve {
    /** The kernel's limit on argv and envp entries (MAX_ARG_STRINGS). */
    private static final int MAX_STRINGS = 0x7fffffff;

    private Execve() {}

    /** {@code path} is the host's name for the file (the syscall layer applied the sysroot). */
    public static long execve(SyscallArgs a, String path, long argvPtr, long envpPtr) {
        List<String> argv = strings(a, argvPtr), env = strings(a, envpPtr);
        GuestProcess p = a.process;
        if (path.isEmpty()) return -Errno.ENOENT;
        long mask = a.thread != null ? a.thread.signalMask : 0;
        ExecTarget t = ExecTarget.of(path, argv, p.sysroot);
        return switch (t.kind) {
            case ERROR -> -t.errno;
            case HOST -> HostExec.exec(p, mask, t.path, argv, env);
            case GUEST -> {
                if (p.strace != null) p.strace.println(p.pid() + " execve(\"" + path + "\") = 0 (guest image)");
                if (a.thread != null) io.mimic.linuxuser.process.GuestThreads.endOthersForExec(a.thread);
                throw new GuestExec(t.elf, t.abi, ExecTarget.absolute(t.path), t.path, t.argv, env, mask);
            }
        };
    }

    /** A NULL-terminated array of guest string pointers (NULL itself is an empty array, as Linux allows). */
    private static List<String> strings(SyscallArgs a, long array) {
        List<String> out = new ArrayList<>();
        if (array == 0) return out;
        for (long at = array; ; at += 8) {
            long s = a.readLong(at);
            if (s == 0) return out;
            if (out.size() == MAX_STRINGS) throw new SyscallError(Errno.E2BIG);
            out.add(a.readString(s));
        }
    }
}
