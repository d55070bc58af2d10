/*
 * String and memory functions over sizes 0..300 and alignments 0..15, checked
 * against byte-at-a-time reference loops (through volatile pointers, so the
 * compiler cannot turn them back into library calls). Bytes around every
 * destination are checked to be untouched. One checksum line per function.
 * Exits 0 when everything matches.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define MAXLEN 300
#define PAD 64
#define BUFSZ (MAXLEN + 2 * PAD + 32)

static unsigned char src_buf[BUFSZ] __attribute__((aligned(64)));
static unsigned char dst_buf[BUFSZ] __attribute__((aligned(64)));
static unsigned char ref_buf[BUFSZ] __attribute__((aligned(64)));

static uint32_t rng_state = 12345;
static unsigned rnd(void)
{
    rng_state = rng_state * 1103515245u + 12345u;
    return rng_state >> 16;
}

struct stat_line {
    const char *name;
    unsigned long cases, bad;
    uint64_t sum;
};

static void acc(struct stat_line *s, uint64_t v) { s->sum = (s->sum ^ v) * 0x100000001b3ull; }
static void report(struct stat_line *s, int *failures)
{
    printf("%-8s cases=%lu mismatches=%lu checksum=%016llx\n", s->name, s->cases, s->bad, (unsigned long long)s->sum);
    if (s->bad) (*failures)++;
}

/* ---- references ---------------------------------------------------------- */

static void ref_copy(volatile unsigned char *d, const volatile unsigned char *s, size_t n)
{
    unsigned char tmp[BUFSZ];
    for (size_t i = 0; i < n; i++) tmp[i] = s[i];
    for (size_t i = 0; i < n; i++) d[i] = tmp[i];
}
static void ref_set(volatile unsigned char *d, int c, size_t n)
{
    for (size_t i = 0; i < n; i++) d[i] = (unsigned char)c;
}
static int sign(int v) { return (v > 0) - (v < 0); }
static int ref_cmp(const volatile unsigned char *a, const volatile unsigned char *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
    return 0;
}
static size_t ref_strlen(const volatile unsigned char *s)
{
    size_t n = 0;
    while (s[n]) n++;
    return n;
}
static int ref_strncmp(const volatile unsigned char *a, const volatile unsigned char *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
        if (!a[i]) return 0;
    }
    return 0;
}
static long ref_strchr(const volatile unsigned char *s, int c)
{
    for (long i = 0;; i++) {
        if (s[i] == (unsigned char)c) return i;
        if (!s[i]) return -1;
    }
}
static long ref_strrchr(const volatile unsigned char *s, int c)
{
    long r = -1;
    for (long i = 0;; i++) {
        if (s[i] == (unsigned char)c) r = i;
        if (!s[i]) return r;
    }
}
static long ref_strstr(const volatile unsigned char *h, const volatile unsigned char *n)
{
    size_t hl = ref_strlen(h), nl = ref_strlen(n);
    for (size_t i = 0; i + nl <= hl; i++) {
        size_t j = 0;
        while (j < nl && h[i + j] == n[j]) j++;
        if (j == nl) return (long)i;
    }
    return -1;
}

/* random bytes in [lo, 255] */
static void fill(unsigned char *p, size_t n, int lo)
{
    for (size_t i = 0; i < n; i++) p[i] = (unsigned char)(lo + rnd() % (256 - lo));
}

/* Every write lands in [PAD-20, PAD+16+MAXLEN+20); a window 8 bytes wider on
 * each side than the current case can touch is compared and re-filled. */
static size_t win_lo, win_hi;
static void set_window(size_t n)
{
    win_lo = PAD - 28;
    win_hi = PAD + 16 + n + 28;
}

/* comparison of dst against the reference image */
static int same_buffers(void)
{
    return ref_cmp(dst_buf + win_lo, ref_buf + win_lo, win_hi - win_lo) == 0;
}

static void reset_dst(void)
{
    unsigned salt = rnd();
    for (size_t i = win_lo; i < win_hi; i++) dst_buf[i] = ref_buf[i] = (unsigned char)(i * 13 + salt);
}

