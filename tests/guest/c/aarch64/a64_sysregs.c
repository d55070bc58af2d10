/* System registers user space reads and writes, and what they must agree with: TPIDR_EL0 is
 * the thread pointer; FPCR/FPSR keep exactly their defined bits; the counter runs forward at
 * CNTFRQ; CTR_EL0 and DCZID_EL0 describe the caches and DC ZVA zeroes exactly one block; the
 * ID registers (through Linux's MRS emulation) agree with AT_HWCAP. Values that depend on the
 * emulated CPU are only checked for consistency, not printed. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <time.h>

#define MRS(r) ({ uint64_t v_; asm volatile("mrs %0, " #r : "=r"(v_)); v_; })
#define MSR(r, v) asm volatile("msr " #r ", %0" : : "r"((uint64_t)(v)))

static int failures;

static void check(int ok, const char *what) {
    printf("%-60s %s\n", what, ok ? "ok" : "FAIL");
    if (!ok) failures++;
}

static unsigned char block[4096] __attribute__((aligned(4096)));

int main(void) {
    uint64_t tp = MRS(tpidr_el0);
    check(tp == (uint64_t)__builtin_thread_pointer(), "tpidr_el0 is the thread pointer");
    /* nothing may use TLS (errno, stdio locks) while TPIDR_EL0 holds something else */
    MSR(tpidr_el0, 0x123456789abcdef0ull);
    uint64_t back = MRS(tpidr_el0);
    MSR(tpidr_el0, tp);
    check(back == 0x123456789abcdef0ull, "tpidr_el0 round trip");

    MSR(fpcr, 0xffffffffull);
    printf("fpcr after writing all ones: %08llx\n", (unsigned long long)MRS(fpcr) & 0x07c00000ull);
    MSR(fpcr, 0);
    check(MRS(fpcr) == 0, "fpcr cleared");
    MSR(fpsr, 0x0800009full);
    printf("fpsr: %08llx\n", (unsigned long long)MRS(fpsr));
    MSR(fpsr, 0);
    check(MRS(fpsr) == 0, "fpsr cleared");

    uint64_t frq = MRS(cntfrq_el0);
    printf("cntfrq_el0: %llu\n", (unsigned long long)frq);
    struct timespec t0, t1;
    uint64_t c0 = MRS(cntvct_el0);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    do clock_gettime(CLOCK_MONOTONIC, &t1);
    while ((t1.tv_sec - t0.tv_sec) * 1000000000L + (t1.tv_nsec - t0.tv_nsec) < 20000000L);
    uint64_t c1 = MRS(cntvct_el0);
    double secs = (c1 - c0) / (double)frq;
    check(c1 > c0, "cntvct_el0 advances");
    check(secs > 0.015 && secs < 2.0, "cntvct_el0 runs at cntfrq_el0 (20 ms within bounds)");

    uint64_t ctr = MRS(ctr_el0), dczid = MRS(dczid_el0);
    printf("ctr_el0: %08llx dczid_el0: %llx\n", (unsigned long long)ctr, (unsigned long long)dczid);
    unsigned zva = 4u << (dczid & 15);
    check((dczid & 16) == 0, "DC ZVA permitted");
    memset(block, 0xaa, sizeof block);
    asm volatile("dc zva, %0" : : "r"(block + zva + 3) : "memory");
    int zeroed = 1, kept = 1;
    for (unsigned i = 0; i < sizeof block; i++) {
        if (i >= zva && i < 2 * zva) zeroed &= block[i] == 0;
        else kept &= block[i] == 0xaa;
    }
    check(zeroed && kept, "dc zva zeroes exactly the aligned block");

    unsigned long hwcap = getauxval(AT_HWCAP);
    check((hwcap & HWCAP_CPUID) != 0, "HWCAP_CPUID");
    uint64_t isar0 = MRS(id_aa64isar0_el1), pfr0 = MRS(id_aa64pfr0_el1);
    check(((isar0 >> 16 & 15) != 0) == ((hwcap & HWCAP_CRC32) != 0), "ID_AA64ISAR0.CRC32 agrees with HWCAP_CRC32");
    check(((isar0 >> 20 & 15) >= 2) == ((hwcap & HWCAP_ATOMICS) != 0), "ID_AA64ISAR0.Atomic agrees with HWCAP_ATOMICS");
    check(((isar0 >> 4 & 15) != 0) == ((hwcap & HWCAP_AES) != 0), "ID_AA64ISAR0.AES agrees with HWCAP_AES");
    check(((pfr0 >> 16 & 15) != 15) == ((hwcap & HWCAP_FP) != 0), "ID_AA64PFR0.FP agrees with HWCAP_FP");
    check(((pfr0 >> 32 & 15) != 0) == ((hwcap & HWCAP_SVE) != 0), "ID_AA64PFR0.SVE agrees with HWCAP_SVE");
    check((MRS(midr_el1) >> 16 & 15) == 15, "MIDR_EL1 architecture field");
    if (getauxval(AT_HWCAP2) & HWCAP2_RNG) {
        uint64_t r1, r2, f1, f2;
        asm volatile(".arch_extension rng\nmsr nzcv, %2\nmrs %0, rndr\nmrs %1, nzcv" : "=&r"(r1), "=&r"(f1) : "r"(0xf0000000ull) : "cc");
        asm volatile(".arch_extension rng\nmsr nzcv, %2\nmrs %0, rndrrs\nmrs %1, nzcv" : "=&r"(r2), "=&r"(f2) : "r"(0xf0000000ull) : "cc");
        check(f1 == 0 && f2 == 0 && r1 != r2, "RNDR/RNDRRS succeed (NZCV = 0000) with fresh values");
    } else {
        check(((MRS(id_aa64isar0_el1) >> 60) & 15) == 0, "ID_AA64ISAR0.RNDR agrees with HWCAP2_RNG");
    }
    printf("%d failure(s)\n", failures);
    return failures != 0;
}
