package io.mimic.tests.random.a64;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A generated A64 test program for one seed: blocks of random instructions, each starting from
 * a random register file (X, V, NZCV) and ending with a dump of the state and the data buffer
 * to stdout ({@link A64Layout}). Built with {@code -nostdlib -static} at a fixed address, so
 * every address (ADR, ADRP, BL's link) is the same under both emulators.
 */
public final class A64Program {
    public static final List<String> GCC_FLAGS = List.of(
            "-nostdlib", "-static", "-Wl,-Ttext=0x400000", "-Wl,--build-id=none");

    private static final long[] SPECIAL = {0, 1, -1, 2, 0x7fffffffL, 0x80000000L, 0xffffffffL, 0x100000000L,
        Long.MAX_VALUE, Long.MIN_VALUE, 0x8000000000000001L, 63, 64, 31, 32, 0xffL, 0x80L, 0x7fffL, 0x8000L};

    private final List<String> blocks = new ArrayList<>();
    private int instructions;

    private A64Program() {}

    public static A64Program generate(long seed, int blockCount, int length) {
        Random r = new Random(seed);
        A64Program p = new A64Program();
        for (int b = 0; b < blockCount; b++) {
            A64Generator g = new A64Generator(r, ".Lb" + b + "_");
            StringBuilder sb = new StringBuilder();
            init(sb, b, r);
            for (A64Generator.Unit u : g.block(length)) {
                sb.append("    // ").append(u.kind()).append('\n');
                for (String line : u.lines()) {
                    sb.append(line.endsWith(":") ? "" : "    ").append(line).append('\n');
                    if (!line.endsWith(":") && (!line.startsWith(".") || line.startsWith(".inst"))) p.instructions++;
                }
            }
            dump(sb, b);
            p.blocks.add(sb.toString());
        }
        return p;
    }

    public int instructions() { return instructions; }
    public int blockCount() { return blocks.size(); }

    private static long value(Random r) {
        int k = r.nextInt(4);
        if (k == 0) return SPECIAL[r.nextInt(SPECIAL.length)];
        if (k == 1) return r.nextInt(256) - 128;
        if (k == 2) return r.nextInt();
        return r.nextLong();
    }

    /** Loads every random register from a table in .data (X0 last: it is the table pointer). */
    private static void init(StringBuilder sb, int b, Random r) {
        sb.append("// ---- block ").append(b).append(": init\n");
        sb.append("    adrp x0, init").append(b).append("\n    add x0, x0, :lo12:init").append(b).append('\n');
        for (int q = 0; q < 32; q += 2) sb.append(String.format("    ldp q%d, q%d, [x0, #%d]%n", q, q + 1, 256 + 16 * q));
        sb.append("    ldr x1, [x0, #248]\n    msr nzcv, x1\n");
        // a random FPCR (rounding mode, FZ, DN, FZ16, AHP) for the block; FPSR starts clear
        int fpcr = r.nextInt(2) == 0 ? 0 : r.nextInt(4) << 6 | r.nextInt(2) << 8 | r.nextInt(2) << 9 | r.nextInt(2) << 3 | r.nextInt(4) / 3 << 10;
        sb.append(String.format("    movz x1, #0x%x, lsl #16%n    msr fpcr, x1%n    msr fpsr, xzr%n", fpcr));
        for (int x = 1; x < 31; x++) {
            if (x == 27 || x == 28) continue;
            sb.append(String.format("    ldr x%d, [x0, #%d]%n", x, 8 * x));
        }
        sb.append("    msr tpidr_el0, x30\n");
        sb.append("    ldr x0, [x0]\n");
        sb.append("// ---- block ").append(b).append(": random\n");
        StringBuilder data = new StringBuilder();
        data.append(".balign 16\ninit").append(b).append(":\n");
        for (int x = 0; x < 31; x++) data.append(String.format("    .quad 0x%016x%n", value(r)));
        data.append(String.format("    .quad 0x%08x%n", r.nextInt(16) << 28));
        for (int q = 0; q < 64; q++) data.append(String.format("    .quad 0x%016x%n", value(r)));
        sb.append("    .pushsection .data\n").append(data).append("    .popsection\n");
    }

    private static void dump(StringBuilder sb, int b) {
        sb.append("// ---- block ").append(b).append(": dump\n");
        for (int x = 0; x < 30; x += 2) sb.append(String.format("    stp x%d, x%d, [x28, #%d]%n", x, x + 1, 8 * x));
        sb.append("    str x30, [x28, #240]\n    mov x0, sp\n    str x0, [x28, #248]\n");
        sb.append("    mrs x0, nzcv\n    str x0, [x28, #256]\n    mrs x0, tpidr_el0\n    str x0, [x28, #264]\n");
        sb.append("    mrs x0, fpsr\n    str x0, [x28, #").append(A64Layout.FPSR).append("]\n");
        sb.append("    mrs x0, fpcr\n    str x0, [x28, #").append(A64Layout.FPCR).append("]\n    msr fpcr, xzr\n");
        for (int q = 0; q < 32; q += 2) sb.append(String.format("    stp q%d, q%d, [x28, #%d]%n", q, q + 1, A64Layout.V + 16 * q));
        sb.append("    mov x0, #1\n    mov x1, x28\n    mov x2, #").append(A64Layout.AREA_BYTES).append("\n    mov x8, #64\n    svc #0\n");
    }

    /** The assembly source. */
    public String render(String description) {
        StringBuilder sb = new StringBuilder();
        sb.append("// Random A64 instruction test: ").append(description).append("\n");
        sb.append("    .arch armv8.5-a+fp16+crypto+sha3+sm4\n    .text\n    .globl _start\n_start:\n");
        sb.append("    adrp x28, area\n    add x28, x28, :lo12:area\n");
        sb.append("    add x27, x28, #").append(A64Layout.BASE).append("\n    mov sp, x27\n");
        for (String b : blocks) sb.append(b);
        sb.append("    mov x0, #0\n    mov x8, #93\n    svc #0\n");
        sb.append("    .data\n    .balign 4096\narea:\n");
        Random r = new Random(description.hashCode());
        sb.append("    .fill ").append(A64Layout.BUFFER).append(", 1, 0\n");
        for (int i = 0; i < A64Layout.BUFFER_BYTES; i += 8) sb.append(String.format("    .quad 0x%016x%n", r.nextLong()));
        return sb.toString();
    }
}
