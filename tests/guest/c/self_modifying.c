/*
 * Self-modifying and generated code, the way JITs do it: machine code written
 * into an mmap'ed page, called, then overwritten and called again after
 * __builtin___clear_cache (fence.i / the riscv_flush_icache syscall).
 * Covers an RWX page, an RW page flipped to RX with mprotect, compressed
 * instructions, a generated loop that is called many times (so a translator
 * has compiled it) before one instruction inside it is patched, and an
 * explicit fence.i. RISC-V encodings are built by hand; on other arches the
 * test reports itself skipped. Exits 0 when all results are as expected.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static int failures;

static void check(const char *what, long got, long want)
{
    printf("%-48s %ld %s\n", what, got, got == want ? "ok" : "FAIL");
    if (got != want) failures++;
}

#ifdef __riscv
typedef long (*fn0)(void);
typedef long (*fn1)(long);

/* ---- RV64 encoders --------------------------------------------------- */
enum { ZERO = 0, RA = 1, T0 = 5, T1 = 6, A0 = 10, A1 = 11 };

static uint32_t i_type(int32_t imm, int rs1, int f3, int rd, int op)
{
    return ((uint32_t)(imm & 0xfff) << 20) | (uint32_t)rs1 << 15 | (uint32_t)f3 << 12 | (uint32_t)rd << 7 | (uint32_t)op;
}
static uint32_t addi(int rd, int rs1, int32_t imm) { return i_type(imm, rs1, 0, rd, 0x13); }
static uint32_t li(int rd, int32_t imm) { return addi(rd, ZERO, imm); } /* |imm| < 2048 */
static uint32_t ret_(void) { return i_type(0, RA, 0, ZERO, 0x67); }     /* jalr zero, 0(ra) */
static uint32_t add(int rd, int rs1, int rs2) { return (uint32_t)rs2 << 20 | (uint32_t)rs1 << 15 | (uint32_t)rd << 7 | 0x33; }
static uint32_t bne(int rs1, int rs2, int32_t off)
{
    uint32_t o = (uint32_t)off;
    return ((o >> 12) & 1) << 31 | ((o >> 5) & 0x3f) << 25 | (uint32_t)rs2 << 20 | (uint32_t)rs1 << 15 | 1u << 12 |
           ((o >> 1) & 0xf) << 8 | ((o >> 11) & 1) << 7 | 0x63;
}
static uint16_t c_li(int rd, int imm) /* imm in [-32, 31] */
{
    return (uint16_t)(2u << 13 | ((unsigned)(imm >> 5) & 1) << 12 | (unsigned)rd << 7 | ((unsigned)imm & 0x1f) << 2 | 1);
}
static uint16_t c_jr_ra(void) { return (uint16_t)(4u << 13 | RA << 7 | 2); }

static void flush(void *p, size_t n) { __builtin___clear_cache((char *)p, (char *)p + n); }

static void put32(uint8_t *p, uint32_t w) { memcpy(p, &w, 4); }
static void put16(uint8_t *p, uint16_t h) { memcpy(p, &h, 2); }

static void test_rwx(uint8_t *page)
{
    put32(page, li(A0, 42));
    put32(page + 4, ret_());
    flush(page, 8);
    fn0 f = (fn0)(uintptr_t)page;
    check("rwx: li a0, 42; ret", f(), 42);

    put32(page, li(A0, -1234));
    flush(page, 8);
    check("rwx: rewritten to li a0, -1234", f(), -1234);

    /* compressed: c.li a0, 17; c.jr ra */
    put16(page, c_li(A0, 17));
    put16(page + 2, c_jr_ra());
    flush(page, 4);
    check("rwx: compressed c.li a0, 17; c.jr ra", f(), 17);
    put16(page, c_li(A0, -32));
    flush(page, 2);
    check("rwx: compressed rewritten to -32", f(), -32);

    /* the same bytes reached at another offset in the page */
    put32(page + 256, li(A0, 7));
    put32(page + 260, ret_());
    flush(page + 256, 8);
    check("rwx: second function in the page", ((fn0)(uintptr_t)(page + 256))(), 7);
    check("rwx: first still -32", f(), -32);
}

