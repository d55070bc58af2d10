package io.mimic.linuxuser.signal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One signal's siginfo_t as the guest will see it: the 128-byte image of the 64-bit Linux
 * layout (si_signo, si_errno, si_code, then the union at offset 16), in the guest's byte order.
 * Every 64-bit Linux ABI Mimic runs shares this layout; a 32-bit ABI would add its own builder.
 */
public final class SigInfo {
    public static final int SIZE = 128;
    /** si_code values (include/uapi/asm-generic/siginfo.h). */
    public static final int SI_USER = 0, SI_KERNEL = 0x80, SI_QUEUE = -1, SI_TIMER = -2, SI_TKILL = -6;
    public static final int SEGV_MAPERR = 1, SEGV_ACCERR = 2, BUS_ADRALN = 1, BUS_ADRERR = 2, ILL_ILLOPC = 1,
            TRAP_BRKPT = 1, FPE_INTDIV = 1;

    public final int signo;
    private final byte[] image;
    /** The POSIX timer that sent it (its overrun count is filled in when it is dequeued), or null. */
    final ProcessTimers.Timer timer;

    private SigInfo(int signo, byte[] image, ProcessTimers.Timer timer) {
        this.signo = signo;
        this.image = image;
        this.timer = timer;
    }

    private static ByteBuffer header(int signo, int code, ByteOrder order) {
        ByteBuffer b = ByteBuffer.allocate(SIZE).order(order);
        b.putInt(0, signo).putInt(4, 0).putInt(8, code);
        return b;
    }

    /** kill, tgkill, raise: the sender's pid and uid. */
    public static SigInfo fromProcess(int signo, int code, int pid, int uid, ByteOrder order) {
        ByteBuffer b = header(signo, code, order);
        b.putInt(16, pid).putInt(20, uid);
        return new SigInfo(signo, b.array(), null);
    }

    /** A fault: si_addr is the faulting address (or the instruction's, for SIGILL and SIGTRAP). */
    public static SigInfo fault(int signo, int code, long address, ByteOrder order) {
        ByteBuffer b = header(signo, code, order);
        b.putLong(16, address);
        return new SigInfo(signo, b.array(), null);
    }

    /** SIGCHLD for a child that ended: its pid, uid, exit code or signal, and CPU times in clock ticks. */
    public static SigInfo child(int signo, int code, int pid, int uid, int status, long utime, long stime, ByteOrder order) {
        ByteBuffer b = header(signo, code, order);
        b.putInt(16, pid).putInt(20, uid).putInt(24, status).putLong(32, utime).putLong(40, stime);
        return new SigInfo(signo, b.array(), null);
    }

    /** Sent by the kernel itself (SIGALRM from setitimer, SIGPIPE...). */
    public static SigInfo kernel(int signo, ByteOrder order) {
        return new SigInfo(signo, header(signo, SI_KERNEL, order).array(), null);
    }

    /** A POSIX timer's expiry: timer id, overrun (filled at dequeue) and the sigevent's value. */
    static SigInfo timer(int signo, ProcessTimers.Timer timer, long value, ByteOrder order) {
        ByteBuffer b = header(signo, SI_TIMER, order);
        b.putInt(16, timer.id).putLong(24, value);
        return new SigInfo(signo, b.array(), timer);
    }

    /** rt_sigqueueinfo / rt_tgsigqueueinfo: the guest's own bytes, with si_signo set to the signal sent. */
    public static SigInfo raw(int signo, byte[] guestImage, ByteOrder order) {
        byte[] copy = guestImage.clone();
        ByteBuffer.wrap(copy).order(order).putInt(0, signo);
        return new SigInfo(signo, copy, null);
    }

    /** Sets si_overrun (timers only). */
    void overrun(int count, ByteOrder order) {
        ByteBuffer.wrap(image).order(order).putInt(20, count);
    }

    /** The image to copy into guest memory. */
    public byte[] bytes() {
        return image;
    }
}
