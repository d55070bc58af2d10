package io.mimic.linuxuser.process;

/**
 * The guest image this Mimic process runs now: set when it starts (the command line's program,
 * a forked child's copy of its parent) and replaced at execve. What happens at exit to the
 * image's translations (returned to a parent, appended to the program's file) reads it here.
 */
public final class RunningImage {
    private static volatile GuestProcess current;

    private RunningImage() {}

    public static void set(GuestProcess p) {
        current = p;
    }

    /** The running image, or null before the first one (bad input, --help...). */
    public static GuestProcess get() {
        return current;
    }
}
