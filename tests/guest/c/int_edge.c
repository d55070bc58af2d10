/*
 * Integer edge cases: division/remainder by zero and overflow, 128-bit
 * products, shifts, sign extension of 32-bit operations, bit builtins.
 * Self-checking: every value is compared with a reference computed another
 * way (or with the architecturally defined constant) and printed in hex.
 * Exits 0 when all checks pass, 1 otherwise.
 */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>

static int failures;
static int checks;

static void check(const char *what, uint64_t got, uint64_t want)
{
    checks++;
    if (got == want) {
        printf("%-36s %016llx ok\n", what, (unsigned long long)got);
    } else {
        failures++;
        printf("%-36s %016llx FAIL (want %016llx)\n", what,
               (unsigned long long)got, (unsigned long long)want);
    }
}

/* ---- references written without the operations under test ---------------- */

static int ref_clz64(uint64_t x)
{
    int n = 0;
    for (int i = 63; i >= 0 && !((x >> i) & 1); i--) n++;
    return n;
}
static int ref_ctz64(uint64_t x)
{
    int n = 0;
    for (int i = 0; i < 64 && !((x >> i) & 1); i++) n++;
    return n;
}
static int ref_pop64(uint64_t x)
{
    int n = 0;
    for (int i = 0; i < 64; i++) n += (int)((x >> i) & 1);
    return n;
}
static uint64_t ref_bswap(uint64_t x, int bytes)
{
    uint64_t r = 0;
    for (int i = 0; i < bytes; i++) r |= ((x >> (8 * i)) & 0xff) << (8 * (bytes - 1 - i));
    return r;
}
static uint32_t ref_rotl32(uint32_t x, unsigned n)
{
    for (unsigned i = 0; i < n % 32; i++) x = (x << 1) | (x >> 31);
    return x;
}
static uint64_t ref_rotl64(uint64_t x, unsigned n)
{
    for (unsigned i = 0; i < n % 64; i++) x = (x << 1) | (x >> 63);
    return x;
}
/* 64x64 -> 128 unsigned product by 32-bit schoolbook multiplication. */
static void ref_mulu128(uint64_t a, uint64_t b, uint64_t *hi, uint64_t *lo)
{
    uint64_t a0 = (uint32_t)a, a1 = a >> 32, b0 = (uint32_t)b, b1 = b >> 32;
    uint64_t p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
    uint64_t mid = (p00 >> 32) + (uint32_t)p01 + (uint32_t)p10;
    *lo = (mid << 32) | (uint32_t)p00;
    *hi = p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32);
}
/* signed high half from the unsigned one: hi_s = hi_u - (a<0?b:0) - (b<0?a:0) */
static uint64_t ref_mulh(int64_t a, int64_t b)
{
    uint64_t hi, lo;
    ref_mulu128((uint64_t)a, (uint64_t)b, &hi, &lo);
    if (a < 0) hi -= (uint64_t)b;
    if (b < 0) hi -= (uint64_t)a;
    return hi;
}
static uint64_t ref_mulhsu(int64_t a, uint64_t b)
{
    uint64_t hi, lo;
    ref_mulu128((uint64_t)a, b, &hi, &lo);
    if (a < 0) hi -= b;
    return hi;
}

/* ---- division and remainder ---------------------------------------------- */

