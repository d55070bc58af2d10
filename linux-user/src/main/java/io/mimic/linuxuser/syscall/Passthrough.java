package io.mimic.linuxuser.syscall;

import io.mimic.linuxuser.host.HostLibc;
import io.mimic.linuxuser.host.HostSyscalls;

/**
 * A guest call whose arguments mean the same on the host: integers pass unchanged, pointers
 * are checked against the guest's mappings and translated to host addresses. The argument
 * spec has one word per argument:
 * <ul>
 *   <li>{@code i}: integer, unchanged</li>
 *   <li>{@code s}: NUL-terminated string the kernel reads</li>
 *   <li>{@code rN} / {@code wN}: buffer the kernel reads / writes, length in argument N</li>
 *   <li>{@code R16} / {@code W16}: buffer of a fixed size (digits after the letter); null stays null</li>
 * </ul>
 * Use it only where the guest and host layouts agree; everything else gets a converting handler.
 */
public final class Passthrough implements SyscallHandler {
    private final int hostNumber;
    private final String[] spec;

    private Passthrough(String hostName, String spec) {
        this.hostNumber = HostSyscalls.number(hostName);
        this.spec = spec.isBlank() ? new String[0] : spec.trim().split("\\s+");
    }

    public static Passthrough of(String hostName, String spec) {
        return new Passthrough(hostName, spec);
    }

    @Override
    public long call(SyscallArgs a) {
        long[] h = new long[6];
        for (int i = 0; i < spec.length; i++) {
            String s = spec[i];
            char k = s.charAt(0);
            h[i] = switch (k) {
                case 'i' -> a.arg(i);
                case 's' -> a.arg(i) == 0 ? 0 : a.string(i);
                case 'r', 'w' -> a.buffer(i, a.arg(Integer.parseInt(s.substring(1))), k == 'w');
                case 'R', 'W' -> a.buffer(i, Long.parseLong(s.substring(1)), k == 'W');
                default -> throw new IllegalStateException("bad passthrough spec " + s);
            };
        }
        return HostLibc.syscall(hostNumber, h[0], h[1], h[2], h[3], h[4], h[5]);
    }
}
