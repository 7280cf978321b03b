package io.netanal.build;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/**
 * A build step (run by {@code mvn package} on the shaded jar, never shipped): rewrites the Java 5 class files of
 * the given packages as Java 8 class files with stack map frames, the same bytecode otherwise.
 *
 * <p>Why: picocli is compiled for Java 5, and the JVM's class-data-sharing archive cannot hold class files older
 * than Java 6, so every run parsed and verified (with the old, slower verifier) its 170 classes from the jar again:
 * about 60 ms of CPU per command, a third of a small command's whole run. Stack map frames let the archive hold
 * them. Fails the build if a class cannot be rewritten, so that the jar never ships half done.
 *
 * <p>Usage: {@code StackMapFrames JAR PREFIX...}, e.g. {@code target/netanal.jar picocli/}; the jar is replaced.
 */
public final class StackMapFrames {
  private static final int JAVA_6 = 50;

  private StackMapFrames() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      throw new IllegalArgumentException("usage: StackMapFrames JAR PREFIX... (got " + args.length + " arguments)");
    }
    Path jar = Path.of(args[0]);
    Path rewritten = jar.resolveSibling(jar.getFileName() + ".frames.tmp");
    int count = 0;
    try (ZipFile in = new ZipFile(jar.toFile());
        URLClassLoader classes = new URLClassLoader(new URL[] {jar.toUri().toURL()},
            ClassLoader.getPlatformClassLoader());
        OutputStream file = Files.newOutputStream(rewritten);
        ZipOutputStream out = new ZipOutputStream(file)) {
      for (Enumeration<? extends ZipEntry> entries = in.entries(); entries.hasMoreElements(); ) {
        ZipEntry entry = entries.nextElement();
        byte[] bytes;
        try (InputStream content = in.getInputStream(entry)) {
          bytes = content.readAllBytes();
        }
        if (isOldClass(entry.getName(), bytes, args)) {
          bytes = withFrames(bytes, classes);
          count++;
        }
        ZipEntry copy = new ZipEntry(entry.getName());
        copy.setTime(entry.getTime());
        out.putNextEntry(copy);
        out.write(bytes);
        out.closeEntry();
      }
    }
    Files.move(rewritten, jar, StandardCopyOption.REPLACE_EXISTING);
    System.out.println("StackMapFrames: " + count + " class files under "
        + String.join(", ", Arrays.asList(args).subList(1, args.length)) + " rewritten as Java 8 in " + jar);
  }

  /** A class file under one of the prefixes older than Java 6 (major version below 50). */
  private static boolean isOldClass(String name, byte[] bytes, String[] args) {
    if (!name.endsWith(".class") || bytes.length < 8 || readInt(bytes, 0) != 0xcafebabe) {
      return false;
    }
    boolean wanted = false;
    for (int i = 1; i < args.length; i++) {
      wanted |= name.startsWith(args[i]);
    }
    int major = readInt(bytes, 4) & 0xffff;
    return wanted && major < JAVA_6;
  }

  private static int readInt(byte[] bytes, int offset) {
    return (bytes[offset] & 0xff) << 24 | (bytes[offset + 1] & 0xff) << 16 | (bytes[offset + 2] & 0xff) << 8
        | (bytes[offset + 3] & 0xff);
  }

  /**
   * The class re-emitted as version 52 with frames computed by ASM; {@code classes} (the jar itself) answers
   * ASM's questions about common superclasses.
   */
  private static byte[] withFrames(byte[] bytes, ClassLoader classes) {
    ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
      @Override
      protected ClassLoader getClassLoader() {
        return classes;
      }
    };
    new ClassReader(bytes).accept(new ClassVisitor(Opcodes.ASM9, writer) {
      @Override
      public void visit(int version, int access, String name, String signature, String superName,
          String[] interfaces) {
        super.visit(Opcodes.V1_8, access, name, signature, superName, interfaces);
      }
    }, ClassReader.SKIP_FRAMES);
    return writer.toByteArray();
  }
}
