/*
 * The host's raw syscall(2) for the JVM through JNI (built by toolchains/build-host-library into
 * linux-user/target/libmimic-host.so; loaded by io.mimic.translator.memory.JniSyscall when
 * bin/mimic names it). Binding one JNI function costs a process start about 0.3 ms, where the
 * FFM linker's downcall stub costs 50-70 ms of a cold JVM on the path to the guest's first
 * instruction. Without this library Mimic uses the FFM downcall: same calls, same results.
 *
 * Returns the kernel's own convention, the result or -errno, read right after the call on the
 * calling thread (errno is per thread).
 */
#include <errno.h>
#include <jni.h>
#include <sys/syscall.h>
#include <unistd.h>

JNIEXPORT jlong JNICALL Java_io_mimic_translator_memory_JniSyscall_call(JNIEnv *env, jclass cls, jint number,
        jlong a0, jlong a1, jlong a2, jlong a3, jlong a4, jlong a5) {
    (void) env;
    (void) cls;
    long r = syscall((long) number, (long) a0, (long) a1, (long) a2, (long) a3, (long) a4, (long) a5);
    return r == -1 ? -(jlong) errno : (jlong) r;
}
