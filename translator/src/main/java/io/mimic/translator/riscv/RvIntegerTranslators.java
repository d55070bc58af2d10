package io.mimic.translator.riscv;

import io.mimic.translator.engine.Emitter;
import org.objectweb.asm.Opcodes;

import java.util.Map;

import static io.mimic.translator.riscv.RvEmit.*;

/** RV64I computational instructions, M, and the Zba/Zbb/Zbs bit-manipulation extensions. */
final class RvIntegerTranslators implements Opcodes {
    private RvIntegerTranslators() {}

    static void register(Map<String, RvTranslator> t) {
        t.put("lui", (i, e) -> { e.constLong(i.imm); setX(e, i.rd); });
        t.put("auipc", (i, e) -> { e.constLong(i.pc + i.imm); setX(e, i.rd); });

        t.put("addi", RvIntegerTranslators::addi);
        t.put("slti", helperImm("slt"));
        t.put("sltiu", helperImm("sltu"));
        t.put("xori", ri(LXOR));
        t.put("ori", ri(LOR));
        t.put("andi", ri(LAND));
        t.put("slli", shiftImm(LSHL));
        t.put("srli", shiftImm(LUSHR));
        t.put("srai", shiftImm(LSHR));
        t.put("add", rr(LADD));
        t.put("sub", rr(LSUB));
        t.put("sll", shiftReg(LSHL));
        t.put("slt", helper2("slt"));
        t.put("sltu", helper2("sltu"));
        t.put("xor", rr(LXOR));
        t.put("srl", shiftReg(LUSHR));
        t.put("sra", shiftReg(LSHR));
        t.put("or", rr(LOR));
        t.put("and", rr(LAND));

        t.put("addiw", (i, e) -> { x(e, i.rs1); e.constLong(i.imm); e.op(LADD); sext32(e); setX(e, i.rd); });
        t.put("slliw", shiftImmW(ISHL));
        t.put("srliw", shiftImmW(IUSHR));
        t.put("sraiw", shiftImmW(ISHR));
        t.put("addw", rrW(IADD));
        t.put("subw", rrW(ISUB));
        t.put("sllw", rrW(ISHL));
        t.put("srlw", rrW(IUSHR));
        t.put("sraw", rrW(ISHR));

        // M
        t.put("mul", rr(LMUL));
        t.put("mulh", helper2("mulh"));
        t.put("mulhsu", helper2("mulhsu"));
        t.put("mulhu", helper2("mulhu"));
        t.put("div", helper2("div"));
        t.put("divu", helper2("divu"));
        t.put("rem", helper2("rem"));
        t.put("remu", helper2("remu"));
        t.put("mulw", rrW(IMUL));
        t.put("divw", helper2("divw"));
        t.put("divuw", helper2("divuw"));
        t.put("remw", helper2("remw"));
        t.put("remuw", helper2("remuw"));

        // Zba
        t.put("sh1add", helper2("sh1add"));
        t.put("sh2add", helper2("sh2add"));
        t.put("sh3add", helper2("sh3add"));
        t.put("add.uw", helper2("adduw"));
        t.put("sh1add.uw", helper2("sh1adduw"));
        t.put("sh2add.uw", helper2("sh2adduw"));
        t.put("sh3add.uw", helper2("sh3adduw"));
        t.put("slli.uw", helperImm("slliuw"));

        // Zbb
        t.put("andn", helper2("andn"));
        t.put("orn", helper2("orn"));
        t.put("xnor", helper2("xnor"));
        t.put("clz", helper1("clz"));
        t.put("ctz", helper1("ctz"));
        t.put("cpop", helper1("cpop"));
        t.put("clzw", helper1("clzw"));
        t.put("ctzw", helper1("ctzw"));
        t.put("cpopw", helper1("cpopw"));
        t.put("max", helper2("max"));
        t.put("maxu", helper2("maxu"));
        t.put("min", helper2("min"));
        t.put("minu", helper2("minu"));
        t.put("sext.b", helper1("sextb"));
        t.put("sext.h", helper1("sexth"));
        t.put("zext.h", helper1("zexth"));
        t.put("rol", helper2("rol"));
        t.put("ror", helper2("ror"));
        t.put("rori", helperImm("ror"));
        t.put("rolw", helper2("rolw"));
        t.put("rorw", helper2("rorw"));
        t.put("roriw", helperImm("rorw"));
        t.put("orc.b", helper1("orcb"));
        t.put("rev8", helper1("rev8"));

        // Zbs (register forms use rs2 & 63, immediate forms a 6-bit shamt)
        t.put("bclr", bitReg("bclr"));
        t.put("bext", bitReg("bext"));
        t.put("binv", bitReg("binv"));
        t.put("bset", bitReg("bset"));
        t.put("bclri", helperImm("bclr"));
        t.put("bexti", helperImm("bext"));
        t.put("binvi", helperImm("binv"));
        t.put("bseti", helperImm("bset"));
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

    private static RvTranslator shiftImmW(int intOpcode) {
        return (i, e) -> {
            x(e, i.rs1);
            e.op(L2I);
            e.constInt((int) i.imm);
            e.op(intOpcode);
            e.op(I2L);
            setX(e, i.rd);
        };
    }

    private static RvTranslator bitReg(String helper) {
        return (i, e) -> {
            x(e, i.rs1);
            x(e, i.rs2);
            e.constLong(63);
            e.op(LAND);
            e.callStatic(RiscvOps.class, helper, "(JJ)J");
            setX(e, i.rd);
        };
    }
}
