package io.netanal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

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
  void shouldRunAnalyzeAloneExactlyAsUnderTheWholeTree() {
    List<List<String>> cases = List.of(List.of("--help"), List.of("--bogus"), List.of(), List.of("--jsn", "x.pcap"),
        List.of("--verbose", "nosuch.pcap"), List.of("--interval", "0", "x.pcap"),
        List.of("--no-flows", "--windows", "5s", "x.pcap"), List.of("--top"));
    for (List<String> arguments : cases) {
      List<String> withName = new ArrayList<>(List.of("analyze"));
      withName.addAll(arguments);
      CommandRunner tree = CommandRunner.netanal();
      CommandRunner alone = CommandRunner.analyzeAlone();

      int treeExit = tree.run(withName.toArray(new String[0]));
      int aloneExit = alone.run(arguments.toArray(new String[0]));

      assertThat(aloneExit).as(arguments.toString()).isEqualTo(treeExit);
      assertThat(alone.out.toString()).as(arguments.toString()).isEqualTo(tree.out.toString());
      assertThat(alone.err.toString()).as(arguments.toString()).isEqualTo(tree.err.toString());
    }
    assertThat(Netanal.alone(new String[] {"flows", "x.pcap"})).isNull();
    assertThat(Netanal.alone(new String[0])).isNull();
  }
}
