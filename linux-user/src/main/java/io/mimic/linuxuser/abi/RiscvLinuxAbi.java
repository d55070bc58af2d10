package io.mimic.linuxuser.abi;

import io.mimic.linuxuser.elf.ElfFile;
import io.mimic.syscalls.linux.SyscallTable;
import io.mimic.translator.engine.CpuState;
import io.mimic.translator.engine.Frontend;
import io.mimic.translator.memory.AddressSpace;
import io.mimic.translator.riscv.RiscvCpu;
import io.mimic.translator.riscv.RiscvFrontend;

import java.util.List;

/** RV64GC Linux: asm-generic syscalls, number in a7, arguments in a0-a5, result in a0. */
public final class RiscvLinuxAbi implements LinuxAbi {
    public static final int EM_RISCV = 243;
    private static final int A0 = 10, A7 = 17, SP = 2, TP = 4;
    /** EF_RISCV_FLOAT_ABI: 0 soft, 1 single, 2 double, 3 quad. */
    private static final int EF_RISCV_FLOAT_ABI_MASK = 0x6, EF_RISCV_FLOAT_ABI_QUAD = 0x6, EF_RISCV_RVE = 0x8;

    private final Lazy<Frontend> frontend = new Lazy<>(RiscvFrontend::new);
    private final Lazy<io.mimic.syscalls.linux.LinuxArch> arch = new Lazy<>(() -> io.mimic.syscalls.linux.LinuxArch.get("riscv64"));
    private final Lazy<SyscallTable> table = new Lazy<>(() -> arch.get().syscalls());

    @Override public String name() { return "riscv64"; }
    @Override public int elfMachine() { return EM_RISCV; }

    @Override
    public boolean accepts(ElfFile elf) {
        return elf.machine == EM_RISCV && elf.order == java.nio.ByteOrder.LITTLE_ENDIAN
                && (elf.flags & EF_RISCV_RVE) == 0 && (elf.flags & EF_RISCV_FLOAT_ABI_MASK) != EF_RISCV_FLOAT_ABI_QUAD;
    }

    @Override public Frontend frontend() { return frontend.get(); }
    @Override public CpuState newCpu(AddressSpace memory) { return new RiscvCpu(memory); }
    @Override public SyscallTable syscallTable() { return table.get(); }

    @Override public long syscallNumber(CpuState cpu) { return ((RiscvCpu) cpu).x[A7]; }
    @Override public long syscallArg(CpuState cpu, int i) { return ((RiscvCpu) cpu).x[A0 + i]; }
    @Override public void setSyscallResult(CpuState cpu, long v) { ((RiscvCpu) cpu).x[A0] = v; }

    @Override public void setStackPointer(CpuState cpu, long sp) { ((RiscvCpu) cpu).x[SP] = sp; }

    @Override
    public void setEntryState(CpuState cpu, long entry, long sp) {
        RiscvCpu c = (RiscvCpu) cpu;
        java.util.Arrays.fill(c.x, 0);
        c.x[SP] = sp;
        c.pc = entry;
    }

    @Override public CloneArgumentOrder cloneArgumentOrder() { return CloneArgumentOrder.BACKWARDS; }

    @Override
    public void setCloneChildState(CpuState child, long stack, long tls, boolean setTls) {
        RiscvCpu c = (RiscvCpu) child;
        if (stack != 0) c.x[SP] = stack;
        if (setTls) c.x[TP] = tls;
    }

    /** One bit per single-letter extension, as Linux reports it: I, M, A, F, D, C. */
    @Override
    public long hwcap() {
        long h = 0;
        for (char ext : "IMAFDC".toCharArray()) h |= 1L << (ext - 'A');
        return h;
    }

    /**
     * The ISA string as Linux prints it: single-letter extensions, then the multi-letter ones
     * in canonical order. Zicntr (rdcycle/rdtime/rdinstret), Zicsr and Zifencei are implemented;
     * Zihpm's counters are not.
     */
    static final String ISA = "rv64imafdc_zicntr_zicsr_zifencei_zba_zbb_zbs";

    /** arch/riscv/kernel/cpu.c's show_cpuinfo: one block per hart; Sv39 matches {@link #taskSize}. */
    @Override
    public String cpuinfo(int cpus) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cpus; i++) {
            sb.append("processor\t: ").append(i).append('\n');
            sb.append("hart\t\t: ").append(i).append('\n');
            sb.append("isa\t\t: ").append(ISA).append('\n');
            sb.append("mmu\t\t: sv39\n");
            sb.append("mvendorid\t: 0x0\n");
            sb.append("marchid\t\t: 0x0\n");
            sb.append("mimpid\t\t: 0x0\n\n");
        }
        return sb.toString();
    }

    @Override public long hwcap2() { return 0; }
    @Override public String platform() { return null; }
    /** Sv39: user space ends at 256 GiB. */
    @Override public long taskSize() { return 1L << 38; }
    /** 2/3 of TASK_SIZE, as Linux's ELF_ET_DYN_BASE. */
    @Override public long dynamicBase() { return (taskSize() / 3 * 2) & ~0xfffL; }
    @Override public List<String> cpuModels() { return List.of("rv64", "max"); }
    @Override public java.nio.ByteOrder frontendByteOrder() { return java.nio.ByteOrder.LITTLE_ENDIAN; }
    /** sa_handler, sa_flags, sa_mask: no sa_restorer on RISC-V. */
    @Override public int sigactionSize() { return 24; }
    private final Lazy<io.mimic.linuxuser.signal.SignalFrame> signalFrame = new Lazy<>(io.mimic.linuxuser.signal.RiscvSignalFrame::new);
    @Override public io.mimic.linuxuser.signal.SignalFrame signalFrame() { return signalFrame.get(); }

    /** ecall is 4 bytes; the result replaced a0, the first argument. */
    @Override
    public void restartSyscall(CpuState cpu, long arg0) {
        RiscvCpu c = (RiscvCpu) cpu;
        c.pc -= 4;
        c.x[A0] = arg0;
    }
    @Override public io.mimic.syscalls.linux.LinuxArch arch() { return arch.get(); }

    @Override
    public void registerSyscalls(io.mimic.linuxuser.syscall.SyscallRegistry r) {
        // The guest wrote code and asks for it to become visible to instruction fetch.
        r.register("riscv_flush_icache", a -> {
            a.process.code.invalidateAll();
            return 0;
        });
    }
}
