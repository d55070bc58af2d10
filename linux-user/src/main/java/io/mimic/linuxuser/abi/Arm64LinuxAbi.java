package io.mimic.linuxuser.abi;

import io.mimic.linuxuser.elf.ElfFile;
import io.mimic.syscalls.linux.SyscallTable;
import io.mimic.translator.aarch64.Arm64Cpu;
import io.mimic.translator.aarch64.Arm64Feature;
import io.mimic.translator.aarch64.Arm64Frontend;
import io.mimic.translator.engine.CpuState;
import io.mimic.translator.engine.Frontend;
import io.mimic.translator.memory.AddressSpace;

import java.util.List;
import java.util.Map;

/**
 * AArch64 Linux: asm-generic syscalls, number in x8, arguments in x0-x5, result in x0, thread
 * pointer in TPIDR_EL0. HWCAP/HWCAP2 are derived from what the translator implements
 * ({@link Arm64Feature#IMPLEMENTED}), so user space never sees a feature it cannot use.
 */
public final class Arm64LinuxAbi implements LinuxAbi {
    public static final int EM_AARCH64 = 183;

    /** Linux's HWCAP bits (arch/arm64/include/uapi/asm/hwcap.h) for each feature. */
    private static final Map<Arm64Feature, Integer> HWCAP = Map.ofEntries(
            Map.entry(Arm64Feature.FP, 0), Map.entry(Arm64Feature.ASIMD, 1), Map.entry(Arm64Feature.AES, 3),
            Map.entry(Arm64Feature.PMULL, 4), Map.entry(Arm64Feature.SHA1, 5), Map.entry(Arm64Feature.SHA2, 6),
            Map.entry(Arm64Feature.CRC32, 7), Map.entry(Arm64Feature.ATOMICS, 8), Map.entry(Arm64Feature.FPHP, 9),
            Map.entry(Arm64Feature.ASIMDHP, 10), Map.entry(Arm64Feature.ASIMDRDM, 12), Map.entry(Arm64Feature.JSCVT, 13),
            Map.entry(Arm64Feature.FCMA, 14), Map.entry(Arm64Feature.LRCPC, 15), Map.entry(Arm64Feature.DCPOP, 16),
            Map.entry(Arm64Feature.SHA3, 17), Map.entry(Arm64Feature.SM3, 18), Map.entry(Arm64Feature.SM4, 19),
            Map.entry(Arm64Feature.ASIMDDP, 20), Map.entry(Arm64Feature.SHA512, 21), Map.entry(Arm64Feature.ASIMDFHM, 23),
            Map.entry(Arm64Feature.LRCPC2, 26));
    /** HWCAP_CPUID: the ID registers can be read with MRS (Linux emulates them, and so do we). */
    private static final int HWCAP_CPUID = 11;
    private static final Map<Arm64Feature, Integer> HWCAP2 = Map.of(
            Arm64Feature.FRINT, 8, Arm64Feature.I8MM, 13, Arm64Feature.BF16, 14, Arm64Feature.RNG, 16,
            Arm64Feature.CSSC, 34, Arm64Feature.LSE128, 47);

    private final Lazy<Frontend> frontend = new Lazy<>(Arm64Frontend::new);
    private final Lazy<io.mimic.syscalls.linux.LinuxArch> arch = new Lazy<>(() -> io.mimic.syscalls.linux.LinuxArch.get("aarch64"));
    private final Lazy<SyscallTable> table = new Lazy<>(() -> arch.get().syscalls());

    @Override public String name() { return "aarch64"; }
    @Override public int elfMachine() { return EM_AARCH64; }

    @Override
    public boolean accepts(ElfFile elf) {
        return elf.machine == EM_AARCH64 && elf.order == java.nio.ByteOrder.LITTLE_ENDIAN;
    }

