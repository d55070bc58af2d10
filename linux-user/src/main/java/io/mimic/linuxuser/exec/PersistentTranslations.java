package io.mimic.linuxuser.exec;

import io.mimic.linuxuser.host.HostSyscalls;
import io.mimic.linuxuser.process.GuestProcess;
import io.mimic.linuxuser.process.RunningImage;
import io.mimic.translator.engine.RecordReader;
import io.mimic.translator.engine.TranslatedUnit;
import io.mimic.translator.engine.UnitBytes;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Translations kept on disk between runs, one file per program: a program's second run defines
 * the classes its first run generated instead of translating its code again (most of a short
 * run's time). The file is named after a hash of this build of the translator, the ISA and the
 * program file (path, size, modification time); it holds chunks of units in the format the code
 * cache hands translations on with (each chunk with its length and CRC-32C), each unit used only
 * where the guest's bytes still hash the same (see CodeCache), so a stale or foreign entry is
 * never run. The units an image translates are appended every few MB while it runs and when it
 * ends (exit, execve), each chunk written at the file's end under an exclusive lock on the file,
 * so that concurrent runs do not mix their chunks and each knows where its own went: beyond the
 * file's first few MB (kept in memory as read), the class bytes of units in the file are not kept
 * in the heap but read again from there when needed (UnitBytes), so the file stays open while
 * they may be. A file that does not parse is deleted
 * and rebuilt. The directory is {@code MIMIC_CODE_CACHE},
 * or {@code $XDG_CACHE_HOME/mimic/code} ({@code ~/.cache/mimic/code}); {@code MIMIC_CODE_CACHE=off}
 * turns it off, and so do {@code -d in_asm} and {@code -d exec} (they must see every unit
 * translated). Since the files hold code Mimic runs, the directory must be the user's own and
 * closed to others (0700): otherwise it is not used.
 */
public final class PersistentTranslations {
    public static final String VARIABLE = "MIMIC_CODE_CACHE";
    /** A program's file stops growing here. */
    private static final long MAX_FILE = 64L << 20;
    /** The directory is trimmed to this (see {@link #evict}). */
    private static final long MAX_DIRECTORY = 1L << 30;
    private static final int CHUNK = 256 * 1024;
    /**
     * The file's first chunks, up to this size, stay in memory once read and checked at the start
     * (UnitBytes.InChunk): the units a start needs (the C library's and the program's start-up
     * code, translated first) are defined without reading the file again. The rest stays in the
     * file (python3's holds 28 MB, mostly units a given run never reaches).
     */
    private static final long MAX_KEPT_IN_MEMORY = 4L << 20;
    private static final int GETEUID = HostSyscalls.number("geteuid");

    /** The directory, or null when off or unusable; computed at the first image. */
    private static Path directory;
    private static boolean directoryChecked;

    private PersistentTranslations() {}

    /**
     * A new image of {@code p} starts (its program is mapped): takes its program's translations,
     * whose class bytes stay in the file (see UnitBytes), and has the units it translates put
     * there as it goes, a few MB at a time.
     */
    public static void imageStarts(GuestProcess p) {
        Path file = fileFor(p);
        if (file == null) return;
        p.code.setStore(message -> put(p, message));
        FileChannel ch;
        try {
            ch = channelFor(p, false);
            if (ch == null || ch.size() > MAX_FILE) return; // the program's first run, or a file at its limit
        } catch (IOException e) {
            return; // not readable here: left as it is
        }
        try {
            ByteBuffer header = ByteBuffer.allocate(8);
            long kept = 0;
            for (long at = 0; ; ) {
                header.clear();
                if (!readFully(ch, header, at)) break; // the end (or a torn header, taken as the end)
                int n = header.getInt(0), sum = header.getInt(4);
                if (n < 4 || n > MAX_FILE) throw new IOException("malformed chunk");
                long chunkAt = at + 8;
                ByteBuffer chunk = ByteBuffer.allocate(n);
                if (!readFully(ch, chunk, chunkAt)) {
                    // Another run may be appending right now; a tail torn by a crash long ago is not that.
                    if (Files.getLastModifiedTime(file).toMillis() < System.currentTimeMillis() - 60_000) {
                        throw new IOException("torn chunk");
                    }
                    break;
                }
                at = chunkAt + n;
                byte[] bytes = chunk.array();
                if (UnitBytes.crc(bytes, 0, n) != sum) throw new IOException("damaged chunk");
                boolean keep = kept + n <= MAX_KEPT_IN_MEMORY;
                if (keep) kept += n;
                p.code.readTranslations(new RecordReader(bytes), false, true, (in, length) -> {
                    int from = in.position();
                    in.skip(length);
                    return keep ? new UnitBytes.InChunk(bytes, from, length)
                            : new UnitBytes.InFile(ch, chunkAt + from, length, UnitBytes.crc(bytes, from, length));
                });
            }
        } catch (IOException | UnsupportedOperationException e) {
            // Torn or not ours: rebuilt from this run on (what parsed is still checked before use).
            forget(file);
        }
    }

    /**
     * Files whose units' class bytes are still read from, newest last. A few, not all: a process
     * that execs program after program would otherwise keep a descriptor for each. A unit whose
     * file was closed here is translated again if it is ever reached (UnitBytes.InFile).
     */
    private static final java.util.ArrayDeque<FileChannel> KEPT_OPEN = new java.util.ArrayDeque<>();
    private static final int MAX_KEPT_OPEN = 4;

    private static synchronized void keepOpen(FileChannel ch) {
        KEPT_OPEN.addLast(ch);
        if (KEPT_OPEN.size() > MAX_KEPT_OPEN) {
            try {
                KEPT_OPEN.removeFirst().close();
            } catch (IOException ignored) {
                // every write to it was complete (put): nothing is lost
            }
        }
    }

    /** Fills {@code b} from {@code ch} at {@code at}; false if the file ends first. */
    private static boolean readFully(FileChannel ch, ByteBuffer b, long at) throws IOException {
        while (b.hasRemaining()) {
            if (ch.read(b, at + b.position()) < 0) return false;
        }
        return true;
    }

    /** The image whose program's file is open, and that file (read, and written under a lock). */
    private static GuestProcess openFor;
    private static FileChannel open;

    /** The open translation file of {@code p}'s program, made if {@code create}; null if there is none. */
    private static synchronized FileChannel channelFor(GuestProcess p, boolean create) throws IOException {
        if (p == openFor && open != null && open.isOpen()) return open;
        Path file = fileFor(p);
        if (file == null) return null;
        boolean exists = Files.exists(file, LinkOption.NOFOLLOW_LINKS);
        if (!exists && !create) return null;
        FileChannel ch;
        try {
            ch = FileChannel.open(file, Set.<java.nio.file.OpenOption>of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS), PosixFilePermissions.asFileAttribute(
                    EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE)));
        } catch (java.nio.file.AccessDeniedException e) {
            if (!exists) throw e;
            // A file made read-only is still read; nothing is added to it (put's lock fails).
            ch = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        }
        if (!exists) evict(file.getParent());
        keepOpen(ch);
        openFor = p;
        open = ch;
        return ch;
    }

    /** Deletes a damaged file; the image's next write makes a new one (units read from the old stay readable). */
    private static synchronized void forget(Path file) {
        delete(file);
        openFor = null;
        open = null;
    }

    /**
     * Appends one message (with its length and CRC-32C) to the file of {@code image}'s program;
     * where it went, or null. Under an exclusive lock on the file, so that concurrent runs of the
     * program write whole chunks one after the other, and each knows the offset of its own.
     */
    private static synchronized UnitBytes.Place put(GuestProcess image, byte[] message) {
        try {
            FileChannel ch = channelFor(image, true);
            if (ch == null) return null;
            try (java.nio.channels.FileLock ignored = ch.lock()) {
                long at = ch.size();
                if (at > MAX_FILE) return null;
                ByteBuffer b = ByteBuffer.allocate(8 + message.length).putInt(message.length)
                        .putInt(UnitBytes.crc(message, 0, message.length)).put(message).flip();
                while (b.hasRemaining()) ch.write(b, at + b.position());
                return new UnitBytes.Place(ch, at + 8);
            }
        } catch (IOException | RuntimeException e) {
            return null; // a full disk or a read-only cache: the next run translates again
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // another run's problem as much as ours
        }
    }

    /**
     * Keeps the directory bounded: files of old builds and programs no longer run go first. Run
     * when a new file is made (rare): files untouched for 30 days, then the oldest beyond 1 GiB.
     */
    private static void evict(Path dir) {
        record Entry(Path path, long size, long modified) {}
        List<Entry> entries = new java.util.ArrayList<>();
        try (var files = Files.newDirectoryStream(dir, "*.units")) {
            for (Path f : files) {
                var a = Files.readAttributes(f, java.nio.file.attribute.BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                entries.add(new Entry(f, a.size(), a.lastModifiedTime().toMillis()));
            }
        } catch (IOException e) {
            return;
        }
        long now = System.currentTimeMillis(), total = 0;
        entries.sort(java.util.Comparator.comparingLong(Entry::modified).reversed());
        for (Entry e : entries) {
            total += e.size();
            if (now - e.modified() > 30L * 24 * 3600 * 1000 || total > MAX_DIRECTORY) delete(e.path());
        }
    }

    /**
     * The running image ends (exit, execve): appends the units its file does not have yet, or, in
     * a forked child's copy of its parent's program, returns them to the parent, which appends them.
     */
    public static void imageEnds() {
        GuestProcess image = RunningImage.get();
        if (io.mimic.linuxuser.fork.TranslationReturn.returnToParent(image)) return;
        if (image == null || fileFor(image) == null) return;
        image.code.persist(CHUNK, message -> put(image, message));
    }

    /**
     * Appends translations a child of {@code image} returned (messages in the code cache's
     * hand-on format) to the file of {@code image}'s program; false if there is none or it fails.
     */
    public static boolean append(GuestProcess image, List<byte[]> messages) {
        if (fileFor(image) == null) return false;
        for (byte[] m : messages) {
            if (put(image, m) == null) return false;
        }
        return true;
    }

    /** The image whose file {@link #fileFor} named last, and that file (an image asks twice: at its start and end). */
    private static GuestProcess namedFor;
    private static Path named;

    /** The translation file of {@code p}'s program, or null if none is kept for it. */
    private static synchronized Path fileFor(GuestProcess p) {
        if (p != namedFor) {
            named = nameFileFor(p);
            namedFor = p;
        }
        return named;
    }

    private static Path nameFileFor(GuestProcess p) {
        if (p.settings != null && (p.settings.logItems().contains("in_asm") || p.settings.logItems().contains("exec"))) {
            return null;
        }
        if (System.getenv("MIMIC_MAX_BLOCK_INSNS") != null) return null;
        Path dir = directory();
        if (dir == null || p.executablePath == null) return null;
        try {
            Path exe = Path.of(p.executablePath).toRealPath();
            Map<String, Object> a = Files.readAttributes(exe, "size,lastModifiedTime");
            String key = buildId() + "\0" + p.abi.name() + "\0" + exe + "\0" + a.get("size") + "\0" + a.get("lastModifiedTime");
            return dir.resolve(nameOf(key.getBytes(StandardCharsets.UTF_8)) + ".units");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * 32 hex digits from two 64-bit hashes of {@code key}. Not cryptographic, and need not be: a
     * file found under another program's name only offers translations that are each checked
     * against the guest's bytes before use. (SHA-256 cost 17 ms of every exec in a forked child:
     * the JDK's security providers, cold.)
     */
    static String nameOf(byte[] key) {
        long a = 0xcbf29ce484222325L, b = 0x9E3779B97F4A7C15L;
        for (byte k : key) {
            a = (a ^ (k & 0xff)) * 0x100000001b3L;
            b = Long.rotateLeft(b ^ (k & 0xff), 23) * 0xBF58476D1CE4E5B9L;
        }
        HexFormat hex = HexFormat.of();
        return hex.toHexDigits(mix(a ^ key.length)) + hex.toHexDigits(mix(b));
    }

    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        return h ^ (h >>> 33);
    }

    /** This build of the translator: the generated classes call into it, so they belong to it. */
    private static String buildId() throws IOException {
        try {
            Path jar = Path.of(TranslatedUnit.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Map<String, Object> a = Files.readAttributes(jar, "size,lastModifiedTime");
            return jar + ":" + a.get("size") + ":" + a.get("lastModifiedTime");
        } catch (java.net.URISyntaxException | RuntimeException e) {
            throw new IOException("no translator jar", e);
        }
    }

    private static synchronized Path directory() {
        if (directoryChecked) return directory;
        directoryChecked = true;
        String v = System.getenv(VARIABLE);
        if (v != null && (v.equals("off") || v.equals("0") || v.equals("none"))) return null;
        Path dir;
        if (v != null && !v.isEmpty()) {
            dir = Path.of(v);
        } else {
            String xdg = System.getenv("XDG_CACHE_HOME"), home = System.getenv("HOME");
            if (xdg != null && xdg.startsWith("/")) dir = Path.of(xdg, "mimic", "code");
            else if (home != null && home.startsWith("/")) dir = Path.of(home, ".cache", "mimic", "code");
            else return null;
        }
        try {
            Set<PosixFilePermission> owner = PosixFilePermissions.fromString("rwx------");
            if (!Files.isDirectory(dir)) Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(owner));
            // Code is loaded from here: only a directory of our own that nobody else can write.
            int uid = (Integer) Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
            if (uid != HostSyscalls.call(GETEUID) || perms.contains(PosixFilePermission.GROUP_WRITE)
                    || perms.contains(PosixFilePermission.OTHERS_WRITE)) {
                return null;
            }
            directory = dir;
        } catch (IOException | RuntimeException e) {
            directory = null;
        }
        return directory;
    }
}
