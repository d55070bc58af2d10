package io.mimic.linuxuser.syscall;

import io.mimic.syscalls.linux.SyscallTable;

/** -strace lines in qemu-user's format: {@code PID name(arg,...) = result}. */
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
        for (int i = 0; i < e.args().size(); i++) {
            if (i > 0) sb.append(',');
            long v = a.arg(i);
            switch (e.args().get(i)) {
                case "str" -> {
                    String s;
                    try {
                        s = "\"" + a.readString(v) + "\"";
                    } catch (SyscallError err) {
                        s = String.format("0x%x", v);
                    }
                    sb.append(s);
                }
                case "hex", "ptr" -> sb.append(String.format("0x%x", v));
                case "oct" -> sb.append(String.format("0%o", v));
                case "uint" -> sb.append(Long.toUnsignedString(v));
                default -> sb.append((int) v == v ? Long.toString(v) : Long.toString((int) v));
            }
        }
        sb.append(')');
        return sb.toString();
    }

    static String result(long r, boolean unimplemented) {
        if (r < 0 && r >= -4095) {
            return " = -1 errno=" + (-r) + (unimplemented ? " (Function not implemented)" : "");
        }
        return " = " + (r > 0xffff ? String.format("0x%x", r) : Long.toString(r));
    }
}
