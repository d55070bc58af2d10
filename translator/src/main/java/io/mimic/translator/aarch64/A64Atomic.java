package io.mimic.translator.aarch64;

import io.mimic.translator.engine.Emitter;
import org.objectweb.asm.Opcodes;

import java.lang.invoke.VarHandle;

/**
 * Exclusives (LDXR/STXR and pairs), load-acquire/store-release (LDAR, STLR, LDAPR), the LSE
 * atomics (CAS, CASP, LD&lt;op&gt;, SWP) and FEAT_LSE128. Every read-modify-write is a host atomic
 * on guest memory ({@link Arm64Atomics}), which is at least as strong as any A64 ordering;
 * acquire/release loads and stores get the matching VarHandle fences.
 */
final class A64Atomic implements Opcodes {
    private static final String CPU = A64Context.CPU_DESC;

    private A64Atomic() {}

    static void fence(A64Context c, String kind) {
        c.callStatic(VarHandle.class, kind, "()V");
    }

    static boolean translate(Arm64Insn i, A64Context c) {
        Emitter e = c.emitter();
        String n = i.name();
        int size = 1 << i.field(31, 30), rt = i.rd(), rn = i.rn(), rs = i.rm(), rt2 = i.ra();
        switch (n) {
            case "ldxr", "ldaxr" -> {
                c.mayFault();
                c.address(rn, 0);
                e.constInt(size);
                c.pushCpu();
                c.callStatic(Arm64Atomics.class, "loadExclusive", "(JI" + CPU + ")J");
                c.setXW(rt, size == 8);
                if (n.equals("ldaxr")) fence(c, "acquireFence");
            }
            case "stxr", "stlxr" -> {
                c.mayFault();
                c.address(rn, 0);
                c.getX(rt);
                e.constInt(size);
                c.pushCpu();
                c.callStatic(Arm64Atomics.class, "storeExclusive", "(JJI" + CPU + ")J");
                c.setW(rs);
            }
            case "ldxp", "ldaxp" -> {
                c.mayFault();
                c.address(rn, 0);
                if (size == 4) {
                    e.constInt(8);
                    c.pushCpu();
                    c.callStatic(Arm64Atomics.class, "loadExclusive", "(JI" + CPU + ")J");
                    e.op(DUP2);
                    e.constInt(32);
                    e.op(LUSHR);
                    c.setW(rt2);
                    c.setW(rt);
                } else {
                    c.pushCpu();
                    c.callStatic(Arm64Atomics.class, "loadExclusivePair", "(J" + CPU + ")J");
                    c.pushCpu();
                    c.callStatic(Arm64Atomics.class, "high", "(" + CPU + ")J");
                    c.setX(rt2);
                    c.setX(rt);
                }
                if (n.equals("ldaxp")) fence(c, "acquireFence");
            }
            case "stxp", "stlxp" -> {
                c.mayFault();
                c.address(rn, 0);
                if (size == 4) {
                    pairW(c, rt, rt2);
                    e.constInt(8);
                    c.pushCpu();
                    c.callStatic(Arm64Atomics.class, "storeExclusive", "(JJI" + CPU + ")J");
                } else {
                    c.getX(rt);
                    c.getX(rt2);
                    c.pushCpu();
                    c.callStatic(Arm64Atomics.class, "storeExclusivePair", "(JJJ" + CPU + ")J");
                }
                c.setW(rs);
            }
            case "ldar", "ldlar", "ldapr" -> {
                c.address(rn, 0);
                c.load(size, false);
                c.setXW(rt, size == 8);
                fence(c, "acquireFence");
            }
            case "stlr", "stllr" -> {
                // release, and ordered before a later LDAR (which a store-load reordering would break)
                fence(c, "releaseFence");
                c.address(rn, 0);
                c.getX(rt);
                c.store(size);
                fence(c, "fullFence");
            }
            case "cas" -> {
                c.mayFault();
                c.address(rn, 0);
                c.getX(rs);
                c.getX(rt);
                e.constInt(size);
                c.pushCpu();
                c.callStatic(Arm64Atomics.class, "cas", "(JJJI" + CPU + ")J");
                c.setXW(rs, size == 8);
            }
            case "casp" -> {
                if ((rs & 1) != 0 || (rt & 1) != 0) return false;
                boolean x = i.field(30, 30) == 1;
                c.mayFault();
                c.address(rn, 0);
                if (!x) {
                    pairW(c, rs, rs + 1);
                    pairW(c, rt, rt + 1);
                    e.constInt(8);
                    c.pushCpu();
                    c.callStatic(Arm64Atomics.class, "cas", "(JJJI" + CPU + ")J");
                    e.op(DUP2);
                    e.constInt(32);
                    e.op(LUSHR);
                    c.setW(rs + 1);
                    c.setW(rs);
                } else {
                    c.getX(rs);
                    c.getX(rs + 1);
                    c.getX(rt);
                    c.getX(rt + 1);
                    c.pushCpu();
                    c.callStatic(Arm64Atomics.class, "casPair", "(JJJJJ" + CPU + ")J");
                    c.pushCpu();
                    c.callStatic(Arm64Atomics.class, "high", "(" + CPU + ")J");
                    c.setX(rs + 1);
                    c.setX(rs);
                }
            }
            case "ldclrp", "ldsetp", "swpp" -> {
                if (rt == 31 || rs == 31 || rt == rs) return false;
                c.mayFault();
                c.address(rn, 0);
                c.getX(rt);
                c.getX(rs);
                e.constInt(n.equals("ldclrp") ? Arm64Atomics.CLR : n.equals("ldsetp") ? Arm64Atomics.SET : Arm64Atomics.SWP);
                c.pushCpu();
                c.callStatic(Arm64Atomics.class, "rmw128", "(JJJI" + CPU + ")J");
                c.pushCpu();
                c.callStatic(Arm64Atomics.class, "high", "(" + CPU + ")J");
                c.setX(rs);
                c.setX(rt);
            }
            default -> { // LD<op>, SWP
                int op = switch (n) {
                    case "ldadd" -> Arm64Atomics.ADD;
                    case "ldclr" -> Arm64Atomics.CLR;
                    case "ldeor" -> Arm64Atomics.EOR;
                    case "ldset" -> Arm64Atomics.SET;
                    case "ldsmax" -> Arm64Atomics.SMAX;
                    case "ldsmin" -> Arm64Atomics.SMIN;
                    case "ldumax" -> Arm64Atomics.UMAX;
                    case "ldumin" -> Arm64Atomics.UMIN;
                    case "swp" -> Arm64Atomics.SWP;
                    default -> -1;
                };
                if (op < 0) return false;
                c.mayFault();
                c.address(rn, 0);
                c.getX(rs);
                e.constInt(op);
                c.pushCpu();
                c.callStatic(Arm64Atomics.class, "rmw" + size * 8, "(JJI" + CPU + ")J");
                c.setXW(rt, size == 8);
            }
        }
        return true;
    }

    /** Pushes W(lo) | W(hi) << 32: a pair of words as the 64-bit value memory holds. */
    private static void pairW(A64Context c, int lo, int hi) {
        Emitter e = c.emitter();
        c.getW(lo);
        c.getX(hi);
        e.constInt(32);
        e.op(LSHL);
        e.op(LOR);
    }
}
