package io.netanal.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.netanal.flow.FlowRecord;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlowRecordWriterTest {
  private static FlowRecord flow(String orig, String history, List<FlowRecord.Dns> dns) {
    return new FlowRecord("a \"quoted\" file.pcap", 1_700_000_000_123_456_789L, 1_700_000_001_000_000_000L, orig,
        40000, "192.0.2.53", 53, 17, -1, "dns", 1, 1, 30, 90, 58, 118, "SF", history, "idle", "1:abc=", null, 0, 0,
        dns, 0, null, null);
  }

  @Test
  void shouldWriteOneJsonObjectPerLineWithOneGeneratorForTheStream() throws IOException {
    FlowRecord first = flow("10.0.0.1", "Dd", List.of(new FlowRecord.Dns("example.test", 1, 0,
        List.of("192.0.2.7"))));
    FlowRecord second = flow("10.0.0.2", "D", List.of());
    StringWriter out = new StringWriter();
    FlowRecordWriter writer = new FlowRecordWriter(out, FlowRecordWriter.Format.JSON_LINES);
    writer.flowEnded(first);
    writer.flowEnded(second);
    writer.flush();
    StringWriter one = new StringWriter();
    FlowRecordWriter.json(first, one);
    StringWriter two = new StringWriter();
    FlowRecordWriter.json(second, two);
    assertThat(out.toString()).isEqualTo(one + "\n" + two + "\n");
    assertThat(one.toString()).startsWith("{\"source\":\"a \\\"quoted\\\" file.pcap\",\"ts\":\"1700000000.123456789\",")
        .contains("\"dns\":[{\"query\":\"example.test\",\"qtype\":1,\"rcode\":0,\"answers\":[\"192.0.2.7\"]}]")
        .endsWith("\"tls\":null,\"http\":null}");
    assertThat(writer.rows()).isEqualTo(2);
  }

  @Test
  void shouldWriteNothingBeforeTheFirstRecord() {
    StringWriter out = new StringWriter();
    new FlowRecordWriter(out, FlowRecordWriter.Format.JSON_LINES).flush();
    assertThat(out.toString()).isEmpty();
  }
}
