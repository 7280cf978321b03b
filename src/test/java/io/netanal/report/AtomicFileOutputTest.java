package io.netanal.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netanal.ExportException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileOutputTest {
  @TempDir Path dir;

  @Test
  void shouldWriteTheWholeContent() throws Exception {
    Path target = dir.resolve("out.csv");

    AtomicFileOutput.write(target, out -> out.write("a,b\r\n".getBytes(StandardCharsets.UTF_8)));

    assertThat(Files.readString(target)).isEqualTo("a,b\r\n");
    assertThat(listing()).containsExactly(target);
  }

  @Test
  void shouldKeepTheOldFileAndRemoveTheTemporaryOneWhenWritingFails() throws Exception {
    Path target = dir.resolve("out.csv");
    Files.writeString(target, "good old content");

    assertThatThrownBy(() -> AtomicFileOutput.write(target, out -> {
      out.write(new byte[100_000]); // more than the buffer: part of it reaches the temporary file
      throw new IOException("No space left on device");
    })).isInstanceOf(ExportException.class).hasMessage(target + ": cannot write (No space left on device)");

    assertThat(Files.readString(target)).isEqualTo("good old content");
    assertThat(listing()).containsExactly(target);
  }

  @Test
  void shouldUnwrapUncheckedIoErrorsFromStreamingContent() throws Exception {
    Path target = dir.resolve("rows.csv");

    assertThatThrownBy(() -> AtomicFileOutput.write(target, out -> {
      throw new java.io.UncheckedIOException(new IOException("Input/output error"));
    })).isInstanceOf(ExportException.class).hasMessage(target + ": cannot write (Input/output error)");

    assertThat(listing()).isEmpty();
  }

  @Test
  void shouldSayWhenTheDirectoryDoesNotExist() {
    Path target = dir.resolve("missing/out.csv");

    assertThatThrownBy(() -> AtomicFileOutput.write(target, out -> out.write(1)))
        .isInstanceOf(ExportException.class).hasMessage(target + ": cannot write (No such file or directory)");
  }

  @Test
  void shouldNotReplaceADirectory() throws Exception {
    Path target = dir.resolve("taken");
    Files.createDirectory(target);
    Files.writeString(target.resolve("inside"), "x");

    assertThatThrownBy(() -> AtomicFileOutput.write(target, out -> out.write(1)))
        .isInstanceOf(ExportException.class).hasMessageStartingWith(target + ": cannot write (");

    assertThat(listing()).containsExactly(target);
    assertThat(Files.readString(target.resolve("inside"))).isEqualTo("x");
  }

  private Stream<Path> listing() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.sorted().toList().stream();
    }
  }
}
