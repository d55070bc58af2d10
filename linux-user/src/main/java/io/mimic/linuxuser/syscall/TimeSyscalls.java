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
        r.register("clock_gettime", Passthrough.of("clock_gettime", "i >timespec"));
        r.register("clock_getres", Passthrough.of("clock_getres", "i >timespec"));
        r.register("clock_settime", Passthrough.of("clock_settime", "i <timespec"));
        r.register("gettimeofday", Passthrough.of("gettimeofday", ">timeval >timezone"));
        r.register("settimeofday", Passthrough.of("settimeofday", "<timeval <timezone"));
        r.register("nanosleep", Passthrough.of("nanosleep", "<timespec >timespec"));
        r.register("clock_nanosleep", Passthrough.of("clock_nanosleep", "i i <timespec >timespec"));
        r.register("timerfd_settime", Passthrough.of("timerfd_settime", "f i <itimerspec >itimerspec"));
        r.register("timerfd_gettime", Passthrough.of("timerfd_gettime", "f >itimerspec"));
    }
}
