package io.mimic.translator.aarch64;

import io.mimic.translator.engine.Emitter;
import org.objectweb.asm.Opcodes;

/**
 * Single-register and pair loads and stores of general and FP/SIMD registers, in every
 * addressing mode: unsigned offset, unscaled, pre/post-index, register offset (extended and
 * shifted), PC-relative literal. Unaligned accesses are allowed, as on Linux user space.
 */
final class A64LoadStore implements Opcodes {
    private A64LoadStore() {}

    /** What one (size, opc) combination does. */
    private record Access(int bytes, boolean load, boolean signed, boolean to64, boolean vector, boolean prefetch) {}

    static boolean translate(Arm64Insn i, A64Context c) {
        return switch (i.name()) {
            case "ldr_lit", "ldrv_lit" -> literal(i, c);
            case "ldp", "stp", "ldpv", "stpv" -> pair(i, c);
            case "stlur", "ldapur", "ldapursx", "ldapursw" -> rcpc(i, c);
            default -> single(i, c);
        };
    }

    /** Decodes size:opc (and V) of the single-register forms; null if unallocated. */
    private static Access access(int size, int opc, boolean vector) {
        if (vector) {
            if (opc >= 2) return size == 0 ? new Access(16, opc == 3, false, true, true, false) : null;
            return new Access(1 << size, opc == 1, false, true, true, false);
        }
        return switch (opc) {
            case 0 -> new Access(1 << size, false, false, size == 3, false, false);
            case 1 -> new Access(1 << size, true, false, size == 3, false, false);
            case 2 -> size == 3 ? new Access(8, false, false, true, false, true) : new Access(1 << size, true, true, true, false, false);
            default -> size <= 1 ? new Access(1 << size, true, true, false, false, false) : null;
        };
    }

    private static boolean single(Arm64Insn i, A64Context c) {
        boolean vector = i.field(26, 26) == 1;
        Access a = access(i.field(31, 30), i.field(23, 22), vector);
        if (a == null) return false;
        Emitter e = c.emitter();
        int rn = i.rn(), rt = i.rd();
        switch (i.pattern.format()) {
            case LS_UIMM -> {
                if (a.prefetch) return true; // PRFM: a hint
                long offset = (long) i.field(21, 10) * a.bytes;
                transfer(c, a, rt, () -> c.address(rn, offset));
            }
            case LS_REG -> {
                int option = i.field(15, 13);
                if ((option & 2) == 0) return false;
                if (a.prefetch) return true;
                int shift = i.field(12, 12) == 1 ? Integer.numberOfTrailingZeros(a.bytes) : 0;
                transfer(c, a, rt, () -> {
                    c.getXSp(rn);
                    A64DataProcessing.extended(c, i.rm(), option, shift);
                    e.op(LADD);
                });
            }
            default -> { // LS_IMM9: unscaled, post-index, unprivileged, pre-index
                long imm = i.sfield(20, 12);
                int mode = i.field(11, 10);
                if (a.prefetch) return mode == 0; // PRFUM
                if (mode == 2) { // LDTR/STTR: at EL0 the same as the plain access
                    if (vector) return false;
                    transfer(c, a, rt, () -> c.address(rn, imm));
                } else if (mode == 0) {
                    transfer(c, a, rt, () -> c.address(rn, imm));
                } else {
                    boolean post = mode == 1;
                    transfer(c, a, rt, () -> c.address(rn, post ? 0 : imm));
                    c.address(rn, imm); // writeback after the transfer (a loaded Rt = Rn is overwritten, as qemu does)
                    c.setXSp(rn);
                }
            }
        }
        return true;
    }

    /** Loads into or stores from Rt (X/W or V) at the address that {@code address} pushes. */
    private static void transfer(A64Context c, Access a, int rt, Runnable address) {
        Emitter e = c.emitter();
        if (a.vector) {
            if (a.load) {
                if (a.bytes == 16) {
                    address.run();
                    c.load(8, false);
                    address.run();
                    e.constLong(8);
                    e.op(LADD);
                    c.load(8, false);
                    c.setV(rt, 1);
                    c.setV(rt, 0);
                } else {
                    address.run();
                    c.load(a.bytes, false);
                    c.setV(rt, 0);
                    e.constLong(0);
                    c.setV(rt, 1);
                }
            } else {
                address.run();
                c.getV(rt, 0);
                c.store(a.bytes == 16 ? 8 : a.bytes);
                if (a.bytes == 16) {
                    address.run();
                    e.constLong(8);
                    e.op(LADD);
                    c.getV(rt, 1);
                    c.store(8);
                }
            }
            return;
        }
        address.run();
        if (a.load) {
            c.load(a.bytes, a.signed);
            c.setXW(rt, a.to64);
        } else {
            c.getX(rt);
            c.store(a.bytes);
        }
    }

