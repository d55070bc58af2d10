/*
 * spectral: the spectral norm of the infinite matrix A(i,j) = 1/((i+j)(i+j+1)/2+i+1) by the
 * power method, for Mimic's benchmarks (docs/PERFORMANCE.md): FP division and multiply-add
 * loops over arrays.
 *
 *   spectral [N]      (default: about 1-2 s under qemu-riscv64)
 *
 * Prints the norm with 9 decimals (exactly rounded operations only; -ffp-contract=off).
 */
#include <stdio.h>
#include <stdlib.h>
#include <math.h>

#define DEFAULT_N 1000

static double a(long i, long j) { return 1.0 / (double)((i + j) * (i + j + 1) / 2 + i + 1); }

static void mul_av(long n, const double *v, double *av) {
    for (long i = 0; i < n; i++) {
        double s = 0;
        for (long j = 0; j < n; j++) s += a(i, j) * v[j];
        av[i] = s;
    }
}

static void mul_atv(long n, const double *v, double *atv) {
    for (long i = 0; i < n; i++) {
        double s = 0;
        for (long j = 0; j < n; j++) s += a(j, i) * v[j];
        atv[i] = s;
    }
}

static void mul_atav(long n, const double *v, double *out, double *tmp) {
    mul_av(n, v, tmp);
    mul_atv(n, tmp, out);
}

int main(int argc, char **argv) {
    long n = DEFAULT_N;
    if (argc > 1 && (n = strtol(argv[1], NULL, 10)) <= 0) {
        fprintf(stderr, "usage: %s [N>0]\n", argv[0]);
        return 1;
    }
    double *u = malloc(n * sizeof *u), *v = malloc(n * sizeof *v), *tmp = malloc(n * sizeof *tmp);
    if (!u || !v || !tmp) return 1;
    for (long i = 0; i < n; i++) u[i] = 1;
    for (int i = 0; i < 10; i++) {
        mul_atav(n, u, v, tmp);
        mul_atav(n, v, u, tmp);
    }
    double vbv = 0, vv = 0;
    for (long i = 0; i < n; i++) {
        vbv += u[i] * v[i];
        vv += v[i] * v[i];
    }
    printf("%.9f\n", sqrt(vbv / vv));
    printf("n %ld\n", n);
    return 0;
}
