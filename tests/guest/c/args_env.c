/*
 * The initial process state: argv, envp, the auxiliary vector.
 * The harness runs it as:   args_env one "two words" three
 * with MIMIC_TEST_VAR=hello in the environment.
 * Checks argv/envp layout (envp right after argv's NULL, auxv right after
 * envp's NULL), AT_PAGESZ, AT_RANDOM (16 readable bytes), AT_PHDR/AT_PHENT/
 * AT_PHNUM against the ELF header in memory, AT_ENTRY == _start, AT_UID etc.
 * against the syscalls, and prints AT_HWCAP, AT_PLATFORM and basename(AT_EXECFN).
 * Exits 0 when all checks pass.
 */
#define _GNU_SOURCE
#include <elf.h>
#include <link.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

extern char _start[];
extern char **environ;

static int failures;

static void rel(const char *what, int holds)
{
    printf("%-52s %s\n", what, holds ? "yes" : "NO");
    if (!holds) failures++;
}

static const char *base(const char *p)
{
    const char *s = strrchr(p, '/');
    return s ? s + 1 : p;
}

int main(int argc, char **argv, char **envp)
{
    static const char *const want_args[] = { "one", "two words", "three" };

    /* ---- argv ---------------------------------------------------------- */
    printf("argc=%d\n", argc);
    printf("argv[0] basename=%s\n", base(argv[0]));
    for (int i = 1; i < argc; i++) printf("argv[%d]=\"%s\" (len %zu)\n", i, argv[i], strlen(argv[i]));
    int args_ok = argc == 4;
    for (int i = 1; i < argc && i < 4; i++) args_ok &= strcmp(argv[i], want_args[i - 1]) == 0;
    rel("arguments are: one, \"two words\", three", args_ok);
    rel("argv[argc] == NULL", argv[argc] == NULL);

    /* ---- environment --------------------------------------------------- */
    const char *v = getenv("MIMIC_TEST_VAR");
    printf("MIMIC_TEST_VAR=%s\n", v ? v : "(unset)");
    rel("MIMIC_TEST_VAR is hello", v && strcmp(v, "hello") == 0);
    rel("getenv of an unset variable is NULL", getenv("MIMIC_SURELY_UNSET_VARIABLE_42") == NULL);
    rel("envp == environ", envp == environ);
    rel("envp starts right after argv's NULL", envp == argv + argc + 1);
    int found = 0;
    char **e = envp;
    for (; *e; e++) {
        if (!strchr(*e, '=')) found = -1000;
        if (strcmp(*e, "MIMIC_TEST_VAR=hello") == 0) found++;
    }
    rel("envp holds MIMIC_TEST_VAR=hello once, all have '='", found == 1);
    rel("setenv/getenv round trip", setenv("MIMIC_NEW", "x y", 1) == 0 && strcmp(getenv("MIMIC_NEW"), "x y") == 0);
    rel("unsetenv", unsetenv("MIMIC_NEW") == 0 && getenv("MIMIC_NEW") == NULL);

    /* ---- auxv, walked by hand and through getauxval ------------------- */
    Elf64_auxv_t *auxv = (Elf64_auxv_t *)(e + 1);
    int n_aux = 0, walk_ok = 1;
    for (Elf64_auxv_t *a = auxv; a->a_type != AT_NULL; a++, n_aux++) {
        if (n_aux > 100) { walk_ok = 0; break; }
        if (a->a_type == AT_PAGESZ || a->a_type == AT_ENTRY || a->a_type == AT_PHNUM || a->a_type == AT_UID)
            walk_ok &= a->a_un.a_val == getauxval(a->a_type);
    }
    rel("auxv follows envp's NULL and matches getauxval", walk_ok && n_aux >= 10);

    unsigned long pagesz = getauxval(AT_PAGESZ);
    printf("AT_PAGESZ=%lu\n", pagesz);
    rel("AT_PAGESZ == sysconf(_SC_PAGESIZE)", pagesz == (unsigned long)sysconf(_SC_PAGESIZE));
    rel("AT_PAGESZ == getpagesize()", pagesz == (unsigned long)getpagesize());

    const unsigned char *rnd = (const unsigned char *)getauxval(AT_RANDOM);
    unsigned sum = 0, nonzero = 0;
    if (rnd)
        for (int i = 0; i < 16; i++) { sum += rnd[i]; nonzero += rnd[i] != 0; }
    rel("AT_RANDOM points to 16 readable bytes", rnd != NULL && sum <= 16 * 255);
    rel("AT_RANDOM bytes not all zero", nonzero > 0);

    const Elf64_Phdr *ph = (const Elf64_Phdr *)getauxval(AT_PHDR);
    unsigned long phnum = getauxval(AT_PHNUM), phent = getauxval(AT_PHENT);
    printf("AT_PHNUM=%lu AT_PHENT=%lu\n", phnum, phent);
    rel("AT_PHENT == sizeof(Elf64_Phdr)", phent == sizeof(Elf64_Phdr));
    int loads = 0, phdr_in_load = 0, exec_load = 0, tls = 0, interp = 0;
    const Elf64_Ehdr *eh = NULL;
    /* A position-independent executable runs at a load bias: AT_PHDR minus PT_PHDR's address. */
    uintptr_t bias = 0;
    for (unsigned long i = 0; ph && i < phnum; i++) {
        if (ph[i].p_type == PT_PHDR) bias = (uintptr_t)ph - ph[i].p_vaddr;
        if (ph[i].p_type == PT_INTERP) interp = 1;
    }
    for (unsigned long i = 0; ph && i < phnum; i++) {
        if (ph[i].p_type == PT_TLS) tls++;
        if (ph[i].p_type != PT_LOAD) continue;
        loads++;
        uintptr_t lo = bias + ph[i].p_vaddr, hi = bias + ph[i].p_vaddr + ph[i].p_memsz;
        if ((uintptr_t)ph >= lo && (uintptr_t)(ph + phnum) <= hi) phdr_in_load = 1;
        if ((ph[i].p_flags & PF_X) && (uintptr_t)_start >= lo && (uintptr_t)_start < hi) exec_load = 1;
        if (ph[i].p_offset == 0) eh = (const Elf64_Ehdr *)lo;
    }
    printf("PT_LOAD segments=%d PT_TLS=%d PT_INTERP=%d\n", loads, tls, interp);
    rel("at least one PT_LOAD", loads >= 1);
    rel("program headers lie inside a PT_LOAD", phdr_in_load);
    rel("_start lies in an executable PT_LOAD", exec_load);
    rel("ELF header mapped at the offset-0 PT_LOAD", eh && memcmp(eh->e_ident, ELFMAG, SELFMAG) == 0);
    rel("e_phoff/e_phnum agree with AT_PHDR/AT_PHNUM",
        eh && (const char *)eh + eh->e_phoff == (const char *)ph && eh->e_phnum == phnum);
    rel("AT_ENTRY == _start", getauxval(AT_ENTRY) == (unsigned long)_start);
    rel("AT_ENTRY == e_entry + load bias", eh && bias + eh->e_entry == getauxval(AT_ENTRY));
    printf("e_machine=%u\n", eh ? eh->e_machine : 0);

    rel("getuid() == AT_UID", getuid() == getauxval(AT_UID));
    rel("geteuid() == AT_EUID", geteuid() == getauxval(AT_EUID));
    rel("getgid() == AT_GID", getgid() == getauxval(AT_GID));
    rel("getegid() == AT_EGID", getegid() == getauxval(AT_EGID));
    rel("AT_SECURE == 0", getauxval(AT_SECURE) == 0);
    rel("AT_CLKTCK == 100", getauxval(AT_CLKTCK) == 100);
    if (!interp) {
        rel("AT_BASE == 0 (static, no interpreter)", getauxval(AT_BASE) == 0);
    } else {
        /* Dynamically linked: AT_BASE is where the interpreter's ELF header was loaded. */
        const Elf64_Ehdr *ih = (const Elf64_Ehdr *)getauxval(AT_BASE);
        rel("AT_BASE holds the interpreter's ELF header",
            ih && memcmp(ih->e_ident, ELFMAG, SELFMAG) == 0 && ih->e_type == ET_DYN && eh && ih->e_machine == eh->e_machine);
    }

    printf("AT_HWCAP=0x%lx\n", getauxval(AT_HWCAP));
    const char *plat = (const char *)getauxval(AT_PLATFORM);
    printf("AT_PLATFORM=%s\n", plat ? plat : "(absent)");
    const char *execfn = (const char *)getauxval(AT_EXECFN);
    printf("AT_EXECFN basename=%s\n", execfn ? base(execfn) : "(absent)");
    rel("AT_EXECFN basename == argv[0] basename", execfn && strcmp(base(execfn), base(argv[0])) == 0);

    /* the stack is where the strings are, and is 16-byte aligned */
    int local;
    rel("argv strings lie above a local variable", (uintptr_t)argv[0] > (uintptr_t)&local);
    rel("stack pointer 16-byte aligned in main", ((uintptr_t)__builtin_frame_address(0) & 15) == 0);

    printf("args_env: %s\n", failures ? "FAIL" : "PASS");
    return failures ? 1 : 0;
}
