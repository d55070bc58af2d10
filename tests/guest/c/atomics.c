/*
 * C11 atomics, single-threaded: fetch_add/sub/and/or/xor, exchange,
 * compare_exchange strong/weak, load/store, atomic_flag, on 8, 16, 32 and 64-bit
 * objects (8/16-bit ones are done with LR/SC loops on RISC-V, so the
 * neighbouring bytes are checked to be untouched), plus RISC-V AMO/LR/SC
 * instructions directly. Every result is checked against a plain shadow
 * computation. Thread tests are in threads.c. Exits 0 when all checks pass.
 */
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static int failures, checks;
static uint64_t checksum;

static void check(const char *what, uint64_t got, uint64_t want)
{
    checks++;
    checksum = checksum * 1000003u + got;
    if (got != want) {
        failures++;
        printf("FAIL %s: got %016llx want %016llx\n", what, (unsigned long long)got, (unsigned long long)want);
    }
}

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;
static uint64_t rng(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

/*
 * One test body per width and signedness. The object sits in the middle of a
 * guarded array whose other elements must never change.
 */
#define ATOMIC_TYPE_TEST(T, NAME)                                                      \
    static void test_##NAME(void)                                                     \
    {                                                                                 \
        static _Atomic T arr[5];                                                      \
        const T guard = (T)0xa5a5a5a5a5a5a5a5ull;                                     \
        int bad = 0;                                                                  \
        for (int slot = 1; slot <= 3; slot++) {                                       \
            for (int i = 0; i < 5; i++) atomic_init(&arr[i], guard);                  \
            _Atomic T *p = &arr[slot];                                                \
            T shadow = (T)rng();                                                      \
            atomic_store(p, shadow);                                                  \
            for (int it = 0; it < 200; it++) {                                        \
                T v = (T)rng(), old, exp;                                             \
                _Bool ok;                                                             \
                switch (rng() % 10) {                                                 \
                case 0: old = atomic_fetch_add(p, v); if (old != shadow) bad++; shadow = (T)((uint64_t)shadow + (uint64_t)v); break; \
                case 1: old = atomic_fetch_sub(p, v); if (old != shadow) bad++; shadow = (T)((uint64_t)shadow - (uint64_t)v); break; \
                case 2: old = atomic_fetch_and(p, v); if (old != shadow) bad++; shadow = (T)(shadow & v); break; \
                case 3: old = atomic_fetch_or(p, v); if (old != shadow) bad++; shadow = (T)(shadow | v); break; \
                case 4: old = atomic_fetch_xor(p, v); if (old != shadow) bad++; shadow = (T)(shadow ^ v); break; \
                case 5: old = atomic_exchange(p, v); if (old != shadow) bad++; shadow = v; break; \
                case 6: /* strong CAS that must succeed */                            \
                    exp = shadow;                                                     \
                    ok = atomic_compare_exchange_strong(p, &exp, v);                  \
                    if (!ok || exp != shadow) bad++;                                  \
                    shadow = v;                                                       \
                    break;                                                            \
                case 7: /* strong CAS that must fail and report the current value */  \
                    exp = (T)((uint64_t)shadow + 1);                                            \
                    ok = atomic_compare_exchange_strong(p, &exp, v);                  \
                    if (ok || exp != shadow) bad++;                                   \
                    break;                                                            \
                case 8: /* weak CAS in its usual loop */                              \
                    exp = atomic_load_explicit(p, memory_order_relaxed);              \
                    while (!atomic_compare_exchange_weak(p, &exp, (T)((uint64_t)exp * 3 + (uint64_t)v)))  \
                        ;                                                             \
                    if (exp != shadow) bad++;                                         \
                    shadow = (T)((uint64_t)shadow * 3 + (uint64_t)v);                                     \
                    break;                                                            \
                default:                                                              \
                    atomic_store_explicit(p, v, memory_order_release);                \
                    if (atomic_load_explicit(p, memory_order_acquire) != v) bad++;    \
                    shadow = v;                                                       \
                    break;                                                            \
                }                                                                     \
                if (atomic_load(p) != shadow) bad++;                                  \
                checksum = checksum * 31 + (uint64_t)shadow;                          \
            }                                                                         \
            for (int i = 0; i < 5; i++)                                               \
                if (i != slot && atomic_load(&arr[i]) != guard) bad++;                \
        }                                                                             \
        /* wrap-around and sign: results must be extended per the type */            \
        _Atomic T w;                                                                  \
        T maxv = (T)~(T)0 > 0 ? (T)~(T)0 : (T)((~0ull) >> (65 - 8 * sizeof(T)));      \
        atomic_init(&w, maxv);                                                        \
        T o = atomic_fetch_add(&w, 1);                                                \
        check(#NAME " fetch_add at max returns max", (uint64_t)(int64_t)o, (uint64_t)(int64_t)maxv); \
        check(#NAME " wrapped", (uint64_t)(int64_t)atomic_load(&w), (uint64_t)(int64_t)(T)((uint64_t)maxv + 1)); \
        o = atomic_fetch_sub(&w, 1);                                                  \
        check(#NAME " fetch_sub back", (uint64_t)(int64_t)atomic_load(&w), (uint64_t)(int64_t)maxv); \
        check(#NAME " fetch_sub returned", (uint64_t)(int64_t)o, (uint64_t)(int64_t)(T)((uint64_t)maxv + 1)); \
        check(#NAME " random ops mismatches", (uint64_t)bad, 0);                      \
        printf("%-8s ops ok: %s\n", #NAME, bad ? "no" : "yes");                       \
    }

ATOMIC_TYPE_TEST(uint8_t, u8)
ATOMIC_TYPE_TEST(int8_t, i8)
ATOMIC_TYPE_TEST(uint16_t, u16)
ATOMIC_TYPE_TEST(int16_t, i16)
ATOMIC_TYPE_TEST(uint32_t, u32)
ATOMIC_TYPE_TEST(int32_t, i32)
ATOMIC_TYPE_TEST(uint64_t, u64)
ATOMIC_TYPE_TEST(int64_t, i64)

static void test_builtins(void)
{
    static uint32_t w32 = 10;
    static uint64_t w64 = 0xffffffffull;
    static uint8_t b[4] = { 1, 2, 3, 4 };

    check("__atomic_add_fetch 32", __atomic_add_fetch(&w32, 5, __ATOMIC_SEQ_CST), 15);
    check("__atomic_fetch_nand 32", __atomic_fetch_nand(&w32, 0xc, __ATOMIC_SEQ_CST), 15);
    check("after nand 32", w32, (uint32_t)~(15u & 0xcu));
    check("__atomic_add_fetch 64 carries", __atomic_add_fetch(&w64, 1, __ATOMIC_RELAXED), 0x100000000ull);
    check("__sync_fetch_and_add 64", __sync_fetch_and_add(&w64, 0x100000000ull), 0x100000000ull);
    check("__sync_val_compare_and_swap ok", __sync_val_compare_and_swap(&w64, 0x200000000ull, 7), 0x200000000ull);
    check("__sync_val_compare_and_swap fail", __sync_val_compare_and_swap(&w64, 8, 9), 7);
    check("__sync_bool_compare_and_swap", __sync_bool_compare_and_swap(&w64, 7, 42), 1);
    check("__atomic_exchange_n 8", __atomic_exchange_n(&b[2], 0xff, __ATOMIC_ACQ_REL), 3);
    check("__atomic_fetch_add 8 wraps", __atomic_fetch_add(&b[2], 2, __ATOMIC_SEQ_CST), 0xff);
    check("bytes after", (uint64_t)b[0] | (uint64_t)b[1] << 8 | (uint64_t)b[2] << 16 | (uint64_t)b[3] << 24,
          0x04010201);
    uint8_t e = 1;
    check("__atomic_compare_exchange_n 8", __atomic_compare_exchange_n(&b[2], &e, 0x80, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST), 1);
    int8_t sb = (int8_t)__atomic_load_n(&b[2], __ATOMIC_SEQ_CST);
    check("signed view of 0x80", (uint64_t)(int64_t)sb, (uint64_t)-128);

    atomic_flag f = ATOMIC_FLAG_INIT;
    check("flag first test_and_set", atomic_flag_test_and_set(&f), 0);
    check("flag second test_and_set", atomic_flag_test_and_set(&f), 1);
    atomic_flag_clear(&f);
    check("flag after clear", atomic_flag_test_and_set(&f), 0);
    atomic_thread_fence(memory_order_seq_cst);
    atomic_signal_fence(memory_order_seq_cst);
    /* compile-time properties of the toolchain: printed, not checked */
    printf("lock free char/short/int/llong: %d %d %d %d\n", ATOMIC_CHAR_LOCK_FREE, ATOMIC_SHORT_LOCK_FREE,
           ATOMIC_INT_LOCK_FREE, ATOMIC_LLONG_LOCK_FREE);
    printf("builtins ok: %s\n", failures ? "no" : "yes");
}

#ifdef __riscv
#define AMO(fn, insn, T)                                                              \
    static uint64_t fn(T *p, uint64_t v)                                              \
    {                                                                                 \
        uint64_t r;                                                                   \
        __asm__ volatile(insn " %0, %2, (%1)" : "=r"(r) : "r"(p), "r"(v) : "memory"); \
        return r;                                                                     \
    }
AMO(amoswap_w, "amoswap.w", uint32_t)
AMO(amoadd_w, "amoadd.w", uint32_t)
AMO(amoand_w, "amoand.w.aq", uint32_t)
AMO(amoor_w, "amoor.w.rl", uint32_t)
AMO(amoxor_w, "amoxor.w.aqrl", uint32_t)
AMO(amomin_w, "amomin.w", uint32_t)
AMO(amomax_w, "amomax.w", uint32_t)
AMO(amominu_w, "amominu.w", uint32_t)
AMO(amomaxu_w, "amomaxu.w", uint32_t)
AMO(amoswap_d, "amoswap.d", uint64_t)
AMO(amoadd_d, "amoadd.d", uint64_t)
AMO(amomin_d, "amomin.d", uint64_t)
AMO(amomax_d, "amomax.d", uint64_t)
AMO(amominu_d, "amominu.d", uint64_t)
AMO(amomaxu_d, "amomaxu.d", uint64_t)

static void test_riscv_amo(void)
{
    static uint32_t w[3];
    static uint64_t d;
    const uint64_t SX = 0xffffffff00000000ull;

    w[0] = w[2] = 0x5a5a5a5a;
    w[1] = 0x80000000u;
    check("amoswap.w returns sign-extended", amoswap_w(&w[1], 0x7fffffff), SX | 0x80000000u);
    check("amoadd.w old", amoadd_w(&w[1], 1), 0x7fffffff);
    check("amoadd.w wraps in 32 bits", w[1], 0x80000000u);
    check("amoadd.w ignores upper bits of rs2", amoadd_w(&w[1], 0xffffffff00000001ull), SX | 0x80000000u);
    check("after", w[1], 0x80000001u);
    check("amoand.w", amoand_w(&w[1], 0xffff0003), SX | 0x80000001u);
    check("amoor.w", amoor_w(&w[1], 0x0f000000), SX | 0x80000001u);
    check("amoxor.w", amoxor_w(&w[1], 0xffffffff), SX | 0x8f000001u);
    check("after xor", w[1], 0x70fffffeu);
    w[1] = 0xfffffff0u; /* -16 */
    check("amomin.w old", amomin_w(&w[1], 5), SX | 0xfffffff0u);
    check("amomin.w signed keeps -16", w[1], 0xfffffff0u);
    check("amomax.w old", amomax_w(&w[1], 5), SX | 0xfffffff0u);
    check("amomax.w signed takes 5", w[1], 5);
    check("amominu.w old", amominu_w(&w[1], 0xfffffff0u), 5);
    check("amominu.w keeps 5", w[1], 5);
    check("amomaxu.w old", amomaxu_w(&w[1], 0xfffffff0u), 5);
    check("amomaxu.w takes 0xfffffff0", w[1], 0xfffffff0u);
    check("amomax.w compares low 32 bits only", amomax_w(&w[1], 0x00000001fffffff1ull), SX | 0xfffffff0u);
    check("after", w[1], 0xfffffff1u);
    check("neighbours untouched", (uint64_t)w[0] << 32 | w[2], 0x5a5a5a5a5a5a5a5aull);

    d = 0x8000000000000000ull;
    check("amoswap.d", amoswap_d(&d, 1), 0x8000000000000000ull);
    check("amoadd.d", amoadd_d(&d, ~0ull), 1);
    check("amoadd.d result", d, 0);
    check("amomin.d", amomin_d(&d, (uint64_t)-3), 0);
    check("amomin.d result", d, (uint64_t)-3);
    check("amomax.d", amomax_d(&d, 2), (uint64_t)-3);
    check("amomax.d result", d, 2);
    check("amominu.d", amominu_d(&d, (uint64_t)-3), 2);
    check("amominu.d result", d, 2);
    check("amomaxu.d", amomaxu_d(&d, (uint64_t)-3), 2);
    check("amomaxu.d result", d, (uint64_t)-3);

    /* LR/SC: a paired SC succeeds (0); an SC after it has no reservation and fails */
    uint64_t v, sc1, sc2;
    d = 100;
    __asm__ volatile("lr.d %0, (%3)\n\t"
                     "addi %0, %0, 1\n\t"
                     "sc.d %1, %0, (%3)\n\t"
                     "sc.d %2, %0, (%3)"
                     : "=&r"(v), "=&r"(sc1), "=&r"(sc2) : "r"(&d) : "memory");
    check("lr.d/sc.d succeeds", sc1, 0);
    check("second sc.d fails", sc2 != 0, 1);
    check("value after sc", d, 101);
    uint32_t lw;
    w[1] = 0xfffffffeu;
    __asm__ volatile("lr.w %0, (%2)\n\t"
                     "sc.w %1, %0, (%2)"
                     : "=&r"(v), "=&r"(sc1) : "r"(&w[1]) : "memory");
    lw = w[1];
    check("lr.w sign-extends", v, 0xfffffffffffffffeull);
    check("sc.w stores 32 bits", lw, 0xfffffffeu);
    check("neighbours untouched after sc.w", (uint64_t)w[0] << 32 | w[2], 0x5a5a5a5a5a5a5a5aull);
    printf("riscv amo/lr/sc ok: %s\n", failures ? "no" : "yes");
}
#endif

int main(void)
{
    test_u8();
    test_i8();
    test_u16();
    test_i16();
    test_u32();
    test_i32();
    test_u64();
    test_i64();
    test_builtins();
#ifdef __riscv
    test_riscv_amo();
#else
    printf("riscv amo/lr/sc: skipped\n");
#endif
    printf("atomics checksum %016llx\n", (unsigned long long)checksum);
    printf("atomics: %d checks, %d failures\n", checks, failures);
    return failures ? 1 : 0;
}
