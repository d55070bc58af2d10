package io.mimic.linuxuser.syscall;

/** Thrown inside a handler to return -errno to the guest (bad pointer, bad argument). */
public final class SyscallError extends RuntimeException {
    public final int errno;

    public SyscallError(int errno) {
        super(null, null, false, false);
        this.errno = errno;
    }
}
