package io.mimic.linuxuser.host;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.List;

/**
 * posix_spawn through the FFM API, for processes that must be real children of this process
 * and invisible to the JDK: a child started by ProcessBuilder is reaped by the JDK's own reaper
 * thread, so the guest's wait4 would never see it exit.
 */
public final class HostSpawn {
    private static final int POSIX_SPAWN_SETPGROUP = 0x02, POSIX_SPAWN_SETSIGDEF = 0x04, POSIX_SPAWN_SETSIGMASK = 0x08;
    private static final int O_RDWR = 2;
    /** glibc's posix_spawn_file_actions_t is 80 bytes, posix_spawnattr_t 336, sigset_t 128: room to spare. */
    private static final long OBJECT_SIZE = 1024;

    private static final MethodHandle SPAWN = NativeCalls.intFunction("posix_spawn", 6);
    private static final MethodHandle FA_INIT = NativeCalls.intFunction("posix_spawn_file_actions_init", 1);
    private static final MethodHandle FA_DESTROY = NativeCalls.intFunction("posix_spawn_file_actions_destroy", 1);
    private static final MethodHandle FA_DUP2 = NativeCalls.intFunction("posix_spawn_file_actions_adddup2", 3);
    private static final MethodHandle FA_OPEN = NativeCalls.intFunction("posix_spawn_file_actions_addopen", 5);
    /** glibc 2.34 and later: close every fd from a number on, in the child only. */
    private static final MethodHandle FA_CLOSEFROM = NativeCalls.intFunction("posix_spawn_file_actions_addclosefrom_np", 2);
    private static final MethodHandle ATTR_INIT = NativeCalls.intFunction("posix_spawnattr_init", 1);
    private static final MethodHandle ATTR_DESTROY = NativeCalls.intFunction("posix_spawnattr_destroy", 1);
    private static final MethodHandle ATTR_FLAGS = NativeCalls.intFunction("posix_spawnattr_setflags", 2);
    private static final MethodHandle ATTR_PGROUP = NativeCalls.intFunction("posix_spawnattr_setpgroup", 2);
    private static final MethodHandle ATTR_SIGMASK = NativeCalls.intFunction("posix_spawnattr_setsigmask", 2);
    private static final MethodHandle ATTR_SIGDEFAULT = NativeCalls.intFunction("posix_spawnattr_setsigdefault", 2);
    private static final MethodHandle SIGEMPTYSET = NativeCalls.intFunction("sigemptyset", 1);
    private static final MethodHandle SIGFILLSET = NativeCalls.intFunction("sigfillset", 1);

    private HostSpawn() {}

    /**
     * Starts {@code argv} (argv[0] is the program's path) as a child in a process group of its
     * own, with /dev/null as its standard streams, host fd {@code passFd} at number {@code passAs}
     * and every fd above that closed,
     * every signal at its default action and none blocked. Returns the pid, or -errno.
     */
    public static int spawn(List<byte[]> argv, List<byte[]> env, int passFd, int passAs) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment actions = arena.allocate(OBJECT_SIZE, 16), attr = arena.allocate(OBJECT_SIZE, 16);
            MemorySegment empty = arena.allocate(OBJECT_SIZE, 16), full = arena.allocate(OBJECT_SIZE, 16);
            MemorySegment devNull = NativeCalls.cString(arena, "/dev/null");
            MemorySegment pid = arena.allocate(ValueLayout.JAVA_INT);
            check((int) FA_INIT.invokeExact(actions.address()));
            check((int) ATTR_INIT.invokeExact(attr.address()));
            try {
                for (int std = 0; std < 3; std++) {
                    check((int) FA_OPEN.invokeExact(actions.address(), (long) std, devNull.address(), (long) O_RDWR, 0L));
                }
                check((int) FA_DUP2.invokeExact(actions.address(), (long) passFd, (long) passAs));
                // Nothing else of this process may leak into the spare: a guest fd without
                // close-on-exec (the write end of a shell's command-substitution pipe, say) held
                // there would keep the reader from seeing end-of-file until the spare is used.
                check((int) FA_CLOSEFROM.invokeExact(actions.address(), (long) passAs + 1));
                check((int) SIGEMPTYSET.invokeExact(empty.address()));
                check((int) SIGFILLSET.invokeExact(full.address()));
                check((int) ATTR_SIGMASK.invokeExact(attr.address(), empty.address()));
                check((int) ATTR_SIGDEFAULT.invokeExact(attr.address(), full.address()));
                check((int) ATTR_PGROUP.invokeExact(attr.address(), 0L));
                check((int) ATTR_FLAGS.invokeExact(attr.address(),
                        (long) (POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK)));
                MemorySegment path = NativeCalls.cString(arena, argv.get(0));
                int r = (int) SPAWN.invokeExact(pid.address(), path.address(), actions.address(), attr.address(),
                        NativeCalls.stringArray(arena, argv).address(), NativeCalls.stringArray(arena, env).address());
                return r != 0 ? -r : pid.get(ValueLayout.JAVA_INT, 0);
            } finally {
                int ignored = (int) FA_DESTROY.invokeExact(actions.address());
                ignored = (int) ATTR_DESTROY.invokeExact(attr.address());
            }
        } catch (SpawnError e) {
            return -e.errno;
        } catch (Throwable t) {
            throw new IllegalStateException("posix_spawn could not be called", t);
        }
    }

    private static void check(int r) {
        if (r != 0) throw new SpawnError(r);
    }

    private static final class SpawnError extends RuntimeException {
        final int errno;

        SpawnError(int errno) {
            super(null, null, false, false);
            this.errno = errno;
        }
    }
}
