package io.mimic.syscalls.linux;

/**
 * Layout of {@code struct stat} in one ABI: the offset of each field, and the width of the
 * fields whose width differs between ABIs (st_nlink, st_blksize). Converting between two
 * layouts is field by field; nothing assumes the host's layout.
 */
public record StatLayout(int size, int dev, int ino, int mode, int nlink, int nlinkWidth, int uid, int gid,
                         int rdev, int fileSize, int blksize, int blksizeWidth, int blocks,
                         int atime, int atimeNsec, int mtime, int mtimeNsec, int ctime, int ctimeNsec) {

    /** asm-generic (riscv64, aarch64, loongarch64): include/uapi/asm-generic/stat.h. */
    public static final StatLayout ASM_GENERIC_64 = new StatLayout(128, 0, 8, 16, 20, 4, 24, 28, 32, 48, 56, 4, 64,
            72, 80, 88, 96, 104, 112);

    /** x86_64 (the host): arch/x86/include/uapi/asm/stat.h. */
    public static final StatLayout X86_64 = new StatLayout(144, 0, 8, 24, 16, 8, 28, 32, 40, 48, 56, 8, 64,
            72, 80, 88, 96, 104, 112);
}
