/* AArch64 exclusives and LSE atomics through inline assembly: every size, every ordering
 * variant, the returned old values and the memory left behind; alignment faults are not
 * exercised here (they end the program). Single-threaded: the values are deterministic. */
#include <stdint.h>
#include <stdio.h>

static uint64_t mem[4] __attribute__((aligned(16)));

#define LSE(op, sfx, reg, size_t_)                                                      \
    static uint64_t op##sfx(uint64_t *p, uint64_t v) {                               \
        uint64_t old;                                                                  \
        asm volatile(".arch_extension lse\n" #op #sfx " %" reg "1, %" reg "0, [%2]"     \
                     : "=&r"(old) : "r"(v), "r"(p) : "memory");                        \
        return old;                                                                    \
    }

#define FAMILY(op) \
    LSE(op, , "x", 8) LSE(op, a, "x", 8) LSE(op, l, "x", 8) LSE(op, al, "x", 8) \
    LSE(op, b, "w", 1) LSE(op, ab, "w", 1) LSE(op, h, "w", 2) LSE(op, alh, "w", 2)

FAMILY(ldadd)
FAMILY(ldclr)
FAMILY(ldeor)
FAMILY(ldset)
FAMILY(ldsmax)
FAMILY(ldsmin)
FAMILY(ldumax)
FAMILY(ldumin)
FAMILY(swp)

static uint32_t ldadd_w(uint32_t *p, uint32_t v) {
    uint32_t old;
    asm volatile(".arch_extension lse\nldaddal %w1, %w0, [%2]" : "=&r"(old) : "r"(v), "r"(p) : "memory");
    return old;
}

static void show(const char *name, uint64_t old) {
    printf("%-10s old=%016llx mem=%016llx %016llx\n", name, (unsigned long long)old,
           (unsigned long long)mem[0], (unsigned long long)mem[1]);
}

