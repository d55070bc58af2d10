package io.mimic.linuxuser.abi;

import io.mimic.translator.aarch64.Arm64System;

/**
 * /proc/cpuinfo as arch/arm64/kernel/cpuinfo.c prints it (c_show): the Features line lists the
 * names of the HWCAP and HWCAP2 bits the ABI advertises (so it says exactly what the auxv says),
 * the CPU lines decode MIDR_EL1 as user space reads it, BogoMIPS follows from the counter
 * frequency as the kernel computes it from the timer rate.
 */
final class Arm64CpuInfo {
    /** The kernel's hwcap_str, indexed by HWCAP bit (0-31) and 64 + HWCAP2 bit. */
    private static final String[] HWCAP_NAMES = {
        "fp", "asimd", "evtstrm", "aes", "pmull", "sha1", "sha2", "crc32", "atomics", "fphp", "asimdhp", "cpuid",
        "asimdrdm", "jscvt", "fcma", "lrcpc", "dcpop", "sha3", "sm3", "sm4", "asimddp", "sha512", "sve", "asimdfhm",
        "dit", "uscat", "ilrcpc", "flagm", "ssbs", "sb", "paca", "pacg"};
    private static final String[] HWCAP2_NAMES = {
        "dcpodp", "sve2", "sveaes", "svepmull", "svebitperm", "svesha3", "svesm4", "flagm2", "frint", "svei8mm",
        "svef32mm", "svef64mm", "svebf16", "i8mm", "bf16", "dgh", "rng", "bti", "mte", "ecv", "afp", "rpres", "mte3",
        "sme", "smei16i64", "smef64f64", "smei8i32", "smef16f32", "smeb16f32", "smef32f32", "smefa64", "wfxt",
        "ebf16", "sveebf16", "cssc", "rprfm", "sve2p1", "sme2", "sme2p1", "smei16i32", "smebi32i32", "smeb16b16",
        "smef16f16", "mops", "hbc", "sveb16b16", "lrcpc3", "lse128"};

    private Arm64CpuInfo() {}

    static String render(int cpus, long hwcap, long hwcap2) {
        StringBuilder features = new StringBuilder();
        for (int b = 0; b < 64; b++) {
            if ((hwcap & (1L << b)) != 0) features.append(' ').append(b < HWCAP_NAMES.length ? HWCAP_NAMES[b] : "hwcap" + b);
        }
        for (int b = 0; b < 64; b++) {
            if ((hwcap2 & (1L << b)) != 0) features.append(' ').append(b < HWCAP2_NAMES.length ? HWCAP2_NAMES[b] : "hwcap2_" + b);
        }
        long midr = Arm64System.read(null, Arm64System.MIDR_EL1);
        long rate = Arm64System.COUNTER_HZ;
        String bogomips = (rate / 500_000) + "." + String.format("%02d", (rate / 5_000) % 100);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cpus; i++) {
            sb.append("processor\t: ").append(i).append('\n');
            sb.append("BogoMIPS\t: ").append(bogomips).append('\n');
            sb.append("Features\t:").append(features).append('\n');
            sb.append(String.format("CPU implementer\t: 0x%02x%n", (midr >>> 24) & 0xff));
            sb.append("CPU architecture: 8\n");
            sb.append(String.format("CPU variant\t: 0x%x%n", (midr >>> 20) & 0xf));
            sb.append(String.format("CPU part\t: 0x%03x%n", (midr >>> 4) & 0xfff));
            sb.append("CPU revision\t: ").append(midr & 0xf).append("\n\n");
        }
        return sb.toString();
    }
}
