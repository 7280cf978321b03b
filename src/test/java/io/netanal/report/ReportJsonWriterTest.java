package io.netanal.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.netanal.detect.Alert;
import io.netanal.detect.DetectionSummary;
import io.netanal.testing.SampleReports;
import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReportJsonWriterTest {
  @Test
  void shouldWriteCompactJsonAsJacksonsGeneratorDoes() throws Exception {
    Map<String, Number> evidence = new LinkedHashMap<>();
    evidence.put("probes", 1200L);
    evidence.put("rate", 12000000.0);
    evidence.put("tiny", 0.0001);
    evidence.put("nan", Double.NaN);
    evidence.put("ports", 7);
    Alert alert = new Alert(Alert.SCHEMA, "port-scan", "high", "10.0.0.1", null, List.of(22, 80), "30s",
        "1700000000.000000000", "1700000030.000000000", evidence, "quote \" backslash \\ tab \t nul \u0000 é 漢 😀",
        3);
    Report detected = SampleReports.fileReport("web, \"session\"\n.pcapng")
        .withDetection(new DetectionSummary(List.of("5s", "30s"), 10, 0, 1, 0), List.of(alert));
    List<Object> values = List.of(SampleReports.fileReport("a.pcap"), SampleReports.liveReport(),
        SampleReports.renderedSpooling(), SampleReports.emptyFile(), SampleReports.arpOnlyFile(), detected, alert,
        List.of(), Map.of(), -0.0, Long.MIN_VALUE, true);

    for (Object value : values) {
      StringWriter jackson = new StringWriter();
      ReportJsonWriter.generated(value, jackson, false);
      StringWriter chars = new StringWriter();
      ReportJsonWriter.write(value, chars, false);
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      ReportJsonWriter.writeCompact(value, bytes, '\n');

      assertThat(chars.toString()).isEqualTo(jackson.toString());
      assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(jackson + "\n");
    }
  }

  @Test
  void shouldSkipNullsOfExactlyTheRecordsAnnotatedNonNull() {
    Set<Class<?>> seen = new HashSet<>();
    Deque<Type> todo = new ArrayDeque<>(List.of(Report.class));
    while (!todo.isEmpty()) {
      Type type = todo.pop();
      if (type instanceof ParameterizedType p) {
        todo.addAll(List.of(p.getActualTypeArguments()));
      } else if (type instanceof Class<?> c && c.isRecord() && seen.add(c)) {
        JsonInclude include = c.getAnnotation(JsonInclude.class);
        boolean nonNull = include != null && include.value() == JsonInclude.Include.NON_NULL;
        assertThat(ReportJsonWriter.SKIP_NULLS.contains(c)).as(c.getName()).isEqualTo(nonNull);
        for (RecordComponent component : c.getRecordComponents()) {
          todo.push(component.getGenericType());
        }
      }
    }
    assertThat(seen).containsAll(ReportJsonWriter.SKIP_NULLS);
  }
}
