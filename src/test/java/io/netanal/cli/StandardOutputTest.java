package io.netanal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StandardOutputTest {
  @Test
  void shouldWriteCharsBeforeTheBytesWrittenAfterThem() {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    StandardOutput out = new StandardOutput(new PrintStream(sink, true), StandardCharsets.UTF_8);

    out.print("chars é ");
    out.bytes().write("bytes".getBytes(StandardCharsets.UTF_8), 0, 5);

    assertThat(sink.toString(StandardCharsets.UTF_8)).isEqualTo("chars é bytes");
    assertThat(out.checkError()).isFalse();
  }

  @Test
  void shouldReportAnErrorOfTheByteStreamBeneath() {
    OutputStream closed = new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        throw new IOException("Broken pipe");
      }
    };
    StandardOutput out = new StandardOutput(new PrintStream(closed, true), StandardCharsets.UTF_8);

    out.bytes().write(new byte[] {'x'}, 0, 1);

    assertThat(out.checkError()).isTrue();
  }
}
