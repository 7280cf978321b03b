package io.netanal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code netanal completion} and {@code netanal man}: both made from the command model, so both know every option. */
class CompletionAndManTest {
  @TempDir Path dir;

  @Test
  void shouldCompleteEveryCommandAndTheNewCaptureOptionsInBash() throws Exception {
    CommandRunner runner = CommandRunner.netanal();

    assertThat(runner.run("completion", "bash")).isZero();
    String script = runner.out.toString();
    assertThat(script).contains("complete -F _complete_netanal")
        .contains("analyze").contains("capture").contains("interfaces").contains("completion")
        .contains("--time-stamp-precision").contains("--list-interfaces").contains("(\"micro\" \"nano\")");
    // The script is valid bash: bash -n parses it without running it.
    Path file = Files.writeString(dir.resolve("netanal.bash"), script);
    Process bash = new ProcessBuilder("bash", "-n", file.toString()).redirectErrorStream(true).start();
    assertThat(bash.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(bash.exitValue()).as(new String(bash.getInputStream().readAllBytes())).isZero();
  }

  @Test
  void shouldGiveZshTheSameScriptWhichLoadsBashcompinitItself() {
    CommandRunner bash = CommandRunner.netanal();
    CommandRunner zsh = CommandRunner.netanal();

    assertThat(bash.run("completion", "bash")).isZero();
    assertThat(zsh.run("completion", "zsh")).isZero();
    assertThat(zsh.out.toString()).isEqualTo(bash.out.toString()).contains("bashcompinit");
  }

  @Test
  void shouldRejectAnUnknownShellWithExitCode2() {
    CommandRunner runner = CommandRunner.netanal();

    assertThat(runner.run("completion", "fish")).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(runner.err.toString()).isEqualTo("netanal: shell: fish (expected: bash or zsh)"
        + System.lineSeparator());
  }

  @Test
  void shouldWriteAManPageWithEveryCommandItsOptionsAndTheExitCodes() {
    CommandRunner runner = CommandRunner.netanal();

    assertThat(runner.run("man")).isZero();
    String roff = runner.out.toString();
    assertThat(roff).startsWith(".TH NETANAL 1 \"\" \"netanal 0.1.0\" \"User Commands\"\n")
        .contains(".SS \"netanal analyze\"").contains(".SS \"netanal capture\"")
        .contains(".SS \"netanal interfaces\"").doesNotContain(".SS \"netanal help\"")
        .contains("\\fB\\-r, \\-\\-read\\fR \\fIFILE\\fR")
        .contains("\\fB\\-\\-time\\-stamp\\-precision\\fR \\fImicro|nano\\fR")
        .contains("(default: micro,") // help variables filled in
        .doesNotContain("${")
        .contains(".SH EXIT STATUS\n.TP\n.B 0\n");
    assertThat(roff.lines()).noneMatch(line -> line.startsWith("'") || line.startsWith(".") && !line.matches(
        "\\.(TH|SH|SS|TP|B|BR|nf|fi)( .*)?"));
  }

  @Test
  void shouldEscapeRoffControlCharactersAtTheStartOfALine() {
    assertThat(ManPage.escape(".hidden\n'quote\na-b\\c")).isEqualTo("\\&.hidden\n\\&'quote\na\\-b\\ec");
  }
}
