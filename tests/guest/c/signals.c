/*
 * Guest signal handlers, compared with qemu-user: siginfo contents, the ucontext a handler can
 * edit (the pc, to skip a faulting instruction), SIGSEGV fixed by mprotect, an overflow caught
 * on the alternate stack, masks, pending order, SA_RESETHAND / SA_NODEFER / sa_mask, real-time
 * signals queued with values, sigsuspend, sigtimedwait and siglongjmp out of a handler.
 * Every line is deterministic (no addresses, no pids).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

static volatile sig_atomic_t hits;
static volatile int last_code, last_signo;
static volatile int order[8], norder;
static sigjmp_buf jump;

static void install(int sig, void (*fn)(int, siginfo_t *, void *), int flags, const sigset_t *mask)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = fn;
    sa.sa_flags = SA_SIGINFO | flags;
    if (mask) sa.sa_mask = *mask; else sigemptyset(&sa.sa_mask);
    if (sigaction(sig, &sa, NULL) != 0) perror("sigaction");
}

static void record(int sig, siginfo_t *si, void *uc)
{
    (void) uc;
    hits++;
    last_signo = si->si_signo;
    last_code = si->si_code;
}

static void test_info(void)
{
    install(SIGUSR1, record, 0, NULL);
    hits = 0;
    raise(SIGUSR1);
    printf("raise: hits=%d signo=%d code=%d (SI_TKILL=%d)\n", hits, last_signo, last_code, SI_TKILL);
    kill(getpid(), SIGUSR1);
    printf("kill: hits=%d signo=%d code=%d (SI_USER=%d)\n", hits, last_signo, last_code, SI_USER);
}

/* SIGSEGV reading a PROT_NONE page: the handler makes it accessible and returns; the load is retried. */
static char *ro_page;
static volatile int segv_code;
static volatile int segv_addr_ok;

static void fix_segv(int sig, siginfo_t *si, void *uc)
{
    (void) sig; (void) uc;
    segv_code = si->si_code;
    segv_addr_ok = (char *) si->si_addr == ro_page + 16;
    mprotect(ro_page, 4096, PROT_READ | PROT_WRITE);
}

static void jump_out(int sig, siginfo_t *si, void *uc)
{
    (void) uc;
    last_signo = sig;
    last_code = si->si_code;
    siglongjmp(jump, 1);
}

static void test_segv(void)
{
    ro_page = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    install(SIGSEGV, fix_segv, 0, NULL);
    int v = *(volatile char *) (ro_page + 16);
    ro_page[16] = 42;
    printf("segv fixed: code=%d (SEGV_ACCERR=%d) addr_ok=%d value=%d then %d\n", segv_code, SEGV_ACCERR, segv_addr_ok,
           v, ro_page[16]);
    install(SIGSEGV, jump_out, 0, NULL);
    char *gone = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(gone, 4096);
    if (sigsetjmp(jump, 1) == 0) {
        *(volatile char *) gone = 1;
        printf("segv unmapped: not caught\n");
    } else {
        printf("segv unmapped: code=%d (SEGV_MAPERR=%d)\n", last_code, SEGV_MAPERR);
    }
    signal(SIGSEGV, SIG_DFL);
}

#if defined(__riscv)
/* An illegal instruction at a known address; the handler moves the saved pc past it. */
extern char bad_insn[];
static volatile int ill_addr_ok;

static void skip_insn(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;
    last_signo = sig;
    last_code = si->si_code;
    ill_addr_ok = si->si_addr == (void *) bad_insn && uc->uc_mcontext.__gregs[REG_PC] == (unsigned long) bad_insn;
    uc->uc_mcontext.__gregs[REG_PC] += 4;
    uc->uc_mcontext.__gregs[10] = 1234; /* a0: the value the code after the instruction sees */
}

static void test_ill(void)
{
    install(SIGILL, skip_insn, 0, NULL);
    long a0;
    __asm__ volatile("li a0, 7\n"
                     ".globl bad_insn\n"
                     "bad_insn: .4byte 0x0000000b\n"
                     "mv %0, a0\n" : "=r"(a0) : : "a0", "memory");
    printf("sigill: signo=%d code=%d (ILL_ILLOPC=%d) addr_ok=%d a0 after=%ld\n", last_signo, last_code, ILL_ILLOPC,
           ill_addr_ok, a0);
    install(SIGTRAP, skip_insn, 0, NULL);
    __asm__ volatile(".globl bad_insn2\nbad_insn2: .4byte 0x00100073\n" ::: "memory");
    printf("sigtrap: signo=%d code=%d (TRAP_BRKPT=%d)\n", last_signo, last_code, TRAP_BRKPT);
}

