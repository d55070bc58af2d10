package io.mimic.linuxuser.syscall;

import io.mimic.linuxuser.process.FdTable;
import io.mimic.syscalls.linux.Errno;
import io.mimic.syscalls.linux.FlagTable;
import io.mimic.syscalls.linux.LinuxArch;
import io.mimic.syscalls.linux.SyscallTable;

/**
 * -strace lines in qemu-user's format: {@code PID name(arg,...) = result}, failures as
 * {@code = -1 errno=N (message)}, numbers the ABI's table does not know as
 * {@code PID Unknown syscall N}. Each argument prints by the kind the syscall table gives it
 * (strings quoted, pointers hex, flags by name in the guest ABI's values).
 */
final class Strace {
    private Strace() {}

    static String call(int pid, long nr, SyscallTable.Entry e, SyscallArgs a) {
        StringBuilder sb = new StringBuilder();
        sb.append(pid).append(' ');
        if (e == null) {
            sb.append("Unknown syscall ").append(nr);
            return sb.toString();
        }
        sb.append(e.name()).append('(');
        LinuxArch arch = a.arch();
        for (int i = 0; i < e.args().size(); i++) {
            if (i > 0) sb.append(',');
            arg(sb, e.args().get(i), a.arg(i), a, arch);
        }
        sb.append(')');
        return sb.toString();
    }

    static void arg(StringBuilder sb, String kind, long v, SyscallArgs a, LinuxArch arch) {
        int iv = (int) v;
        switch (kind) {
            case "str", "path" -> {
                if (v == 0) {
                    sb.append("NULL");
                    break;
                }
                try {
                    quote(sb, a.readString(v));
                } catch (SyscallError err) {
                    sb.append(String.format("0x%x", v));
                }
            }
            case "ptr" -> sb.append(v == 0 ? "NULL" : String.format("0x%016x", v));
            case "buf", "hex" -> sb.append(String.format("0x%x", v));
            case "oct" -> sb.append('0').append(Integer.toOctalString(iv));
            case "uint" -> sb.append(Integer.toUnsignedString(iv));
            case "size" -> sb.append(Long.toUnsignedString(v));
            case "long" -> sb.append(v);
            case "atfd" -> sb.append(iv == FdTable.AT_FDCWD ? "AT_FDCWD" : Integer.toString(iv));
            case "oflags" -> {
                FlagTable t = arch.openFlags();
                int acc = iv & 3;
                sb.append(acc == 0 ? "O_RDONLY" : acc == 1 ? "O_WRONLY" : acc == 2 ? "O_RDWR" : "O_ACCMODE");
                long rest = iv & ~3L & 0xffffffffL;
                for (String[] f : OPEN_FLAG_ORDER) {
                    long bit = t.value(f[0], 0);
                    if (bit != 0 && (rest & bit) == bit) {
                        sb.append('|').append(f[1]);
                        rest &= ~bit;
                    }
                }
                if (rest != 0) sb.append(String.format("|0x%x", rest));
            }
            case "atflags" -> flags(sb, arch.flags("at"), iv & 0xffffffffL);
            case "prot" -> sb.append(iv == 0 ? "PROT_NONE" : arch.flags("mmap_prot").describe(iv & 0xffffffffL));
            case "mapflags" -> {
                FlagTable t = arch.flags("mmap_flags");
                int type = iv & 0xf;
                String ts = t.symbol(type);
                sb.append(ts != null ? ts : String.format("0x%x", type));
                String rest = describeWithout(t, iv & ~0xfL & 0xffffffffL, "MAP_SHARED", "MAP_PRIVATE", "MAP_SHARED_VALIDATE");
                if (!rest.isEmpty()) sb.append('|').append(rest);
            }
            case "fcntlcmd" -> named(sb, arch.flags("fcntl"), iv);
            case "sig" -> named(sb, arch.signals(), iv);
            case "whence" -> sb.append(switch (iv) {
                case 0 -> "SEEK_SET";
                case 1 -> "SEEK_CUR";
                case 2 -> "SEEK_END";
                case 3 -> "SEEK_DATA";
                case 4 -> "SEEK_HOLE";
                default -> Integer.toString(iv);
            });
            case "access" -> {
                if (iv == 0) sb.append("F_OK");
                else {
                    StringBuilder f = new StringBuilder();
                    if ((iv & 4) != 0) f.append("R_OK");
                    if ((iv & 2) != 0) f.append(f.isEmpty() ? "" : "|").append("W_OK");
                    if ((iv & 1) != 0) f.append(f.isEmpty() ? "" : "|").append("X_OK");
                    if ((iv & ~7) != 0) f.append(f.isEmpty() ? "" : "|").append(String.format("0x%x", iv & ~7));
                    sb.append(f);
                }
            }
            case "sighow" -> sb.append(switch (iv) {
                case 0 -> "SIG_BLOCK";
                case 1 -> "SIG_UNBLOCK";
                case 2 -> "SIG_SETMASK";
                default -> Integer.toString(iv);
            });
            case "clockid" -> sb.append(switch (iv) {
                case 0 -> "CLOCK_REALTIME";
                case 1 -> "CLOCK_MONOTONIC";
                case 2 -> "CLOCK_PROCESS_CPUTIME_ID";
                case 3 -> "CLOCK_THREAD_CPUTIME_ID";
                case 4 -> "CLOCK_MONOTONIC_RAW";
                case 5 -> "CLOCK_REALTIME_COARSE";
                case 6 -> "CLOCK_MONOTONIC_COARSE";
                case 7 -> "CLOCK_BOOTTIME";
                case 8 -> "CLOCK_REALTIME_ALARM";
                case 9 -> "CLOCK_BOOTTIME_ALARM";
                case 11 -> "CLOCK_TAI";
                default -> Integer.toString(iv);
            });
            case "ioctlreq" -> {
                String n = FdSyscalls.ioctlName(iv);
                sb.append(n != null ? n : String.format("0x%x", iv));
            }
            default -> sb.append(iv); // int, fd
        }
    }

