package io.mimic.linuxuser.proc;

import io.mimic.linuxuser.host.HostFiles;
import io.mimic.translator.memory.AddressSpace;
import io.mimic.translator.memory.Prot;

import java.util.List;

/**
 * /proc/self/maps of the guest: its own mappings (never the JVM's), one line each in the kernel's
 * format (show_map_vma): {@code start-end perms offset major:minor inode}, then the name padded
 * to column 73: the file's path for file mappings, [heap] and [stack] for those, nothing for
 * anonymous memory. Neighbouring ranges the kernel would hold as one VMA (same permissions,
 * same backing, contiguous file offsets) are printed as one line.
 */
public final class ProcMaps {
    private static final int NAME_COLUMN = 73;

    private ProcMaps() {}

    public static String render(AddressSpace memory) {
        List<AddressSpace.Mapping> all = memory.mappings();
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < all.size()) {
            AddressSpace.Mapping first = all.get(i);
            long end = first.end();
            int j = i + 1;
            while (j < all.size() && continues(all.get(j - 1), all.get(j))) end = all.get(j++).end();
            line(sb, first, end);
            i = j;
        }
        return sb.toString();
    }

    private static boolean continues(AddressSpace.Mapping a, AddressSpace.Mapping b) {
        if (a.end() != b.start() || a.prot() != b.prot()) return false;
        AddressSpace.Backing x = a.backing(), y = b.backing();
        if (!x.name().equals(y.name()) || x.device() != y.device() || x.inode() != y.inode() || x.shared() != y.shared()) return false;
        return x.inode() == 0 && x.device() == 0 ? x.offset() == y.offset() : x.offset() + (a.end() - a.start()) == y.offset();
    }

    private static void line(StringBuilder sb, AddressSpace.Mapping m, long end) {
        int lineStart = sb.length();
        AddressSpace.Backing b = m.backing();
        hex(sb, m.start(), 8).append('-');
        hex(sb, end, 8).append(' ');
        int p = m.prot();
        sb.append((p & Prot.READ) != 0 ? 'r' : '-').append((p & Prot.WRITE) != 0 ? 'w' : '-')
                .append((p & Prot.EXEC) != 0 ? 'x' : '-').append(b.shared() ? 's' : 'p').append(' ');
        hex(sb, b.offset(), 8).append(' ');
        hex(sb, HostFiles.major(b.device()), 2).append(':');
        hex(sb, HostFiles.minor(b.device()), 2).append(' ');
        sb.append(Long.toUnsignedString(b.inode())).append(' ');
        if (!b.name().isEmpty()) {
            while (sb.length() - lineStart < NAME_COLUMN) sb.append(' ');
            sb.append(b.name());
        }
        sb.append('\n');
    }

    /** Lower-case hex, zero-padded to at least {@code width} digits (the kernel's seq_put_hex_ll). */
    private static StringBuilder hex(StringBuilder sb, long v, int width) {
        String h = Long.toHexString(v);
        for (int k = h.length(); k < width; k++) sb.append('0');
        return sb.append(h);
    }
}
