package io.mimic.linuxuser.fork;

import io.mimic.linuxuser.abi.LinuxAbi;
import io.mimic.linuxuser.abi.LinuxAbis;
import io.mimic.linuxuser.host.HostFds;
import io.mimic.linuxuser.host.HostSyscalls;
import io.mimic.linuxuser.host.UnixSockets;
import io.mimic.linuxuser.process.FdTable;
import io.mimic.linuxuser.process.GuestProcess;
import io.mimic.linuxuser.process.GuestThread;
import io.mimic.linuxuser.process.Sysroot;
import io.mimic.linuxuser.process.LaunchSettings;
import io.mimic.linuxuser.process.SharedBackings;
import io.mimic.linuxuser.syscall.LinuxSyscalls;
import io.mimic.linuxuser.syscall.SyscallDispatcher;
import io.mimic.translator.engine.CodeCache;
import io.mimic.translator.engine.CpuState;
import io.mimic.translator.memory.AddressSpace;
import io.mimic.translator.memory.HostReservation;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The state a forked child starts from, sent over the spare's socket: a metadata block (the
 * process's bookkeeping, the mapping list, the fd table, signal state, the registers), the host
 * fds (SCM_RIGHTS: the guest's fds, the JVM's standard streams, the working directory, the files
 * of shared mappings), then the touched pages of every private mapping, written straight from
 * the reservation and read straight into the child's, and last the parent's translated code
 * (CodeCache.writeTranslations, in chunks: ChunkedBlock). Whatever Linux keeps per process and fork
 * copies must be written here; a field added to GuestProcess that fork inherits goes here too.
 */
final class ForkSnapshot {
    private static final int MAGIC = 0x4d494d46; // "MIMF"
    private static final int UMASK = HostSyscalls.number("umask"), GETPGID = HostSyscalls.number("getpgid"),
            SETPGID = HostSyscalls.number("setpgid"), OPENAT = HostSyscalls.number("openat"),
            FCHDIR = HostSyscalls.number("fchdir"), DUP3 = HostSyscalls.number("dup3");
    private static final int AT_FDCWD = -100, O_PATH = 0x200000, O_DIRECTORY = 0x10000, O_CLOEXEC = 0x80000;

    private ForkSnapshot() {}

    /** What the child restored. */
    record Restored(GuestProcess process, CpuState cpu) {}

