package io.mimic.translator.riscv;

import io.mimic.translator.engine.Emitter;
import org.objectweb.asm.Opcodes;

import static io.mimic.translator.riscv.RvEmit.*;

/**
 * RV64I computational instructions, M, and the Zba/Zbb/Zbs bit-manipulation extensions. One
 * case per pattern of riscv64.decode, each a call to a shared shape in {@link RvEmit}. (A switch
 * rather than a map of lambdas: lambdas are spun at start-up, one bootstrap per site.)
 */
final class RvIntegerTranslators implements Opcodes {
    private RvIntegerTranslators() {}

    /** Emits the instruction if it belongs to this group; false if it is not one of ours. */
    static boolean translate(RiscvInsn i, Emitter e) {
        switch (i.name()) {
            case "lui" -> { e.constLong(i.imm); setX(e, i.rd); }
            case "auipc" -> { e.constLong(i.pc + i.imm); setX(e, i.rd); }
            case "addi" -> addi(i, e);
            case "slti" -> helperImm(i, e, "slt");
            case "sltiu" -> helperImm(i, e, "sltu");
            case "xori" -> ri(i, e, LXOR);
            case "ori" -> ri(i, e, LOR);
            case "andi" -> ri(i, e, LAND);
            case "slli" -> shiftImm(i, e, LSHL);
            case "srli" -> shiftImm(i, e, LUSHR);
            case "srai" -> shiftImm(i, e, LSHR);
            case "add" -> rr(i, e, LADD);
            case "sub" -> rr(i, e, LSUB);
            case "sll" -> shiftReg(i, e, LSHL);
            case "slt" -> helper2(i, e, "slt");
            case "sltu" -> helper2(i, e, "sltu");
            case "xor" -> rr(i, e, LXOR);
            case "srl" -> shiftReg(i, e, LUSHR);
            case "sra" -> shiftReg(i, e, LSHR);
            case "or" -> rr(i, e, LOR);
            case "and" -> rr(i, e, LAND);
            case "addiw" -> { x(e, i.rs1); e.constLong(i.imm); e.op(LADD); sext32(e); setX(e, i.rd); }
            case "slliw" -> shiftImmW(i, e, ISHL);
            case "srliw" -> shiftImmW(i, e, IUSHR);
            case "sraiw" -> shiftImmW(i, e, ISHR);
            case "addw" -> rrW(i, e, IADD);
            case "subw" -> rrW(i, e, ISUB);
            case "sllw" -> rrW(i, e, ISHL);
            case "srlw" -> rrW(i, e, IUSHR);
            case "sraw" -> rrW(i, e, ISHR);
            // M
            case "mul" -> rr(i, e, LMUL);
            case "mulw" -> rrW(i, e, IMUL);
            case "mulh", "mulhsu", "mulhu", "div", "divu", "rem", "remu", "divw", "divuw", "remw", "remuw" ->
                    helper2(i, e, i.name());
            // Zba
            case "sh1add", "sh2add", "sh3add" -> helper2(i, e, i.name());
            case "add.uw" -> helper2(i, e, "adduw");
            case "sh1add.uw" -> helper2(i, e, "sh1adduw");
            case "sh2add.uw" -> helper2(i, e, "sh2adduw");
            case "sh3add.uw" -> helper2(i, e, "sh3adduw");
            case "slli.uw" -> helperImm(i, e, "slliuw");
            // Zbb
            case "andn", "orn", "xnor", "max", "maxu", "min", "minu", "rol", "ror", "rolw", "rorw" ->
                    helper2(i, e, i.name());
            case "clz", "ctz", "cpop", "clzw", "ctzw", "cpopw", "rev8" -> helper1(i, e, i.name());
            case "sext.b" -> helper1(i, e, "sextb");
            case "sext.h" -> helper1(i, e, "sexth");
            case "zext.h" -> helper1(i, e, "zexth");
            case "orc.b" -> helper1(i, e, "orcb");
            case "rori" -> helperImm(i, e, "ror");
            case "roriw" -> helperImm(i, e, "rorw");
            // Zbs: register forms use rs2 & 63, immediate forms a 6-bit shamt
            case "bclr", "bext", "binv", "bset" -> bitReg(i, e, i.name());
            case "bclri", "bexti", "binvi", "bseti" -> helperImm(i, e, i.name().substring(0, 4));
            default -> {
                return false;
            }
        }
        return true;
    }

    /** addi is also li and mv; emit the cheapest form. */
    private static void addi(RiscvInsn i, Emitter e) {
        if (e.isZeroRegister(X, i.rd)) return; // nop and hints
        x(e, i.rs1);
        if (i.imm != 0) {
            e.constLong(i.imm);
            e.op(LADD);
        }
        setX(e, i.rd);
    }

    private static void shiftImmW(RiscvInsn i, Emitter e, int intOpcode) {
        x(e, i.rs1);
        e.op(L2I);
        e.constInt((int) i.imm);
        e.op(intOpcode);
        e.op(I2L);
        setX(e, i.rd);
    }

    private static void bitReg(RiscvInsn i, Emitter e, String helper) {
        x(e, i.rs1);
        x(e, i.rs2);
        e.constLong(63);
        e.op(LAND);
        e.callStatic(RiscvOps.class, helper, "(JJ)J");
        setX(e, i.rd);
    }
}
