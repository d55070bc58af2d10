/*
 * strings: text processing with libc's string routines, for Mimic's benchmarks
 * (docs/PERFORMANCE.md): building text with snprintf, splitting it into words, counting
 * words in a hash table, searching with strstr/strchr, case conversion and reversal.
 *
 *   strings [ROUNDS]      (default: about 1-2 s under qemu-riscv64)
 *
 * Prints the number of distinct words, the most frequent one, and a checksum.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_ROUNDS 30
#define TEXT 200000
#define SLOTS 8192

static char text[TEXT + 64];
static struct { char word[24]; unsigned count; } table[SLOTS];
static uint32_t seed = 12345;

static uint32_t rnd(void) { seed = seed * 1103515245u + 12345u; return seed >> 8; }

static uint32_t fnv(const char *s) {
    uint32_t h = 2166136261u;
    while (*s) { h ^= (uint8_t)*s++; h *= 16777619u; }
    return h;
}

static void count(const char *w) {
    uint32_t i = fnv(w) & (SLOTS - 1);
    while (table[i].count && strcmp(table[i].word, w) != 0) i = (i + 1) & (SLOTS - 1);
    if (!table[i].count) strncpy(table[i].word, w, sizeof table[i].word - 1);
    table[i].count++;
}

static void build_text(void) {
    static const char *syll[] = {"ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "ze", "qu", "ph", "st"};
    size_t n = 0;
    while (n < TEXT) {
        char w[24];
        int k = 1 + (int)(rnd() % 3);
        w[0] = 0;
        for (int i = 0; i < k; i++) strcat(w, syll[rnd() % 12]);
        if (rnd() % 9 == 0) w[0] = (char)toupper((unsigned char)w[0]);
        int len = snprintf(text + n, 64, "%s%s", w, rnd() % 11 == 0 ? ". " : " ");
        n += (size_t)len;
    }
    text[n] = 0;
}

int main(int argc, char **argv) {
    long rounds = DEFAULT_ROUNDS;
    if (argc > 1 && (rounds = strtol(argv[1], NULL, 10)) <= 0) {
        fprintf(stderr, "usage: %s [ROUNDS>0]\n", argv[0]);
        return 1;
    }
    uint64_t sum = 0;
    unsigned long words = 0;
    for (long r = 0; r < rounds; r++) {
        build_text();
        /* sentences: count and checksum their lengths with strchr */
        for (const char *p = text, *q; (q = strchr(p, '.')) != NULL; p = q + 1) sum = sum * 7 + (uint64_t)(q - p);
        /* occurrences of a few needles */
        static const char *needles[] = {"kalo", "zequ", "Stph", "mine ru", "vovo"};
        for (int k = 0; k < 5; k++)
            for (const char *p = text; (p = strstr(p, needles[k])) != NULL; p++) sum += (uint64_t)(p - text);
        /* words: lower-case, strip punctuation, count */
        char *save = NULL;
        for (char *w = strtok_r(text, " .", &save); w; w = strtok_r(NULL, " .", &save)) {
            for (char *c = w; *c; c++) *c = (char)tolower((unsigned char)*c);
            count(w);
            words++;
        }
    }
    unsigned distinct = 0, best = 0;
    const char *top = "";
    for (int i = 0; i < SLOTS; i++) {
        if (!table[i].count) continue;
        distinct++;
        if (table[i].count > best || (table[i].count == best && strcmp(table[i].word, top) < 0)) {
            best = table[i].count;
            top = table[i].word;
        }
        char rev[24];
        size_t len = strlen(table[i].word);
        for (size_t k = 0; k < len; k++) rev[k] = table[i].word[len - 1 - k];
        rev[len] = 0;
        sum = sum * 131 + fnv(rev) + table[i].count;
    }
    char line[128];
    snprintf(line, sizeof line, "%lu words, %u distinct, most frequent '%s' x%u", words, distinct, top, best);
    printf("%s\n", line);
    printf("checksum %016llx\n", (unsigned long long)sum);
    return 0;
}
