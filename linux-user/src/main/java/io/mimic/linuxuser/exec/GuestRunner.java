package io.mimic.linuxuser.exec;

import io.mimic.linuxuser.elf.ElfException;
import io.mimic.linuxuser.host.HostFds;
import io.mimic.linuxuser.process.GuestExit;
import io.mimic.linuxuser.process.GuestProcess;
import io.mimic.linuxuser.process.GuestThread;
import io.mimic.linuxuser.process.Sysroot;
import io.mimic.linuxuser.process.LaunchSettings;
import io.mimic.linuxuser.process.ProgramLoader;
import io.mimic.linuxuser.syscall.LinuxSyscalls;
import io.mimic.linuxuser.syscall.SyscallDispatcher;
import io.mimic.translator.engine.CodeCache;
import io.mimic.translator.engine.CpuState;
import io.mimic.translator.engine.ExecutionLoop;
import io.mimic.translator.memory.AddressSpace;

import java.nio.ByteBuffer;

/**
 * Runs a guest process until it exits, replacing its image in place when it execs a guest
 * program: the old memory and translations are dropped, close-on-exec fds closed, handled
 * signals reset to their default (ignored ones stay ignored), and the new ELF — of any ISA this
 * build supports — is loaded into the same process, which keeps its pid, fds and children.
 */
public final class GuestRunner {
    /** Linux kills a process whose exec fails past the point of no return with SIGSEGV. */
    private static final int SIGSEGV = 11;

    private GuestRunner() {}

    /** A process image and the CPU of its thread. */
    public record Image(GuestProcess process, CpuState cpu) {}

    /** The execution loop of an image's first thread, set up for the -d items. */
    public static ExecutionLoop newLoop(Image img) {
        GuestProcess p = img.process();
        ExecutionLoop loop = new ExecutionLoop(img.cpu(), p.code);
        if (p.settings.logItems().contains("exec")) {
            p.code.setMaxInstructions(1);
            loop.traceExecution(p.settings.log());
        }
        String maxInsns = System.getenv("MIMIC_MAX_BLOCK_INSNS");
        if (maxInsns != null && maxInsns.matches("\\d{1,6}")) p.code.setMaxInstructions(Integer.parseInt(maxInsns));
        return loop;
    }

    /** A new CodeCache for an image, set up for the -d items. */
    public static CodeCache newCodeCache(io.mimic.linuxuser.abi.LinuxAbi abi, AddressSpace memory, LaunchSettings s) {
        CodeCache code = new CodeCache(abi.frontend(), memory);
        if (s.logItems().contains("in_asm")) code.setInAsmLog(s.log()::print);
        return code;
    }

    /** execve's point of no return: everything of the old image goes, the new one is loaded. */
    public static Image replaceImage(GuestProcess old, GuestExec e) {
        io.mimic.linuxuser.fork.ParentLink.imageReplaced();
        PersistentTranslations.imageEnds();
        AddressSpace memory = new AddressSpace();
        CodeCache code = newCodeCache(e.abi, memory, old.settings);
        // The old image's translations serve wherever the new one has the same code at the same
        // place (the same program or libraries): taken before the old memory goes.
        code.inheritFrom(old.code);
        old.memory.clear();
        old.sharedBackings.clear();
        for (int fd : old.fds.openFds()) {
            if (old.fds.closeOnExec(fd)) HostFds.close(old.fds.remove(fd));
        }
        GuestProcess p = new GuestProcess(e.abi, memory, code, e.exePath, e.argv, old.fds);
        p.children = old.children;
        p.children.adoptedBy(p);
        p.signalFds = old.signalFds;
        p.settings = old.settings;
        p.strace = old.strace;
        p.sysroot = old.sysroot != null ? old.sysroot : Sysroot.defaultFor(e.abi.gnuTriple(), e.elf.interpreter);
        // Signals pending for the process stay pending across execve.
        for (io.mimic.linuxuser.signal.SigInfo info; (info = old.pending.take(-1L)) != null; ) p.pending.add(info);
        // Handled signals go back to their default; ignored ones stay ignored, with no flags or mask.
        int size = e.abi.sigactionSize();
        for (int sig = 1; sig <= 64; sig++) {
            if (!isIgnored(old, sig)) continue;
            byte[] act = new byte[size];
            ByteBuffer.wrap(act).order(e.abi.frontendByteOrder()).putLong(0, 1);
            p.sigactions[sig] = act;
        }
        CpuState cpu = e.abi.newCpu(memory);
        GuestThread main = p.startMainThread(cpu);
        String base = e.execfn.substring(e.execfn.lastIndexOf('/') + 1);
        main.name = base.length() > 15 ? base.substring(0, 15) : base;
        main.signalMask = e.signalMask;
        SyscallDispatcher dispatcher = new SyscallDispatcher(p, LinuxSyscalls.registry(e.abi));
        p.systemInterface = dispatcher::forThread;
        cpu.system = dispatcher.forThread(main);
        try {
            ProgramLoader.load(p, cpu, new ProgramLoader.Request(e.elf, e.argv, e.env, e.execfn, old.settings.stackSize()));
        } catch (ElfException ex) {
            System.err.println("mimic: " + ex.getMessage());
            throw io.mimic.linuxuser.signal.SignalDeath.die(old, (int) old.arch().signals().value("SIGSEGV", SIGSEGV), false);
        }
        io.mimic.linuxuser.process.RunningImage.set(p);
        PersistentTranslations.imageStarts(p);
        syncHostSignals(p);
        return new Image(p, cpu);
    }

    /**
     * Makes the host dispositions of the forwarded signals follow this process's guest ones (the
     * host handlers name the process they deliver to): after execve and in a forked child.
     */
    public static void syncHostSignals(GuestProcess p) {
        for (int sig = 1; sig <= 64; sig++) {
            io.mimic.linuxuser.signal.HostSignals.dispositionChanged(p, sig, io.mimic.linuxuser.signal.SigAction.of(p, sig));
        }
    }

    /** True if the guest's disposition of {@code sig} is SIG_IGN (sa_handler, the first word, is 1). */
    static boolean isIgnored(GuestProcess p, int sig) {
        byte[] act = p.sigactions[sig];
        return act != null && ByteBuffer.wrap(act).order(p.abi.frontendByteOrder()).getLong(0) == 1;
    }

}
