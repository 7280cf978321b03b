package io.netanal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class NetanalTest {
  private final CommandRunner runner = CommandRunner.netanal();

  private int run(String... args) {
    return runner.run(args);
  }

  @Test
  void shouldPrintVersion() {
    assertThat(run("--version")).isZero();
    assertThat(runner.out.toString()).startsWith("netanal 0.1.0");
  }

  @Test
  void shouldRejectUnknownOptionWithExitCode2() {
    assertThat(run("--bogus")).isEqualTo(2);
    assertThat(runner.err.toString()).contains("Unknown option: '--bogus'");
  }

  @Test
  void shouldSpellFileErrorsAsFileAndReasonWithoutJavaClassNames() {
    assertThat(Netanal.message(new AccessDeniedException("out.pcap"))).isEqualTo("out.pcap: permission denied");
    assertThat(Netanal.message(new NoSuchFileException("dir/out.pcap")))
        .isEqualTo("dir/out.pcap: no such file or directory");
    assertThat(Netanal.message(new FileSystemException("x.pcap", null, "Is a directory")))
        .isEqualTo("x.pcap: Is a directory");
    assertThat(Netanal.message(new UncheckedIOException(new IOException("No space left on device"))))
        .isEqualTo("No space left on device");
    assertThat(Netanal.message(new IllegalStateException())).isEqualTo("java.lang.IllegalStateException");
  }

  @Test
  void shouldPrintTheVersionAloneExactlyAsTheWholeTreeDoes() {
    for (String option : List.of("--version", "-V")) {
      CommandRunner tree = CommandRunner.netanal();
      CommandRunner alone = new CommandRunner(Netanal.versionAlone().getCommand());

      assertThat(Netanal.isVersionAlone(new String[] {option})).isTrue();
      assertThat(alone.run(option)).isEqualTo(tree.run(option)).isZero();
      assertThat(alone.out.toString()).isEqualTo(tree.out.toString()).startsWith("netanal 0.1.0");
      assertThat(alone.err.toString()).isEqualTo(tree.err.toString()).isEmpty();
    }
    assertThat(Netanal.isVersionAlone(new String[] {"--version", "--verbose"})).isFalse();
    assertThat(Netanal.isVersionAlone(new String[] {"--help"})).isFalse();
  }

  @Test
  void shouldRunEachSubcommandAloneExactlyAsUnderTheWholeTree() {
    // Every command: help, version and usage errors. Those reading files: their errors too (not the others,
    // which would start a capture or a server).
    List<List<String>> everyCommand = List.of(List.of("--help"), List.of("--version"), List.of("--bogus"),
        List.of("--verbose", "--bogus"), List.of("--top"), List.of("--verbose", "-r"));
    List<List<String>> fileCommands = List.of(List.of(), List.of("--jsn", "x.pcap"),
        List.of("--verbose", "nosuch.pcap"), List.of("--interval", "0", "x.pcap"),
        List.of("--no-flows", "--windows", "5s", "x.pcap"), List.of("-r", "nosuch.pcap", "--verbose"));
    Set<String> reading = Set.of("analyze", "flows", "windows", "export", "chart");
    List<String> names = new ArrayList<>();
    for (CommandLine sub : Netanal.commandLine().getSubcommands().values()) {
      String name = sub.getCommandName();
      if (Netanal.alone(new String[] {name}) == null) {
        continue;
      }
      names.add(name);
      Object command = Netanal.alone(new String[] {name}).getCommand();
      assertThat(command).isInstanceOf(sub.getCommand().getClass());
      List<List<String>> cases = new ArrayList<>(everyCommand);
      if (reading.contains(name)) {
        cases.addAll(fileCommands);
      }
      if (Set.of("export", "chart").contains(name)) {
        cases.remove(List.of()); // the user's saved last report, which another process may replace meanwhile
      }
      for (List<String> arguments : cases) {
        List<String> withName = new ArrayList<>(List.of(name));
        withName.addAll(arguments);
        CommandRunner tree = CommandRunner.netanal();
        CommandRunner alone = CommandRunner.alone(name);

        int treeExit = tree.run(withName.toArray(new String[0]));
        int aloneExit = alone.run(arguments.toArray(new String[0]));

        String what = withName.toString();
        assertThat(aloneExit).as(what).isEqualTo(treeExit);
        assertThat(alone.out.toString()).as(what).isEqualTo(tree.out.toString());
        assertThat(withoutFrames(alone.err)).as(what).isEqualTo(withoutFrames(tree.err));
      }
    }
    assertThat(names).containsExactlyInAnyOrder("analyze", "capture", "export", "chart", "filter", "interfaces",
        "ship", "serve", "flows", "windows");
    assertThat(Netanal.alone(new String[] {"completion"})).isNull(); // reads the whole tree
    assertThat(Netanal.alone(new String[] {"help", "flows"})).isNull();
    assertThat(Netanal.alone(new String[0])).isNull();
  }

  /** The text without stack frames, which name the test's own lines: the --verbose traces' messages stay. */
  private static String withoutFrames(StringWriter text) {
    return text.toString().replaceAll("(?m)^\\s+(at |\\.\\.\\. \\d+ more).*\\R", "");
  }
}
