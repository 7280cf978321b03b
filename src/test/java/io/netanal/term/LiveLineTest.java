package io.netanal.term;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LiveLineTest {

  @Test
  void shouldDrawNothingWhenStandardErrorIsNotATerminal() throws InterruptedException {
    StringWriter err = new StringWriter();
    CountDownLatch asked = new CountDownLatch(1);
    LiveLine line = new LiveLine(new PrintWriter(err), () -> "text", 5, 0, () -> {
      asked.countDown();
      return false;
    });

    line.start();
    assertThat(asked.await(5, TimeUnit.SECONDS)).isTrue();
    Thread.sleep(20);
    line.stop();

    assertThat(err.toString()).isEmpty();
  }

  @Test
  void shouldRedrawInPlaceAndEraseTheLineWhenStopped() throws InterruptedException {
    StringWriter err = new StringWriter();
    AtomicInteger calls = new AtomicInteger();
    CountDownLatch drawnTwice = new CountDownLatch(2);
    LiveLine line = new LiveLine(new PrintWriter(err), () -> {
      drawnTwice.countDown();
      return calls.incrementAndGet() == 1 ? "first line" : "second";
    }, 5, 0, () -> true);

    line.start();
    assertThat(drawnTwice.await(5, TimeUnit.SECONDS)).isTrue();
    line.stop();
    String written = err.toString();

    // the shorter second text is padded over the first, and the last drawn text ("second") is blanked out
    assertThat(written).matches("\rfirst line\rsecond    (\rsecond)*\r {6}\r");
    int length = written.length();
    Thread.sleep(30);
    assertThat(err.toString()).hasSize(length); // nothing drawn after stop()
  }
}
