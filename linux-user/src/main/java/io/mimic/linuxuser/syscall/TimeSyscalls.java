package io.mimic.linuxuser.syscall;

/**
 * Clocks, sleeps and timer fds. struct timespec/timeval are converted through the ABIs'
 * layouts: on a 64-bit little-endian guest they equal the host's and the guest's memory is
 * passed as it is (no copy), so clock_gettime stays cheap.
 *
 * <p>Sleeps are the host's: a guest signal interrupts them (see signal/HostInterrupt). Timers that
 * signal the process are in {@link TimerSyscalls}.
 */
final class TimeSyscalls {
    private TimeSyscalls() {}

    static void register(SyscallRegistry r) {
        r.passthrough("clock_gettime", "i >timespec");
        r.passthrough("clock_getres", "i >timespec");
        r.passthrough("clock_settime", "i <timespec");
        r.passthrough("gettimeofday", ">timeval >timezone");
        r.passthrough("settimeofday", "<timeval <timezone");
        r.passthrough("nanosleep", "<timespec >timespec");
        r.passthrough("clock_nanosleep", "i i <timespec >timespec");
        r.passthrough("timerfd_settime", "f i <itimerspec >itimerspec");
        r.passthrough("timerfd_gettime", "f >itimerspec");
    }
}
