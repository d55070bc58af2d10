/* The reciprocal estimates: FRECPE, FRSQRTE (vector and scalar, single and double), URECPE,
 * URSQRTE and FRECPX, on special values (zeros, subnormals, infinities, NaNs, the operands whose
 * reciprocal overflows or underflows) and pseudo-random ones, under several FPCR settings
 * (rounding modes, FZ, DN). Prints each result and the FPSR flags: compared with qemu-aarch64. */
#include <arm_neon.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static uint64_t seed = 0x853C49E6748FEA9Bull;
static uint64_t rnd(void) { seed ^= seed << 13; seed ^= seed >> 7; seed ^= seed << 17; return seed; }

static void set_fpcr(uint64_t v) { __asm__ volatile("msr fpcr, %0" :: "r"(v)); }
static uint64_t get_fpsr(void) { uint64_t v; __asm__ volatile("mrs %0, fpsr" : "=r"(v)); return v; }
static void clear_fpsr(void) { __asm__ volatile("msr fpsr, %0" :: "r"(0ull)); }

static const uint32_t specials32[] = {
    0x00000000, 0x80000000, 0x00000001, 0x80000001, 0x00200000, 0x001FFFFF, 0x00400000, 0x007FFFFF,
    0x00800000, 0x3F800000, 0xBF800000, 0x3F000000, 0x40000000, 0x7E800000, 0x7E7FFFFF, 0x7F7FFFFF,
    0xFF7FFFFF, 0x7F800000, 0xFF800000, 0x7FC00000, 0x7F800001, 0xFFC01234, 0x3EAAAAAB, 0x41200000,
    0x00100000, 0x3F7FFFFF, 0x3E800000, 0x3E7FFFFF,
};
static const uint64_t specials64[] = {
    0, 0x8000000000000000ull, 1, 0x0004000000000000ull, 0x0003FFFFFFFFFFFFull, 0x0008000000000000ull,
    0x000FFFFFFFFFFFFFull, 0x0010000000000000ull, 0x3FF0000000000000ull, 0xBFF0000000000000ull,
    0x7FD0000000000000ull, 0x7FCFFFFFFFFFFFFFull, 0x7FEFFFFFFFFFFFFFull, 0x7FF0000000000000ull,
    0xFFF0000000000000ull, 0x7FF8000000000000ull, 0x7FF0000000000001ull, 0x3FD5555555555555ull,
    0x4024000000000000ull, 0x3FE0000000000000ull, 0x3FEFFFFFFFFFFFFFull,
};
/* FPCR: RMode (23:22), FZ (24), DN (25). */
static const uint64_t fpcrs[] = {0, 1ull << 22, 2ull << 22, 3ull << 22, 1ull << 24, 1ull << 25, (1ull << 24) | (3ull << 22)};

typedef uint32_t (*op32)(uint32_t);
typedef uint64_t (*op64)(uint64_t);

#define U32(x) ((union { float f; uint32_t u; }){.f = (x)}.u)
#define F32(x) ((union { uint32_t u; float f; }){.u = (x)}.f)
#define U64(x) ((union { double f; uint64_t u; }){.f = (x)}.u)
#define F64(x) ((union { uint64_t u; double f; }){.u = (x)}.f)

static uint32_t recpe_s(uint32_t x) { return U32(vrecpes_f32(F32(x))); }
static uint32_t rsqrte_s(uint32_t x) { return U32(vrsqrtes_f32(F32(x))); }
static uint32_t recpx_s(uint32_t x) { return U32(vrecpxs_f32(F32(x))); }
static uint32_t recpe_v(uint32_t x) { return U32(vgetq_lane_f32(vrecpeq_f32(vdupq_n_f32(F32(x))), 2)); }
static uint32_t rsqrte_v(uint32_t x) { return U32(vget_lane_f32(vrsqrte_f32(vdup_n_f32(F32(x))), 1)); }
static uint32_t urecpe_v(uint32_t x) { return vgetq_lane_u32(vrecpeq_u32(vdupq_n_u32(x)), 3); }
static uint32_t ursqrte_v(uint32_t x) { return vget_lane_u32(vrsqrte_u32(vdup_n_u32(x)), 0); }
static uint64_t recpe_d(uint64_t x) { return U64(vrecped_f64(F64(x))); }
static uint64_t rsqrte_d(uint64_t x) { return U64(vrsqrted_f64(F64(x))); }
static uint64_t recpx_d(uint64_t x) { return U64(vrecpxd_f64(F64(x))); }
static uint64_t recpe_2d(uint64_t x) { return U64(vgetq_lane_f64(vrecpeq_f64(vdupq_n_f64(F64(x))), 1)); }
static uint64_t rsqrte_2d(uint64_t x) { return U64(vgetq_lane_f64(vrsqrteq_f64(vdupq_n_f64(F64(x))), 0)); }

static uint64_t checksum;

static void run32(const char *name, op32 f, int fpcr_variants) {
    for (int c = 0; c < fpcr_variants; c++) {
        printf("%s fpcr=%llx:", name, (unsigned long long) fpcrs[c]);
        for (size_t i = 0; i < sizeof specials32 / sizeof specials32[0]; i++) {
            set_fpcr(fpcrs[c]);
            clear_fpsr();
            uint32_t r = f(specials32[i]);
            uint64_t flags = get_fpsr();
            set_fpcr(0);
            printf(" %08x/%llx", r, (unsigned long long) flags);
        }
        printf("\n");
        set_fpcr(fpcrs[c]);
        for (int i = 0; i < 3000; i++) {
            uint32_t x = (uint32_t) rnd();
            checksum = checksum * 1000003 + f(x);
        }
        set_fpcr(0);
    }
}

static void run64(const char *name, op64 f, int fpcr_variants) {
    for (int c = 0; c < fpcr_variants; c++) {
        printf("%s fpcr=%llx:", name, (unsigned long long) fpcrs[c]);
        for (size_t i = 0; i < sizeof specials64 / sizeof specials64[0]; i++) {
            set_fpcr(fpcrs[c]);
            clear_fpsr();
            uint64_t r = f(specials64[i]);
            uint64_t flags = get_fpsr();
            set_fpcr(0);
            printf(" %016llx/%llx", (unsigned long long) r, (unsigned long long) flags);
        }
        printf("\n");
        set_fpcr(fpcrs[c]);
        for (int i = 0; i < 3000; i++) checksum = checksum * 1000003 + f(rnd());
        set_fpcr(0);
    }
}

int main(void) {
    int n = sizeof fpcrs / sizeof fpcrs[0];
    run32("frecpe s", recpe_s, n);
    run32("frsqrte s", rsqrte_s, n);
    run32("frecpx s", recpx_s, n);
    run32("frecpe 4s", recpe_v, n);
    run32("frsqrte 2s", rsqrte_v, n);
    run32("urecpe 4s", urecpe_v, 1);
    run32("ursqrte 2s", ursqrte_v, 1);
    run64("frecpe d", recpe_d, n);
    run64("frsqrte d", rsqrte_d, n);
    run64("frecpx d", recpx_d, n);
    run64("frecpe 2d", recpe_2d, n);
    run64("frsqrte 2d", rsqrte_2d, n);
    printf("checksum %016llx\n", (unsigned long long) checksum);
    return 0;
}
