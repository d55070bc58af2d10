/*
 * File system calls in a fresh directory under /tmp (mkdtemp): open/creat,
 * read/write/lseek/pread/pwrite/readv/writev, ftruncate, fstat/stat/lstat,
 * rename/unlink/link, mkdir/rmdir, opendir/readdir (names sorted), access,
 * dup/dup2/fcntl, symlink/readlink, chmod, chdir/getcwd, pipes, stdio, and the
 * usual error cases with errno names. Prints sizes and modes (mode & 0777),
 * never times, inode numbers or the random directory name. Removes everything
 * it made. Exits 0 when every check passes.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

static int failures, checks;

static const char *errname(int e)
{
    switch (e) {
    case 0: return "0";
    case ENOENT: return "ENOENT";
    case EEXIST: return "EEXIST";
    case EBADF: return "EBADF";
    case ENOTDIR: return "ENOTDIR";
    case EISDIR: return "EISDIR";
    case ENOTEMPTY: return "ENOTEMPTY";
    case EACCES: return "EACCES";
    case EINVAL: return "EINVAL";
    case ESPIPE: return "ESPIPE";
    case ELOOP: return "ELOOP";
    case EPERM: return "EPERM";
    default: return "E?";
    }
}

static void ok_if(const char *what, int ok, const char *detail)
{
    checks++;
    if (!ok) failures++;
    printf("%-40s %s%s%s\n", what, detail ? detail : "", detail ? " " : "", ok ? "ok" : "FAIL");
}

static void expect_long(const char *what, long got, long want)
{
    char buf[64];
    snprintf(buf, sizeof buf, "%ld", got);
    ok_if(what, got == want, buf);
    if (got != want) printf("    want %ld (errno %s)\n", want, errname(errno));
}

/* a call that must fail with -1 and errno == want */
static void expect_err(const char *what, long rc, int want)
{
    int e = errno;
    char buf[128];
    snprintf(buf, sizeof buf, "%ld %s (%s)", rc, rc == -1 ? errname(e) : "-", rc == -1 ? strerror(e) : "no error");
    ok_if(what, rc == -1 && e == want, buf);
}

static void expect_mode(const char *what, const char *path, int follow, unsigned want_type, unsigned want_perm)
{
    struct stat st;
    int rc = follow ? stat(path, &st) : lstat(path, &st);
    char buf[64];
    snprintf(buf, sizeof buf, "type=%s mode=%03o",
             rc ? "?" : S_ISREG(st.st_mode) ? "reg" : S_ISDIR(st.st_mode) ? "dir" : S_ISLNK(st.st_mode) ? "lnk" : "other",
             rc ? 0 : (unsigned)(st.st_mode & 0777));
    ok_if(what, rc == 0 && (st.st_mode & S_IFMT) == want_type && (st.st_mode & 0777) == want_perm, buf);
}

static int cmp_names(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void list_dir(const char *path)
{
    DIR *d = opendir(path);
    if (!d) { ok_if("opendir", 0, strerror(errno)); return; }
    char *names[64];
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL && n < 64) names[n++] = strdup(e->d_name);
    closedir(d);
    qsort(names, (size_t)n, sizeof names[0], cmp_names);
    printf("readdir %s: %d entries:", path, n);
    for (int i = 0; i < n; i++) {
        struct stat st;
        char full[512];
        snprintf(full, sizeof full, "%s/%s", path, names[i]);
        const char *t = lstat(full, &st) ? "?" : S_ISDIR(st.st_mode) ? "/" : S_ISLNK(st.st_mode) ? "@" : "";
        printf(" %s%s", names[i], t);
        free(names[i]);
    }
    printf("\n");
}

