package io.mimic.tests.random.a64;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/** One block's dump: registers, NZCV, TPIDR_EL0, the vector registers, FPSR, FPCR and the data buffer. */
public record A64State(long[] x, long nzcv, long tpidr, long[] v, long fpsr, long fpcr, byte[] buffer) {

    public static A64State parse(byte[] out, int offset) {
        ByteBuffer b = ByteBuffer.wrap(out, offset, A64Layout.AREA_BYTES).slice().order(ByteOrder.LITTLE_ENDIAN);
        long[] x = new long[32];
        for (int i = 0; i < 32; i++) x[i] = b.getLong(A64Layout.X + 8 * i);
        long[] v = new long[64];
        for (int i = 0; i < 64; i++) v[i] = b.getLong(A64Layout.V + 8 * i);
        byte[] buf = new byte[A64Layout.BUFFER_BYTES];
        b.get(A64Layout.BUFFER, buf);
        return new A64State(x, b.getLong(A64Layout.NZCV), b.getLong(A64Layout.TPIDR), v,
                b.getLong(A64Layout.FPSR), b.getLong(A64Layout.FPCR), buf);
    }

    /** Lines naming each differing register (reference value first), at most {@code max}. */
    public static List<String> differences(A64State ref, A64State got, int max) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            if (ref.x[i] != got.x[i]) out.add(String.format("%s: qemu %016x mimic %016x", i == 31 ? "sp" : "x" + i, ref.x[i], got.x[i]));
        }
        if (ref.nzcv != got.nzcv) out.add(String.format("nzcv: qemu %08x mimic %08x", ref.nzcv, got.nzcv));
        if (ref.fpsr != got.fpsr) out.add(String.format("fpsr: qemu %08x mimic %08x", ref.fpsr, got.fpsr));
        if (ref.fpcr != got.fpcr) out.add(String.format("fpcr: qemu %08x mimic %08x", ref.fpcr, got.fpcr));
        if (ref.tpidr != got.tpidr) out.add(String.format("tpidr_el0: qemu %016x mimic %016x", ref.tpidr, got.tpidr));
        for (int i = 0; i < 32; i++) {
            if (ref.v[2 * i] != got.v[2 * i] || ref.v[2 * i + 1] != got.v[2 * i + 1]) {
                out.add(String.format("q%d: qemu %016x%016x mimic %016x%016x", i, ref.v[2 * i + 1], ref.v[2 * i], got.v[2 * i + 1], got.v[2 * i]));
            }
        }
        for (int i = 0; i < ref.buffer.length; i += 8) {
            long a = ByteBuffer.wrap(ref.buffer, i, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
            long c = ByteBuffer.wrap(got.buffer, i, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
            if (a != c) out.add(String.format("buffer[base%+d]: qemu %016x mimic %016x", i - A64Layout.BUFFER_BYTES / 2, a, c));
        }
        return out.size() > max ? out.subList(0, max) : out;
    }
}
