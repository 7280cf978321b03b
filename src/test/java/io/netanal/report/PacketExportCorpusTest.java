package io.netanal.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.netanal.pcap.CaptureFileReader;
import io.netanal.testing.TestData;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code export --packets} over the shared corpus: one row per frame, as many as tshark read, for every capture
 * that neither tshark nor capinfos found damaged.
 */
class PacketExportCorpusTest {

  @Test
  void shouldWriteOneRowPerFrameOfEveryUndamagedCorpusFile() throws Exception {
    Path pcaps = TestData.pcaps();
    List<String> mismatches = new ArrayList<>();
    int files = 0;
    long rows = 0;
    for (JsonNode expected : TestData.readableCorpusFiles()) {
      String path = expected.get("path").asText();
      long packets = expected.get("packets").asLong();
      LineCounter csv = new LineCounter();
      LineCounter jsonLines = new LineCounter();
      long read;
      try (CaptureFileReader reader = CaptureFileReader.open(pcaps.resolve(path))) {
        PacketExporter exporter = new PacketExporter(csv, PacketExporter.Format.CSV, () -> false);
        exporter.start();
        read = reader.read(exporter);
        exporter.finish();
      }
      try (CaptureFileReader reader = CaptureFileReader.open(pcaps.resolve(path))) {
        PacketExporter exporter = new PacketExporter(jsonLines, PacketExporter.Format.JSON_LINES, () -> false);
        reader.read(exporter);
        exporter.finish();
      }
      files++;
      rows += jsonLines.lines;
      if (csv.lines != packets + 1 || jsonLines.lines != packets || read != packets) {
        mismatches.add(path + ": tshark " + packets + " frames, CSV " + (csv.lines - 1) + " rows, JSON Lines "
            + jsonLines.lines + " rows, reader " + read + " frames");
      }
    }
    System.out.println("packet export: " + files + " undamaged corpus files, " + rows + " rows");
    assertThat(files).isGreaterThan(900);
    assertThat(mismatches).isEmpty();
  }

  /** Counts the lines written, keeping nothing. */
  private static final class LineCounter extends Writer {
    long lines;

    @Override
    public void write(char[] buffer, int offset, int length) {
      for (int i = offset; i < offset + length; i++) {
        if (buffer[i] == '\n') {
          lines++;
        }
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
