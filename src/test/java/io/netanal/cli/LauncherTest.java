package io.netanal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.netanal.testing.TestData;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The single binary's launcher ({@code src/main/sh/netanal-launcher.sh}) run for real, in front of a small jar
 * whose main class is {@link LauncherProbe}: its class-data-sharing archive is made once, by the first file
 * command, used after, and never changes a run's output or exit code, whether or not it can be made.
 */
class LauncherTest {
  private static final Path LAUNCHER = Paths.get("src/main/sh/netanal-launcher.sh");
  private static final String SHARED = "source: shared objects file (top)";
  /** The launcher runs the Java these tests run on. */
  private static final Path JAVA_HOME = Paths.get(System.getProperty("java.home"));

  @TempDir Path dir;
  private Path binary;
  private Path cache;
  private Path capture;

  @BeforeEach
  void setUp() throws IOException {
    TestData.require(Files.isRegularFile(LAUNCHER), "src/main/sh/netanal-launcher.sh not found (run from the project)");
    TestData.require(Files.isRegularFile(JAVA_HOME.resolve("lib/server/classes.jsa")),
        "the Java runtime has no CDS archive of its own (lib/server/classes.jsa), which the launcher's extends");
    binary = dir.resolve("bin/netanal");
    Files.createDirectories(binary.getParent());
    writeBinary(binary);
    cache = dir.resolve("cache");
    capture = Files.write(dir.resolve("x.pcap"), new byte[] {1, 2, 3}); // any existing file: the launcher never reads it
  }

  @Test
  void shouldMakeArchiveOnFirstFileCommandAndLoadClassesFromItAfter() throws Exception {
    Run first = run(Map.of(), "analyze", capture.toString());
    Run second = run(Map.of("NETANAL_JAVA_OPTS", "-Xlog:class+load=info:stdout"), "analyze", capture.toString());

    assertThat(first.exit).isZero();
    assertThat(first.out).isEqualTo("probe analyze " + capture + "\nprobe trains the archive\n");
    assertThat(first.err).isEmpty();
    assertThat(archives()).hasSize(1);
    assertThat(second.exit).isZero();
    assertThat(second.out).contains("io.netanal.cli.LauncherProbe " + SHARED).doesNotContain("trains");
    assertThat(second.err).isEmpty();
    assertThat(archives()).hasSize(1);
  }

  @Test
  void shouldUseArchiveForEveryCommandButMakeItOnlyForFileCommands() throws Exception {
    Run version = run(Map.of(), "--version");
    assertThat(version.exit).isZero();
    assertThat(version.out).isEqualTo("probe --version\n");
    assertThat(archives()).isEmpty(); // not a file command: its few classes would make a poor archive

    run(Map.of(), "flows", capture.toString());
    Run after = run(Map.of("NETANAL_JAVA_OPTS", "-Xlog:class+load=info:stdout"), "capture", "-i", "lo");
    assertThat(after.out).contains("io.netanal.cli.LauncherProbe " + SHARED);
  }

  @Test
  void shouldKeepExitCodeOfFirstRunAndDropArchiveOfKilledJvm() throws Exception {
    Run failed = run(Map.of(), "analyze", capture.toString(), "exit=2");
    assertThat(failed.exit).isEqualTo(2);
    assertThat(archives()).hasSize(1); // the JVM exited by itself: its archive is whole

    Files.delete(archives().get(0));
    Run killed = run(Map.of(), "analyze", capture.toString(), "kill=9");
    assertThat(killed.exit).isEqualTo(128 + 9);
    assertThat(killed.out).isEqualTo("probe analyze " + capture + " kill=9\nprobe trains the archive\n");
    assertThat(listCache()).isEmpty(); // no archive and no partial file left behind
  }

  @Test
  void shouldRunWithoutArchiveWhenCacheDirectoryCannotBeMade() throws Exception {
    Path notADirectory = Files.write(dir.resolve("file"), new byte[0]);
    cache = notADirectory.resolve("cache");

    Run first = run(Map.of(), "analyze", capture.toString());
    Run second = run(Map.of(), "analyze", capture.toString(), "exit=3");

    assertThat(first.exit).isZero();
    assertThat(first.out).isEqualTo("probe analyze " + capture + "\n"); // no archive to make: no training
    assertThat(first.err).isEmpty();
    assertThat(second.exit).isEqualTo(3);
    assertThat(second.err).isEmpty();
  }

