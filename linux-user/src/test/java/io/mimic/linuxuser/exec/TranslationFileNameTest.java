package io.mimic.linuxuser.exec;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A program's translation file is named by 32 hex digits that follow its key and only its key. */
class TranslationFileNameTest {
    private static String name(String key) {
        return PersistentTranslations.nameOf(key.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theSameKeyNamesTheSameFile() {
        assertEquals(name("build\0riscv64\0/bin/true\0100\0t"), name("build\0riscv64\0/bin/true\0100\0t"));
        assertTrue(name("x").matches("[0-9a-f]{32}"), name("x"));
    }

    @Test
    void keysThatDifferAnywhereNameDifferentFiles() {
        String base = name("build\0riscv64\0/bin/true\0100\0t");
        assertNotEquals(base, name("build\0aarch64\0/bin/true\0100\0t"));
        assertNotEquals(base, name("build\0riscv64\0/bin/true\0101\0t"));
        assertNotEquals(base, name("build\0riscv64\0/bin/true\0100\0u"));
        assertNotEquals(name(""), name("\0"));
        assertNotEquals(name("ab"), name("ba"));
    }
}