int main(void)
{
    int failures = 0;
    struct stat_line s_memcpy = { "memcpy" }, s_memmove = { "memmove" }, s_memset = { "memset" },
                     s_memcmp = { "memcmp" }, s_strlen = { "strlen" }, s_strcmp = { "strcmp" },
                     s_strncmp = { "strncmp" }, s_strchr = { "strchr" }, s_strrchr = { "strrchr" },
                     s_strstr = { "strstr" }, s_strcpy = { "strcpy" };

    for (size_t n = 0; n <= MAXLEN; n++) {
        for (unsigned a = 0; a < 16; a++) {
            unsigned sa = a, da = (a + (unsigned)n) & 15; /* vary the relative alignment too */
            unsigned char *s = src_buf + PAD + sa, *d = dst_buf + PAD + da;
            volatile unsigned char *r = ref_buf + PAD + da;
            set_window(n);

            /* memcpy */
            fill(src_buf + win_lo, win_hi - win_lo, 0);
            reset_dst();
            void *ret = memcpy(d, s, n);
            ref_copy(r, s, n);
            s_memcpy.cases++;
            if (ret != d || !same_buffers()) s_memcpy.bad++;
            acc(&s_memcpy, n ? d[n - 1] : 0);

            /* memmove, overlapping both ways inside one buffer */
            for (int dir = -1; dir <= 1; dir += 2) {
                long shift = dir * (long)(1 + (a + n) % 19);
                reset_dst();
                unsigned char *ms = dst_buf + PAD + sa, *md = ms + shift;
                ret = memmove(md, ms, n);
                ref_copy(ref_buf + PAD + sa + shift, ref_buf + PAD + sa, n);
                s_memmove.cases++;
                if (ret != md || !same_buffers()) s_memmove.bad++;
                acc(&s_memmove, n ? md[n / 2] : 0);
            }

            /* memset */
            reset_dst();
            int c = (int)(rnd() & 0x1ff); /* only the low byte counts */
            ret = memset(d, c, n);
            ref_set(r, c, n);
            s_memset.cases++;
            if (ret != d || !same_buffers()) s_memset.bad++;
            acc(&s_memset, (uint64_t)c * n);

            /* memcmp: equal, then differing at a position (with bytes above 0x7f) */
            fill(src_buf + win_lo, win_hi - win_lo, 0);
            ref_copy(dst_buf + PAD + da, s, n);
            int got = sign(memcmp(d, s, n)), want = 0;
            s_memcmp.cases++;
            if (got != want) s_memcmp.bad++;
            if (n) {
                size_t k = rnd() % n;
                d[k] = (unsigned char)(s[k] ^ (rnd() % 2 ? 0x80 : 0x01));
                got = sign(memcmp(d, s, n));
                want = ref_cmp(d, s, n);
                s_memcmp.cases++;
                if (got != want) s_memcmp.bad++;
                acc(&s_memcmp, (uint64_t)(got + 1) * 1000 + k);
                if (k + 1 < n) { /* a difference only beyond the length is invisible */
                    got = sign(memcmp(d, s, k));
                    s_memcmp.cases++;
                    if (got != 0) s_memcmp.bad++;
                }
            }

            /* strings: n non-zero bytes then a terminator, garbage after */
            fill(src_buf + win_lo, win_hi - win_lo, 1);
            s[n] = 0;
            size_t len = strlen((char *)s);
            s_strlen.cases++;
            if (len != ref_strlen(s) || len != n) s_strlen.bad++;
            acc(&s_strlen, len);

            /* strcmp / strncmp */
            fill(dst_buf + win_lo, win_hi - win_lo, 1);
            ref_copy(d, s, n + 1);
            got = sign(strcmp((char *)d, (char *)s));
            s_strcmp.cases++;
            if (got != 0) s_strcmp.bad++;
            if (n) {
                size_t k = rnd() % n;
                unsigned char nb = (unsigned char)(rnd() % 256);
                d[k] = nb; /* may also become the terminator: a shorter string */
                got = sign(strcmp((char *)d, (char *)s));
                want = ref_strncmp(d, s, (size_t)-1);
                s_strcmp.cases++;
                if (got != want) s_strcmp.bad++;
                acc(&s_strcmp, (uint64_t)(got + 1) * 1000 + k);
                size_t lim = rnd() % (n + 2);
                got = sign(strncmp((char *)d, (char *)s, lim));
                want = ref_strncmp(d, s, lim);
                s_strncmp.cases++;
                if (got != want) s_strncmp.bad++;
                acc(&s_strncmp, (uint64_t)(got + 1) * 1000 + lim);
            }

            /* strchr / strrchr: a byte that occurs (maybe several times), one that does not, and NUL */
            int ch = n ? s[rnd() % n] : 'x';
            unsigned char seen[256] = { 0 }; /* find a byte value absent from the string */
            for (size_t j = 0; j < n; j++) seen[s[j]] = 1;
            int absent = 0;
            for (int v = 255; v > 0; v--)
                if (!seen[v]) absent = v;
            const char *p = strchr((char *)s, ch);
            long want_i = ref_strchr(s, ch);
            s_strchr.cases += 3;
            if ((p ? p - (char *)s : -1) != want_i) s_strchr.bad++;
            if (strchr((char *)s, absent) != NULL) s_strchr.bad++;
            if (strchr((char *)s, 0) != (char *)s + n) s_strchr.bad++;
            acc(&s_strchr, (uint64_t)want_i);
            p = strrchr((char *)s, ch);
            want_i = ref_strrchr(s, ch);
            s_strrchr.cases += 3;
            if ((p ? p - (char *)s : -1) != want_i) s_strrchr.bad++;
            if (strrchr((char *)s, absent) != NULL) s_strrchr.bad++;
            if (strrchr((char *)s, 0) != (char *)s + n) s_strrchr.bad++;
            acc(&s_strrchr, (uint64_t)want_i);

            /* strcpy into a differently aligned destination */
            reset_dst();
            char *cr = strcpy((char *)d, (char *)s);
            ref_copy(r, s, n + 1);
            s_strcpy.cases++;
            if (cr != (char *)d || !same_buffers()) s_strcpy.bad++;
            acc(&s_strcpy, n);
        }
    }

    /* strstr: small alphabet so that partial matches are common */
    for (int i = 0; i < 3000; i++) {
        unsigned char h[MAXLEN + 1], nd[20];
        size_t hl = rnd() % (MAXLEN + 1), nl = rnd() % 8;
        for (size_t j = 0; j < hl; j++) h[j] = (unsigned char)('a' + rnd() % 3);
        h[hl] = 0;
        if (hl && nl <= hl && rnd() % 2) { /* sometimes take the needle from the haystack */
            size_t at = rnd() % (hl - nl + 1);
            memcpy(nd, h + at, nl);
        } else {
            for (size_t j = 0; j < nl; j++) nd[j] = (unsigned char)('a' + rnd() % 3);
        }
        nd[nl] = 0;
        const char *p = strstr((char *)h, (char *)nd);
        long want = ref_strstr(h, nd);
        s_strstr.cases++;
        if ((p ? p - (char *)h : -1) != want) s_strstr.bad++;
        acc(&s_strstr, (uint64_t)want);
    }
    /* a long periodic needle (two-way algorithm path) */
    {
        static char h[1200], nd[300];
        for (int i = 0; i < 1199; i++) h[i] = (char)("ab"[i % 7 == 6]);
        h[1199] = 0;
        for (int i = 0; i < 299; i++) nd[i] = h[i + 500];
        nd[299] = 0;
        const char *p = strstr(h, nd);
        long want = ref_strstr((unsigned char *)h, (unsigned char *)nd);
        s_strstr.cases++;
        if ((p ? p - h : -1) != want) s_strstr.bad++;
        acc(&s_strstr, (uint64_t)want);
        nd[150] = 'c';
        s_strstr.cases++;
        if (strstr(h, nd) != NULL) s_strstr.bad++;
    }

    struct stat_line *all[] = { &s_memcpy, &s_memmove, &s_memset, &s_memcmp, &s_strlen, &s_strcmp,
                                &s_strncmp, &s_strchr, &s_strrchr, &s_strstr, &s_strcpy };
    for (unsigned i = 0; i < sizeof all / sizeof all[0]; i++) report(all[i], &failures);
    printf("strings: %s\n", failures ? "FAIL" : "PASS");
    return failures ? 1 : 0;
}
