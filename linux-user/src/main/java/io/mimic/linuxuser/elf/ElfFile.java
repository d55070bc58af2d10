package io.mimic.linuxuser.elf;

import java.io.EOFException;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A parsed and validated ELF64 executable: header and program headers. Only those are read; the
 * segments' bytes go from the file straight into guest memory when the image is loaded
 * ({@link #copy}), not through the heap (python3.11 is a 6.6 MB file, which stayed live there).
 */
public final class ElfFile {
    public static final int ET_EXEC = 2, ET_DYN = 3;
    public static final int PT_LOAD = 1, PT_INTERP = 3, PT_PHDR = 6, PT_GNU_STACK = 0x6474e551;
    public static final int PF_X = 1, PF_W = 2, PF_R = 4;

    public final Path path;
    /** What the file is read through (the path, or /proc/self/fd/N for a program handed over as an fd). */
    private final Path source;
    /** The file's size when it was read: every segment lies within it. */
    private final long size;
    public final ByteOrder order;
    public final int type, machine, flags;
    public final long entry, phoff;
    public final int phentsize, phnum;
    public final List<Segment> segments;
    /** PT_INTERP contents, or null for a static executable. */
    public final String interpreter;

    public record Segment(int type, int flags, long offset, long vaddr, long filesz, long memsz, long align) {}

    /** The first bytes of a file (at most {@link #HEAD}, more if its program headers lie further). */
    private static final int HEAD = 64 * 1024;

    private ElfFile(Path path, Path source, FileChannel file) throws ElfException, IOException {
        this.path = path;
        this.source = source;
        this.size = file.size();
        byte[] bytes = readAt(file, 0, (int) Math.min(size, HEAD));
        String name = path.toString();
        if (bytes.length < 4 || bytes[0] != 0x7f || bytes[1] != 'E' || bytes[2] != 'L' || bytes[3] != 'F') {
            throw new ElfException(name + ": not an ELF executable", 126);
        }
        if (bytes.length < 64) throw new ElfException(name + ": truncated ELF header", 126);
        if (bytes[4] != 2) throw new ElfException(name + ": 32-bit ELF files are not supported yet", 126);
        order = switch (bytes[5]) {
            case 1 -> ByteOrder.LITTLE_ENDIAN;
            case 2 -> ByteOrder.BIG_ENDIAN;
            default -> throw new ElfException(name + ": malformed ELF header (bad data encoding)", 126);
        };
        ByteBuffer b = ByteBuffer.wrap(bytes).order(order);
        type = b.getShort(16) & 0xffff;
        machine = b.getShort(18) & 0xffff;
        entry = b.getLong(24);
        phoff = b.getLong(32);
        flags = b.getInt(48);
        phentsize = b.getShort(54) & 0xffff;
        phnum = b.getShort(56) & 0xffff;
        if (type != ET_EXEC && type != ET_DYN) {
            throw new ElfException(name + ": not an executable ELF file (type " + type + ")", 126);
        }
        if (phentsize != 56 || phnum == 0 || phoff < 0 || phoff + (long) phnum * phentsize > size) {
            throw new ElfException(name + ": truncated or malformed program headers", 126);
        }
        if (phoff + (long) phnum * phentsize > bytes.length) {
            bytes = readAt(file, 0, (int) (phoff + (long) phnum * phentsize));
            b = ByteBuffer.wrap(bytes).order(order);
        }
        List<Segment> segs = new ArrayList<>();
        String interp = null;
        for (int i = 0; i < phnum; i++) {
            int o = (int) (phoff + (long) i * phentsize);
            Segment s = new Segment(b.getInt(o), b.getInt(o + 4), b.getLong(o + 8), b.getLong(o + 16),
                    b.getLong(o + 32), b.getLong(o + 40), b.getLong(o + 48));
            if (s.type() == PT_LOAD) {
                // a segment with no file bytes (a .bss-only one) may have any offset, as for the kernel
                if (s.filesz() < 0 || s.filesz() > 0 && (s.offset() < 0 || s.offset() + s.filesz() > size)) {
                    throw new ElfException(name + ": truncated ELF file (segment " + i + " extends past the end)", 126);
                }
                if (s.memsz() < s.filesz() || s.vaddr() < 0) {
                    throw new ElfException(name + ": malformed ELF segment " + i, 126);
                }
            }
            if (s.type() == PT_INTERP) {
                if (s.offset() < 0 || s.offset() + s.filesz() > size || s.filesz() < 1) {
                    throw new ElfException(name + ": truncated ELF file (interpreter path)", 126);
                }
                if (s.filesz() > 4096) throw new ElfException(name + ": malformed ELF file (interpreter path too long)", 126);
                byte[] text = readAt(file, s.offset(), (int) s.filesz() - 1);
                interp = new String(text, java.nio.charset.StandardCharsets.UTF_8);
            }
            segs.add(s);
        }
        if (segs.stream().noneMatch(s -> s.type() == PT_LOAD)) {
            throw new ElfException(name + ": ELF file has nothing to load", 126);
        }
        segments = List.copyOf(segs);
        interpreter = interp;
    }

    /** Reads and validates {@code path}; errors carry the message and exit status a shell would give. */
    public static ElfFile read(Path path) throws ElfException {
        return read(path, path);
    }

    /**
     * Reads the ELF file through {@code source} (e.g. /proc/self/fd/N for a program handed over
     * as an open fd) while naming it {@code path}.
     */
    public static ElfFile read(Path source, Path path) throws ElfException {
        String name = path.toString();
        if (!Files.exists(source)) throw new ElfException(name + ": No such file or directory", 127);
        if (Files.isDirectory(source)) throw new ElfException(name + ": Is a directory", 126);
        try (FileChannel file = FileChannel.open(source, StandardOpenOption.READ)) {
            return new ElfFile(path, source, file);
        } catch (NoSuchFileException e) {
            throw new ElfException(name + ": No such file or directory", 127);
        } catch (AccessDeniedException e) {
            throw new ElfException(name + ": Permission denied", 126);
        } catch (IOException e) {
            throw new ElfException(name + ": cannot read: " + e.getMessage(), 126);
        }
    }

    /** {@code length} bytes of {@code file} at {@code offset}; an EOFException if it is shorter. */
    private static byte[] readAt(FileChannel file, long offset, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length);
        fill(file, offset, b);
        return b.array();
    }

    /** Fills {@code b} from {@code file} at {@code offset}; an EOFException if the file is shorter. */
    private static void fill(FileChannel file, long offset, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            if (file.read(b, offset + b.position()) < 0) throw new EOFException();
        }
    }

    /**
     * Copies {@code length} bytes of the file at {@code offset} (a segment's, checked against the
     * file's size) to {@code into} at {@code at}, read straight into it.
     */
    void copy(long offset, long length, MemorySegment into, long at) throws ElfException {
        try (FileChannel file = FileChannel.open(source, StandardOpenOption.READ)) {
            for (long done = 0; done < length; ) {
                long n = Math.min(length - done, 1L << 26);
                fill(file, offset + done, into.asSlice(at + done, n).asByteBuffer());
                done += n;
            }
        } catch (EOFException e) {
            throw new ElfException(path + ": truncated ELF file (it shrank while loading)", 126);
        } catch (IOException e) {
            throw new ElfException(path + ": cannot read: " + e.getMessage(), 126);
        }
    }
}