static void test_division(void)
{
    volatile int32_t i7 = 7, in7 = -7, i2 = 2, in2 = -2;
    volatile int64_t l7 = 7, ln7 = -7, l2 = 2, ln2 = -2;
    volatile uint32_t u = 0xfffffff9u, u2 = 2;
    volatile uint64_t ul = 0xfffffffffffffff9ull, ul2 = 2;

    /* C semantics: truncation toward zero, remainder has sign of dividend */
    check("int32 7/-2", (uint64_t)(int64_t)(i7 / in2), (uint64_t)-3);
    check("int32 -7/2", (uint64_t)(int64_t)(in7 / i2), (uint64_t)-3);
    check("int32 -7%2", (uint64_t)(int64_t)(in7 % i2), (uint64_t)-1);
    check("int32 7%-2", (uint64_t)(int64_t)(i7 % in2), 1);
    check("int64 -7/-2", (uint64_t)(ln7 / ln2), 3);
    check("int64 -7%-2", (uint64_t)(ln7 % ln2), (uint64_t)-1);
    check("int64 7/2", (uint64_t)(l7 / l2), 3);
    check("uint32 0xfffffff9/2", u / u2, 0x7ffffffcu);
    check("uint32 0xfffffff9%2", u % u2, 1);
    check("uint64 0xf..f9/2", ul / ul2, 0x7ffffffffffffffcull);
    check("uint64 0xf..f9%2", ul % ul2, 1);

    /* largest magnitudes that are still defined in C */
    volatile int32_t imin = INT_MIN, ione = 1, im1 = -1;
    volatile int64_t lmin = LLONG_MIN;
    check("int32 INT_MIN/1", (uint64_t)(int64_t)(imin / ione), (uint64_t)(int64_t)INT_MIN);
    check("int32 INT_MIN%-1 via -(INT_MIN+1)", (uint64_t)(int64_t)((imin + 1) / im1), INT_MAX);
    check("int64 LLONG_MIN/2", (uint64_t)(lmin / l2), (uint64_t)(LLONG_MIN / 2));

    /* a table of mixed signs, checked against q*d + r == n and |r| < |d| */
    static const int64_t nums[] = { 0, 1, -1, 5, -5, 1000000007, -1000000007,
                                    INT64_C(0x7fffffffffffffff), INT64_C(-0x7fffffffffffffff),
                                    INT64_C(123456789012345), INT64_C(-98765432109876) };
    static const int64_t dens[] = { 1, -1, 2, -2, 3, -3, 7, 1000, -65536, INT64_C(0x100000001) };
    uint64_t sum = 0;
    int bad = 0;
    for (unsigned i = 0; i < sizeof nums / sizeof nums[0]; i++) {
        for (unsigned j = 0; j < sizeof dens / sizeof dens[0]; j++) {
            volatile int64_t n = nums[i], d = dens[j];
            int64_t q = n / d, r = n % d;
            if ((uint64_t)q * (uint64_t)d + (uint64_t)r != (uint64_t)n) bad++;
            if (r != 0 && ((r < 0) != (n < 0))) bad++;
            if ((r < 0 ? -r : r) >= (d < 0 ? -d : d)) bad++;
            volatile int32_t n32 = (int32_t)n, d32 = (int32_t)d;
            if (d32 != 0 && !(n32 == INT_MIN && d32 == -1)) {
                int32_t q32 = n32 / d32, r32 = n32 % d32;
                if ((uint32_t)q32 * (uint32_t)d32 + (uint32_t)r32 != (uint32_t)n32) bad++;
                sum = sum * 31 + (uint32_t)q32 + (uint64_t)(uint32_t)r32 * 7;
            }
            volatile uint64_t un = (uint64_t)n, ud = (uint64_t)d;
            uint64_t uq = un / ud, ur = un % ud;
            if (uq * ud + ur != un || ur >= ud) bad++;
            sum = sum * 31 + (uint64_t)q + (uint64_t)r * 3 + uq * 5 + ur * 11;
        }
    }
    check("division table violations", (uint64_t)bad, 0);
    printf("division table checksum %016llx\n", (unsigned long long)sum);
}

#ifdef __riscv
/* Division by zero and overflow are undefined in C, so use the instructions. */
#define RV_BINOP(fn, insn)                                                   \
    static uint64_t fn(uint64_t a, uint64_t b)                               \
    {                                                                        \
        uint64_t r;                                                          \
        __asm__ volatile(insn " %0, %1, %2" : "=r"(r) : "r"(a), "r"(b));     \
        return r;                                                            \
    }
RV_BINOP(rv_div, "div")
RV_BINOP(rv_divu, "divu")
RV_BINOP(rv_rem, "rem")
RV_BINOP(rv_remu, "remu")
RV_BINOP(rv_divw, "divw")
RV_BINOP(rv_divuw, "divuw")
RV_BINOP(rv_remw, "remw")
RV_BINOP(rv_remuw, "remuw")
RV_BINOP(rv_mul, "mul")
RV_BINOP(rv_mulh, "mulh")
RV_BINOP(rv_mulhu, "mulhu")
RV_BINOP(rv_mulhsu, "mulhsu")
RV_BINOP(rv_mulw, "mulw")
RV_BINOP(rv_addw, "addw")
RV_BINOP(rv_subw, "subw")
RV_BINOP(rv_sll, "sll")
RV_BINOP(rv_srl, "srl")
RV_BINOP(rv_sra, "sra")
RV_BINOP(rv_sllw, "sllw")
RV_BINOP(rv_srlw, "srlw")
RV_BINOP(rv_sraw, "sraw")

