package io.netanal.cli;

import io.netanal.report.ReportStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * Runs every file command once on a small bundled capture, and the help and version texts, all output discarded,
 * so that the class-data-sharing archive the launcher makes on a first run holds the classes of all of them, not
 * only of the command that happened to run first (an archive made by {@code flows} left {@code analyze} loading
 * its report classes from the jar: 0.1 s slower on every run after). Called by {@link Netanal#main} after the
 * command's own work when the JVM was started with {@code -Dnetanal.train=true}, as only the launcher's
 * archive-making run is.
 *
 * <p>The main thread, once per process. Never fails and never changes the command's exit code or output: the
 * archive is an optimisation; the saved last report is left alone (the commands save theirs in a temporary
 * directory, removed after).
 */
final class ArchiveTraining {
  static final String PROPERTY = "netanal.train";
  private static final String SAMPLE = "loopback-sample.pcapng";
  /** The file commands and output forms; chart is left out (AWT's classes would double the archive). */
  private static final List<List<String>> RUNS = List.of(
      List.of("analyze", "--json"), List.of("analyze"), List.of("analyze", "--json", "--no-flows"),
      List.of("analyze", "--no-flows"), List.of("flows", "--json"), List.of("flows", "--csv"), List.of("flows"),
      List.of("windows", "--json"), List.of("windows", "--csv"), List.of("windows"), List.of("export", "--json"),
      List.of("export", "--csv"), List.of("export", "--packets"));

  private ArchiveTraining() {}

  static void run() {
    Path directory = null;
    try {
      directory = Files.createTempDirectory("netanal-training");
      train(directory);
    } catch (IOException | RuntimeException e) {
      // no temporary directory or no sample: no training, the archive holds what the command loaded
    } finally {
      deleteQuietly(directory);
    }
  }

  /** Runs every file command on the sample, copied into {@code directory}, where analyze saves its reports. */
  static void train(Path directory) throws IOException {
    Path sample = directory.resolve(SAMPLE);
    try (InputStream in = ArchiveTraining.class.getResourceAsStream(SAMPLE)) {
      if (in == null) {
        throw new IOException(SAMPLE + ": not in the jar");
      }
      Files.copy(in, sample);
    }
    for (List<String> run : RUNS) {
      runQuietly(run, sample, directory);
    }
    helpQuietly();
  }

  private static void runQuietly(List<String> run, Path sample, Path directory) {
    String[] args = Stream.concat(run.stream(), Stream.of(sample.toString())).toArray(String[]::new);
    CommandLine cl = Netanal.alone(args);
    if (cl.getCommand() instanceof AnalyzeCommand analyze) {
      analyze.store = new ReportStore(directory);
    }
    quietly(cl, Arrays.copyOfRange(args, 1, args.length));
  }

  /** The help and version texts too: picocli's help classes, and the whole tree's ({@code netanal --help}). */
  private static void helpQuietly() {
    quietly(Netanal.commandLine(), "--help");
    quietly(Netanal.alone(new String[] {"analyze"}), "--help");
    quietly(Netanal.versionAlone(), "--version");
  }

  private static void quietly(CommandLine cl, String... args) {
    cl.setOut(new StandardOutput(new PrintStream(OutputStream.nullOutputStream()), StandardCharsets.UTF_8));
    cl.setErr(new PrintWriter(Writer.nullWriter()));
    try {
      cl.execute(args);
    } catch (RuntimeException e) {
      // execute() reports a command's errors itself; anything else only makes the archive hold less
    }
  }

  private static void deleteQuietly(Path directory) {
    if (directory == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException | RuntimeException e) {
      // a leftover file in the temporary directory is harmless
    }
  }
}
