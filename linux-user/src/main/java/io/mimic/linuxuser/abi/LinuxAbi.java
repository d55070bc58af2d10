package io.mimic.linuxuser.abi;

import io.mimic.syscalls.linux.SyscallTable;
import io.mimic.translator.engine.CpuState;
import io.mimic.translator.engine.Frontend;
import io.mimic.translator.memory.AddressSpace;

/**
 * What Linux user mode needs to know about one guest ISA: its ELF machine, translator,
 * syscall convention and table, initial register state, auxv bits and memory layout. Adding an
 * ISA adds one implementation; nothing else in linux-user changes.
 */
public interface LinuxAbi {
    String name();

    int elfMachine();

    /** True if the ELF header (class, endianness, flags) is one this ABI runs. */
    boolean accepts(io.mimic.linuxuser.elf.ElfFile elf);

    Frontend frontend();

    CpuState newCpu(AddressSpace memory);

    SyscallTable syscallTable();

    long syscallNumber(CpuState cpu);

    long syscallArg(CpuState cpu, int index);

    void setSyscallResult(CpuState cpu, long value);

    /** Registers at process entry: pc, stack pointer, and whatever the ABI requires zeroed. */
    void setEntryState(CpuState cpu, long entry, long stackPointer);

    /** Where clone(2)'s arguments are in this ABI (the order differs between architectures). */
    CloneArgumentOrder cloneArgumentOrder();

    /**
     * The registers of a thread made by clone that differ from its creator's (the CPU is already
     * a copy, with the system call's result 0): the stack pointer if {@code stack} is not 0, and
     * the thread pointer if {@code setTls} (CLONE_SETTLS).
     */
    void setCloneChildState(CpuState child, long stack, long tls, boolean setTls);

    long hwcap();

    long hwcap2();

    /** AT_PLATFORM string, or null if the kernel gives none for this ISA. */
    String platform();

    /** One past the highest user address (TASK_SIZE). */
    long taskSize();

    /** Where the kernel loads an ET_DYN executable (ELF_ET_DYN_BASE). */
    long dynamicBase();

    /** Names of the CPU models accepted by -cpu, first is the default. */
    java.util.List<String> cpuModels();

    /** Byte order of the guest's data (for structures the syscall layer reads and writes). */
    java.nio.ByteOrder frontendByteOrder();

    /** Size of the kernel's struct sigaction for this ABI (rt_sigaction). */
    int sigactionSize();

    /** The ISA's rt_sigframe (signal/SignalFrame), or null while the ISA has none: handlers cannot run. */
    io.mimic.linuxuser.signal.SignalFrame signalFrame();

    /**
     * Rewinds the CPU to the system-call instruction that just returned, with its first argument
     * back in place, so that the call runs again (a blocking call interrupted by a signal, restarted).
     */
    void restartSyscall(CpuState cpu, long arg0);

    /**
     * The ABI as data (syscall-tables): structure layouts, flag values and signal numbers the
     * syscall layer converts through. {@link #syscallTable()} is {@code arch().syscalls()}.
     */
    io.mimic.syscalls.linux.LinuxArch arch();

    /**
     * The GNU target triple (riscv64-linux-gnu): Debian's cross toolchains keep the guest's
     * libraries and dynamic loader under /usr/TRIPLE, Mimic's default sysroot (see Sysroot).
     */
    default String gnuTriple() {
        return name() + "-linux-gnu";
    }

    /**
     * The guest's /proc/cpuinfo for {@code cpus} processors, in the text the ISA's Linux kernel
     * prints (arch/ISA/kernel/cpuinfo or cpu.c), describing exactly what Mimic implements.
     */
    String cpuinfo(int cpus);

    /** Registers the ISA's own system calls (e.g. riscv_flush_icache). */
    void registerSyscalls(io.mimic.linuxuser.syscall.SyscallRegistry registry);
}
