package io.mimic.translator.engine;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads handed-on translations ({@link CodeCache#writeTranslations}: written through a
 * DataOutputStream, big-endian) from the array they arrived in: a translation file's chunk, a
 * forked child's message, a parent's snapshot. Every start reads hundreds to thousands of unit
 * records in HotSpot's interpreter, where a DataInputStream over a ByteArrayInputStream costs
 * several calls (and a lock) per byte: this reads them from the array directly.
 */
public final class RecordReader {
    private final byte[] bytes;
    private int pos;
    private final int end;

    public RecordReader(byte[] bytes) {
        this(bytes, 0, bytes.length);
    }

    public RecordReader(byte[] bytes, int from, int to) {
        this.bytes = bytes;
        this.pos = from;
        this.end = to;
    }

    /** The next byte's index in the array. */
    public int position() { return pos; }

    private void need(int n) throws EOFException {
        if (n < 0 || end - pos < n) throw new EOFException("translation record cut short");
    }

    public int readInt() throws IOException {
        need(4);
        byte[] b = bytes;
        int p = pos;
        pos = p + 4;
        return (b[p] & 0xFF) << 24 | (b[p + 1] & 0xFF) << 16 | (b[p + 2] & 0xFF) << 8 | (b[p + 3] & 0xFF);
    }

    public long readLong() throws IOException {
        return (long) readInt() << 32 | (readInt() & 0xFFFFFFFFL);
    }

    /** A string written by writeUTF: ASCII (ISA names) read directly, anything else as DataInputStream reads it. */
    public String readUTF() throws IOException {
        need(2);
        int length = (bytes[pos] & 0xFF) << 8 | (bytes[pos + 1] & 0xFF);
        need(2 + length);
        for (int i = pos + 2; i < pos + 2 + length; i++) {
            if (bytes[i] < 0) {
                String s = new DataInputStream(new ByteArrayInputStream(bytes, pos, 2 + length)).readUTF();
                pos += 2 + length;
                return s;
            }
        }
        String s = new String(bytes, pos + 2, length, StandardCharsets.ISO_8859_1);
        pos += 2 + length;
        return s;
    }

    /** Skips {@code n} bytes, which must be there. */
    public void skip(int n) throws IOException {
        need(n);
        pos += n;
    }

    /** The next {@code n} bytes, copied. */
    public byte[] copy(int n) throws IOException {
        need(n);
        byte[] out = java.util.Arrays.copyOfRange(bytes, pos, pos + n);
        pos += n;
        return out;
    }
}
