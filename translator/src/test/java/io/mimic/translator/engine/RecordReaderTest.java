package io.mimic.translator.engine;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** RecordReader reads back what DataOutputStream wrote, and a record cut short is an EOFException. */
class RecordReaderTest {
    private static byte[] written() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeUTF("riscv64");
        out.writeInt(-2);
        out.writeLong(0x8000_0000_1234_5678L);
        out.writeLong(-1L);
        out.writeUTF("h\u00e9\u20ac\0");  // not ASCII: modified UTF-8
        out.writeInt(3);
        out.write(new byte[] {7, 8, 9});
        out.writeInt(0x7fffffff);
        return bytes.toByteArray();
    }

    @Test
    void readsWhatDataOutputStreamWrote() throws IOException {
        RecordReader in = new RecordReader(written());
        assertEquals("riscv64", in.readUTF());
        assertEquals(-2, in.readInt());
        assertEquals(0x8000_0000_1234_5678L, in.readLong());
        assertEquals(-1L, in.readLong());
        assertEquals("h\u00e9\u20ac\0", in.readUTF());
        int n = in.readInt();
        int at = in.position();
        assertArrayEquals(new byte[] {7, 8, 9}, in.copy(n));
        assertEquals(at + 3, in.position());
        assertEquals(0x7fffffff, in.readInt());
        assertThrows(EOFException.class, in::readInt);
    }

    @Test
    void aRecordCutShortIsAnEofNotAnotherRecordsBytes() throws IOException {
        byte[] all = written();
        RecordReader in = new RecordReader(all, 0, 12);
        assertEquals("riscv64", in.readUTF());
        assertThrows(EOFException.class, in::readLong);
        assertThrows(EOFException.class, () -> new RecordReader(all, 0, 5).readUTF());
        assertThrows(EOFException.class, () -> new RecordReader(all, 0, all.length).skip(all.length + 1));
    }
}
