package io.mimic.tests.random;

import java.util.Map;

/**
 * Where the reference, qemu-riscv64 7.2 (Debian 12), deviates from the RISC-V specification,
 * and how the generator avoids the cases: these are not Mimic bugs, so the generator must not
 * produce them or every such program would fail. Each entry: mnemonic -> the deviation and the
 * workaround in {@link InstructionGenerator}.
 */
public final class QemuQuirks {
    private QemuQuirks() {}

    public static final Map<String, String> WORKED_AROUND = Map.of(
            "ctzw", "qemu 7.2 counts the trailing zeros of the whole 64-bit register when the low word is 0 "
                    + "(ctzw of 1<<33 gives 33, the spec says 32; fixed upstream in 8.0 by 'target/riscv: fix ctzw "
                    + "behavior'). The generator emits ctzw only after sext.w of its source, so a zero low word "
                    + "comes with a zero upper word.");
}
