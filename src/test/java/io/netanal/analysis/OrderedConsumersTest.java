package io.netanal.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.netanal.flow.FlowRecord;
import io.netanal.flow.FlowTable;
import io.netanal.flow.FlowTableOptions;
import io.netanal.testing.TestData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Ordered consumers (the flow table) see a file read in parallel slices exactly as one serial pass. */
class OrderedConsumersTest {
  @Test
  void shouldGiveIdenticalFlowRecordsWhetherTheFileIsReadSeriallyOrInParallelSlices() throws Exception {
    Path file = TestData.pcaps().resolve("pcapplusplus/example.pcap");
    List<FlowRecord> serial = flows(file, 1, Long.MAX_VALUE / 4);
    List<FlowRecord> parallel = flows(file, 4, 64 << 10); // 64 kB slices: the 3.8 MB file is cut in four
    assertThat(serial).hasSizeGreaterThan(10);
    assertThat(parallel).isEqualTo(serial);
  }

  @Test
  void shouldCountTheSameStatisticsWithConsumersAsWithout() throws Exception {
    Path file = TestData.pcaps().resolve("pcapplusplus/example.pcap");
    CaptureFileAnalysis plain = new CaptureFileAnalysis(AnalysisOptions.defaults(), 4, 64 << 10);
    plain.add(file);
    List<FlowRecord> records = new ArrayList<>();
    FlowTable table = new FlowTable(FlowTableOptions.forFile("x", 1000), records::add);
    CaptureFileAnalysis withFlows = new CaptureFileAnalysis(AnalysisOptions.defaults(), List.of(table), 4, 64 << 10);
    withFlows.add(file);
    assertThat(withFlows.result().report().summary()).isEqualTo(plain.result().report().summary());
    assertThat(withFlows.result().report().protocols()).isEqualTo(plain.result().report().protocols());
  }

  private static List<FlowRecord> flows(Path file, int workers, long minSliceBytes) throws Exception {
    List<FlowRecord> records = new ArrayList<>();
    FlowTable table = new FlowTable(FlowTableOptions.forFile(file.getFileName().toString(), 1_000_000),
        records::add);
    CaptureFileAnalysis analysis = new CaptureFileAnalysis(AnalysisOptions.defaults(), List.of(table), workers,
        minSliceBytes);
    analysis.add(file);
    analysis.result();
    return records;
  }
}
