package io.mimic.linuxuser.cli;

import io.mimic.linuxuser.process.GuestExit;

/**
 * The training run for the JDK's AOT cache (toolchains/make-aot-cache): runs each guest
 * program given, one after another in this JVM, so that the JVM records which of Mimic's
 * classes start-up needs and how its methods behave. Ends normally (no halt), as the JVM
 * writes the recorded configuration at exit.
 */
public final class Train {
    private Train() {}

    public static void main(String[] programs) throws Exception {
        // What main does first (the host binding on its own thread), so that its classes are cached.
        io.mimic.linuxuser.host.NativeLinking.startInBackground();
        // Each program twice: its first run writes its translation file and the second reads it,
        // as a user's second run does (make-aot-cache points MIMIC_CODE_CACHE at an empty
        // directory of its own): the reading path's classes and lambdas are then in the cache
        // rather than loaded from the jar and spun at every start.
        for (String program : programs) {
            for (int run = 0; run < 2; run++) {
                try {
                    Main.run(new String[] {program}, true);
                } catch (GuestExit expected) {
                    // the guest exited; run the next one
                }
            }
        }
        // No training program forks (a spare is another JVM): what a spare and its restore load
        // and generate is rehearsed here instead (busybox sh with 20 forks: 4.87 -> 4.72 s).
        io.mimic.linuxuser.fork.ForkChild.rehearseForTraining();
    }
}
