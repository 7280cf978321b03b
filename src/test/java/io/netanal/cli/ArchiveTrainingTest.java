package io.netanal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.netanal.report.ReportJson;
import io.netanal.report.ReportStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveTrainingTest {
  @TempDir Path dir;

  @Test
  void shouldRunEveryFileCommandSilentlySavingReportsOnlyInItsOwnDirectory() throws Exception {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(printed, true));
      System.setErr(new PrintStream(printed, true));
      ArchiveTraining.train(dir);
    } finally {
      System.setOut(out);
      System.setErr(err);
    }

    assertThat(printed.size()).isZero();
    Path saved = new ReportStore(dir).file();
    assertThat(saved).isRegularFile(); // analyze's last report, here rather than in the user's state directory
    assertThat(ReportJson.read(saved).source().name()).endsWith("loopback-sample.pcapng");
    assertThat(ReportJson.read(saved).summary().packets()).isPositive();
  }
}
