/* CRC32/CRC32C instructions: the standard check values, every operand width, and agreement
 * with a bitwise software CRC over random data. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define CRC(op, w) \
    static uint32_t op(uint32_t acc, uint64_t d) { \
        asm(".arch_extension crc\n" #op " %w0, %w0, %" w "1" : "+r"(acc) : "r"(d)); \
        return acc; \
    }
CRC(crc32b, "w") CRC(crc32h, "w") CRC(crc32w, "w") CRC(crc32x, "x")
CRC(crc32cb, "w") CRC(crc32ch, "w") CRC(crc32cw, "w") CRC(crc32cx, "x")

static uint32_t soft(uint32_t crc, const uint8_t *p, size_t n, uint32_t poly) {
    while (n--) {
        crc ^= *p++;
        for (int k = 0; k < 8; k++) crc = crc & 1 ? (crc >> 1) ^ poly : crc >> 1;
    }
    return crc;
}

static uint32_t hw(uint32_t crc, const uint8_t *p, size_t n, int c) {
    while (n >= 8) {
        uint64_t v; memcpy(&v, p, 8);
        crc = c ? crc32cx(crc, v) : crc32x(crc, v); p += 8; n -= 8;
    }
    if (n >= 4) { uint32_t v; memcpy(&v, p, 4); crc = c ? crc32cw(crc, v) : crc32w(crc, v); p += 4; n -= 4; }
    if (n >= 2) { uint16_t v; memcpy(&v, p, 2); crc = c ? crc32ch(crc, v) : crc32h(crc, v); p += 2; n -= 2; }
    if (n) crc = c ? crc32cb(crc, *p) : crc32b(crc, *p);
    return crc;
}

int main(void) {
    const uint8_t *check = (const uint8_t *)"123456789";
    printf("crc32(123456789)  = %08x (expect cbf43926)\n", ~hw(~0u, check, 9, 0));
    printf("crc32c(123456789) = %08x (expect e3069283)\n", ~hw(~0u, check, 9, 1));
    uint8_t buf[1000];
    uint32_t x = 12345;
    for (int i = 0; i < 1000; i++) { x = x * 1103515245 + 12345; buf[i] = x >> 16; }
    int bad = 0;
    for (int n = 0; n < 1000; n += 37) {
        for (int c = 0; c < 2; c++) {
            uint32_t a = hw(0x12345678, buf, n, c), b = soft(0x12345678, buf, n, c ? 0x82F63B78 : 0xEDB88320);
            if (a != b) { printf("len %d crc32%s: %08x vs software %08x\n", n, c ? "c" : "", a, b); bad++; }
        }
    }
    /* the operand's upper bits are ignored by the narrow forms */
    printf("crc32b high bits: %08x %08x\n", crc32b(1, 0xffffff00000000ab), crc32b(1, 0xab));
    printf("crc32h high bits: %08x %08x\n", crc32h(7, 0xffffffff0000abcd), crc32h(7, 0xabcd));
    printf("%d mismatches\n", bad);
    return bad != 0;
}