static void test_riscv_div_edges(void)
{
    const uint64_t M = ~0ull;
    const uint64_t LMIN = 0x8000000000000000ull;
    const uint64_t IMIN_SX = 0xffffffff80000000ull; /* INT_MIN sign-extended */
    const uint64_t IMIN_HI = 0x1234567880000000ull; /* INT_MIN with garbage above */
    volatile uint64_t zero = 0, m1 = M, five = 5, nfive = (uint64_t)-5;

    /* by zero: quotient all ones, remainder = dividend */
    check("rv div 5/0", rv_div(five, zero), M);
    check("rv div -5/0", rv_div(nfive, zero), M);
    check("rv divu 5/0", rv_divu(five, zero), M);
    check("rv rem 5%0", rv_rem(five, zero), 5);
    check("rv rem -5%0", rv_rem(nfive, zero), (uint64_t)-5);
    check("rv remu -5%0", rv_remu(nfive, zero), (uint64_t)-5);
    check("rv divw 5/0", rv_divw(five, zero), M);
    check("rv divuw 5/0", rv_divuw(five, zero), M);
    check("rv divuw hi-garbage/0", rv_divuw(0xabcdef0000000007ull, 0xff00000000000000ull), M);
    check("rv remw -5%0", rv_remw(nfive, zero), (uint64_t)-5);
    check("rv remw 0x1_80000005%0", rv_remw(0x180000005ull, zero), 0xffffffff80000005ull);
    check("rv remuw 0xfffffffb%0", rv_remuw(0xfffffffbull, zero), 0xfffffffffffffffbull);
    check("rv remuw 0x1_00000007%0", rv_remuw(0x100000007ull, zero), 7);
    /* overflow: MIN / -1 = MIN, MIN % -1 = 0 */
    check("rv div LLONG_MIN/-1", rv_div(LMIN, m1), LMIN);
    check("rv rem LLONG_MIN%-1", rv_rem(LMIN, m1), 0);
    check("rv divw INT_MIN/-1", rv_divw(IMIN_SX, m1), IMIN_SX);
    check("rv divw INT_MIN(hi junk)/-1", rv_divw(IMIN_HI, 0xffffffffull), IMIN_SX);
    check("rv remw INT_MIN%-1", rv_remw(IMIN_SX, m1), 0);
    check("rv divu LLONG_MIN/-1", rv_divu(LMIN, m1), 0);
    check("rv remu LLONG_MIN%-1", rv_remu(LMIN, m1), LMIN);
    check("rv divuw 0x80000000/0xffffffff", rv_divuw(IMIN_SX, m1), 0);
    check("rv remuw 0x80000000%0xffffffff", rv_remuw(IMIN_SX, m1), IMIN_SX);
    check("rv divw uses low 32 bits", rv_divw(0x5000000064ull, 0x700000005ull), 20);
    check("rv divuw result sign-extends", rv_divuw(0xfffffffeull, 1), 0xfffffffffffffffeull);

    /* high multiplies */
    check("rv mulh -1*-1", rv_mulh(M, M), 0);
    check("rv mulhu -1*-1", rv_mulhu(M, M), 0xfffffffffffffffeull);
    check("rv mulhsu -1*-1", rv_mulhsu(M, M), M);
    check("rv mulhsu 1*-1", rv_mulhsu(1, M), 0);
    check("rv mulh MIN*MIN", rv_mulh(LMIN, LMIN), 0x4000000000000000ull);
    check("rv mulh MIN*-1", rv_mulh(LMIN, M), 0);
    check("rv mul MIN*-1", rv_mul(LMIN, M), LMIN);
    check("rv mulw 0x10000*0x10000", rv_mulw(0x10000, 0x10000), 0);
    check("rv mulw 0x7fffffff*2", rv_mulw(0x7fffffff, 2), 0xfffffffffffffffeull);
    check("rv mulw hi junk", rv_mulw(0xdead000000000003ull, 0xbeef000000000005ull), 15);

    /* 32-bit ops sign-extend their result */
    check("rv addw 0x7fffffff+1", rv_addw(0x7fffffff, 1), IMIN_SX);
    check("rv addw 0xffffffff+1", rv_addw(0xffffffff, 1), 0);
    check("rv subw 0-1", rv_subw(0, 1), M);
    check("rv subw hi junk", rv_subw(0x1234567800000000ull, 0x9abcdef000000001ull), M);

    /* shift amounts are masked to 6 (64-bit) or 5 (32-bit) bits */
    volatile uint64_t v = 0x8000000000000001ull;
    check("rv sll by 64 (=0)", rv_sll(v, 64), v);
    check("rv sll by 65 (=1)", rv_sll(v, 65), 2);
    check("rv srl by 127 (=63)", rv_srl(v, 127), 1);
    check("rv sra by 127 (=63)", rv_sra(v, 127), M);
    check("rv sllw by 32 (=0)", rv_sllw(0x80000001ull, 32), 0xffffffff80000001ull);
    check("rv sllw by 31", rv_sllw(3, 31), IMIN_SX);
    check("rv srlw by 31", rv_srlw(0xffffffff80000000ull, 31), 1);
    check("rv srlw by 0", rv_srlw(0x80000000ull, 0), IMIN_SX);
    check("rv srlw by 1 zero-fills", rv_srlw(0xffffffffffffffffull, 1), 0x7fffffff);
    check("rv sraw by 33 (=1)", rv_sraw(0x80000000ull, 33), 0xffffffffc0000000ull);
    check("rv sraw ignores hi bits", rv_sraw(0x00000000ffffff00ull, 4), 0xfffffffffffffff0ull);
}
#endif

