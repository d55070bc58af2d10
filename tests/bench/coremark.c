/*
 * coremark: a CoreMark-style mix for Mimic's benchmarks (docs/PERFORMANCE.md), written here
 * after the shape of EEMBC CoreMark's three kernels plus its CRC: linked-list search, reversal
 * and merge sort; a 16-bit integer matrix (add, multiply by constant/vector/matrix, bit
 * extraction); a state machine that scans a buffer of numbers; CRC-16 over every result.
 *
 *   coremark [ITERATIONS]      (default: about 1-2 s under qemu-riscv64)
 *
 * Prints the CRC of each kernel and a total; the output is the same on every arch.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_ITERATIONS 3500

static uint16_t crc16_byte(uint8_t data, uint16_t crc) {
    for (int i = 0; i < 8; i++) {
        uint8_t x16 = (uint8_t)((data & 1) ^ ((uint8_t)crc & 1));
        data >>= 1;
        if (x16 == 1) { crc ^= 0x4002; crc = (uint16_t)((crc >> 1) | 0x8000); }
        else crc >>= 1;
    }
    return crc;
}
static uint16_t crc16(uint16_t v, uint16_t crc) {
    crc = crc16_byte((uint8_t)v, crc);
    return crc16_byte((uint8_t)(v >> 8), crc);
}
static uint16_t crc32v(uint32_t v, uint16_t crc) {
    return crc16((uint16_t)(v >> 16), crc16((uint16_t)v, crc));
}

/* ---- linked list ------------------------------------------------------------------ */
typedef struct item { int16_t data; int16_t idx; } item;
typedef struct node { struct node *next; item *info; } node;

#define LIST_NODES 200
static node list_pool[LIST_NODES];
static item item_pool[LIST_NODES];

static node *list_build(uint32_t seed) {
    node *head = NULL;
    for (int i = LIST_NODES - 1; i >= 0; i--) {
        seed = seed * 1103515245u + 12345u;
        item_pool[i].data = (int16_t)((seed >> 16) & 0x7fff);
        item_pool[i].idx = (int16_t)i;
        list_pool[i].info = &item_pool[i];
        list_pool[i].next = head;
        head = &list_pool[i];
    }
    return head;
}

static node *list_find(node *l, int16_t data) {
    while (l && (l->info->data & 0xff) != (data & 0xff)) l = l->next;
    return l;
}

static node *list_reverse(node *l) {
    node *prev = NULL;
    while (l) { node *n = l->next; l->next = prev; prev = l; l = n; }
    return prev;
}

typedef int (*cmp_fn)(const item *, const item *);
static int cmp_data(const item *a, const item *b) { return a->data - b->data; }
static int cmp_idx(const item *a, const item *b) { return a->idx - b->idx; }

/* Bottom-up merge sort of a singly linked list (as CoreMark does it). */
static node *list_mergesort(node *list, cmp_fn cmp) {
    int insize = 1;
    for (;;) {
        node *p = list, *tail = NULL;
        list = NULL;
        int nmerges = 0;
        while (p) {
            nmerges++;
            node *q = p;
            int psize = 0;
            for (int i = 0; i < insize && q; i++) { psize++; q = q->next; }
            int qsize = insize;
            while (psize > 0 || (qsize > 0 && q)) {
                node *e;
                if (psize == 0) { e = q; q = q->next; qsize--; }
                else if (qsize == 0 || !q) { e = p; p = p->next; psize--; }
                else if (cmp(p->info, q->info) <= 0) { e = p; p = p->next; psize--; }
                else { e = q; q = q->next; qsize--; }
                if (tail) tail->next = e; else list = e;
                tail = e;
            }
            p = q;
        }
        tail->next = NULL;
        if (nmerges <= 1) return list;
        insize *= 2;
    }
}

static uint16_t bench_list(uint32_t seed, uint16_t crc) {
    node *l = list_build(seed);
    for (int i = 0; i < 40; i++) {
        node *f = list_find(l, (int16_t)(i * 37));
        crc = crc16(f ? (uint16_t)f->info->idx : 0xffff, crc);
        l = list_reverse(l);
    }
    l = list_mergesort(l, cmp_data);
    for (node *n = l; n; n = n->next) crc = crc16((uint16_t)n->info->data, crc);
    l = list_mergesort(l, cmp_idx);
    crc = crc16((uint16_t)l->next->info->data, crc);
    return crc;
}

/* ---- matrix ---------------------------------------------------------------------- */
#define N 24
static int16_t ma[N][N], mb[N][N];
static int32_t mc[N][N];