    /** Open flags in qemu-user's order and spelling (the ABI's table gives the values). */
    private static final String[][] OPEN_FLAG_ORDER = {
            {"O_APPEND", "O_APPEND"}, {"FASYNC", "O_ASYNC"}, {"O_CREAT", "O_CREAT"}, {"O_DIRECT", "O_DIRECT"},
            {"O_DIRECTORY", "O_DIRECTORY"}, {"O_EXCL", "O_EXCL"}, {"O_LARGEFILE", "O_LARGEFILE"}, {"O_NOCTTY", "O_NOCTTY"},
            {"O_NOFOLLOW", "O_NOFOLLOW"}, {"O_NONBLOCK", "O_NONBLOCK"}, {"O_DSYNC", "O_DSYNC"}, {"__O_SYNC", "O_SYNC"},
            {"O_NOATIME", "O_NOATIME"}, {"O_CLOEXEC", "O_CLOEXEC"}, {"O_PATH", "O_PATH"}, {"__O_TMPFILE", "O_TMPFILE"}};

    private static void named(StringBuilder sb, FlagTable t, int v) {
        String n = t.symbol(v);
        sb.append(n != null ? n : Integer.toString(v));
    }

    private static void flags(StringBuilder sb, FlagTable t, long v) {
        sb.append(v == 0 ? "0" : t.describe(v));
    }

    private static String describeWithout(FlagTable t, long v, String... skip) {
        java.util.Map<String, Long> m = new java.util.LinkedHashMap<>(t.values());
        for (String s : skip) m.remove(s);
        return new FlagTable(t.name(), m).describe(v);
    }

    private static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) sb.append(String.format("\\%03o", (int) c));
                    else sb.append(c);
                }
            }
        }
        sb.append('"');
    }

    static String result(long r, SyscallTable.Entry e) {
        if (r < 0 && r >= -4095) {
            int errno = (int) -r;
            return " = -1 errno=" + errno + " (" + Errno.message(errno) + ")";
        }
        if (e != null && "ptr".equals(e.result())) return String.format(" = 0x%016x", r);
        return " = " + r;
    }
}
