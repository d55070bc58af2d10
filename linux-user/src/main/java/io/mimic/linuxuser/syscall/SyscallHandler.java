package io.mimic.linuxuser.syscall;

/** One system call: reads typed arguments, returns the result or -errno. */
@FunctionalInterface
public interface SyscallHandler {
    long call(SyscallArgs a);
}
