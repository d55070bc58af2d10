package io.mimic.translator.aarch64;

/**
 * CRC32 (polynomial 0x04C11DB7) and CRC32C (0x1EDC6F41) instructions: bit-reflected, no
 * initial or final inversion (software does those), over the low 1, 2, 4 or 8 bytes of Rm.
 */
public final class Arm64Crc {
    private static final int[] CRC32 = table(0xEDB88320), CRC32C = table(0x82F63B78);

    private Arm64Crc() {}

    private static int[] table(int poly) {
        int[] t = new int[256];
        for (int i = 0; i < 256; i++) {
            int c = i;
            for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? (c >>> 1) ^ poly : c >>> 1;
            t[i] = c;
        }
        return t;
    }

    private static long update(int[] t, long acc, long data, int bytes) {
        int crc = (int) acc;
        for (int i = 0; i < bytes; i++) {
            crc = t[(crc ^ (int) (data >>> (8 * i))) & 0xff] ^ (crc >>> 8);
        }
        return crc & 0xFFFFFFFFL;
    }

    public static long crc32b(long acc, long d) { return update(CRC32, acc, d, 1); }
    public static long crc32h(long acc, long d) { return update(CRC32, acc, d, 2); }
    public static long crc32w(long acc, long d) { return update(CRC32, acc, d, 4); }
    public static long crc32x(long acc, long d) { return update(CRC32, acc, d, 8); }
    public static long crc32cb(long acc, long d) { return update(CRC32C, acc, d, 1); }
    public static long crc32ch(long acc, long d) { return update(CRC32C, acc, d, 2); }
    public static long crc32cw(long acc, long d) { return update(CRC32C, acc, d, 4); }
    public static long crc32cx(long acc, long d) { return update(CRC32C, acc, d, 8); }
}
