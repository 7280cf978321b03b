package io.netanal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.netanal.testing.TestData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The window records of a few captures, pinned byte for byte as {@code netanal windows --json} wrote them before
 * the per-packet work of the windows was made cheaper (issue 9's performance budget): sums, min/max, distinct
 * counts exact and estimated (a SYN scan of 1,015 ports), majority votes, 30 s and 3 min merges, round trips from
 * the flow table. Any change to what the windows compute shows here; a deliberate one regenerates the files with
 * {@code netanal windows --json FILE > src/test/resources/windows/NAME.jsonl}.
 */
class WindowsPinnedRecordsTest {
  private static final Path PINNED = Path.of("src/test/resources/windows");

  @Test
  void shouldWriteTheSameRecordsForTheLoopbackSample() throws IOException {
    assertSameRecords(Path.of("src/test/resources/pcaps/loopback-sample.pcapng"));
  }

  @Test
  void shouldWriteTheSameRecordsForASynScan() throws IOException {
    assertSameRecords(TestData.pcaps().resolve("chrissanders-packets/synscan.pcapng"));
  }

  @Test
  void shouldWriteTheSameRecordsForACaptureSpanningSeveralThreeMinuteWindows() throws IOException {
    assertSameRecords(TestData.pcaps().resolve("tcpdump-tests/kday7.pcap"));
  }

  private static void assertSameRecords(Path capture) throws IOException {
    String expected = Files.readString(PINNED.resolve(capture.getFileName() + ".jsonl"), StandardCharsets.UTF_8);
    CommandRunner runner = CommandRunner.netanal();
    runner.run("windows", "--json", capture.toString());
    assertThat(runner.out.toString().split("\\R")).containsExactly(expected.split("\\R"));
  }
}
