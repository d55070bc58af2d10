package io.mimic.linuxuser.cli;

import io.mimic.linuxuser.abi.LinuxAbi;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * binfmt_misc registrations that make the kernel run foreign ELF executables through Mimic
 * ({@code mimic --install-binfmt}, {@code --print-binfmt}, {@code --uninstall-binfmt}).
 *
 * <p>One entry per supported ISA, named {@code mimic-ARCH}, matching the first 20 bytes of the
 * ELF header as qemu-binfmt-conf.sh does: 64-bit, the ABI's byte order, version 1, type
 * ET_EXEC or ET_DYN (the mask's 0xfe), and the ELF machine; the OS/ABI byte is masked out.
 *
 * <p>The interpreter, given by absolute path, is a launcher that reads the binfmt_misc
 * conventions from its own auxiliary vector (AT_FLAGS bit 0 for P, AT_EXECFD for O) and starts
 * bin/mimic with {@code -0 ARGV0} and the open program: the native linux-user/target/mimic-binfmt
 * (from linux-user/src/main/c) or, without a C compiler, the script bin/mimic-binfmt (P only). Flags: P
 * (preserve argv[0]) always; O and C (open the binary, credentials from it: set-uid programs)
 * with {@code --credential}; F (the kernel opens the interpreter at registration, so it works
 * in other mount namespaces and chroots where /bin/sh and Java still exist) with
 * {@code --persistent}.
 */
final class Binfmt {
    static final Path MISC = Path.of("/proc/sys/fs/binfmt_misc");

    private Binfmt() {}

    /** The registration line for one ABI, in the format of binfmt_misc's register file and binfmt.d. */
    static String registration(LinuxAbi abi, String interpreter, boolean persistent, boolean credential) {
        boolean le = abi.frontendByteOrder() == java.nio.ByteOrder.LITTLE_ENDIAN;
        int m = abi.elfMachine();
        int[] magic = {0x7f, 'E', 'L', 'F', 2, le ? 1 : 2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                le ? 2 : 0, le ? 0 : 2, le ? m & 0xff : m >>> 8, le ? m >>> 8 : m & 0xff};
        int[] mask = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                le ? 0xfe : 0xff, le ? 0xff : 0xfe, 0xff, 0xff};
        String flags = "P" + (credential ? "OC" : "") + (persistent ? "F" : "");
        return ":" + name(abi) + ":M::" + hex(magic) + ":" + hex(mask) + ":" + interpreter + ":" + flags;
    }

    static String name(LinuxAbi abi) {
        return "mimic-" + abi.name();
    }

    private static String hex(int[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (int b : bytes) sb.append(String.format("\\x%02x", b));
        return sb.toString();
    }

    /**
     * The interpreter to register: the native launcher linux-user/target/mimic-binfmt (built by
     * toolchains/build-binfmt-launcher next to the jar) when it exists, else the script
     * bin/mimic-binfmt. The O flag needs the native one: the kernel will not hand an open binary
     * to a script interpreter (exec fails with ENOEXEC). Null if neither fits.
     */
    static Path launcher(boolean credential) {
        Path target;
        try {
            target = Path.of(Binfmt.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
        } catch (Exception e) {
            target = Path.of("linux-user/target").toAbsolutePath();
        }
        Path nativeLauncher = target.resolve("mimic-binfmt").normalize();
        if (Files.isExecutable(nativeLauncher)) return nativeLauncher;
        Path script = target.getParent().getParent().resolve("bin/mimic-binfmt").normalize();
        return credential || !Files.isExecutable(script) ? null : script;
    }

    private static final String NO_LAUNCHER = "mimic: no binfmt launcher: run toolchains/build-binfmt-launcher (needs a C compiler;"
            + " the native launcher is required for --credential)";

    static int print(List<LinuxAbi> abis, boolean persistent, boolean credential, PrintStream out, PrintStream err) {
        Path launcher = launcher(credential);
        if (launcher == null) {
            err.println(NO_LAUNCHER);
            return 1;
        }
        out.println("# Mimic: run foreign Linux executables (systemd binfmt.d format; install as /etc/binfmt.d/mimic.conf)");
        for (LinuxAbi abi : abis) out.println(registration(abi, launcher.toString(), persistent, credential));
        return 0;
    }

    static int install(List<LinuxAbi> abis, boolean persistent, boolean credential, PrintStream err) {
        Path launcher = launcher(credential);
        if (launcher == null) {
            err.println(NO_LAUNCHER);
            return 1;
        }
        Path register = MISC.resolve("register");
        if (!Files.exists(register)) {
            err.println("mimic: binfmt_misc is not mounted (as root: mount -t binfmt_misc binfmt_misc " + MISC + ")");
            return 1;
        }
        List<String> done = new ArrayList<>();
        for (LinuxAbi abi : abis) {
            try {
                remove(abi);
                Files.writeString(register, registration(abi, launcher.toString(), persistent, credential), StandardCharsets.US_ASCII);
                done.add(name(abi));
            } catch (IOException e) {
                err.println("mimic: cannot register " + name(abi) + " (" + e.getMessage() + "; root is needed)");
                return 1;
            }
        }
        err.println("mimic: registered " + String.join(", ", done) + " -> " + launcher);
        return 0;
    }

    static int uninstall(List<LinuxAbi> abis, PrintStream err) {
        for (LinuxAbi abi : abis) {
            try {
                if (remove(abi)) err.println("mimic: removed " + name(abi));
            } catch (IOException e) {
                err.println("mimic: cannot remove " + name(abi) + " (" + e.getMessage() + "; root is needed)");
                return 1;
            }
        }
        return 0;
    }

    /** Removes the ABI's entry if it exists (writing -1 to it); returns whether it did. */
    private static boolean remove(LinuxAbi abi) throws IOException {
        Path entry = MISC.resolve(name(abi));
        if (!Files.exists(entry)) return false;
        Files.writeString(entry, "-1", StandardCharsets.US_ASCII);
        return true;
    }
}
