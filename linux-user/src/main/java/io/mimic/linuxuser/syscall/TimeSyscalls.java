package io.mimic.linuxuser.syscall;

/** Clocks and sleeps: struct timespec/timeval are two 64-bit words on every 64-bit guest and on the host. */
final class TimeSyscalls {
    private TimeSyscalls() {}

    static void register(SyscallRegistry r) {
        r.register("clock_gettime", Passthrough.of("clock_gettime", "i W16"));
        r.register("clock_getres", Passthrough.of("clock_getres", "i W16"));
        r.register("gettimeofday", Passthrough.of("gettimeofday", "W16 W8"));
        r.register("nanosleep", Passthrough.of("nanosleep", "R16 W16"));
        r.register("clock_nanosleep", Passthrough.of("clock_nanosleep", "i i R16 W16"));
    }
}
