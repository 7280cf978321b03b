package io.netanal.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Network namespaces for tests that run real tools on real links: each name gets a random suffix of this run, and
 * {@link #close} kills what still runs in them and deletes them (with their veths). Commands run through {@code
 * ip netns exec}; nothing here reaches the host's own interfaces. Needs root. One test thread.
 */
public final class Namespaces implements AutoCloseable {
  private final String id = Integer.toString(ThreadLocalRandom.current().nextInt(10_000, 99_999));
  private final List<String> names = new ArrayList<>();
  private final List<Process> background = new ArrayList<>();

  /** This run's suffix, for interface names (which must stay under 16 characters). */
  public String id() {
    return id;
  }

  /** Creates namespace {@code prefix + id} with its loopback up; returns its name. */
  public String add(String prefix) throws Exception {
    String name = prefix + id;
    onHost("ip", "netns", "add", name);
    names.add(name);
    onHost("ip", "-n", name, "link", "set", "lo", "up");
    return name;
  }

  /** Runs {@code command} in namespace {@code ns}; it must exit 0. */
  public void exec(String ns, String... command) throws Exception {
    onHost(inside(ns, command));
  }

  /** Runs {@code command} in {@code ns} to its end, killed after {@code seconds}; returns its exit code (-1 killed). */
  public int execFor(int seconds, String ns, String... command) throws IOException, InterruptedException {
    return runFor(seconds, inside(ns, command));
  }

  /** The standard output and error of {@code command} run in {@code ns}. */
  public String output(String ns, String... command) throws Exception {
    Process p = new ProcessBuilder(inside(ns, command)).redirectErrorStream(true).start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    return text;
  }

  /** Starts {@code command} in {@code ns} in the background (output discarded); {@link #close} kills it. */
  public Process start(String ns, String... command) throws IOException {
    Process p = new ProcessBuilder(inside(ns, command)).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    background.add(p);
    return p;
  }

  /** Starts {@code command} in {@code ns} with its output and errors to read as one stream; {@link #close} kills it. */
  public Process startReading(String ns, String... command) throws IOException {
    Process p = new ProcessBuilder(inside(ns, command)).redirectErrorStream(true).start();
    background.add(p);
    return p;
  }

  /** Starts {@code command} in {@code ns}, its standard output to read, errors discarded; {@link #close} ends it. */
  public Process startReadingOutput(String ns, String... command) throws IOException {
    Process p = new ProcessBuilder(inside(ns, command)).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    background.add(p);
    return p;
  }

  /**
   * Starts a thread that adds each line of {@code process}'s standard output to {@code into} (a list safe to read
   * while it grows) until the process ends; returns the started thread.
   */
  public static Thread collectLines(Process process, List<String> into, String threadName) {
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = in.readLine()) != null; ) {
          into.add(line);
        }
      } catch (IOException e) {
        // the process ended
      }
    }, threadName);
    reader.start();
    return reader;
  }

  /**
   * Records everything on every interface of {@code ns} with tcpdump into {@code pcap} while {@code action}
   * runs, and half a second after.
   */
  public void record(String ns, Path pcap, Action action) throws Exception {
    Process tcpdump = startReading(ns, "tcpdump", "-n", "-U", "--immediate-mode", "-B", "65536", "-s", "2048",
        "-i", "any", "-w", pcap.toString());
    BufferedReader status = new BufferedReader(new InputStreamReader(tcpdump.getInputStream(),
        StandardCharsets.UTF_8));
    for (String line; (line = status.readLine()) != null && !line.contains("listening on"); ) {
      // wait until tcpdump captures
    }
    try {
      action.run();
      Thread.sleep(500);
    } finally {
      tcpdump.destroy(); // SIGTERM: tcpdump writes what it has and exits
      tcpdump.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** What runs while {@link #record} records. */
  public interface Action {
    void run() throws Exception;
  }

  @Override
  public void close() throws Exception {
    for (Process p : background) {
      p.destroyForcibly();
    }
    for (String ns : names) {
      runFor(10, "sh", "-c", "ip netns pids " + ns + " 2>/dev/null | xargs -r kill -9");
      runFor(10, "ip", "netns", "del", ns); // deletes its veths with it
    }
  }

  private static String[] inside(String ns, String... command) {
    List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", ns));
    argv.addAll(List.of(command));
    return argv.toArray(String[]::new);
  }

  /** Runs {@code command} on the host; it must exit 0. */
  public static void onHost(String... command) throws Exception {
    assertThat(runFor(30, command)).as(String.join(" ", command)).isZero();
  }

  /** Runs {@code command} on the host to its end, killed after {@code seconds}; returns its exit code. */
  public static int runFor(int seconds, String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      p.waitFor();
      return -1;
    }
    return p.exitValue();
  }
}