    /** Sends the calling thread's process and registers; the child's fork returns 0, and writes its pid at {@code childTid} if that is not 0. */
    static void send(int sock, GuestThread thread, long childTid, long childSp, int translationReturn) throws IOException {
        GuestProcess p = thread.process;
        CpuState cpu = thread.cpu;
        List<Integer> fds = new ArrayList<>();
        Map<Integer, Integer> index = new HashMap<>();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
        DataOutputStream out = new DataOutputStream(bytes);
        List<Integer> opened = new ArrayList<>();
        try {
            out.writeInt(MAGIC);
            out.writeUTF(p.abi.name());
            out.writeUTF(p.executablePath);
            out.writeInt(p.argv.size());
            for (String a : p.argv) out.writeUTF(a);
            out.writeUTF(thread.name);
            out.writeBoolean(p.strace != null);
            LaunchSettings s = p.settings;
            out.writeUTF(p.sysroot == null ? "" : p.sysroot.directory());
            out.writeLong(s.stackSize());
            out.writeUTF(String.join(",", s.logItems()));
            out.writeLong(p.brkStart);
            out.writeLong(p.brk);
            out.writeLong(p.mmapTop);
            out.writeLong(p.mmapBottom);
            out.writeLong(p.stackTop);
            out.writeLong(p.stackSize);
            out.writeLong(thread.signalMask);
            for (int sig = 1; sig <= 64; sig++) {
                byte[] act = p.sigactions[sig];
                out.writeInt(act == null ? -1 : act.length);
                if (act != null) out.write(act);
            }
            out.writeLong(thread.altStackSp);
            out.writeLong(thread.altStackSize);
            out.writeInt(thread.altStackFlags);
            // Host process state the spare did not start with.
            int mask = (int) HostSyscalls.call(UMASK, 0);
            HostSyscalls.call(UMASK, mask);
            out.writeInt(mask);
            out.writeInt((int) HostSyscalls.call(GETPGID, 0));
            int cwd;
            try (Arena arena = Arena.ofConfined()) {
                cwd = (int) HostSyscalls.call(OPENAT, AT_FDCWD, arena.allocateFrom(".").address(), O_PATH | O_DIRECTORY | O_CLOEXEC);
            }
            if (cwd >= 0) opened.add(cwd);
            out.writeInt(cwd < 0 ? -1 : fdIndex(cwd, fds, index));
            for (int std = 0; std < 3; std++) out.writeInt(HostFds.isOpen(std) ? fdIndex(std, fds, index) : -1);
            // The guest's fds.
            FdTable t = p.fds;
            out.writeLong(t.limit());
            out.writeLong(t.hardLimit());
            int[] open = t.openFds();
            out.writeInt(open.length);
            for (int g : open) {
                int h = t.host(g);
                out.writeInt(g);
                out.writeInt(h <= 2 ? -1 - h : fdIndex(h, fds, index)); // the JVM's standard streams stay at their numbers
                out.writeBoolean(t.closeOnExec(g));
            }
            p.signalFds.writeTo(out);
            // Memory: every mapping; shared ranges by file, private ones by touched pages.
            List<MemoryImage.Shared> shared = MemoryImage.sharedRanges();
            Set<SharedBackings.FileId> mappedFiles = new HashSet<>();
            List<AddressSpace.Mapping> maps = p.memory.mappings();
            out.writeInt(maps.size());
            for (AddressSpace.Mapping m : maps) {
                out.writeLong(m.start());
                out.writeLong(m.end());
                out.writeInt(m.prot());
                AddressSpace.Backing b = m.backing();
                out.writeUTF(b.name());
                out.writeLong(b.offset());
                out.writeLong(b.device());
                out.writeLong(b.inode());
                out.writeBoolean(b.shared());
            }
            List<MemoryImage.Shared> sendShared = new ArrayList<>();
            for (MemoryImage.Shared sh : shared) {
                int fd = p.sharedBackings.fd(sh.file());
                if (fd < 0) continue; // not one of ours: copied as private below
                mappedFiles.add(sh.file());
                sendShared.add(sh);
            }
            p.sharedBackings.retainOnly(mappedFiles);
            out.writeInt(sendShared.size());
            for (MemoryImage.Shared sh : sendShared) {
                out.writeLong(sh.start());
                out.writeLong(sh.end());
                out.writeLong(sh.offset());
                out.writeInt(fdIndex(p.sharedBackings.fd(sh.file()), fds, index));
            }
            List<long[]> runs = new ArrayList<>();
            for (AddressSpace.Mapping m : maps) {
                long at = m.start();
                for (MemoryImage.Shared sh : sendShared) {
                    if (sh.end() <= at || sh.start() >= m.end()) continue;
                    if (sh.start() > at) MemoryImage.touchedRuns(at, sh.start(), runs);
                    at = Math.max(at, sh.end());
                }
                if (at < m.end()) MemoryImage.touchedRuns(at, m.end(), runs);
            }
            out.writeInt(runs.size());
            for (long[] r : runs) {
                out.writeLong(r[0]);
                out.writeLong(r[1]);
            }
            out.writeLong(childTid);
            out.writeLong(childSp);
            out.writeInt(translationReturn < 0 ? -1 : fdIndex(translationReturn, fds, index));
            out.writeInt(fds.size());
            cpu.writeRegisters(out);
            out.flush();

            writeBlock(sock, bytes.toByteArray());
            int[] all = fds.stream().mapToInt(Integer::intValue).toArray();
            for (int from = 0; from < all.length; from += UnixSockets.FDS_PER_MESSAGE) {
                UnixSockets.sendFds(sock, all, from, Math.min(UnixSockets.FDS_PER_MESSAGE, all.length - from));
            }
            for (long[] r : runs) UnixSockets.writeFully(sock, HostReservation.hostAddress(r[0]), r[1]);
            // The parent's translations: the child defines them instead of translating its
            // code again in a cold JVM (most of a short child's time otherwise). In chunks, not
            // one array (see ChunkedBlock).
            try (DataOutputStream codeOut = new DataOutputStream(ChunkedBlock.writer(sock))) {
                p.code.writeTranslations(codeOut, false);
            }
        } finally {
            for (int fd : opened) HostFds.close(fd);
        }
    }