#define RUN(fn, init, v)                 \
    do {                                 \
        mem[0] = (init);                 \
        mem[1] = 0x1122334455667788ull;  \
        show(#fn, fn(&mem[0], (v)));     \
    } while (0)

#define RUN_FAMILY(op)                                             \
    RUN(op, 0x8000000000000005ull, 0x7ffffffffffffff0ull);         \
    RUN(op##a, 0x5ull, 0xfffffffffffffff0ull);                     \
    RUN(op##l, 0xffffffff00000000ull, 0x00000000ffffffffull);      \
    RUN(op##al, 0x0123456789abcdefull, 0xfedcba9876543210ull);     \
    RUN(op##b, 0x00000000000000f0ull, 0x0000000000000081ull);      \
    RUN(op##ab, 0x0000000000000070ull, 0x12345678000000ffull);     \
    RUN(op##h, 0x0000000000008001ull, 0x0000000000007fffull);      \
    RUN(op##alh, 0xffffffffffff7fffull, 0x0000000000008000ull)

static uint64_t cas64(uint64_t *p, uint64_t expect, uint64_t v) {
    asm volatile(".arch_extension lse\ncasal %0, %2, [%1]" : "+r"(expect) : "r"(p), "r"(v) : "memory");
    return expect;
}

static uint32_t casb(uint64_t *p, uint32_t expect, uint32_t v) {
    asm volatile(".arch_extension lse\ncasb %w0, %w2, [%1]" : "+r"(expect) : "r"(p), "r"(v) : "memory");
    return expect;
}

static void casp64(uint64_t *p, uint64_t e0, uint64_t e1, uint64_t n0, uint64_t n1, uint64_t out[2]) {
    register uint64_t x0 asm("x0") = e0, x1 asm("x1") = e1, x2 asm("x2") = n0, x3 asm("x3") = n1;
    asm volatile(".arch_extension lse\ncaspal x0, x1, x2, x3, [%4]" : "+r"(x0), "+r"(x1) : "r"(x2), "r"(x3), "r"(p) : "memory");
    out[0] = x0;
    out[1] = x1;
}

/* An LL/SC increment loop: returns how many attempts it took (1 when nothing interferes). */
static int exclusive_add(uint64_t *p, uint64_t v, int size) {
    int tries = 0;
    uint32_t status;
    uint64_t tmp;
    do {
        tries++;
        if (size == 8)
            asm volatile("ldaxr %0, [%2]\nadd %0, %0, %3\nstlxr %w1, %0, [%2]" : "=&r"(tmp), "=&r"(status) : "r"(p), "r"(v) : "memory");
        else if (size == 4)
            asm volatile("ldxr %w0, [%2]\nadd %w0, %w0, %w3\nstxr %w1, %w0, [%2]" : "=&r"(tmp), "=&r"(status) : "r"(p), "r"(v) : "memory");
        else if (size == 2)
            asm volatile("ldxrh %w0, [%2]\nadd %w0, %w0, %w3\nstxrh %w1, %w0, [%2]" : "=&r"(tmp), "=&r"(status) : "r"(p), "r"(v) : "memory");
        else
            asm volatile("ldaxrb %w0, [%2]\nadd %w0, %w0, %w3\nstlxrb %w1, %w0, [%2]" : "=&r"(tmp), "=&r"(status) : "r"(p), "r"(v) : "memory");
    } while (status != 0 && tries < 100);
    return tries;
}

int main(void) {
    RUN_FAMILY(ldadd);
    RUN_FAMILY(ldclr);
    RUN_FAMILY(ldeor);
    RUN_FAMILY(ldset);
    RUN_FAMILY(ldsmax);
    RUN_FAMILY(ldsmin);
    RUN_FAMILY(ldumax);
    RUN_FAMILY(ldumin);
    RUN_FAMILY(swp);

    mem[0] = 0xffffffff00000001ull;
    printf("ldadd w   old=%08x mem=%016llx\n", ldadd_w((uint32_t *)&mem[0], 0xffffffff), (unsigned long long)mem[0]);

    mem[0] = 42;
    printf("cas hit   old=%llu mem=%llu\n", (unsigned long long)cas64(&mem[0], 42, 7), (unsigned long long)mem[0]);
    printf("cas miss  old=%llu mem=%llu\n", (unsigned long long)cas64(&mem[0], 42, 9), (unsigned long long)mem[0]);
    mem[0] = 0x11223344556677ffull;
    printf("casb hit  old=%02x mem=%016llx\n", casb(&mem[0], 0x1ff, 0x22), (unsigned long long)mem[0]);
    printf("casb miss old=%02x mem=%016llx\n", casb(&mem[0], 0xff, 0x33), (unsigned long long)mem[0]);

    uint64_t out[2];
    mem[0] = 1; mem[1] = 2;
    casp64(&mem[0], 1, 2, 3, 4, out);
    printf("casp hit  old=%llu,%llu mem=%llu,%llu\n", (unsigned long long)out[0], (unsigned long long)out[1],
           (unsigned long long)mem[0], (unsigned long long)mem[1]);
    casp64(&mem[0], 1, 2, 5, 6, out);
    printf("casp miss old=%llu,%llu mem=%llu,%llu\n", (unsigned long long)out[0], (unsigned long long)out[1],
           (unsigned long long)mem[0], (unsigned long long)mem[1]);

    for (int size = 1; size <= 8; size *= 2) {
        mem[0] = 0x00000000000000feull | 0xabcd000000000000ull;
        int tries = exclusive_add(&mem[0], 3, size);
        printf("ll/sc %d   tries=%d mem=%016llx\n", size, tries, (unsigned long long)mem[0]);
    }

    /* An exclusive store without a matching load fails (the monitor is clear after a store). */
    uint32_t status = 5;
    asm volatile("clrex\nstxr %w0, %1, [%2]" : "=&r"(status) : "r"(1ull), "r"(&mem[2]) : "memory");
    printf("lone stxr status=%u mem=%llu\n", status, (unsigned long long)mem[2]);

    /* LDXP/STXP of a 16-byte pair */
    uint64_t lo, hi;
    mem[0] = 10; mem[1] = 20;
    asm volatile("1: ldaxp %0, %1, [%3]\nadd %0, %0, #1\nadd %1, %1, #2\nstlxp %w2, %0, %1, [%3]\ncbnz %w2, 1b"
                 : "=&r"(lo), "=&r"(hi), "=&r"(status) : "r"(&mem[0]) : "memory");
    printf("ldxp/stxp mem=%llu,%llu\n", (unsigned long long)mem[0], (unsigned long long)mem[1]);

    /* load-acquire / store-release of every size */
    uint64_t v;
    asm volatile("stlrb %w1, [%2]\nldarb %w0, [%2]" : "=&r"(v) : "r"(0x1ffull), "r"(&mem[3]) : "memory");
    printf("stlrb/ldarb %llx mem=%016llx\n", (unsigned long long)v, (unsigned long long)mem[3]);
    asm volatile("stlr %1, [%2]\nldar %0, [%2]" : "=&r"(v) : "r"(0x0102030405060708ull), "r"(&mem[3]) : "memory");
    printf("stlr/ldar %llx\n", (unsigned long long)v);
    asm volatile(".arch_extension rcpc\nldapr %w0, [%1]" : "=&r"(v) : "r"(&mem[3]) : "memory");
    printf("ldapr w %llx\n", (unsigned long long)v);
    return 0;
}
