package io.mimic.linuxuser.fork;

import io.mimic.linuxuser.host.HostFds;
import io.mimic.linuxuser.host.UnixSockets;
import org.junit.jupiter.api.Test;

import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A block sent in chunks arrives whole, whatever its length against the chunk size. */
class ChunkedBlockTest {
    private static byte[] roundTrip(byte[] data) throws Exception {
        int[] pair = UnixSockets.pair();
        try {
            // Written on another thread: a block larger than the socket's buffer blocks the writer
            // until the reader has taken some of it.
            CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> {
                try (DataOutputStream out = new DataOutputStream(ChunkedBlock.writer(pair[0]))) {
                    out.write(data, 0, data.length / 3);
                    for (int i = data.length / 3; i < data.length / 2; i++) out.write(data[i]);
                    out.write(data, data.length / 2, data.length - data.length / 2);
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            byte[] got = ChunkedBlock.read(pair[1]);
            sent.get();
            return got;
        } finally {
            HostFds.close(pair[0]);
            HostFds.close(pair[1]);
        }
    }

    @Test
    void blocksOfEveryLengthAroundTheChunkSizeArriveWhole() throws Exception {
        Random r = new Random(7);
        for (int length : new int[] {0, 1, ChunkedBlock.CHUNK - 1, ChunkedBlock.CHUNK, ChunkedBlock.CHUNK + 1,
                5 * ChunkedBlock.CHUNK + 123}) {
            byte[] data = new byte[length];
            r.nextBytes(data);
            byte[] got = roundTrip(data);
            assertEquals(length, got.length);
            assertArrayEquals(data, got);
        }
    }
}
