/*
 * The native binfmt_misc interpreter of Mimic (built by toolchains/build-binfmt-launcher into
 * linux-user/target/mimic-binfmt; registered by 'mimic --install-binfmt'). The kernel refuses a
 * script as the interpreter of an entry with the O flag, so this small ELF program takes its
 * place: it reads the binfmt_misc conventions from its own auxiliary vector, as qemu-user does,
 *   AT_FLAGS bit 0 (P flag): argv[2] is the program's original argv[0];
 *   AT_EXECFD (O flag): an fd open on the program, passed on as MIMIC_EXECFD,
 * and runs REPO/bin/mimic -0 ARGV0 -- FILENAME ARGS...
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

#ifndef AT_FLAGS_PRESERVE_ARGV0
#define AT_FLAGS_PRESERVE_ARGV0 1
#endif

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "mimic-binfmt: run by binfmt_misc, not by hand (use bin/mimic PROGRAM)\n");
        return 1;
    }
    unsigned long flags = getauxval(AT_FLAGS);
    errno = 0;
    unsigned long execfd = getauxval(AT_EXECFD);
    int have_execfd = errno == 0;

    /* This file is REPO/linux-user/target/mimic-binfmt; the launcher is REPO/bin/mimic. */
    char self[PATH_MAX], launcher[PATH_MAX + 32];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n <= 0) {
        perror("mimic-binfmt: /proc/self/exe");
        return 127;
    }
    self[n] = 0;
    for (int up = 0; up < 3; up++) {
        char *slash = strrchr(self, '/');
        if (!slash) break;
        *slash = 0;
    }
    snprintf(launcher, sizeof launcher, "%s/bin/mimic", self);

    const char *file = argv[1];
    int rest = 2;
    const char *argv0 = file;
    if ((flags & AT_FLAGS_PRESERVE_ARGV0) && argc >= 3) {
        argv0 = argv[2];
        rest = 3;
    }
    if (have_execfd) {
        char fd[32];
        snprintf(fd, sizeof fd, "%lu", execfd);
        setenv("MIMIC_EXECFD", fd, 1);
    }
    char **args = calloc(argc + 6, sizeof *args);
    if (!args) return 127;
    int k = 0;
    args[k++] = launcher;
    args[k++] = "-0";
    args[k++] = (char *)argv0;
    args[k++] = "--";
    args[k++] = (char *)file;
    for (int i = rest; i < argc; i++) args[k++] = argv[i];
    args[k] = NULL;
    execv(launcher, args);
    fprintf(stderr, "mimic-binfmt: cannot run %s: %s\n", launcher, strerror(errno));
    return 127;
}
