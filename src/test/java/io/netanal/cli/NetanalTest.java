package io.netanal.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
}
