package io.mimic.linuxuser.syscall;

import io.mimic.syscalls.linux.StatLayout;
import io.mimic.translator.memory.GuestAccess;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/** Copies a host {@code struct stat} into the guest's layout, field by field. */
final class StatConversion {
    private StatConversion() {}

    static void toGuest(MemorySegment host, StatLayout h, long guest, StatLayout g, ByteOrder order) {
        MemorySegment m = GuestAccess.raw();
        m.asSlice(guest, g.size()).fill((byte) 0);
        ValueLayout.OfLong q = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(order);
        ValueLayout.OfInt d = ValueLayout.JAVA_INT_UNALIGNED.withOrder(order);
        ValueLayout.OfLong hq = ValueLayout.JAVA_LONG_UNALIGNED;
        ValueLayout.OfInt hd = ValueLayout.JAVA_INT_UNALIGNED;
        m.set(q, guest + g.dev(), host.get(hq, h.dev()));
        m.set(q, guest + g.ino(), host.get(hq, h.ino()));
        m.set(d, guest + g.mode(), host.get(hd, h.mode()));
        long nlink = h.nlinkWidth() == 8 ? host.get(hq, h.nlink()) : host.get(hd, h.nlink()) & 0xffffffffL;
        if (g.nlinkWidth() == 8) m.set(q, guest + g.nlink(), nlink); else m.set(d, guest + g.nlink(), (int) nlink);
        m.set(d, guest + g.uid(), host.get(hd, h.uid()));
        m.set(d, guest + g.gid(), host.get(hd, h.gid()));
        m.set(q, guest + g.rdev(), host.get(hq, h.rdev()));
        m.set(q, guest + g.fileSize(), host.get(hq, h.fileSize()));
        long blksize = h.blksizeWidth() == 8 ? host.get(hq, h.blksize()) : host.get(hd, h.blksize());
        if (g.blksizeWidth() == 8) m.set(q, guest + g.blksize(), blksize); else m.set(d, guest + g.blksize(), (int) blksize);
        m.set(q, guest + g.blocks(), host.get(hq, h.blocks()));
        m.set(q, guest + g.atime(), host.get(hq, h.atime()));
        m.set(q, guest + g.atimeNsec(), host.get(hq, h.atimeNsec()));
        m.set(q, guest + g.mtime(), host.get(hq, h.mtime()));
        m.set(q, guest + g.mtimeNsec(), host.get(hq, h.mtimeNsec()));
        m.set(q, guest + g.ctime(), host.get(hq, h.ctime()));
        m.set(q, guest + g.ctimeNsec(), host.get(hq, h.ctimeNsec()));
    }
}