/* ---- 128-bit products ----------------------------------------------------- */

static void test_mul128(void)
{
    static const uint64_t vals[] = {
        0, 1, 2, 3, 0x7fffffffffffffffull, 0x8000000000000000ull, 0xffffffffffffffffull,
        0xfffffffffffffffeull, 0x00000000ffffffffull, 0x0000000100000000ull,
        0x123456789abcdef0ull, 0xfedcba9876543210ull, 0x5555555555555555ull,
        0xaaaaaaaaaaaaaaaaull, 0x8000000000000001ull, 0x00000000deadbeefull,
    };
    const unsigned n = sizeof vals / sizeof vals[0];
    int bad = 0;
    uint64_t sum = 0;
    for (unsigned i = 0; i < n; i++) {
        for (unsigned j = 0; j < n; j++) {
            volatile uint64_t a = vals[i], b = vals[j];
            unsigned __int128 pu = (unsigned __int128)a * b;
            __int128 ps = (__int128)(int64_t)a * (int64_t)b;
            __int128 psu = (__int128)(int64_t)a * (unsigned __int128)b;
            uint64_t rhi, rlo;
            ref_mulu128(a, b, &rhi, &rlo);
            if ((uint64_t)(pu >> 64) != rhi || (uint64_t)pu != rlo) bad++;
            if ((uint64_t)((unsigned __int128)ps >> 64) != ref_mulh((int64_t)a, (int64_t)b)) bad++;
            if ((uint64_t)ps != rlo) bad++;
            if ((uint64_t)((unsigned __int128)psu >> 64) != ref_mulhsu((int64_t)a, b)) bad++;
#ifdef __riscv
            if (rv_mulhu(a, b) != rhi) bad++;
            if (rv_mulh(a, b) != ref_mulh((int64_t)a, (int64_t)b)) bad++;
            if (rv_mulhsu(a, b) != ref_mulhsu((int64_t)a, b)) bad++;
            if (rv_mul(a, b) != rlo) bad++;
#endif
            sum = sum * 1000003 + rhi + rlo * 3 + (uint64_t)((unsigned __int128)ps >> 64) * 7;
        }
    }
    check("mul128 mismatches", (uint64_t)bad, 0);
    printf("mul128 checksum %016llx\n", (unsigned long long)sum);

    volatile uint64_t a = 0xffffffffffffffffull, b = 0xffffffffffffffffull;
    unsigned __int128 p = (unsigned __int128)a * b;
    check("u128 max*max hi", (uint64_t)(p >> 64), 0xfffffffffffffffeull);
    check("u128 max*max lo", (uint64_t)p, 1);
    volatile int64_t sa = LLONG_MIN, sb = LLONG_MIN;
    __int128 sp = (__int128)sa * sb;
    check("s128 MIN*MIN hi", (uint64_t)((unsigned __int128)sp >> 64), 0x4000000000000000ull);
    check("s128 MIN*MIN lo", (uint64_t)sp, 0);
    /* 128-bit division goes through libgcc */
    volatile unsigned __int128 big = ((unsigned __int128)0x0123456789abcdefull << 64) | 0xfedcba9876543210ull;
    volatile uint64_t dv = 0x100000007ull;
    unsigned __int128 q = big / dv, r = big % dv;
    check("u128 div hi", (uint64_t)(q >> 64), (uint64_t)((q * dv + r) == big ? (q >> 64) : 0xbad));
    check("u128 div recompose", (uint64_t)((q * dv + r) == big && r < dv), 1);
    printf("u128 div q=%016llx%016llx r=%016llx\n", (unsigned long long)(uint64_t)(q >> 64),
           (unsigned long long)(uint64_t)q, (unsigned long long)(uint64_t)r);
}