    private static boolean literal(Arm64Insn i, A64Context c) {
        long addr = i.pc + (i.sfield(23, 5) << 2);
        int opc = i.field(31, 30);
        Access a;
        if (i.name().equals("ldrv_lit")) {
            if (opc == 3) return false;
            a = new Access(4 << opc, true, false, true, true, false);
        } else {
            if (opc == 3) return true; // PRFM (literal)
            a = new Access(opc == 0 ? 4 : opc == 1 ? 8 : 4, true, opc == 2, opc != 0, false, false);
        }
        transfer(c, a, i.rd(), () -> c.emitter().constLong(addr));
        return true;
    }

    private static boolean pair(Arm64Insn i, A64Context c) {
        int opc = i.field(31, 30), type = i.field(24, 23);
        boolean vector = i.name().endsWith("v"), load = i.name().startsWith("ld");
        int bytes;
        boolean signed = false;
        if (vector) {
            if (opc == 3) return false;
            bytes = 4 << opc;
        } else {
            if (opc == 3) return false;
            if (opc == 1) {
                if (!load || type == 0) return false; // STGP (MTE) and LDNP with opc 01
                signed = true;
            }
            bytes = opc == 2 ? 8 : 4;
        }
        long imm = i.sfield(21, 15) * bytes;
        int rn = i.rn(), rt = i.rd(), rt2 = i.ra();
        boolean post = type == 1, writeback = type == 1 || type == 3;
        long offset = post ? 0 : imm;
        Access a = new Access(bytes, load, signed, bytes == 8 || signed, vector, false);
        Emitter e = c.emitter();
        if (load && !vector) {
            // both values are loaded before either register is written (Rt may be the base)
            c.address(rn, offset);
            c.load(bytes, signed);
            c.address(rn, offset + bytes);
            c.load(bytes, signed);
            c.setXW(rt2, a.to64);
            c.setXW(rt, a.to64);
        } else if (load) {
            if (bytes == 16) {
                for (int k = 0; k < 4; k++) {
                    c.address(rn, offset + 8L * k);
                    c.load(8, false);
                }
                c.setV(rt2, 1);
                c.setV(rt2, 0);
                c.setV(rt, 1);
                c.setV(rt, 0);
            } else {
                c.address(rn, offset);
                c.load(bytes, false);
                c.address(rn, offset + bytes);
                c.load(bytes, false);
                c.setV(rt2, 0);
                c.setV(rt, 0);
                e.constLong(0);
                c.setV(rt, 1);
                e.constLong(0);
                c.setV(rt2, 1);
            }
        } else {
            storeOne(c, a, rt, rn, offset);
            storeOne(c, a, rt2, rn, offset + bytes);
        }
        if (writeback) {
            c.address(rn, imm);
            c.setXSp(rn);
        }
        return true;
    }

    private static void storeOne(A64Context c, Access a, int rt, int rn, long offset) {
        if (!a.vector) {
            c.address(rn, offset);
            c.getX(rt);
            c.store(a.bytes);
        } else if (a.bytes == 16) {
            c.address(rn, offset);
            c.getV(rt, 0);
            c.store(8);
            c.address(rn, offset + 8);
            c.getV(rt, 1);
            c.store(8);
        } else {
            c.address(rn, offset);
            c.getV(rt, 0);
            c.store(a.bytes);
        }
    }

    /** LDAPUR/STLUR (FEAT_LRCPC2): unscaled offset with acquire/release ordering. */
    private static boolean rcpc(Arm64Insn i, A64Context c) {
        int size = i.field(31, 30);
        String n = i.name();
        Access a = switch (n) {
            case "stlur" -> new Access(1 << size, false, false, size == 3, false, false);
            case "ldapur" -> new Access(1 << size, true, false, size == 3, false, false);
            case "ldapursx" -> size == 3 ? null : new Access(1 << size, true, true, true, false, false);
            default -> size >= 2 ? null : new Access(1 << size, true, true, false, false, false);
        };
        if (a == null) return false;
        long imm = i.sfield(20, 12);
        if (!a.load) A64Atomic.fence(c, "releaseFence");
        transfer(c, a, i.rd(), () -> c.address(i.rn(), imm));
        if (a.load) A64Atomic.fence(c, "acquireFence");
        return true;
    }
}
