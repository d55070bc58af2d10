package io.mimic.linuxuser.proc;

import io.mimic.linuxuser.process.GuestProcess;
import io.mimic.linuxuser.process.GuestThread;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * /proc/self/status of the guest, and task/TID/status of each guest thread. The host's file for
 * this process (or the host thread that runs the guest thread) is the starting point: identity,
 * credentials, capabilities, seccomp, CPU affinity and context switches are the host process's,
 * which are the guest's. The lines that describe the program rather than the process are the
 * guest's: Name, State, Pid (a thread's tid), the memory sizes from the guest's own mappings
 * (VmPeak, VmSize, VmHWM, VmRSS, RssAnon/File/Shmem, VmData, VmStk, VmExe, VmLib), Threads and
 * the signal sets in the guest's numbering. VmHWM is the largest RSS Mimic has seen at the
 * reads of this file: a peak between two reads is not seen.
 */
final class ProcStatus {
    private ProcStatus() {}

    static String render(GuestProcess p, GuestThread thread) {
        String hostFile = thread == null ? "/proc/self/status" : "/proc/self/task/" + ProcStat.hostTid(thread) + "/status";
        String host;
        try {
            host = Files.readString(Path.of(hostFile), StandardCharsets.UTF_8);
        } catch (IOException e) {
            host = "";
        }
        MemoryUsage mem = MemoryUsage.of(p);
        long peak = Math.max(p.residentPeak, mem.resident());
        p.residentPeak = peak;
        GuestThread leader = thread != null ? thread : p.thread(p.pid());
        int pid = thread != null ? thread.tid : p.pid();
        StringBuilder out = new StringBuilder(host.length() + 64);
        for (String line : host.split("\n")) {
            int colon = line.indexOf(':');
            String key = colon < 0 ? "" : line.substring(0, colon);
            String value = switch (key) {
                case "Name" -> ProcFiles.threadName(p, thread);
                case "State" -> "R (running)"; // the guest thread reading it runs; the JVM's first thread waits
                case "Pid", "NSpid" -> Integer.toString(pid);
                case "VmPeak" -> kB(Math.max(p.memory.peakMappedBytes(), mem.size()));
                case "VmSize" -> kB(mem.size());
                case "VmHWM" -> kB(peak);
                case "VmRSS" -> kB(mem.resident());
                case "RssAnon" -> kB(mem.residentAnon());
                case "RssFile" -> kB(mem.residentFile());
                case "RssShmem" -> kB(mem.residentShared());
                case "VmData" -> kB(mem.data());
                case "VmStk" -> kB(mem.stack());
                case "VmExe" -> kB(mem.code());
                case "VmLib" -> kB(mem.libCode());
                case "Threads" -> Integer.toString(Math.max(1, p.threads().size()));
                case "SigPnd" -> hex(leader != null ? leader.signals.pending.bits() : 0);
                case "ShdPnd" -> hex(p.pending.bits());
                case "SigBlk" -> hex(leader != null ? leader.signalMask : 0);
                case "SigIgn" -> hex(SignalSets.ignored(p));
                case "SigCgt" -> hex(SignalSets.caught(p));
                default -> null;
            };
            out.append(value == null ? line : key + ":\t" + value).append('\n');
        }
        return out.toString();
    }

    private static String kB(long bytes) {
        return String.format("%8d kB", bytes >>> 10);
    }

    private static String hex(long set) {
        return String.format("%016x", set);
    }
}