/* ---- shifts and sign extension ---------------------------------------------- */

static void test_shifts(void)
{
    volatile int32_t i = -123456789;
    volatile uint32_t u = 0x80000001u;
    volatile int64_t l = -1234567890123456789ll;
    volatile uint64_t ul = 0x8000000000000001ull;
    volatile int s0 = 0, s1 = 1, s31 = 31, s32 = 32, s63 = 63;

    check("i32 << 0", (uint64_t)(int64_t)(int32_t)((uint32_t)i << s0), (uint64_t)(int64_t)-123456789);
    check("i32 >> 31", (uint64_t)(int64_t)(i >> s31), (uint64_t)-1);
    check("i32 >> 1", (uint64_t)(int64_t)(i >> s1), (uint64_t)(int64_t)-61728395);
    check("u32 << 31", (uint64_t)(u << s31), 0x80000000u);
    check("u32 >> 31", (uint64_t)(u >> s31), 1);
    check("u32 >> 0", (uint64_t)(u >> s0), 0x80000001u);
    check("i64 >> 63", (uint64_t)(l >> s63), (uint64_t)-1);
    check("i64 >> 32", (uint64_t)(l >> s32), (uint64_t)(int64_t)-287445237);
    check("i64 << 0", (uint64_t)(l << s0), (uint64_t)-1234567890123456789ll);
    check("u64 << 63", ul << s63, 0x8000000000000000ull);
    check("u64 >> 63", ul >> s63, 1);
    check("u64 << 32", ul << s32, 0x0000000100000000ull);
    check("u64 >> 32", ul >> s32, 0x80000000ull);
    check("u64 >> 31", ul >> s31, 0x100000000ull);
    check("(u64)1 << 31", (uint64_t)1 << s31, 0x80000000ull);

    /* sign / zero extension of 32-bit values and 32-bit arithmetic wrap */
    volatile uint32_t umax = 0xffffffffu, one = 1;
    volatile int32_t imax = INT_MAX;
    check("u32 0xffffffff+1 -> u64", (uint64_t)(umax + one), 0);
    check("u32 wrap to i32 -> i64", (uint64_t)(int64_t)(int32_t)((uint32_t)imax + one), 0xffffffff80000000ull);
    check("(i64)(i32)0xffffffff", (uint64_t)(int64_t)(int32_t)umax, 0xffffffffffffffffull);
    check("(u64)(u32)-1", (uint64_t)(uint32_t)-1, 0xffffffffull);
    check("(i64)(i16)0x8000", (uint64_t)(int64_t)(int16_t)(uint16_t)(umax & 0x8000), 0xffffffffffff8000ull);
    check("(i64)(i8)0x80", (uint64_t)(int64_t)(int8_t)(uint8_t)(umax & 0x80), 0xffffffffffffff80ull);
    check("(u64)(u16)0xffff", (uint64_t)(uint16_t)umax, 0xffffull);
    check("(u64)(u8)0xff", (uint64_t)(uint8_t)umax, 0xffull);
    volatile int32_t a = 0x40000000;
    check("i32 mul wrap (unsigned)", (uint64_t)(int64_t)(int32_t)((uint32_t)a * 4u), 0);
    check("i32 mul wrap 3", (uint64_t)(int64_t)(int32_t)((uint32_t)a * 3u), 0xffffffffc0000000ull);
    volatile uint32_t x = 0xfffffff0u;
    check("u32 index -> u64", (uint64_t)x * 2, 0x1ffffffe0ull);
    check("i32 -> u64 via i64", (uint64_t)(int64_t)(int32_t)x * 2, 0xffffffffffffffe0ull);
    /* loads of narrow types from memory */
    volatile int8_t b8[2] = { -1, 127 };
    volatile int16_t b16[2] = { -2, 32767 };
    volatile uint16_t u16 = 0xfffe;
    check("load i8 -1", (uint64_t)(int64_t)b8[0], 0xffffffffffffffffull);
    check("load i16 -2", (uint64_t)(int64_t)b16[0], 0xfffffffffffffffeull);
    check("load u16 0xfffe", (uint64_t)u16, 0xfffeull);
    check("i8 sum wraps", (uint64_t)(int64_t)(int8_t)(uint8_t)(b8[1] + 1), 0xffffffffffffff80ull);
}

