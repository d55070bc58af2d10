package io.mimic.translator.engine;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * The bytes of a unit's hidden class, kept after it is defined so that it can be handed on
 * (InheritedUnit): held in memory, or left where they lie in a translation file and read again
 * only when needed. A program's second run finds thousands of units in its file (python3: 14,000,
 * 28 MB) and reaches only some of them; reading them all into the heap made it the largest item
 * of Mimic's resident memory after the JIT's own.
 */
public sealed interface UnitBytes {
    int length();

    /** The bytes; for a file, read again (an IOException when the file can no longer be read). */
    byte[] bytes() throws IOException;

    /** Bytes held in memory. */
    record Held(byte[] array) implements UnitBytes {
        @Override public int length() { return array.length; }
        @Override public byte[] bytes() { return array; }
    }

    /**
     * Bytes at {@code offset} of a file kept open, with their CRC-32C. Translation files only
     * grow, by whole chunks, so what was checked there once is still there; a file closed since
     * (see linux-user's PersistentTranslations), cut short or changed answers an IOException
     * instead, and the unit is translated again: with the bytecode verifier off, no class is
     * defined from bytes that are not the ones written.
     */
    record InFile(FileChannel file, long offset, int length, int crc) implements UnitBytes {
        @Override
        public byte[] bytes() throws IOException {
            byte[] b = new byte[length];
            readInto(b);
            return b;
        }

        /** Reads the bytes into the start of {@code into} (at least {@link #length} long), checked. */
        public void readInto(byte[] into) throws IOException {
            ByteBuffer b = ByteBuffer.wrap(into, 0, length);
            while (b.hasRemaining()) {
                if (file.read(b, offset + b.position()) < 0) throw new EOFException("translation file shrank");
            }
            if (UnitBytes.crc(into, 0, length) != crc) throw new IOException("translation file changed");
        }
    }

    /**
     * Bytes inside a chunk of a translation file that was read whole and checked (CRC-32C) when
     * the program started, and kept (the first few MB of the file: linux-user's
     * PersistentTranslations): defining the unit then reads no file and checks nothing again,
     * which at a start in HotSpot's interpreter cost 25 us a unit (hello: 215 units, 5-6 ms).
     */
    record InChunk(byte[] chunk, int offset, int length) implements UnitBytes {
        @Override
        public byte[] bytes() {
            return java.util.Arrays.copyOfRange(chunk, offset, offset + length);
        }
    }

    static int crc(byte[] b, int from, int length) {
        java.util.zip.CRC32C c = new java.util.zip.CRC32C();
        c.update(b, from, length);
        return (int) c.getValue();
    }

    /** Where a message of translations was put in a file kept open: its first byte's offset. */
    record Place(FileChannel file, long offset) {}

    /**
     * Keeps messages of translations (CodeCache's hand-on format) for good, in the program's
     * translation file: where one was put, or null if it was not (a full disk, a file at its limit).
     */
    @FunctionalInterface
    interface Store {
        Place put(byte[] message);
    }

    /** How a reader of handed-on translations takes the next {@code length} class bytes of {@code in}. */
    @FunctionalInterface
    public interface Source {
        UnitBytes take(RecordReader in, int length) throws IOException;

        /** Copies them: for arrays that are not kept (a socket's block, a child's message). */
        Source READ = (in, length) -> new Held(in.copy(length));
    }
}
