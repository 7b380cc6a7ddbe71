import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/**
 * A build step, run from source by the cli module's package phase ({@code java -cp asm.jar UpgradeBytecode.java JAR
 * PREFIX...}): rewrites the classes of JAR under the given prefixes whose class-file version is older than Java 6 as
 * Java 8 class files, with the stack map frames those need. A JVM puts no class older than version 50 into a
 * class-data-sharing archive, and picocli's classes are Java 5 ones (version 49): without this, every start of the
 * command loads, parses and verifies picocli's 170-odd classes from the jar.
 */
public final class UpgradeBytecode {
    private static final int JAVA_6 = 50;

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: UpgradeBytecode JAR PREFIX...");
        }
        Path jar = Path.of(args[0]);
        List<String> prefixes = List.of(args).subList(1, args.length);
        Path rewritten = jar.resolveSibling(jar.getFileName() + ".upgraded");
        int upgraded = 0;
        try (URLClassLoader classes =
                        new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
                ZipInputStream in = new ZipInputStream(Files.newInputStream(jar));
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(rewritten))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                byte[] bytes = in.readAllBytes();
                String name = entry.getName();
                if (name.endsWith(".class") && prefixes.stream().anyMatch(name::startsWith) && version(bytes) < JAVA_6) {
                    bytes = asJava8(bytes, classes);
                    upgraded++;
                }
                ZipEntry copy = new ZipEntry(name);
                copy.setTime(entry.getTime());
                out.putNextEntry(copy);
                out.write(bytes);
                out.closeEntry();
            }
        }
        Files.move(rewritten, jar, StandardCopyOption.REPLACE_EXISTING);
        System.out.println("UpgradeBytecode: " + upgraded + " classes of " + jar + " made Java 8 class files");
    }

    /** The major version of a class file. */
    private static int version(byte[] classFile) {
        return (classFile[6] & 0xff) << 8 | (classFile[7] & 0xff);
    }

    /** {@code classFile} as a Java 8 class file, frames computed against the classes of {@code classes}. */
    private static byte[] asJava8(byte[] classFile, ClassLoader classes) {
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
            @Override
            protected ClassLoader getClassLoader() {
                return classes;
            }
        };
        new ClassReader(classFile)
                .accept(
                        new ClassVisitor(Opcodes.ASM9, writer) {
                            @Override
                            public void visit(
                                    int version,
                                    int access,
                                    String name,
                                    String signature,
                                    String superName,
                                    String[] interfaces) {
                                super.visit(Opcodes.V1_8, access, name, signature, superName, interfaces);
                            }
                        },
                        ClassReader.SKIP_FRAMES);
        return writer.toByteArray();
    }
}
