package io.mimic.linuxuser.process;

import io.mimic.linuxuser.abi.LinuxAbi;
import io.mimic.linuxuser.elf.ElfException;
import io.mimic.linuxuser.elf.ElfFile;
import io.mimic.linuxuser.elf.ElfLoader;
import io.mimic.translator.engine.CpuState;
import io.mimic.translator.memory.AddressSpace;
import io.mimic.translator.memory.Prot;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * execve's work: map the executable (and its interpreter), set up the stack with argv, envp
 * and auxv, the program break and the mmap area, and the entry registers.
 */
public final class ProgramLoader {
    /** What the loader needs besides the ELF file. */
    public record Request(ElfFile elf, List<String> argv, List<String> env, String execfn, long stackSize) {}

    private ProgramLoader() {}

    public static void load(GuestProcess proc, CpuState cpu, Request req) throws ElfException {
        LinuxAbi abi = proc.abi;
        AddressSpace as = proc.memory;
        ElfFile elf = req.elf();
        long taskSize = abi.taskSize();

        long stackSize = AddressSpace.pageUp(req.stackSize());
        proc.stackTop = taskSize;
        proc.stackSize = stackSize;
        as.map(taskSize - stackSize, stackSize, Prot.READ | Prot.WRITE, "[stack]");
        // A guard gap below the stack, then mmap regions grow downward.
        proc.mmapTop = AddressSpace.pageDown(taskSize - stackSize - (16L << 20));
        proc.mmapBottom = 1L << 24;

        long[] imageSpan = ElfLoader.span(elf);
        long bias = elf.type == ElfFile.ET_DYN ? AddressSpace.pageDown(abi.dynamicBase()) - imageSpan[0] : 0;
        ElfLoader.Loaded main = ElfLoader.load(elf, as, bias);
        long entry = main.entry();
        long interpBase = 0;
        if (elf.interpreter != null) {
            Path interpPath = resolveInterpreter(elf.interpreter, proc.sysroot);
            ElfFile interp = ElfFile.read(interpPath);
            if (interp.machine != elf.machine) {
                throw new ElfException(interpPath + ": interpreter is for a different architecture", 126);
            }
            long[] span = ElfLoader.span(interp);
            long size = span[1] - span[0];
            long at = as.findFreeBelow(proc.mmapTop, proc.mmapBottom, size);
            if (at < 0) throw new ElfException(interpPath + ": no room for the interpreter", 126);
            ElfLoader.Loaded li = ElfLoader.load(interp, as, interp.type == ElfFile.ET_DYN ? at - span[0] : 0);
            interpBase = li.bias();
            entry = li.entry();
        }

        proc.brkStart = proc.brk = AddressSpace.pageUp(main.end());
        // The image and the stack's top in the TLB already: their first touches, made while the
        // units are profiled, would otherwise make C2 keep every access's slow path a call
        // (riscv64 cpu_mix's steady state 3% faster, docs/PERFORMANCE.md).
        cpu.prefillTlb(imageSpan[0] + main.bias(), main.end());
        cpu.prefillTlb(taskSize - Math.min(stackSize, 64L * AddressSpace.PAGE_SIZE), taskSize);

        InitialStack st = new InitialStack(taskSize, elf.order);
        long execfn = st.pushString(req.execfn());
        List<Long> envAddrs = new ArrayList<>();
        List<Long> argvAddrs = new ArrayList<>();
        for (int i = req.env().size() - 1; i >= 0; i--) envAddrs.addFirst(st.pushString(req.env().get(i)));
        for (int i = req.argv().size() - 1; i >= 0; i--) argvAddrs.addFirst(st.pushString(req.argv().get(i)));
        long platform = abi.platform() == null ? 0 : st.pushString(abi.platform());
        long random = st.pushRandomBytes(16);

        // The order qemu-user uses (create_elf_tables), so that traces of the two line up.
        st.aux(InitialStack.AT_PHDR, main.phdr());
        st.aux(InitialStack.AT_PHENT, 56);
        st.aux(InitialStack.AT_PHNUM, main.phnum());
        st.aux(InitialStack.AT_PAGESZ, AddressSpace.PAGE_SIZE);
        st.aux(InitialStack.AT_BASE, interpBase);
        st.aux(InitialStack.AT_FLAGS, 0);
        st.aux(InitialStack.AT_ENTRY, main.entry());
        st.aux(InitialStack.AT_UID, HostIdentity.uid());
        st.aux(InitialStack.AT_EUID, HostIdentity.euid());
        st.aux(InitialStack.AT_GID, HostIdentity.gid());
        st.aux(InitialStack.AT_EGID, HostIdentity.egid());
        st.aux(InitialStack.AT_HWCAP, abi.hwcap());
        st.aux(InitialStack.AT_CLKTCK, 100);
        st.aux(InitialStack.AT_RANDOM, random);
        if (abi.hwcap2() != 0) st.aux(InitialStack.AT_HWCAP2, abi.hwcap2());
        st.aux(InitialStack.AT_SECURE, 0);
        st.aux(InitialStack.AT_EXECFN, execfn);
        if (platform != 0) st.aux(InitialStack.AT_PLATFORM, platform);
        long sp = st.finish(argvAddrs, envAddrs);
        proc.image = layout(elf, main.bias(), sp, req, argvAddrs, envAddrs, st.auxvBytes());

        abi.setEntryState(cpu, entry, sp);
    }

    /** The ranges /proc/self/stat reports, computed as Linux's load_elf_binary does. */
    private static ImageLayout layout(ElfFile elf, long bias, long sp, Request req, List<Long> argv, List<Long> env, byte[] auxv) {
        long startCode = Long.MAX_VALUE, endCode = 0, startData = 0, endData = 0;
        for (ElfFile.Segment s : elf.segments) {
            if (s.type() != ElfFile.PT_LOAD) continue;
            long k = s.vaddr() + bias;
            if ((s.flags() & ElfFile.PF_X) != 0) {
                startCode = Math.min(startCode, k);
                endCode = Math.max(endCode, k + s.filesz());
            }
            startData = Math.max(startData, k);
            endData = Math.max(endData, k + s.filesz());
        }
        if (startCode == Long.MAX_VALUE) startCode = 0;
        long argStart = argv.isEmpty() ? 0 : argv.getFirst();
        long argEnd = argv.isEmpty() ? 0 : argv.getLast() + utf8Length(req.argv().getLast()) + 1;
        long envStart = env.isEmpty() ? argEnd : env.getFirst();
        long envEnd = env.isEmpty() ? argEnd : env.getLast() + utf8Length(req.env().getLast()) + 1;
        return new ImageLayout(startCode, endCode, startData, endData, sp, argStart, argEnd, envStart, envEnd, auxv);
    }

    private static int utf8Length(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    /** The interpreter inside the sysroot first, then on the host, as qemu-user looks it up. */
    private static Path resolveInterpreter(String interp, Sysroot sysroot) throws ElfException {
        Path p = Path.of(sysroot == null ? interp : sysroot.hostPath(interp));
        if (java.nio.file.Files.exists(p)) return p;
        throw new ElfException("could not open the ELF interpreter " + interp
                + (sysroot == null ? " (dynamically linked program: give the guest's root with -L DIR)" : " under " + sysroot.directory()), 127);
    }
}