/* ---- bit builtins ---------------------------------------------------------- */

static void test_bits(void)
{
    static const uint64_t vals[] = {
        1, 2, 3, 0x80, 0x8000, 0x80000000ull, 0x80000001ull, 0xffffffffull, 0x100000000ull,
        0x8000000000000000ull, 0xffffffffffffffffull, 0x0123456789abcdefull,
        0xf0f0f0f0f0f0f0f0ull, 0x00ff00ff00ff00ffull, 0x0000000000010000ull, 0x7fffffffffffffffull,
    };
    int bad = 0;
    uint64_t sum = 0;
    for (unsigned k = 0; k < sizeof vals / sizeof vals[0]; k++) {
        volatile uint64_t v = vals[k];
        uint32_t v32 = (uint32_t)v;
        if (__builtin_clzll(v) != ref_clz64(v)) bad++;
        if (__builtin_ctzll(v) != ref_ctz64(v)) bad++;
        if (__builtin_popcountll(v) != ref_pop64(v)) bad++;
        if (__builtin_parityll(v) != (ref_pop64(v) & 1)) bad++;
        if (v32) {
            if (__builtin_clz(v32) != ref_clz64(v32) - 32) bad++;
            if (__builtin_ctz(v32) != ref_ctz64(v32)) bad++;
        }
        if (__builtin_popcount(v32) != ref_pop64(v32)) bad++;
        if (__builtin_ffsll((long long)v) != ref_ctz64(v) + 1) bad++;
        if (__builtin_bswap64(v) != ref_bswap(v, 8)) bad++;
        if (__builtin_bswap32(v32) != ref_bswap(v32, 4)) bad++;
        if (__builtin_bswap16((uint16_t)v) != ref_bswap((uint16_t)v, 2)) bad++;
        for (volatile unsigned n = 0; n < 70; n += 3) {
            uint32_t r32 = (v32 << (n & 31)) | (v32 >> ((32 - n) & 31));
            uint64_t r64 = (v << (n & 63)) | (v >> ((64 - n) & 63));
            uint32_t rr32 = (v32 >> (n & 31)) | (v32 << ((32 - n) & 31));
            if (r32 != ref_rotl32(v32, n)) bad++;
            if (r64 != ref_rotl64(v, n)) bad++;
            if (rr32 != ref_rotl32(v32, 32 - n % 32)) bad++;
            sum = sum * 131 + r64 + r32;
        }
        sum = sum * 31 + (uint64_t)__builtin_clzll(v) * 7 + (uint64_t)__builtin_popcountll(v)
              + __builtin_bswap64(v);
    }
    check("bit builtin mismatches", (uint64_t)bad, 0);
    printf("bits checksum %016llx\n", (unsigned long long)sum);
    volatile uint64_t w = 0x0123456789abcdefull;
    volatile uint32_t w32 = 0x00f00000u;
    check("clzll(1)", (uint64_t)__builtin_clzll(w & 1), 63);
    check("clz(0x00f00000)", (uint64_t)__builtin_clz(w32), 8);
    check("ctz(0x00f00000)", (uint64_t)__builtin_ctz(w32), 20);
    check("popcountll(0x0123456789abcdef)", (uint64_t)__builtin_popcountll(w), 32);
    check("bswap64", __builtin_bswap64(w), 0xefcdab8967452301ull);
    check("bswap32", __builtin_bswap32((uint32_t)w), 0xefcdab89u);
    check("bswap16", __builtin_bswap16((uint16_t)w), 0xefcdu);
    check("clrsbll(-1)", (uint64_t)__builtin_clrsbll((long long)(w | ~0ull)), 63);
}

int main(void)
{
    test_division();
#ifdef __riscv
    test_riscv_div_edges();
#else
    printf("riscv instruction edge cases: skipped (not riscv)\n");
#endif
    test_mul128();
    test_shifts();
    test_bits();
    printf("int_edge: %d checks, %d failures\n", checks, failures);
    return failures ? 1 : 0;
}
