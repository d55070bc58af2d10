package io.mimic.linuxuser.exec;

import io.mimic.linuxuser.abi.LinuxAbi;
import io.mimic.linuxuser.elf.ElfFile;

import java.util.List;

/**
 * Thrown by execve once the new guest image is known to be loadable: it unwinds the guest
 * thread to {@link GuestRunner}, which drops the old image and starts this one in the same
 * process (same pid, no new JVM).
 *
 * @param exePath the executable's absolute path (/proc/self/exe)
 * @param execfn  the name execve was given (AT_EXECFN)
 */
public final class GuestExec extends RuntimeException {
    public final ElfFile elf;
    public final LinuxAbi abi;
    public final String exePath, execfn;
    public final List<String> argv, env;
    /** The calling thread's signal mask, which the new image's thread starts with. */
    public final long signalMask;

    GuestExec(ElfFile elf, LinuxAbi abi, String exePath, String execfn, List<String> argv, List<String> env, long signalMask) {
        this.signalMask = signalMask;
        super(null, null, false, false);
        this.elf = elf;
        this.abi = abi;
        this.exePath = exePath;
        this.execfn = execfn;
        this.argv = argv;
        this.env = env;
    }
}
