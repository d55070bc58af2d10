/*
 * File mappings the way a dynamic loader makes them: a PROT_NONE reservation, file segments
 * mapped over it with MAP_FIXED at page offsets, a last page that runs past the end of the
 * file (the rest of that page reads as zero), a bss tail zeroed by hand and an anonymous
 * MAP_FIXED page after it, mprotect to the final permissions; then private versus shared
 * writes, access-mode errors (EACCES), bad offsets (EINVAL) and munmap of part of a mapping.
 * (MAP_FIXED_NOREPLACE over a mapping is not checked: qemu 7.2 treats it as a hint.)
 * Prints relations and errno names only. Exits 0 when every check passes.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define PAGE 4096L

static int failures;

static void check(const char *what, int holds)
{
    printf("%-60s %s\n", what, holds ? "yes" : "NO");
    if (!holds) failures++;
}

static void check_err(const char *what, long r, int want)
{
    int e = r == -1 || r == (long)MAP_FAILED ? errno : 0;
    printf("%-60s %s\n", what, e == want ? "yes" : "NO");
    if (e != want) {
        printf("    want errno %d, got %ld errno %d\n", want, r, e);
        failures++;
    }
}

static unsigned char pattern(long i)
{
    return (unsigned char)(i * 7 + (i >> 12) + 1);
}

int main(void)
{
    const char *name = "mmap_file.data";
    const long size = 3 * PAGE + 100; /* the last page is mostly past the end of the file */
    int fd = open(name, O_RDWR | O_CREAT | O_TRUNC, 0644);
    check("create the data file", fd >= 0);
    unsigned char *buf = malloc(size);
    for (long i = 0; i < size; i++) buf[i] = pattern(i);
    check("write the data file", write(fd, buf, size) == size);

    /* 1. Reserve, then place segments inside the reservation, as ld.so does. */
    unsigned char *base = mmap(NULL, 8 * PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    check("reserve 8 pages PROT_NONE", base != MAP_FAILED);
    unsigned char *text = mmap(base, 2 * PAGE, PROT_READ | PROT_EXEC, MAP_PRIVATE | MAP_FIXED, fd, 0);
    check("map pages 0-1 of the file at the reservation", text == base);
    check("text contents are the file's", memcmp(text, buf, 2 * PAGE) == 0);
    unsigned char *data = mmap(base + 3 * PAGE, size - 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_FIXED, fd, 2 * PAGE);
    check("map from offset 2 pages (MAP_FIXED, one page gap)", data == base + 3 * PAGE);
    check("data contents are the file's from the offset", memcmp(data, buf + 2 * PAGE, size - 2 * PAGE) == 0);
    int zero = 1;
    for (long i = size - 2 * PAGE; i < 2 * PAGE; i++) zero &= data[i] == 0;
    check("the partial last page reads zero past the end of the file", zero);
    /* A loader zeroes the bss start in the last file page and maps the rest anonymously. */
    memset(data + PAGE + 50, 0, PAGE - 50);
    unsigned char *bss = mmap(base + 5 * PAGE, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    check("anonymous bss page after the data", bss == base + 5 * PAGE);
    zero = 1;
    for (long i = 0; i < PAGE; i++) zero &= bss[i] == 0;
    check("bss page is zero", zero);
    check("bytes before the bss start are kept", data[PAGE + 49] == pattern(3 * PAGE + 49));
    check("mprotect the first data page read-only (RELRO)", mprotect(data, PAGE, PROT_READ) == 0);

    /* 2. Private writes stay private. */
    data[PAGE] = 0xAB;
    unsigned char b = 0;
    check("pread sees the file, not the private write", pread(fd, &b, 1, 3 * PAGE) == 1 && b == pattern(3 * PAGE));
    unsigned char *again = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, fd, 3 * PAGE);
    check("a second private mapping sees the file", again != MAP_FAILED && again[0] == pattern(3 * PAGE));
    munmap(again, PAGE);

    /* 3. Shared writes reach the file. */
    unsigned char *shared = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, PAGE);
    check("map page 1 shared", shared != MAP_FAILED);
    shared[5] = 0x5A;
    check("msync", msync(shared, PAGE, MS_SYNC) == 0);
    check("pread sees the shared write", pread(fd, &b, 1, PAGE + 5) == 1 && b == 0x5A);
    check("a later pwrite shows in the shared mapping", pwrite(fd, "\x42", 1, PAGE + 6) == 1 && shared[6] == 0x42);
    munmap(shared, PAGE);

    /* 4. Errors. */
    int ro = open(name, O_RDONLY), wo = open(name, O_WRONLY);
    check_err("MAP_SHARED|PROT_WRITE of a read-only fd", (long)mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, ro, 0), EACCES);
    check_err("MAP_PRIVATE|PROT_WRITE of a read-only fd is fine", (long)mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, ro, 0), 0);
    check_err("any mapping of a write-only fd", (long)mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, wo, 0), EACCES);
    check_err("unaligned offset", (long)mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, ro, 100), EINVAL);
    check_err("zero length", (long)mmap(NULL, 0, PROT_READ, MAP_PRIVATE, ro, 0), EINVAL);
    check_err("a directory", (long)mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, open(".", O_RDONLY | O_DIRECTORY), 0), ENODEV);
    close(ro);
    close(wo);

    /* 5. Unmapping the middle of a mapping leaves both ends. */
    unsigned char *three = mmap(NULL, 3 * PAGE, PROT_READ, MAP_PRIVATE, fd, 0);
    check("map three pages", three != MAP_FAILED);
    check("munmap the middle page", munmap(three + PAGE, PAGE) == 0);
    check("both ends still read the file", three[0] == pattern(0) && three[2 * PAGE] == pattern(2 * PAGE));
    check("the hole can be mapped again with MAP_FIXED_NOREPLACE",
          mmap(three + PAGE, PAGE, PROT_READ, MAP_PRIVATE | MAP_FIXED_NOREPLACE, fd, PAGE) == three + PAGE
          && three[PAGE] == pattern(PAGE));

    close(fd);
    unlink(name);
    printf("mmap_file: %s\n", failures ? "FAIL" : "ok");
    return failures ? 1 : 0;
}
