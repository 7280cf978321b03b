package io.netanal.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.netanal.testing.SampleReports;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CaptureCountersTest {

  @Test
  void shouldLeaveOutTheSpoolBlockWithoutASpool() {
    assertThat(ReportJson.toJson(new CaptureCounters(5, 1, 2, 3), false))
        .isEqualTo("{\"received\":5,\"droppedByQueue\":1,\"droppedByKernel\":2,\"droppedByInterface\":3}");
  }

  @Test
  void shouldWriteTheSpoolBlockAfterTheDropCounters() {
    assertThat(ReportJson.toJson(SampleReports.renderedSpooling().capture(), false)).isEqualTo(
        "{\"received\":123456,\"droppedByQueue\":0,\"droppedByKernel\":12,\"droppedByInterface\":0,\"spool\":"
            + "{\"directory\":\"/var/spool/netanal\",\"files\":25,\"bytes\":98000000,\"packets\":123000,"
            + "\"deletedFiles\":2,\"deletedBytes\":7800000,\"deletedPackets\":9000,\"droppedByDiskFull\":456,"
            + "\"recoveredFiles\":1,\"discardedFiles\":0}}");
  }

  @Test
  void shouldReadASavedReportWithAndWithoutTheSpoolBlock() throws Exception {
    for (Report report : new Report[] {SampleReports.renderedSpooling(), SampleReports.renderedLive()}) {
      String json = ReportJson.toJson(report, false);
      Report read = ReportJson.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "saved");
      assertThat(read.capture()).isEqualTo(report.capture());
    }
  }
}