static uint16_t bench_matrix(uint32_t seed, uint16_t crc) {
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            seed = seed * 1664525u + 1013904223u;
            ma[i][j] = (int16_t)((seed >> 20) & 0xff);
            mb[i][j] = (int16_t)((seed >> 8) & 0xff);
        }
    int16_t val = (int16_t)(seed & 0x3f);
    for (int i = 0; i < N; i++) for (int j = 0; j < N; j++) ma[i][j] += val;          /* add const */
    for (int i = 0; i < N; i++) for (int j = 0; j < N; j++) mc[i][j] = ma[i][j] * val; /* mul const */
    uint32_t s = 0;
    for (int i = 0; i < N; i++) for (int j = 0; j < N; j++) s += (uint32_t)mc[i][j];
    crc = crc32v(s, crc);
    for (int i = 0; i < N; i++) {                                                       /* mul vect */
        mc[i][0] = 0;
        for (int j = 0; j < N; j++) mc[i][0] += ma[i][j] * mb[j][0];
        crc = crc32v((uint32_t)mc[i][0], crc);
    }
    for (int i = 0; i < N; i++)                                                         /* mul matrix */
        for (int j = 0; j < N; j++) {
            int32_t acc = 0;
            for (int k = 0; k < N; k++) acc += ma[i][k] * mb[k][j];
            mc[i][j] = acc;
        }
    s = 0;
    for (int i = 0; i < N; i++) for (int j = 0; j < N; j++) s += (uint32_t)mc[i][j];
    crc = crc32v(s, crc);
    for (int i = 0; i < N; i++)                                                         /* mul, bit extract */
        for (int j = 0; j < N; j++) {
            int32_t acc = 0;
            for (int k = 0; k < N; k++) {
                int32_t t = ma[i][k] * mb[k][j];
                acc += ((t >> 2) & 0xf) * ((t >> 5) & 0x7f);
            }
            mc[i][j] = acc;
        }
    s = 0;
    for (int i = 0; i < N; i++) for (int j = 0; j < N; j++) s ^= (uint32_t)mc[i][j] << (j & 7);
    return crc32v(s, crc);
}

/* ---- state machine ------------------------------------------------------------------ */
enum state { START, INVALID, S1, S2, INT, FLOAT, EXPONENT, SCIENTIFIC, NSTATES };
#define SM_BUF 2048
static char sm_buf[SM_BUF];

static enum state sm_step(const char **p, unsigned *transitions) {
    enum state st = START;
    for (; **p && st != INVALID; (*p)++) {
        char c = **p;
        if (c == ',') { (*p)++; break; }
        switch (st) {
        case START:
            if (c >= '0' && c <= '9') st = INT;
            else if (c == '+' || c == '-') st = S1;
            else if (c == '.') st = FLOAT;
            else { st = INVALID; transitions[INVALID]++; }
            transitions[START]++;
            break;
        case S1:
            if (c >= '0' && c <= '9') { st = INT; transitions[S1]++; }
            else if (c == '.') { st = FLOAT; transitions[S1]++; }
            else { st = INVALID; transitions[S1]++; }
            break;
        case INT:
            if (c == '.') { st = FLOAT; transitions[INT]++; }
            else if (!(c >= '0' && c <= '9')) { st = INVALID; transitions[INT]++; }
            break;
        case FLOAT:
            if (c == 'E' || c == 'e') { st = S2; transitions[FLOAT]++; }
            else if (!(c >= '0' && c <= '9')) { st = INVALID; transitions[FLOAT]++; }
            break;
        case S2:
            if (c == '+' || c == '-') { st = EXPONENT; transitions[S2]++; }
            else { st = INVALID; transitions[S2]++; }
            break;
        case EXPONENT:
            if (c >= '0' && c <= '9') { st = SCIENTIFIC; transitions[EXPONENT]++; }
            else { st = INVALID; transitions[EXPONENT]++; }
            break;
        case SCIENTIFIC:
            if (!(c >= '0' && c <= '9')) { st = INVALID; transitions[INVALID]++; }
            break;
        default:
            break;
        }
    }
    return st;
}

static uint16_t bench_state(uint32_t seed, uint16_t crc) {
    static const char *tokens[] = {"5012", "1234", "-874", "+122", "35.54400", ".1234500", "-110.700",
                                   "+0.64400", "5.500e+3", "-.123e-2", "-87e+832", "+0.6e-12",
                                   "T0.3e-1F", "-T.T++Tq", "1T3.4e4z", "34.0e-T^"};
    size_t pos = 0;
    while (pos + 10 < SM_BUF) {
        seed = seed * 1103515245u + 12345u;
        const char *t = tokens[(seed >> 16) & 15];
        size_t n = strlen(t);
        memcpy(sm_buf + pos, t, n);
        pos += n;
        sm_buf[pos++] = ',';
    }
    sm_buf[pos] = 0;
    unsigned counts[NSTATES] = {0}, transitions[NSTATES] = {0};
    for (int pass = 0; pass < 2; pass++) {
        const char *p = sm_buf;
        while (*p) counts[sm_step(&p, transitions)]++;
        /* corrupt the buffer a little, as CoreMark does between passes */
        for (size_t i = (seed & 7); i < pos; i += 13) if (sm_buf[i] != ',') sm_buf[i] ^= 1;
    }
    for (int i = 0; i < NSTATES; i++) crc = crc32v(counts[i] * 65536u + transitions[i], crc);
    return crc;
}

int main(int argc, char **argv) {
    long iterations = DEFAULT_ITERATIONS;
    if (argc > 1 && (iterations = strtol(argv[1], NULL, 10)) <= 0) {
        fprintf(stderr, "usage: %s [ITERATIONS>0]\n", argv[0]);
        return 1;
    }
    uint16_t c_list = 0, c_mat = 0, c_state = 0;
    for (long i = 0; i < iterations; i++) {
        uint32_t seed = (uint32_t)i * 2654435761u;
        c_list = bench_list(seed, c_list);
        c_mat = bench_matrix(seed, c_mat);
        c_state = bench_state(seed, c_state);
    }
    printf("list   %04x\nmatrix %04x\nstate  %04x\n", c_list, c_mat, c_state);
    printf("checksum %04x iterations %ld\n", crc16(c_state, crc16(c_mat, c_list)), iterations);
    return 0;
}
