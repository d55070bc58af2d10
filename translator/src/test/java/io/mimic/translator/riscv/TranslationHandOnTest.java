package io.mimic.translator.riscv;

import io.mimic.translator.engine.CodeCache;
import io.mimic.translator.engine.CpuState;
import io.mimic.translator.engine.ExecutionLoop;
import io.mimic.translator.engine.RecordReader;
import io.mimic.translator.engine.SystemInterface;
import io.mimic.translator.engine.UnitBytes;
import io.mimic.translator.memory.AddressSpace;
import io.mimic.translator.memory.GuestAccess;
import io.mimic.translator.memory.Prot;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Translations handed from one code cache to another (fork, a child's return, execve): used
 * where the guest's bytes are those they were made from, translated afresh where they are not.
 */
class TranslationHandOnTest {
    static final long CODE = 0x30000;
    static final int ECALL = 0x00000073;
    /** addi a0,a0,5 ; addi a0,a0,5 ; ecall */
    static final int[] ADD_TEN = {0x00550513, 0x00550513, ECALL};
    /** addi a0,a0,7 ; addi a0,a0,5 ; ecall: the same length, one byte different. */
    static final int[] ADD_TWELVE = {0x00750513, 0x00550513, ECALL};

    static final class Stop extends RuntimeException {
        Stop() { super(null, null, false, false); }
    }

    /** One image: code at CODE, run from there to the ecall; returns a0. */
    static final class Image {
        final AddressSpace memory = new AddressSpace();
        final CodeCache cache = new CodeCache(new RiscvFrontend(), memory);
        final RiscvCpu cpu = new RiscvCpu(memory);

        Image(int[] words) {
            memory.map(CODE, AddressSpace.PAGE_SIZE, Prot.READ | Prot.EXEC, "code");
            for (int i = 0; i < words.length; i++) GuestAccess.raw().set(ValueLayout.JAVA_INT_UNALIGNED, CODE + 4L * i, words[i]);
            cpu.system = new SystemInterface() {
                @Override public void systemCall(CpuState c) { throw new Stop(); }
                @Override public void fault(CpuState c) { throw new Stop(); }
                @Override public void interrupt(CpuState c) { c.interruptPending = 0; }
            };
        }

        long run(long a0) {
            cpu.pc = CODE;
            cpu.x[10] = a0;
            try {
                new ExecutionLoop(cpu, cache).run();
            } catch (Stop stop) {
                // reached the ecall
            }
            return cpu.x[10];
        }

        byte[] export(boolean onlyFresh) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            cache.writeTranslations(out, onlyFresh);
            out.flush();
            return bytes.toByteArray();
        }

        void take(byte[] translations, boolean fresh) throws IOException {
            cache.readTranslations(translations, fresh, false);
        }
    }

    /** Runs {@code words} in a first image and hands its translations to a second with {@code next}. */
    private static Image handOn(int[] words, int[] next) throws IOException {
        Image first = new Image(words);
        first.run(0);
        byte[] translations = first.export(false);
        first.memory.clear();
        Image second = new Image(next);
        second.take(translations, false);
        return second;
    }

    /** Hands the translations of ADD_TEN to an image of {@code next} and runs it from a0 = 100. */
    private static void check(int[] next, long a0After, int inherited, int translated) throws IOException {
        expectRun(handOn(ADD_TEN, next), a0After, inherited, translated);
    }

    /** Runs {@code image} from a0 = 100 and checks a0 and how many units it took and made. */
    private static void expectRun(Image image, long a0After, int inherited, int translated) {
        try {
            assertEquals(a0After, image.run(100));
            assertEquals(inherited, image.cache.stats().unitsInherited);
            assertEquals(translated, image.cache.stats().unitsTranslated);
        } finally {
            image.memory.clear();
        }
    }

    @Test
    void theSameCodeRunsTheHandedOnTranslation() throws IOException {
        check(ADD_TEN, 110, 1, 0);
    }

    @Test
    void differentBytesAtTheSameAddressAreTranslatedAfresh() throws IOException {
        check(ADD_TWELVE, 112, 0, 1);
    }

    @Test
    void codeThatIsNoLongerExecutableIsNotHandedOn() throws IOException {
        Image first = new Image(ADD_TEN);
        first.run(0);
        first.memory.protect(CODE, AddressSpace.PAGE_SIZE, Prot.READ);
        try {
            assertEquals(4, first.export(false).length, "only the count: the unit was invalidated");
        } finally {
            first.memory.clear();
        }
    }

    @Test
    void onlyFreshTranslationsGoBackToTheParent() throws IOException {
        Image second = handOn(ADD_TEN, ADD_TEN);
        try {
            second.run(1);
            // Everything it runs came from its parent: nothing new to return.
            assertEquals(4, second.export(true).length);
            List<byte[]> messages = second.cache.translationMessages(false, 1);
            assertEquals(1, messages.size(), "a unit bigger than the limit goes alone");
        } finally {
            second.memory.clear();
        }
    }

    /** A store as a program's translation file is one: messages appended to a file kept open. */
    private static UnitBytes.Store fileStore(FileChannel file) {
        return message -> {
            try {
                long at = file.size();
                file.write(ByteBuffer.wrap(message), at);
                return new UnitBytes.Place(file, at);
            } catch (IOException e) {
                return null;
            }
        };
    }

    /** Flips one byte of {@code file} inside its last {@code fromEnd} bytes (in a unit's class bytes). */
    private static void damage(FileChannel file, long fromEnd) throws IOException {
        long at = file.size() - fromEnd;
        ByteBuffer b = ByteBuffer.allocate(1);
        file.read(b, at);
        file.write(ByteBuffer.wrap(new byte[] {(byte) ~b.get(0)}), at);
    }

    @Test
    void persistedUnitsAreReadBackFromTheirFileWhenHandedOn(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Image first = new Image(ADD_TEN);
        try (FileChannel file = FileChannel.open(dir.resolve("units"), StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            first.run(0);
            first.cache.persist(1 << 20, fileStore(file));
            assertTrue(file.size() > 4, "the unit went to the file");
            byte[] translations = first.export(false);
            assertTrue(translations.length > 4, "and is handed on from there");
            first.memory.clear();
            Image second = new Image(ADD_TEN);
            second.take(translations, false);
            assertEquals(110, second.run(100));
            assertEquals(1, second.cache.stats().unitsInherited);
            second.memory.clear();

            // Bytes that are no longer those written are not handed on.
            Image third = new Image(ADD_TEN);
            third.run(0);
            third.cache.persist(1 << 20, fileStore(file));
            damage(file, 10);
            assertEquals(4, third.export(false).length, "only the count");
            third.memory.clear();
        }
    }

    @Test
    void unitsLeftInAFileThatChangedAreTranslatedAgain(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Image first = new Image(ADD_TEN);
        first.run(0);
        byte[] translations = first.export(false);
        first.memory.clear();
        Path path = dir.resolve("units");
        Files.write(path, translations);
        try (FileChannel file = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            for (boolean damaged : new boolean[] {false, true}) {
                if (damaged) damage(file, 10);
                Image next = new Image(ADD_TEN);
                // As PersistentTranslations reads a file: the class bytes stay where they are.
                next.cache.readTranslations(new RecordReader(translations), false, true, (in, length) -> {
                    int offset = in.position();
                    UnitBytes bytes = new UnitBytes.InFile(file, offset, length,
                            UnitBytes.crc(translations, offset, length));
                    in.skip(length);
                    return bytes;
                });
                try {
                    assertEquals(110, next.run(100));
                    assertEquals(damaged ? 0 : 1, next.cache.stats().unitsInherited);
                    assertEquals(damaged ? 1 : 0, next.cache.stats().unitsTranslated);
                } finally {
                    next.memory.clear();
                }
            }
        }
    }

    /** Bytes from CODE to the far part of {@link #farImage}: more than a handed-on unit could span once. */
    static final long FAR = 20 * 1024;

    /**
     * addi a0,a0,5 ; j CODE+FAR ; (FAR bytes later) {@code farWord} ; ecall: one unit whose
     * instructions lie far apart, with {@code gapWord} written in the bytes between them.
     */
    private static Image farImage(int farWord, int gapWord) {
        Image image = new Image(new int[] {0x00550513, 0x7fd0406f, gapWord});
        image.memory.map(CODE + AddressSpace.PAGE_SIZE, FAR, Prot.READ | Prot.EXEC, "code");
        GuestAccess.raw().set(ValueLayout.JAVA_INT_UNALIGNED, CODE + FAR, farWord);
        GuestAccess.raw().set(ValueLayout.JAVA_INT_UNALIGNED, CODE + FAR + 4, ECALL);
        return image;
    }

    @Test
    void aUnitWhoseInstructionsLieFarApartIsHandedOnAndCheckedByTheirBytesAlone() throws IOException {
        Image first = farImage(0x00750513, 0); // ... addi a0,a0,7
        assertEquals(12, first.run(0));
        assertEquals(1, first.cache.stats().unitsTranslated, "one unit, from the entry across the jump");
        byte[] translations = first.export(false);
        first.memory.clear();
        // Other bytes between its instructions: still the same translation.
        Image second = farImage(0x00750513, 0x00150513);
        second.take(translations, false);
        expectRun(second, 112, 1, 0);
        // One of its own instructions changed: translated afresh.
        Image third = farImage(0x00950513, 0); // ... addi a0,a0,9
        third.take(translations, false);
        expectRun(third, 114, 0, 1);
    }
}