    /** A length (4 bytes, big-endian) and the bytes. */
    private static void writeBlock(int sock, byte[] block) throws IOException {
        byte[] header = new byte[4];
        ChunkedBlock.putLength(header, block.length);
        UnixSockets.writeBytes(sock, header);
        UnixSockets.writeBytes(sock, block);
    }

    private static DataInputStream readBlock(int sock) throws IOException {
        return new DataInputStream(new ByteArrayInputStream(UnixSockets.readBytes(sock, ChunkedBlock.readLength(sock))));
    }

    private static int fdIndex(int hostFd, List<Integer> fds, Map<Integer, Integer> index) {
        return index.computeIfAbsent(hostFd, h -> {
            fds.add(h);
            return fds.size() - 1;
        });
    }

    /** Reads a snapshot and builds the child: its process, registers, fds, memory and host state. */
    static Restored receive(int sock) throws IOException {
        DataInputStream in = readBlock(sock);
        if (in.readInt() != MAGIC) throw new IOException("not a fork snapshot");
        String abiName = in.readUTF();
        LinuxAbi abi = LinuxAbis.all().stream().filter(a -> a.name().equals(abiName)).findFirst()
                .orElseThrow(() -> new IOException("unknown ABI " + abiName));
        String exe = in.readUTF();
        List<String> argv = new ArrayList<>();
        for (int i = in.readInt(); i > 0; i--) argv.add(in.readUTF());
        String threadName = in.readUTF();
        boolean strace = in.readBoolean();
        String sysroot = in.readUTF();
        long stackOption = in.readLong();
        String logItems = in.readUTF();
        long[] layout = new long[6];
        for (int i = 0; i < 6; i++) layout[i] = in.readLong();
        long signalMask = in.readLong();
        byte[][] sigactions = new byte[65][];
        for (int sig = 1; sig <= 64; sig++) {
            int n = in.readInt();
            if (n >= 0) {
                sigactions[sig] = new byte[n];
                in.readFully(sigactions[sig]);
            }
        }
        long altSp = in.readLong(), altSize = in.readLong();
        int altFlags = in.readInt();
        int umask = in.readInt(), pgid = in.readInt(), cwdIndex = in.readInt();
        int[] stdIndex = {in.readInt(), in.readInt(), in.readInt()};
        long limit = in.readLong(), hardLimit = in.readLong();
        int nfds = in.readInt();
        int[][] fdEntries = new int[nfds][3];
        for (int i = 0; i < nfds; i++) {
            fdEntries[i][0] = in.readInt();
            fdEntries[i][1] = in.readInt();
            fdEntries[i][2] = in.readBoolean() ? 1 : 0;
        }
        Map<Long, Long> signalFdMasks = io.mimic.linuxuser.signal.SignalFds.readFrom(in);
        int nmaps = in.readInt();
        List<AddressSpace.Mapping> maps = new ArrayList<>();
        for (int i = 0; i < nmaps; i++) {
            long start = in.readLong(), end = in.readLong();
            int prot = in.readInt();
            maps.add(new AddressSpace.Mapping(start, end, prot, new AddressSpace.Backing(in.readUTF(), in.readLong(),
                    in.readLong(), in.readLong(), in.readBoolean())));
        }
        int nshared = in.readInt();
        long[][] shared = new long[nshared][4];
        for (int i = 0; i < nshared; i++) {
            shared[i][0] = in.readLong();
            shared[i][1] = in.readLong();
            shared[i][2] = in.readLong();
            shared[i][3] = in.readInt();
        }
        int nruns = in.readInt();
        long[][] runs = new long[nruns][2];
        for (int i = 0; i < nruns; i++) {
            runs[i][0] = in.readLong();
            runs[i][1] = in.readLong();
        }
        long childTid = in.readLong();
        long childSp = in.readLong();
        int returnIndex = in.readInt();
        int nhost = in.readInt();

        AddressSpace memory = new AddressSpace();
        LaunchSettings settings = new LaunchSettings(stackOption, logItems.isEmpty() ? List.of() : List.of(logItems.split(",")),
                System.err);
        CodeCache code = io.mimic.linuxuser.exec.GuestRunner.newCodeCache(abi, memory, settings);
        CpuState cpu = abi.newCpu(memory);
        cpu.readRegisters(in);

        // The fds, then the host process state.
        int[] received = new int[nhost];
        for (int got = 0; got < nhost; ) {
            int[] part = UnixSockets.receiveFds(sock);
            System.arraycopy(part, 0, received, got, part.length);
            got += part.length;
        }
        HostSyscalls.call(SETPGID, 0, pgid);
        for (int std = 0; std < 3; std++) {
            if (stdIndex[std] >= 0) HostSyscalls.call(DUP3, received[stdIndex[std]], std, 0);
        }
        if (cwdIndex >= 0) HostSyscalls.call(FCHDIR, received[cwdIndex]);
        HostSyscalls.call(UMASK, umask);
        FdTable fds = new FdTable(limit, hardLimit);
        boolean[] used = new boolean[nhost];
        for (int[] e : fdEntries) {
            int h;
            if (e[1] < 0) {
                h = -1 - e[1];
            } else if (used[e[1]]) {
                h = HostFds.dup(received[e[1]]);
            } else {
                h = received[e[1]];
                used[e[1]] = true;
            }
            fds.install(e[0], h, e[2] != 0);
        }

        GuestProcess p = new GuestProcess(abi, memory, code, exe, argv, fds);
        GuestThread main = p.startMainThread(cpu);
        p.signalFds.adoptAfterFork(p, signalFdMasks);
        main.name = threadName;
        if (strace) p.strace = System.err;
        p.sysroot = sysroot.isEmpty() ? null : Sysroot.of(Path.of(sysroot));
        p.settings = settings;
        p.brkStart = layout[0];
        p.brk = layout[1];
        p.mmapTop = layout[2];
        p.mmapBottom = layout[3];
        p.stackTop = layout[4];
        p.stackSize = layout[5];
        main.signalMask = signalMask;
        System.arraycopy(sigactions, 0, p.sigactions, 0, sigactions.length);
        main.altStackSp = altSp;
        main.altStackSize = altSize;
        main.altStackFlags = altFlags;

        for (AddressSpace.Mapping m : maps) memory.map(m.start(), m.end() - m.start(), m.prot(), m.backing());
        for (long[] sh : shared) {
            int fd = received[(int) sh[3]];
            long r = HostReservation.mapSharedFile(sh[0], sh[1] - sh[0], fd, sh[2]);
            if (r < 0) throw new IOException("cannot map the shared range at 0x" + Long.toHexString(sh[0]) + ": errno " + -r);
            p.sharedBackings.add(fd);
        }
        for (long[] r : runs) UnixSockets.readFully(sock, HostReservation.hostAddress(r[0]), r[1]);
        code.readTranslations(ChunkedBlock.read(sock), false, false);
        if (returnIndex >= 0) {
            used[returnIndex] = true;
            TranslationReturn.channel(received[returnIndex], p);
        }
        // Received fds that are not guest fds (stdio copies, cwd, shared files) are done with.
        for (int i = 0; i < nhost; i++) if (!used[i]) HostFds.close(received[i]);

        abi.setSyscallResult(cpu, 0);
        if (childSp != 0) abi.setStackPointer(cpu, childSp);
        if (childTid != 0 && memory.check(childTid, 4, io.mimic.translator.memory.Prot.WRITE)) {
            io.mimic.translator.memory.GuestAccess.raw().set(
                    java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED.withOrder(abi.frontendByteOrder()), childTid, p.pid());
        }
        SyscallDispatcher dispatcher = new SyscallDispatcher(p, LinuxSyscalls.registry(abi));
        p.systemInterface = dispatcher::forThread;
        cpu.system = dispatcher.forThread(main);
        // The parent's image goes on here (its translation file was loaded by the parent).
        io.mimic.linuxuser.process.RunningImage.set(p);
        return new Restored(p, cpu);
    }
}
