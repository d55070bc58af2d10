package io.mimic.translator.riscv;

import io.mimic.translator.engine.CodeCache;
import io.mimic.translator.engine.CpuState;
import io.mimic.translator.engine.ExecutionLoop;
import io.mimic.translator.engine.SystemInterface;
import io.mimic.translator.memory.AddressSpace;
import io.mimic.translator.memory.GuestAccess;
import io.mimic.translator.memory.Prot;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.foreign.ValueLayout;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
            cache.readTranslations(new DataInputStream(new ByteArrayInputStream(translations)), fresh);
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
        Image second = handOn(ADD_TEN, next);
        try {
            assertEquals(a0After, second.run(100));
            assertEquals(inherited, second.cache.stats().unitsInherited);
            assertEquals(translated, second.cache.stats().unitsTranslated);
        } finally {
            second.memory.clear();
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
}
