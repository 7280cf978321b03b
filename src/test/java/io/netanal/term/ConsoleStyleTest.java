package io.netanal.term;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsoleStyleTest {

  @Test
  void shouldAllowColourOnATerminalWithACleanEnvironment() {
    ConsoleStyle style = ConsoleStyle.of(true, 120, Map.of("TERM", "xterm-256color"));

    assertThat(style.colour()).isTrue();
    assertThat(style.live()).isTrue();
    assertThat(style.width()).isEqualTo(120);
  }

  @Test
  void shouldNeverUseColourWhenNoColorIsSetEvenEmpty() {
    ConsoleStyle style = ConsoleStyle.of(true, 120, Map.of("NO_COLOR", ""));

    assertThat(style.colour()).isFalse();
    assertThat(style.live()).isFalse();
  }

  @Test
  void shouldNeverUseColourOrLiveLinesUnderCi() {
    ConsoleStyle style = ConsoleStyle.of(true, 120, Map.of("CI", "true"));

    assertThat(style.colour()).isFalse();
    assertThat(style.live()).isFalse();
  }

  @Test
  void shouldNotUseColourOnADumbTerminal() {
    assertThat(ConsoleStyle.of(true, 120, Map.of("TERM", "dumb")).colour()).isFalse();
  }

  @Test
  void shouldNotUseColourWhenNotATerminalButAllowLiveLinesOnStandardError() {
    ConsoleStyle style = ConsoleStyle.of(false, 0, Map.of());

    assertThat(style.colour()).isFalse();
    assertThat(style.live()).isTrue(); // drawn only if stderr is a terminal: analyze big.pcap > report.txt
    assertThat(style.width()).isEqualTo(ConsoleStyle.PIPE_WIDTH);
  }

  @Test
  void shouldTakeTerminalWidthFromColumnsWhenTheTerminalDoesNotSay() {
    assertThat(ConsoleStyle.of(true, 0, Map.of("COLUMNS", "132")).width()).isEqualTo(132);
    assertThat(ConsoleStyle.of(true, 0, Map.of("COLUMNS", "wide")).width()).isEqualTo(80);
    assertThat(ConsoleStyle.of(true, 0, Map.of()).width()).isEqualTo(80);
  }

  @Test
  void shouldIgnoreColumnsWhenNotATerminal() {
    assertThat(ConsoleStyle.of(false, 0, Map.of("COLUMNS", "132")).width()).isEqualTo(100);
  }

  @Test
  void shouldNotGoBelowTheMinimumWidth() {
    assertThat(ConsoleStyle.plain(10).width()).isEqualTo(ConsoleStyle.MIN_WIDTH);
  }

  @Test
  void shouldDetectPlainOutputUnderTheTestRunner() {
    // surefire's forked JVM has no console: detection must say so without building a JLine terminal
    ConsoleStyle style = ConsoleStyle.detect();

    assertThat(style.terminal()).isFalse();
    assertThat(style.colour()).isFalse();
    assertThat(style.width()).isEqualTo(ConsoleStyle.PIPE_WIDTH);
  }

  @Test
  void shouldTellATerminalFromAFileByTheDescriptorsLinkWithoutAProcess(@TempDir Path dir) throws IOException {
    Path file = Files.createFile(dir.resolve("report.txt"));

    assertThat(ConsoleStyle.linuxStderrIsTerminal(Files.createSymbolicLink(dir.resolve("pts"),
        Path.of("/dev/pts/3")))).isTrue();
    assertThat(ConsoleStyle.linuxStderrIsTerminal(Files.createSymbolicLink(dir.resolve("tty"),
        Path.of("/dev/tty1")))).isTrue();
    assertThat(ConsoleStyle.linuxStderrIsTerminal(Files.createSymbolicLink(dir.resolve("file"), file))).isFalse();
    assertThat(ConsoleStyle.linuxStderrIsTerminal(Files.createSymbolicLink(dir.resolve("pipe"),
        Path.of("pipe:[12345]")))).isFalse();
    assertThat(ConsoleStyle.linuxStderrIsTerminal(dir.resolve("none"))).as("no link: ask JLine").isNull();
  }
}