int main(void)
{
    char tmpl[] = "/tmp/mimic-file-io-XXXXXX";
    char *dir = mkdtemp(tmpl);
    if (!dir) { perror("mkdtemp"); return 2; }
    if (chdir(dir) != 0) { perror("chdir"); return 2; }
    umask(022);
    char cwd[4096];
    ok_if("getcwd equals the mkdtemp dir", getcwd(cwd, sizeof cwd) && strcmp(cwd, dir) == 0, NULL);
    expect_mode("mkdtemp dir mode", dir, 1, S_IFDIR, 0700);

    /* ---- create, write, read, seek ---------------------------------- */
    char data[1000];
    for (int i = 0; i < 1000; i++) data[i] = (char)('A' + i % 26);
    int fd = open("file.txt", O_CREAT | O_EXCL | O_RDWR, 0666);
    expect_long("open O_CREAT|O_EXCL fd >= 3", fd >= 3, 1);
    expect_mode("created mode (0666 & ~022)", "file.txt", 1, S_IFREG, 0644);
    expect_long("write 1000", write(fd, data, 1000), 1000);
    expect_long("lseek SEEK_CUR 0", lseek(fd, 0, SEEK_CUR), 1000);
    expect_long("lseek SEEK_SET 10", lseek(fd, 10, SEEK_SET), 10);
    char buf[2048];
    expect_long("read 5", read(fd, buf, 5), 5);
    ok_if("read content", memcmp(buf, "KLMNO", 5) == 0, NULL);
    expect_long("lseek SEEK_CUR -3", lseek(fd, -3, SEEK_CUR), 12);
    expect_long("lseek SEEK_END -1", lseek(fd, -1, SEEK_END), 999);
    expect_long("read at end-1", read(fd, buf, 100), 1);
    expect_long("read at EOF", read(fd, buf, 100), 0);
    expect_err("lseek to negative", lseek(fd, -2000, SEEK_END), EINVAL);

    /* pread/pwrite do not move the offset */
    expect_long("lseek SEEK_SET 100", lseek(fd, 100, SEEK_SET), 100);
    expect_long("pwrite 4 at 500", pwrite(fd, "WXYZ", 4, 500), 4);
    expect_long("pread 6 at 498", pread(fd, buf, 6, 498), 6);
    buf[6] = 0;
    ok_if("pread content", strcmp(buf, "EFWXYZ") == 0, buf);
    expect_long("offset unchanged", lseek(fd, 0, SEEK_CUR), 100);
    expect_long("pread past EOF", pread(fd, buf, 10, 5000), 0);

    /* writev / readv */
    struct iovec iov[3] = { { "one-", 4 }, { "two-", 4 }, { "three", 5 } };
    expect_long("writev 13 at 0", (lseek(fd, 0, SEEK_SET), writev(fd, iov, 3)), 13);
    char r1[5] = { 0 }, r2[9] = { 0 };
    struct iovec riov[2] = { { r1, 4 }, { r2, 9 } };
    expect_long("readv 13 at 0", (lseek(fd, 0, SEEK_SET), readv(fd, riov, 2)), 13);
    ok_if("readv content", strcmp(r1, "one-") == 0 && strcmp(r2, "two-three") == 0, r2);

    /* holes and ftruncate */
    struct stat st;
    expect_long("pwrite past end (hole)", pwrite(fd, "!", 1, 1999), 1);
    fstat(fd, &st);
    expect_long("fstat size after hole", (long)st.st_size, 2000);
    expect_long("pread in hole", pread(fd, buf, 4, 1500), 4);
    ok_if("hole reads zeros", buf[0] == 0 && buf[1] == 0 && buf[2] == 0 && buf[3] == 0, NULL);
    expect_long("ftruncate 300", ftruncate(fd, 300), 0);
    fstat(fd, &st);
    expect_long("fstat size", (long)st.st_size, 300);
    expect_long("ftruncate 4096", ftruncate(fd, 4096), 0);
    expect_long("stat size", (stat("file.txt", &st), (long)st.st_size), 4096);
    expect_long("pread beyond old end", pread(fd, buf, 2, 300), 2);
    ok_if("grown part reads zeros", buf[0] == 0 && buf[1] == 0, NULL);
    expect_long("st_nlink", (long)st.st_nlink, 1);
    ok_if("S_ISREG", S_ISREG(st.st_mode), NULL);

    /* ---- dup, dup2, fcntl ------------------------------------------- */
    int d1 = dup(fd);
    expect_long("dup gives next free fd", d1, fd + 1);
    lseek(fd, 42, SEEK_SET);
    expect_long("dup shares the offset", lseek(d1, 0, SEEK_CUR), 42);
    expect_long("dup2 to 10", dup2(fd, 10), 10);
    expect_long("dup2 same fd", dup2(10, 10), 10);
    expect_long("F_GETFD initially", fcntl(10, F_GETFD), 0);
    expect_long("F_SETFD FD_CLOEXEC", fcntl(10, F_SETFD, FD_CLOEXEC), 0);
    expect_long("F_GETFD", fcntl(10, F_GETFD), FD_CLOEXEC);
    expect_long("dup2 clears cloexec", (dup2(fd, 10), fcntl(10, F_GETFD)), 0);
    expect_long("F_DUPFD min 20", fcntl(fd, F_DUPFD, 20), 20);
    expect_long("F_DUPFD min 20 again", fcntl(fd, F_DUPFD, 20), 21);
    expect_long("F_DUPFD_CLOEXEC min 30", fcntl(fd, F_DUPFD_CLOEXEC, 30), 30);
    expect_long("F_GETFD on 30", fcntl(30, F_GETFD), FD_CLOEXEC);
    expect_long("F_GETFL accmode", fcntl(fd, F_GETFL) & O_ACCMODE, O_RDWR);
    expect_long("F_SETFL O_APPEND", fcntl(fd, F_SETFL, O_APPEND), 0);
    expect_long("F_GETFL has O_APPEND", (fcntl(fd, F_GETFL) & O_APPEND) != 0, 1);
    lseek(fd, 0, SEEK_SET);
    expect_long("append write", write(fd, "END", 3), 3);
    expect_long("append went to the end", lseek(fd, 0, SEEK_CUR), 4099);
    close(10); close(20); close(21); close(30); close(d1);
    expect_err("close closed fd", close(d1), EBADF);
    expect_err("read bad fd", read(d1, buf, 1), EBADF);
    expect_err("write bad fd", write(-1, buf, 1), EBADF);
    expect_err("fstat bad fd", fstat(99, &st), EBADF);
    expect_err("dup2 from bad fd", dup2(99, 10), EBADF);
    expect_err("fcntl bad fd", fcntl(99, F_GETFD), EBADF);
    close(fd);

    /* O_RDONLY fd cannot be written */
    fd = open("file.txt", O_RDONLY);
    expect_err("write to O_RDONLY fd", write(fd, "x", 1), EBADF);
    close(fd);
    /* O_TRUNC */
    fd = open("file.txt", O_WRONLY | O_TRUNC);
    fstat(fd, &st);
    expect_long("O_TRUNC size", (long)st.st_size, 0);
    expect_long("write 26", write(fd, data, 26), 26);
    close(fd);

    /* ---- errors ---------------------------------------------------------- */
    expect_err("open missing", open("missing", O_RDONLY), ENOENT);
    expect_err("open O_EXCL existing", open("file.txt", O_CREAT | O_EXCL | O_WRONLY, 0644), EEXIST);
    expect_err("open file/x (ENOTDIR)", open("file.txt/x", O_RDONLY), ENOTDIR);
    expect_err("stat missing/x", stat("missing/x", &st), ENOENT);
    expect_err("unlink missing", unlink("missing"), ENOENT);

    /* ---- directories ------------------------------------------------- */
    expect_long("mkdir sub", mkdir("sub", 0755), 0);
    expect_mode("sub mode", "sub", 1, S_IFDIR, 0755);
    expect_err("mkdir existing", mkdir("sub", 0755), EEXIST);
    expect_err("mkdir over file", mkdir("file.txt", 0755), EEXIST);
    expect_err("open dir O_WRONLY", open("sub", O_WRONLY), EISDIR);
    fd = open("sub", O_RDONLY | O_DIRECTORY);
    expect_long("open dir O_DIRECTORY", fd >= 0, 1);
    expect_err("read a directory", read(fd, buf, 10), EISDIR);
    close(fd);
    expect_err("open file O_DIRECTORY", open("file.txt", O_RDONLY | O_DIRECTORY), ENOTDIR);
    expect_err("rmdir a file", rmdir("file.txt"), ENOTDIR);
    expect_err("unlink a directory", unlink("sub"), EISDIR);
    fd = open("sub/inner", O_CREAT | O_WRONLY, 0600);
    close(fd);
    expect_mode("inner mode", "sub/inner", 1, S_IFREG, 0600);
    expect_err("rmdir non-empty", rmdir("sub"), ENOTEMPTY);
    expect_long("mkdir sub/deeper", mkdir("sub/deeper", 0700), 0);

    /* ---- rename, link, chmod ---------------------------------------- */
    expect_long("rename file.txt -> renamed.txt", rename("file.txt", "renamed.txt"), 0);
    expect_err("stat old name", stat("file.txt", &st), ENOENT);
    expect_long("stat new name size", (stat("renamed.txt", &st), (long)st.st_size), 26);
    expect_long("rename into sub/", rename("renamed.txt", "sub/moved.txt"), 0);
    expect_long("rename back", rename("sub/moved.txt", "renamed.txt"), 0);
    expect_err("rename missing", rename("nope", "x"), ENOENT);
    expect_err("rename dir into its own subdir", rename("sub", "sub/deeper/x"), EINVAL);
    expect_err("rename file over dir", rename("renamed.txt", "sub"), EISDIR);
    expect_err("rename dir over file", rename("sub", "renamed.txt"), ENOTDIR);
    expect_long("mkdir empty", mkdir("empty", 0755), 0);
    expect_err("rename dir over non-empty dir", rename("empty", "sub"), ENOTEMPTY);
    expect_long("rmdir empty", rmdir("empty"), 0);
    expect_long("link", link("renamed.txt", "hardlink.txt"), 0);
    expect_long("st_nlink after link", (stat("renamed.txt", &st), (long)st.st_nlink), 2);
    expect_long("chmod 0751", chmod("renamed.txt", 0751), 0);
    expect_mode("mode via hard link", "hardlink.txt", 1, S_IFREG, 0751);
    fd = open("hardlink.txt", O_RDONLY);
    expect_long("fchmod 0640", fchmod(fd, 0640), 0);
    close(fd);
    expect_mode("mode after fchmod", "renamed.txt", 1, S_IFREG, 0640);
    expect_long("unlink hard link", unlink("hardlink.txt"), 0);
    expect_long("st_nlink after unlink", (stat("renamed.txt", &st), (long)st.st_nlink), 1);

    /* ---- access ------------------------------------------------------------ */
    expect_long("access F_OK", access("renamed.txt", F_OK), 0);
    expect_long("access R_OK|W_OK", access("renamed.txt", R_OK | W_OK), 0);
    expect_err("access X_OK on 0640 file", access("renamed.txt", X_OK), EACCES);
    expect_long("access X_OK on dir", access("sub", X_OK), 0);
    expect_err("access missing", access("missing", F_OK), ENOENT);

    /* ---- symlinks ------------------------------------------------------- */
    expect_long("symlink", symlink("renamed.txt", "link"), 0);
    expect_long("symlink dangling", symlink("does-not-exist", "dangling"), 0);
    expect_err("symlink existing", symlink("x", "link"), EEXIST);
    char lbuf[64];
    memset(lbuf, '#', sizeof lbuf);
    ssize_t ln = readlink("link", lbuf, sizeof lbuf);
    expect_long("readlink length", (long)ln, 11);
    ok_if("readlink content, not terminated", memcmp(lbuf, "renamed.txt#", 12) == 0, NULL);
    expect_long("readlink truncates", (long)readlink("link", lbuf, 4), 4);
    expect_err("readlink regular file", readlink("renamed.txt", lbuf, sizeof lbuf), EINVAL);
    expect_err("readlink missing", readlink("missing", lbuf, sizeof lbuf), ENOENT);
    expect_mode("lstat link", "link", 0, S_IFLNK, 0777);
    expect_mode("stat follows link", "link", 1, S_IFREG, 0640);
    expect_err("stat dangling", stat("dangling", &st), ENOENT);
    expect_long("lstat dangling size", (lstat("dangling", &st), (long)st.st_size), 14);
    expect_long("open through link + read", (fd = open("link", O_RDONLY), (long)read(fd, buf, 100)), 26);
    close(fd);
    expect_err("open O_NOFOLLOW on link", open("link", O_RDONLY | O_NOFOLLOW), ELOOP);
    struct stat st2;
    expect_long("fstatat AT_SYMLINK_NOFOLLOW", fstatat(AT_FDCWD, "link", &st2, AT_SYMLINK_NOFOLLOW), 0);
    ok_if("fstatat gives the link", S_ISLNK(st2.st_mode), NULL);

    /* ---- *at calls relative to a directory fd --------------------------- */
    int dfd = open("sub", O_RDONLY | O_DIRECTORY);
    fd = openat(dfd, "at-file", O_CREAT | O_WRONLY, 0644);
    expect_long("openat write", write(fd, "at", 2), 2);
    close(fd);
    expect_long("fstatat size", (fstatat(dfd, "at-file", &st, 0), (long)st.st_size), 2);
    expect_long("mkdirat", mkdirat(dfd, "at-dir", 0755), 0);
    expect_long("renameat", renameat(dfd, "at-file", AT_FDCWD, "moved-at"), 0);
    expect_long("unlinkat dir", unlinkat(dfd, "at-dir", AT_REMOVEDIR), 0);
    close(dfd);

    /* ---- readdir ---------------------------------------------------------- */
    fd = open("c-file", O_CREAT | O_WRONLY, 0644); close(fd);
    fd = open("a-file", O_CREAT | O_WRONLY, 0644); close(fd);
    list_dir(".");
    list_dir("sub");

    /* ---- pipes and stdio --------------------------------------------- */
    int p[2];
    expect_long("pipe2", pipe2(p, O_CLOEXEC), 0);
    expect_long("pipe write", write(p[1], "through a pipe", 14), 14);
    close(p[1]);
    expect_long("pipe read", read(p[0], buf, sizeof buf), 14);
    expect_long("pipe read after close = EOF", read(p[0], buf, sizeof buf), 0);
    expect_err("lseek on pipe", lseek(p[0], 0, SEEK_SET), ESPIPE);
    close(p[0]);

    FILE *f = fopen("stdio.txt", "w+");
    ok_if("fopen w+", f != NULL, NULL);
    for (int i = 0; i < 100; i++) fprintf(f, "line %d: %s\n", i, i % 2 ? "odd" : "even");
    expect_long("ftell", ftell(f), 1340);
    rewind(f);
    char line[64];
    int lines = 0;
    while (fgets(line, sizeof line, f)) lines++;
    expect_long("fgets lines", lines, 100);
    fseek(f, -8, SEEK_END);
    ok_if("fseek SEEK_END + fgets", fgets(line, sizeof line, f) && strcmp(line, "99: odd\n") == 0, NULL);
    expect_long("fclose", fclose(f), 0);

    /* ---- cleanup ------------------------------------------------------- */
    const char *files[] = { "renamed.txt", "link", "dangling", "c-file", "a-file", "stdio.txt", "moved-at",
                            "sub/inner" };
    int cleanup_ok = 1;
    for (unsigned i = 0; i < sizeof files / sizeof files[0]; i++) cleanup_ok &= unlink(files[i]) == 0;
    cleanup_ok &= rmdir("sub/deeper") == 0;
    cleanup_ok &= rmdir("sub") == 0;
    cleanup_ok &= chdir("/") == 0;
    cleanup_ok &= rmdir(dir) == 0;
    ok_if("cleanup", cleanup_ok, NULL);
    expect_err("temp dir is gone", stat(dir, &st), ENOENT);

    printf("file_io: %d checks, %d failures\n", checks, failures);
    return failures ? 1 : 0;
}
