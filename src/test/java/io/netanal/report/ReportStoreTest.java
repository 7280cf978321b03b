package io.netanal.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netanal.ExportException;
import io.netanal.UnreadableFileException;
import io.netanal.testing.SampleReports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportStoreTest {
  @TempDir Path dir;

  @Test
  void shouldHaveNoLastReportBeforeTheFirstSave() throws Exception {
    assertThat(new ReportStore(dir.resolve("state")).load()).isEmpty();
  }

  @Test
  void shouldLoadWhatWasSavedCreatingTheDirectory() throws Exception {
    ReportStore store = new ReportStore(dir.resolve("state/netanal"));
    Report report = SampleReports.fileReport("a.pcap");

    store.save(report);

    assertThat(store.file()).isEqualTo(dir.resolve("state/netanal/last-report.json"));
    assertThat(store.load()).contains(report);
  }

  @Test
  void shouldReplaceThePreviousReportAndLeaveNoTemporaryFiles() throws Exception {
    ReportStore store = new ReportStore(dir);
    store.save(SampleReports.fileReport("first.pcap"));
    store.save(SampleReports.liveReport());

    assertThat(store.load()).contains(SampleReports.liveReport());
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(dir.resolve("last-report.json"));
    }
  }

  @Test
  void shouldReportADamagedLastReport() throws Exception {
    ReportStore store = new ReportStore(dir);
    Files.writeString(store.file(), "{}");

    assertThatThrownBy(store::load).isInstanceOf(UnreadableFileException.class)
        .hasMessage(store.file() + ": not a netanal report (schema: null, expected: netanal.report/1)");
  }

  @Test
  void shouldFailClearlyWhenTheStateDirectoryCannotBeCreated() throws Exception {
    Path blocker = dir.resolve("file");
    Files.writeString(blocker, "not a directory");
    ReportStore store = new ReportStore(blocker.resolve("netanal"));

    assertThatThrownBy(() -> store.save(SampleReports.fileReport("a.pcap"))).isInstanceOf(ExportException.class)
        .hasMessageStartingWith(blocker.resolve("netanal") + ": cannot create the state directory (");
  }

  @Test
  void shouldUseXdgStateHomeWhenAbsolute() {
    assertThat(ReportStore.stateDirectory(Map.of("XDG_STATE_HOME", "/var/state"), "/home/u"))
        .isEqualTo(Path.of("/var/state/netanal"));
  }

  @Test
  void shouldFallBackToLocalStateUnderHomeWhenXdgStateHomeIsUnsetEmptyOrRelative() {
    Path expected = Path.of("/home/u/.local/state/netanal");
    assertThat(ReportStore.stateDirectory(Map.of(), "/home/u")).isEqualTo(expected);
    assertThat(ReportStore.stateDirectory(Map.of("XDG_STATE_HOME", ""), "/home/u")).isEqualTo(expected);
    assertThat(ReportStore.stateDirectory(Map.of("XDG_STATE_HOME", "state"), "/home/u")).isEqualTo(expected);
  }
}
