package io.mimic.linuxuser.exec;

import io.mimic.linuxuser.abi.LinuxAbi;
import io.mimic.linuxuser.abi.LinuxAbis;
import io.mimic.linuxuser.elf.ElfException;
import io.mimic.linuxuser.elf.ElfFile;
import io.mimic.linuxuser.host.HostSyscalls;
import io.mimic.linuxuser.process.Sysroot;
import io.mimic.syscalls.linux.Errno;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What execve's file is, decided the way the kernel's binfmt handlers decide it, before anything
 * of the running process is touched: a guest ELF (an ISA this build runs: loaded in-process), a
 * host program (an x86-64 ELF: the host's execve), a {@code #!} script (its interpreter is
 * looked at in turn), or an error with the kernel's errno.
 */
final class ExecTarget {
    enum Kind { GUEST, HOST, ERROR }

    private static final int FACCESSAT = HostSyscalls.number("faccessat"), NEWFSTATAT = HostSyscalls.number("newfstatat"),
            OPENAT = HostSyscalls.number("openat"), READ = HostSyscalls.number("read"), CLOSE = HostSyscalls.number("close");
    private static final int AT_FDCWD = -100, X_OK = 1, O_RDONLY_CLOEXEC = 0x80000, S_IFMT = 0170000, S_IFREG = 0100000;
    /** The kernel reads this much of the file for binfmt decisions (BINPRM_BUF_SIZE). */
    private static final int HEADER = 256;
    /** Nested interpreters allowed (the kernel's limit; one more is ELOOP). */
    private static final int MAX_DEPTH = 4;
    private static final int EM_X86_64 = 62, EM_386 = 3;

    final Kind kind;
    final int errno;
    /** For GUEST: the ELF, its ABI, the program's path and the argv it starts with (a script's interpreter prepended). */
    final ElfFile elf;
    final LinuxAbi abi;
    final String path;
    final List<String> argv;

    private ExecTarget(Kind kind, int errno, ElfFile elf, LinuxAbi abi, String path, List<String> argv) {
        this.kind = kind;
        this.errno = errno;
        this.elf = elf;
        this.abi = abi;
        this.path = path;
        this.argv = argv;
    }

    static ExecTarget error(int errno) {
        return new ExecTarget(Kind.ERROR, errno, null, null, null, null);
    }

    /** Classifies {@code path} run with {@code argv}; {@code sysroot} is where guest interpreters are looked up first. */
    static ExecTarget of(String path, List<String> argv, Sysroot sysroot) {
        return of(path, argv, sysroot, 0);
    }

    private static ExecTarget of(String path, List<String> argv, Sysroot sysroot, int depth) {
        if (depth > MAX_DEPTH) return error(Errno.ELOOP);
        byte[] head = new byte[HEADER];
        int n;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment name = arena.allocateFrom(path);
            long r = HostSyscalls.call(FACCESSAT, AT_FDCWD, name.address(), X_OK, 0);
            if (r < 0) return error((int) -r);
            MemorySegment st = arena.allocate(144, 8);
            r = HostSyscalls.call(NEWFSTATAT, AT_FDCWD, name.address(), st.address(), 0);
            if (r < 0) return error((int) -r);
            if ((st.get(ValueLayout.JAVA_INT, 24) & S_IFMT) != S_IFREG) return error(Errno.EACCES);
            long fd = HostSyscalls.call(OPENAT, AT_FDCWD, name.address(), O_RDONLY_CLOEXEC);
            if (fd < 0) return error((int) -fd);
            MemorySegment buf = arena.allocate(HEADER);
            n = (int) HostSyscalls.call(READ, fd, buf.address(), HEADER);
            HostSyscalls.call(CLOSE, fd);
            if (n < 0) return error(-n);
            MemorySegment.copy(buf, ValueLayout.JAVA_BYTE, 0, head, 0, n);
        }
        if (n >= 20 && head[0] == 0x7f && head[1] == 'E' && head[2] == 'L' && head[3] == 'F') return elf(path, argv, head);
        if (n >= 2 && head[0] == '#' && head[1] == '!') return script(path, argv, sysroot, head, n, depth);
        return error(Errno.ENOEXEC);
    }

    private static ExecTarget elf(String path, List<String> argv, byte[] head) {
        boolean little = head[5] == 1;
        int machine = little ? (head[18] & 0xff) | (head[19] & 0xff) << 8 : (head[19] & 0xff) | (head[18] & 0xff) << 8;
        if (machine == EM_X86_64 || machine == EM_386) return new ExecTarget(Kind.HOST, 0, null, null, path, argv);
        ElfFile elf;
        try {
            elf = ElfFile.read(Path.of(path));
        } catch (ElfException e) {
            return error(Errno.ENOEXEC);
        }
        LinuxAbi abi = LinuxAbis.forElf(elf);
        if (abi == null) return error(Errno.ENOEXEC);
        return new ExecTarget(Kind.GUEST, 0, elf, abi, path, argv);
    }

    /**
     * A {@code #!} line as the kernel parses it (the interpreter's absolute name looked up in
     * the sysroot first, like every guest file name): the interpreter up to the first blank, then at
     * most one argument (the rest of the line, trimmed). The interpreter runs with
     * [interpreter, argument?, script path, argv[1:]].
     */
    private static ExecTarget script(String path, List<String> argv, Sysroot sysroot, byte[] head, int n, int depth) {
        int end = 2;
        while (end < n && head[end] != '\n') end++;
        String line = new String(head, 2, end - 2, StandardCharsets.ISO_8859_1).replace('\t', ' ').strip();
        if (line.isEmpty()) return error(Errno.ENOEXEC);
        int blank = line.indexOf(' ');
        String interp = blank < 0 ? line : line.substring(0, blank);
        String arg = blank < 0 ? "" : line.substring(blank + 1).strip();
        List<String> next = new ArrayList<>();
        next.add(interp);
        if (!arg.isEmpty()) next.add(arg);
        next.add(path);
        if (argv.size() > 1) next.addAll(argv.subList(1, argv.size()));
        String interpPath = sysroot != null ? sysroot.hostPath(interp) : interp;
        ExecTarget t = of(interpPath, next, sysroot, depth + 1);
        // A host interpreter: the host's execve of the script itself does the same parse.
        if (t.kind == Kind.HOST) return new ExecTarget(Kind.HOST, 0, null, null, path, argv);
        return t;
    }

    /** The absolute form of a path the guest named (relative to the process's current directory). */
    static String absolute(String path) {
        if (path.startsWith("/")) return Path.of(path).normalize().toString();
        try {
            return Path.of(Files.readSymbolicLink(Path.of("/proc/self/cwd")).toString(), path).normalize().toString();
        } catch (IOException e) {
            return Path.of(path).toAbsolutePath().normalize().toString();
        }
    }
}
