package io.mimic.linuxuser.fork;

import io.mimic.linuxuser.host.UnixSockets;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A block of unknown length sent over a socket in chunks: each chunk a length (4 bytes,
 * big-endian) and its bytes, a zero length last. The parent's translations go to a forked child
 * this way: built whole first, they were arrays of 2-4 MB per fork, larger than the young
 * generation's survivor space, so whenever a collection fell during a fork they were promoted,
 * and a shell that forks 200 times grew its old generation by 2 MB per collection to 300 MB
 * resident (about every other run of busybox sh with 200 forks: 404 MB of peak RSS against 98).
 */
final class ChunkedBlock {
    static final int CHUNK = 64 * 1024;

    private ChunkedBlock() {}

    /** Writes to {@code sock} as chunks of up to {@link #CHUNK} bytes; {@link #close} ends the block. */
    static OutputStream writer(int sock) {
        return new OutputStream() {
            private final byte[] buffer = new byte[4 + CHUNK];
            private int used = 4;

            @Override public void write(int b) throws IOException {
                if (used == buffer.length) sendChunk();
                buffer[used++] = (byte) b;
            }

            @Override public void write(byte[] b, int off, int len) throws IOException {
                while (len > 0) {
                    if (used == buffer.length) sendChunk();
                    int n = Math.min(len, buffer.length - used);
                    System.arraycopy(b, off, buffer, used, n);
                    used += n;
                    off += n;
                    len -= n;
                }
            }

            /** Sends what is buffered as one chunk, then the end of the block; the socket stays open. */
            @Override public void close() throws IOException {
                if (used > 4) sendChunk();
                sendChunk(); // the zero length that ends the block
            }

            private void sendChunk() throws IOException {
                putLength(buffer, used - 4);
                UnixSockets.writeBytes(sock, buffer, 0, used);
                used = 4;
            }
        };
    }

    /** Writes {@code n} as the 4-byte big-endian length that begins a block or chunk. */
    static void putLength(byte[] header, int n) {
        header[0] = (byte) (n >>> 24);
        header[1] = (byte) (n >>> 16);
        header[2] = (byte) (n >>> 8);
        header[3] = (byte) n;
    }

    /** Reads the 4-byte big-endian length that begins a block or chunk. */
    static int readLength(int sock) throws IOException {
        byte[] h = UnixSockets.readBytes(sock, 4);
        return ((h[0] & 0xff) << 24) | ((h[1] & 0xff) << 16) | ((h[2] & 0xff) << 8) | (h[3] & 0xff);
    }

    /** Reads a whole block that {@link #writer} sent. */
    static byte[] read(int sock) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream(CHUNK);
        while (true) {
            int n = readLength(sock);
            if (n == 0) return all.toByteArray();
            if (n < 0 || n > CHUNK) throw new IOException("malformed chunk of " + n + " bytes");
            all.writeBytes(UnixSockets.readBytes(sock, n));
        }
    }
}