    @Override public Frontend frontend() { return frontend.get(); }
    @Override public CpuState newCpu(AddressSpace memory) { return new Arm64Cpu(memory); }
    @Override public SyscallTable syscallTable() { return table.get(); }

    @Override public long syscallNumber(CpuState cpu) { return ((Arm64Cpu) cpu).x[8]; }
    @Override public long syscallArg(CpuState cpu, int i) { return ((Arm64Cpu) cpu).x[i]; }
    @Override public void setSyscallResult(CpuState cpu, long v) { ((Arm64Cpu) cpu).x[0] = v; }

    @Override public CloneArgumentOrder cloneArgumentOrder() { return CloneArgumentOrder.BACKWARDS; }

    /** A new thread: SP and TPIDR_EL0 (x0 = 0 is set by the caller). */
    @Override
    public void setCloneChildState(CpuState child, long stack, long tls, boolean setTls) {
        Arm64Cpu c = (Arm64Cpu) child;
        if (stack != 0) c.x[Arm64Cpu.SP] = stack;
        if (setTls) c.tpidr = tls;
    }

    @Override
    public void setStackPointer(CpuState cpu, long sp) {
        ((Arm64Cpu) cpu).x[Arm64Cpu.SP] = sp;
    }

    @Override
    public void setEntryState(CpuState cpu, long entry, long sp) {
        Arm64Cpu c = (Arm64Cpu) cpu;
        java.util.Arrays.fill(c.x, 0);
        java.util.Arrays.fill(c.v, 0);
        c.nzcv[0] = 0;
        c.fpcr = 0;
        c.fpsr = 0;
        c.tpidr = 0;
        c.x[Arm64Cpu.SP] = sp;
        c.pc = entry;
    }

    @Override
    public long hwcap() {
        long h = 1L << HWCAP_CPUID;
        for (var e : HWCAP.entrySet()) if (Arm64Feature.has(e.getKey())) h |= 1L << e.getValue();
        return h;
    }

    @Override
    public long hwcap2() {
        long h = 0;
        for (var e : HWCAP2.entrySet()) if (Arm64Feature.has(e.getKey())) h |= 1L << e.getValue();
        return h;
    }

    @Override public String platform() { return "aarch64"; }
    /** 39-bit virtual addresses (a standard arm64 configuration with 4 KiB pages), inside the host reservation. */
    @Override public long taskSize() { return 1L << 39; }
    /** 2/3 of TASK_SIZE, as Linux's ELF_ET_DYN_BASE. */
    @Override public long dynamicBase() { return (taskSize() / 3 * 2) & ~0xfffL; }
    @Override public List<String> cpuModels() { return List.of("max"); }
    @Override public java.nio.ByteOrder frontendByteOrder() { return java.nio.ByteOrder.LITTLE_ENDIAN; }
    /** sa_handler, sa_flags, sa_restorer, sa_mask. */
    @Override public int sigactionSize() { return 32; }
    private final Lazy<io.mimic.linuxuser.signal.SignalFrame> signalFrame = new Lazy<>(io.mimic.linuxuser.signal.Arm64SignalFrame::new);

    @Override public io.mimic.linuxuser.signal.SignalFrame signalFrame() { return signalFrame.get(); }

    /** svc is 4 bytes; the result replaced x0, the first argument. */
    @Override
    public void restartSyscall(CpuState cpu, long arg0) {
        cpu.pc -= 4;
        setSyscallResult(cpu, arg0);
    }
    @Override public io.mimic.syscalls.linux.LinuxArch arch() { return arch.get(); }

    /** The kernel's arm64 text; its Features line is {@link #hwcap()} and {@link #hwcap2()} by name. */
    @Override
    public String cpuinfo(int cpus) {
        return Arm64CpuInfo.render(cpus, hwcap(), hwcap2());
    }

    /** No arm64-specific system calls beyond the asm-generic table. */
    @Override
    public void registerSyscalls(io.mimic.linuxuser.syscall.SyscallRegistry r) {
    }
}
