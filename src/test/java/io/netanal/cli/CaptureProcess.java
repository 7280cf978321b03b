package io.netanal.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code netanal} in a child process with its standard output and error in files, the saved report in a
 * directory of the test, and the means to wait for it to listen and to signal it. One test thread uses it.
 */
final class CaptureProcess implements AutoCloseable {
  /** What {@code capture} prints on standard error once the device is open, as tcpdump does. */
  static final String LISTENING = "netanal: listening on ";

  private final Process process;
  private final long pid;
  private final Path out;
  private final Path err;

  private CaptureProcess(Process process, long pid, Path out, Path err) {
    this.process = process;
    this.pid = pid;
    this.out = out;
    this.err = err;
  }

  /** Runs {@code netanal args} directly; {@code -D} arguments go to the JVM. */
  static CaptureProcess start(Path dir, String... args) throws IOException {
    return start(dir, List.of(), args);
  }

  /** Runs {@code prefix} (e.g. {@code unshare -n}) followed by {@code netanal args}. */
  static CaptureProcess start(Path dir, List<String> prefix, String... args) throws IOException {
    List<String> command = new ArrayList<>(prefix);
    command.addAll(CaptureCommandTest.javaCommand(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    Path out = dir.resolve("netanal.out");
    Path err = dir.resolve("netanal.err");
    builder.redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().put("XDG_STATE_HOME", dir.resolve("state").toString());
    Process p = builder.start();
    return new CaptureProcess(p, p.pid(), out, err);
  }

  /**
   * Runs {@code netanal args} as a non-interactive shell script runs a background job ({@code netanal ... &}):
   * bash starts it with SIGINT and SIGQUIT ignored. The signals then go to netanal itself, not to bash.
   */
  static CaptureProcess startAsScriptJob(Path dir, String... args) throws IOException, InterruptedException {
    Path out = dir.resolve("netanal.out");
    Path err = dir.resolve("netanal.err");
    List<String> command = new ArrayList<>(List.of("bash", "-c",
        "\"$@\" >\"$NETANAL_OUT\" 2>\"$NETANAL_ERR\" & echo $!; wait $!", "bash"));
    command.addAll(CaptureCommandTest.javaCommand(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("NETANAL_OUT", out.toString());
    builder.environment().put("NETANAL_ERR", err.toString());
    builder.environment().put("XDG_STATE_HOME", dir.resolve("state").toString());
    builder.redirectError(ProcessBuilder.Redirect.INHERIT);
    Process shell = builder.start();
    String line = new java.io.BufferedReader(new java.io.InputStreamReader(shell.getInputStream(),
        StandardCharsets.US_ASCII)).readLine();
    long pid = Long.parseLong(line.strip());
    return new CaptureProcess(shell, pid, out, err);
  }

  /** Waits until the capture has opened its device (the "listening on" line); false when it ended first. */
  boolean awaitListening() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      if (stderr().contains(LISTENING)) {
        return true;
      }
      if (!process.isAlive()) {
        return false;
      }
      Thread.sleep(20);
    }
    return false;
  }

  /** Sends {@code signal} ({@code INT}, {@code TERM}) to netanal. */
  void signal(String signal) throws IOException, InterruptedException {
    new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor();
  }

  /** Waits for the exit; false (after killing it) when it did not end within {@code millis}. */
  boolean awaitExit(long millis) throws InterruptedException {
    if (process.waitFor(millis, TimeUnit.MILLISECONDS)) {
      return true;
    }
    close();
    return false;
  }

  /** Waits up to {@code millis} for an exit that should not come; true (it ended) or false (still running). */
  boolean awaitExitOrStay(long millis) throws InterruptedException {
    return process.waitFor(millis, TimeUnit.MILLISECONDS);
  }

  int exitCode() {
    return process.exitValue();
  }

  long pid() {
    return pid;
  }

  String stdout() throws IOException {
    return Files.readString(out);
  }

  String stderr() throws IOException {
    return Files.exists(err) ? Files.readString(err) : "";
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      process.waitFor(5, TimeUnit.SECONDS);
    }
  }
}