/* A misaligned atomic: RISC-V traps it (plain loads and stores are emulated), SIGBUS BUS_ADRALN. */
static char words[16] __attribute__((aligned(16)));
static volatile int bus_addr_ok;

static void bus_out(int sig, siginfo_t *si, void *uc)
{
    (void) uc;
    last_signo = sig;
    last_code = si->si_code;
    bus_addr_ok = si->si_addr == (void *) (words + 2);
    siglongjmp(jump, 1);
}

static void test_bus(void)
{
    install(SIGBUS, bus_out, 0, NULL);
    if (sigsetjmp(jump, 1) == 0) {
        __asm__ volatile("amoadd.w zero, %1, (%0)" : : "r"(words + 2), "r"(1) : "memory");
        printf("misaligned amoadd: no fault\n");
    } else {
        printf("misaligned amoadd: signo=%d code=%d (BUS_ADRALN=%d) addr_ok=%d\n", last_signo, last_code, BUS_ADRALN,
               bus_addr_ok);
    }
    signal(SIGBUS, SIG_DFL);
}
#endif

/* Stack overflow caught on the alternate stack. */
static char altstack[64 * 1024];
static volatile int on_alt;

static void overflow_handler(int sig, siginfo_t *si, void *uc)
{
    (void) si; (void) uc;
    char here;
    on_alt = &here >= altstack && &here < altstack + sizeof altstack;
    last_signo = sig;
    siglongjmp(jump, 1);
}

#pragma GCC diagnostic ignored "-Winfinite-recursion"
static int recurse(volatile char *prev, int depth)
{
    volatile char big[4096];
    big[0] = (char) depth;
    big[4095] = prev ? prev[0] : 0;
    return recurse(big, depth + 1) + big[100];
}

static void test_altstack(void)
{
    stack_t ss = { .ss_sp = altstack, .ss_size = sizeof altstack, .ss_flags = 0 };
    if (sigaltstack(&ss, NULL) != 0) perror("sigaltstack");
    install(SIGSEGV, overflow_handler, SA_ONSTACK, NULL);
    if (sigsetjmp(jump, 1) == 0) {
        recurse(NULL, 0);
        printf("overflow: not caught\n");
    } else {
        printf("overflow: caught signo=%d on_altstack=%d\n", last_signo, on_alt);
    }
    stack_t cur;
    sigaltstack(NULL, &cur);
    printf("altstack after: flags=%d size_ok=%d\n", cur.ss_flags, cur.ss_size == sizeof altstack);
    signal(SIGSEGV, SIG_DFL);
}

static void note(int sig, siginfo_t *si, void *uc)
{
    (void) si; (void) uc;
    if (norder < 8) order[norder++] = sig;
}

static void test_masks_and_order(void)
{
    sigset_t set, old, pend;
    install(SIGUSR1, note, 0, NULL);
    install(SIGUSR2, note, 0, NULL);
    install(SIGRTMIN, note, 0, NULL);
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigaddset(&set, SIGUSR2);
    sigaddset(&set, SIGRTMIN);
    sigprocmask(SIG_BLOCK, &set, &old);
    norder = 0;
    raise(SIGRTMIN);
    raise(SIGUSR2);
    raise(SIGUSR1);
    raise(SIGUSR1); /* a standard signal is pending once */
    sigpending(&pend);
    printf("pending: usr1=%d usr2=%d rtmin=%d term=%d delivered=%d\n", sigismember(&pend, SIGUSR1),
           sigismember(&pend, SIGUSR2), sigismember(&pend, SIGRTMIN), sigismember(&pend, SIGTERM), norder);
    sigprocmask(SIG_SETMASK, &old, NULL);
    printf("order after unblock:");
    for (int i = 0; i < norder; i++) printf(" %s", order[i] == SIGUSR1 ? "USR1" : order[i] == SIGUSR2 ? "USR2" : "RTMIN");
    printf("\n");
}

static volatile int blocked_in_handler[3];

static void check_mask(int sig, siginfo_t *si, void *uc)
{
    (void) si; (void) uc;
    sigset_t cur;
    sigprocmask(SIG_BLOCK, NULL, &cur);
    blocked_in_handler[0] = sigismember(&cur, sig);
    blocked_in_handler[1] = sigismember(&cur, SIGUSR2);
    blocked_in_handler[2] = sigismember(&((ucontext_t *) uc)->uc_sigmask, sig);
    hits++;
}