  @Test
  void shouldReplaceArchiveOfAnEarlierBuildOfTheSameFile() throws Exception {
    run(Map.of(), "analyze", capture.toString());
    List<Path> before = archives();
    Files.setLastModifiedTime(binary, FileTime.from(Instant.now().plusSeconds(60))); // as a rebuild does

    Run rebuilt = run(Map.of("NETANAL_JAVA_OPTS", "-Xlog:class+load=info:stdout"), "analyze", capture.toString());
    Run after = run(Map.of("NETANAL_JAVA_OPTS", "-Xlog:class+load=info:stdout"), "analyze", capture.toString());

    assertThat(rebuilt.exit).isZero();
    assertThat(rebuilt.out).doesNotContain("io.netanal.cli.LauncherProbe " + SHARED);
    assertThat(archives()).hasSize(1).doesNotContainAnyElementsOf(before);
    assertThat(after.out).contains("io.netanal.cli.LauncherProbe " + SHARED);
  }

  @Test
  void shouldKeepTheArchivesOfOtherCopiesWhosePathsStartTheSame() throws Exception {
    Path original = binary;
    List<Path> copies =
        List.of(dir.resolve("bin/netanal-2"), dir.resolve("bin/netanal%2F"), dir.resolve("bin%/netanal"));
    run(Map.of(), "analyze", capture.toString());
    for (Path copy : copies) {
      Files.createDirectories(copy.getParent());
      Files.copy(original, copy);
      binary = copy;
      run(Map.of(), "analyze", capture.toString());
    }
    assertThat(archives()).hasSize(4);

    binary = original;
    Files.setLastModifiedTime(binary, FileTime.from(Instant.now().plusSeconds(60))); // as a rebuild does
    Run rebuilt = run(Map.of(), "analyze", capture.toString());

    assertThat(rebuilt.out).contains("probe trains the archive");
    assertThat(archives()).hasSize(4); // the original's old one replaced, the copies' kept
    binary = copies.get(0); // (the JVM itself cannot use an archive for a jar path with '%' in it)
    Run again = run(Map.of("NETANAL_JAVA_OPTS", "-Xlog:class+load=info:stdout"), "analyze", capture.toString());
    assertThat(again.out).contains("io.netanal.cli.LauncherProbe " + SHARED);
  }

  private List<Path> archives() throws IOException {
    return listCache().stream().filter(p -> p.toString().endsWith(".jsa")).toList();
  }

  private List<Path> listCache() throws IOException {
    Path netanal = cache.resolve("netanal");
    if (!Files.isDirectory(netanal)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(netanal)) {
      return files.sorted().toList();
    }
  }

  private Run run(Map<String, String> env, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(binary.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    builder.environment().put("XDG_CACHE_HOME", cache.toString());
    builder.environment().put("JAVA_HOME", JAVA_HOME.toString());
    builder.environment().remove("NETANAL_JAVA_OPTS");
    builder.environment().putAll(env);
    Path out = dir.resolve("out");
    Path err = dir.resolve("err");
    builder.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process process = builder.start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("launcher finished").isTrue();
    return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
  }

  private record Run(int exit, String out, String err) {}

  /** The launcher followed by a jar of {@link LauncherProbe}, as the build makes target/netanal. */
  private static void writeBinary(Path target) throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, LauncherProbe.class.getName());
    String entry = LauncherProbe.class.getName().replace('.', '/') + ".class";
    try (OutputStream file = Files.newOutputStream(target)) {
      file.write(Files.readAllBytes(LAUNCHER));
      JarOutputStream jar = new JarOutputStream(file, manifest);
      jar.putNextEntry(new JarEntry(entry));
      try (InputStream in = LauncherProbe.class.getClassLoader().getResourceAsStream(entry)) {
        jar.write(in.readAllBytes());
      }
      jar.putNextEntry(new JarEntry("stamp"));
      jar.write(Long.toString(System.nanoTime()).getBytes(StandardCharsets.US_ASCII)); // each jar its own bytes
      jar.finish();
    }
    target.toFile().setExecutable(true);
  }
}
