/*
 * gendata: writes N MiB (default 16) of deterministic, partly compressible text to stdout:
 * the input of the xz row of toolchains/bench.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    long mib = argc > 1 ? strtol(argv[1], NULL, 10) : 16;
    static const char *words[] = {"alpha", "beta", "gamma", "delta", "kernel", "guest", "host", "page",
                                  "table", "branch", "vector", "signal", "thread", "memory", "cache", "lock"};
    uint64_t x = 0x9E3779B97F4A7C15ull;
    long written = 0, limit = mib << 20;
    char line[256];
    while (written < limit) {
        int n = 0;
        for (int w = 0; w < 10; w++) {
            x ^= x >> 12; x ^= x << 25; x ^= x >> 27;
            uint64_t r = x * 0x2545F4914F6CDD1Dull;
            if ((r & 7) == 0) n += snprintf(line + n, sizeof line - n, "%u ", (unsigned)(r >> 58));
            else n += snprintf(line + n, sizeof line - n, "%s ", words[(r >> 8) & 15]);
        }
        line[n - 1] = '\n';
        if (written + n > limit) n = (int)(limit - written);
        fwrite(line, 1, (size_t)n, stdout);
        written += n;
    }
    return 0;
}