/* f(x) = x + K, called many times, then K is patched */
static void test_hot_patch(uint8_t *page)
{
    put32(page + 512, addi(A0, A0, 3));
    put32(page + 516, ret_());
    flush(page + 512, 8);
    fn1 g = (fn1)(uintptr_t)(page + 512);
    long sum = 0;
    for (int i = 0; i < 20000; i++) sum = g(sum);
    check("hot: 20000 calls of x+3", sum, 60000);
    put32(page + 512, addi(A0, A0, -5));
    flush(page + 512, 4);
    for (int i = 0; i < 20000; i++) sum = g(sum);
    check("hot: then 20000 calls of x-5", sum, 60000 - 100000);

    /* a generated loop: a0 = n * K, one instruction inside the loop gets patched */
    uint8_t *l = page + 1024;
    put32(l + 0, addi(T0, A0, 0));  /* t0 = n            */
    put32(l + 4, li(A0, 0));        /* a0 = 0            */
    put32(l + 8, li(T1, 9));        /* t1 = 9   <- K     */
    put32(l + 12, add(A0, A0, T1)); /* loop: a0 += t1    */
    put32(l + 16, addi(T0, T0, -1)); /* t0--             */
    put32(l + 20, bne(T0, ZERO, -8)); /* bnez t0, loop    */
    put32(l + 24, ret_());
    flush(l, 28);
    fn1 loop = (fn1)(uintptr_t)l;
    long total = 0;
    for (int i = 1; i <= 300; i++) total += loop(i);
    check("loop: sum over n=1..300 of 9n", total, 9L * 300 * 301 / 2);
    put32(l + 8, li(T1, -4));
    flush(l + 8, 4);
    total = 0;
    for (int i = 1; i <= 300; i++) total += loop(i);
    check("loop: after patching K to -4", total, -4L * 300 * 301 / 2);
    /* patch the loop body itself: a0 += t1 becomes a0 += t0 (triangular numbers) */
    put32(l + 12, add(A0, A0, T0));
    flush(l + 12, 4);
    check("loop: body patched, loop(1000)", loop(1000), 1000L * 1001 / 2);
}

static void test_mprotect(void)
{
    long pg = sysconf(_SC_PAGESIZE);
    uint8_t *p = mmap(NULL, (size_t)pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) { check("mmap rw", 0, 1); return; }
    put32(p, li(A0, 100));
    put32(p + 4, ret_());
    check("mprotect RX", mprotect(p, (size_t)pg, PROT_READ | PROT_EXEC), 0);
    flush(p, 8);
    fn0 f = (fn0)(uintptr_t)p;
    check("rx: li a0, 100", f(), 100);
    check("mprotect RW", mprotect(p, (size_t)pg, PROT_READ | PROT_WRITE), 0);
    put32(p, li(A0, 200));
    check("mprotect RX again", mprotect(p, (size_t)pg, PROT_READ | PROT_EXEC), 0);
    flush(p, 8);
    check("rx: rewritten to li a0, 200", f(), 200);
    munmap(p, (size_t)pg);

    /* a fresh mapping at the same place must not run stale code */
    uint8_t *q = mmap(p, (size_t)pg, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    if (q == MAP_FAILED) { check("mmap again", 0, 1); return; }
    put32(q, li(A0, 300));
    put32(q + 4, ret_());
    flush(q, 8);
    check("remapped page: li a0, 300", ((fn0)(uintptr_t)q)(), 300);
    munmap(q, (size_t)pg);
}

static void test_fence_i(uint8_t *page)
{
    /* explicit fence.i instead of the library call */
    uint8_t *p = page + 2048;
    put32(p, li(A0, 5));
    put32(p + 4, ret_());
    __asm__ volatile("fence.i" ::: "memory");
    fn0 f = (fn0)(uintptr_t)p;
    long a = f();
    put32(p, li(A0, 6));
    __asm__ volatile("fence.i" ::: "memory");
    long b = f();
    check("fence.i: before", a, 5);
    check("fence.i: after", b, 6);
}

int main(void)
{
    long pg = sysconf(_SC_PAGESIZE);
    uint8_t *page = mmap(NULL, (size_t)pg, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (page == MAP_FAILED) {
        perror("mmap rwx");
        return 2;
    }
    test_rwx(page);
    test_hot_patch(page);
    test_fence_i(page);
    test_mprotect();
    munmap(page, (size_t)pg);
    printf("self_modifying: %s\n", failures ? "FAIL" : "PASS");
    return failures ? 1 : 0;
}
#else
int main(void)
{
    printf("self_modifying: skipped (no code generator for this arch)\n");
    return 0;
}
#endif
