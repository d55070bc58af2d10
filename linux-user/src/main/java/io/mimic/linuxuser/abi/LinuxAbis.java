package io.mimic.linuxuser.abi;

import io.mimic.linuxuser.elf.ElfFile;

import java.util.List;

/** The guest ABIs this build supports, chosen by the ELF header. */
public final class LinuxAbis {
    private static final List<LinuxAbi> ALL = List.of(new RiscvLinuxAbi(), new Arm64LinuxAbi());

    private LinuxAbis() {}

    public static List<LinuxAbi> all() {
        return ALL;
    }

    /** The ABI that runs this ELF file, or null. */
    public static LinuxAbi forElf(ElfFile elf) {
        for (LinuxAbi abi : ALL) if (abi.accepts(elf)) return abi;
        return null;
    }

    /** A readable name for an ELF machine number, for error messages. */
    public static String machineName(int machine) {
        return switch (machine) {
            case 3 -> "i386";
            case 8 -> "MIPS";
            case 15 -> "HPPA";
            case 20 -> "PowerPC";
            case 21 -> "PowerPC64";
            case 22 -> "s390";
            case 40 -> "ARM";
            case 62 -> "x86-64";
            case 183 -> "AArch64";
            case 243 -> "RISC-V";
            case 258 -> "LoongArch";
            default -> "machine " + machine;
        };
    }
}