static void test_flags(void)
{
    struct sigaction cur;
    sigset_t mask;
    sigemptyset(&mask);
    sigaddset(&mask, SIGUSR2);
    install(SIGUSR1, check_mask, 0, &mask);
    raise(SIGUSR1);
    /* (sa_mask's own effect is not printed: qemu 7.2 does not add it to the handler's mask) */
    printf("plain: self blocked=%d saved mask has it=%d\n", blocked_in_handler[0], blocked_in_handler[2]);
    install(SIGUSR1, check_mask, SA_NODEFER, NULL);
    raise(SIGUSR1);
    printf("SA_NODEFER: self blocked=%d\n", blocked_in_handler[0]);
    hits = 0;
    install(SIGUSR1, check_mask, SA_RESETHAND, NULL);
    raise(SIGUSR1);
    sigaction(SIGUSR1, NULL, &cur);
    printf("SA_RESETHAND: hits=%d now default=%d\n", hits, cur.sa_handler == SIG_DFL);
    signal(SIGUSR1, SIG_IGN);
    raise(SIGUSR1);
    printf("SIG_IGN: survived\n");
    sigset_t all;
    sigprocmask(SIG_BLOCK, NULL, &all);
    printf("mask after handlers: usr1=%d usr2=%d\n", sigismember(&all, SIGUSR1), sigismember(&all, SIGUSR2));
}

static int values[8], nvalues;

static void take_value(int sig, siginfo_t *si, void *uc)
{
    (void) sig; (void) uc;
    if (nvalues < 8) values[nvalues++] = si->si_value.sival_int * 10 + (si->si_code == SI_QUEUE);
}

static void test_queue(void)
{
    sigset_t set;
    int sig = SIGRTMIN + 1;
    install(sig, take_value, 0, NULL);
    sigemptyset(&set);
    sigaddset(&set, sig);
    sigprocmask(SIG_BLOCK, &set, NULL);
    for (int i = 1; i <= 3; i++) sigqueue(getpid(), sig, (union sigval) { .sival_int = i });
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    printf("queued rt values (value*10 + is SI_QUEUE):");
    for (int i = 0; i < nvalues; i++) printf(" %d", values[i]);
    printf("\n");
}

static void test_suspend_and_wait(void)
{
    sigset_t set, empty;
    install(SIGUSR1, record, 0, NULL);
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigprocmask(SIG_BLOCK, &set, NULL);
    hits = 0;
    raise(SIGUSR1);
    sigemptyset(&empty);
    int r = sigsuspend(&empty);
    sigset_t now;
    sigprocmask(SIG_BLOCK, NULL, &now);
    printf("sigsuspend: r=%d errno=EINTR:%d hits=%d mask restored=%d\n", r, errno == EINTR, hits,
           sigismember(&now, SIGUSR1));

    sigaddset(&set, SIGUSR2);
    sigprocmask(SIG_BLOCK, &set, NULL);
    raise(SIGUSR2);
    siginfo_t si;
    struct timespec zero = {0, 0};
    int got = sigtimedwait(&set, &si, &zero);
    printf("sigtimedwait: got=%s code=%d\n", got == SIGUSR2 ? "USR2" : "other", si.si_code);
    errno = 0;
    got = sigtimedwait(&set, &si, &zero);
    printf("sigtimedwait empty: r=%d EAGAIN=%d\n", got, errno == EAGAIN);
    struct timespec shortwait = {0, 20 * 1000 * 1000};
    got = sigtimedwait(&set, &si, &shortwait);
    printf("sigtimedwait 20ms: r=%d EAGAIN=%d\n", got, errno == EAGAIN);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
}

static void test_longjmp_mask(void)
{
    install(SIGUSR1, jump_out, 0, NULL);
    if (sigsetjmp(jump, 1) == 0) {
        raise(SIGUSR1);
        printf("longjmp: not taken\n");
    } else {
        sigset_t now;
        sigprocmask(SIG_BLOCK, NULL, &now);
        printf("siglongjmp out of handler: signo=%d usr1 blocked after=%d\n", last_signo, sigismember(&now, SIGUSR1));
    }
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    test_info();
    test_segv();
#if defined(__riscv)
    test_ill();
    test_bus();
#endif
    test_altstack();
    test_masks_and_order();
    test_flags();
    test_queue();
    test_suspend_and_wait();
    test_longjmp_mask();
    printf("done\n");
    return 0;
}
