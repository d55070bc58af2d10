/* NZCV from every flag-setting integer instruction on edge values, read back with MRS and
 * through the conditions (CSET of all 16), plus CCMP/CCMN, ADC/SBC chains and CSEL family. */
#include <stdint.h>
#include <stdio.h>

static const uint64_t V[] = {0, 1, 2, 0x7fffffffull, 0x80000000ull, 0xffffffffull, 0x100000000ull,
                             0x7fffffffffffffffull, 0x8000000000000000ull, 0xffffffffffffffffull,
                             0xfffffffffffffffeull, 0x123456789abcdef0ull};
#define N (sizeof V / sizeof V[0])

static unsigned nzcv(void) {
    uint64_t f;
    asm volatile("mrs %0, nzcv" : "=r"(f));
    return (unsigned)(f >> 28);
}

/* All 16 conditions evaluated on the current flags, as a bit mask (bit c = condition c holds). */
static unsigned conds(void) {
    uint64_t r = 0, t;
#define C(c, i) asm volatile("cset %w0, " #c : "=r"(t)); r |= t << i;
    C(eq, 0) C(ne, 1) C(cs, 2) C(cc, 3) C(mi, 4) C(pl, 5) C(vs, 6) C(vc, 7)
    C(hi, 8) C(ls, 9) C(ge, 10) C(lt, 11) C(gt, 12) C(le, 13)
#undef C
    return (unsigned)r;
}

#define OP2(name, insn, w)                                                                      \
    static void name(uint64_t a, uint64_t b) {                                                \
        uint64_t r, f;                                                                        \
        asm volatile(insn " %" w "0, %" w "2, %" w "3\nmrs %1, nzcv" : "=&r"(r), "=&r"(f) : "r"(a), "r"(b) : "cc"); \
        printf(#name " %016llx %016llx -> %016llx %x\n", (unsigned long long)a, (unsigned long long)b,  \
               (unsigned long long)r, (unsigned)(f >> 28));                                    \
    }

OP2(adds_x, "adds", "x")
OP2(subs_x, "subs", "x")
OP2(adds_w, "adds", "w")
OP2(subs_w, "subs", "w")
OP2(ands_x, "ands", "x")
OP2(bics_w, "bics", "w")

/* ADCS/SBCS with the carry in set and clear. */
static void carry_chain(uint64_t a, uint64_t b) {
    uint64_t r1, r2, r3, r4, f1, f2;
    asm volatile("cmp xzr, xzr\nadcs %0, %4, %5\nmrs %2, nzcv\ncmn %4, #0\nsbcs %1, %4, %5\nmrs %3, nzcv"
                 : "=&r"(r1), "=&r"(r2), "=&r"(f1), "=&r"(f2) : "r"(a), "r"(b) : "cc");
    asm volatile("cmn xzr, xzr\nadcs %w0, %w2, %w3\nsbcs %w1, %w2, %w3" : "=&r"(r3), "=&r"(r4) : "r"(a), "r"(b) : "cc");
    printf("carry %016llx %016llx -> %016llx %x %016llx %x %08llx %08llx %x\n", (unsigned long long)a,
           (unsigned long long)b, (unsigned long long)r1, (unsigned)(f1 >> 28), (unsigned long long)r2,
           (unsigned)(f2 >> 28), (unsigned long long)r3, (unsigned long long)r4, nzcv());
}

static void ccmps(uint64_t a, uint64_t b) {
    uint64_t f1, f2, f3, f4;
    asm volatile("cmp %4, %5\nccmp %4, %5, #5, ne\nmrs %0, nzcv\n"
                 "cmp %4, %5\nccmn %w4, %w5, #10, eq\nmrs %1, nzcv\n"
                 "cmp %4, #3\nccmp %4, #31, #0, hi\nmrs %2, nzcv\n"
                 "cmn %w5, #1\nccmn %4, #7, #15, lt\nmrs %3, nzcv"
                 : "=&r"(f1), "=&r"(f2), "=&r"(f3), "=&r"(f4) : "r"(a), "r"(b) : "cc");
    printf("ccmp %016llx %016llx -> %x %x %x %x\n", (unsigned long long)a, (unsigned long long)b,
           (unsigned)(f1 >> 28), (unsigned)(f2 >> 28), (unsigned)(f3 >> 28), (unsigned)(f4 >> 28));
}

static void selects(uint64_t a, uint64_t b) {
    uint64_t r1, r2, r3, r4;
    asm volatile("cmp %4, %5\ncsel %0, %4, %5, lt\ncsinc %1, %4, %5, hs\ncsinv %w2, %w4, %w5, vs\ncsneg %3, %4, %5, le"
                 : "=&r"(r1), "=&r"(r2), "=&r"(r3), "=&r"(r4) : "r"(a), "r"(b) : "cc");
    printf("csel %016llx %016llx -> %016llx %016llx %016llx %016llx conds %04x\n", (unsigned long long)a,
           (unsigned long long)b, (unsigned long long)r1, (unsigned long long)r2, (unsigned long long)r3,
           (unsigned long long)r4, conds());
}

int main(void) {
    for (unsigned i = 0; i < N; i++) {
        for (unsigned j = 0; j < N; j++) {
            uint64_t a = V[i], b = V[j];
            adds_x(a, b);
            subs_x(a, b);
            adds_w(a, b);
            subs_w(a, b);
            ands_x(a, b);
            bics_w(a, b);
            carry_chain(a, b);
            ccmps(a, b);
            selects(a, b);
        }
    }
    /* every NZCV value written with MSR reads back and drives the conditions */
    for (uint64_t f = 0; f < 16; f++) {
        asm volatile("msr nzcv, %0" : : "r"(f << 28 | 0x0fffffff));
        unsigned c = conds();
        printf("msr %x -> %x conds %04x\n", (unsigned)f, nzcv(), c);
    }
    return 0;
}
