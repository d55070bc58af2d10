import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Rewrites the class files of the given jars (in place) from class-file version 49 (Java 5,
 * which the ASM jars ship as) to version 52 with stack-map frames. The JDK's AOT cache skips
 * classes older than version 50, so without this the translator's hottest library is loaded,
 * verified by the old type-inferring verifier and profiled from scratch at every start of
 * Mimic. The code itself is unchanged; only the version and the frames are new. A jar whose
 * classes are all version 50 or newer is left untouched, so running it again changes nothing.
 *
 * Run by toolchains/make-aot-cache on linux-user/target/lib/asm-*.jar:
 *   java -cp ASM-JARS toolchains/ArchivableAsm.java JAR...
 */
public final class ArchivableAsm {
    public static void main(String[] jars) throws IOException {
        for (String jar : jars) rewrite(Path.of(jar));
    }

    private static void rewrite(Path jar) throws IOException {
        Path tmp = jar.resolveSibling(jar.getFileName() + ".tmp");
        boolean changed = false;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(jar));
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(tmp))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                byte[] bytes = in.readAllBytes();
                if (e.getName().endsWith(".class") && majorVersion(bytes) < 50) {
                    bytes = withFrames(bytes);
                    changed = true;
                }
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(bytes);
                out.closeEntry();
            }
        }
        if (changed) Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        else Files.delete(tmp);
    }

    private static int majorVersion(byte[] classFile) {
        return classFile.length < 8 ? Integer.MAX_VALUE : ((classFile[6] & 0xff) << 8) | (classFile[7] & 0xff);
    }

    private static byte[] withFrames(byte[] classFile) {
        ClassReader reader = new ClassReader(classFile);
        // COMPUTE_FRAMES resolves common superclasses through this JVM's class path: the ASM
        // jars themselves, which is all these classes refer to besides the JDK's.
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
                super.visit(Opcodes.V1_8, access, name, signature, superName, interfaces);
            }
        }, ClassReader.SKIP_FRAMES);
        return writer.toByteArray();
    }
}
