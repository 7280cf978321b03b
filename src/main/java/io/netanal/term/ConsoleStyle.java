package io.netanal.term;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jline.terminal.spi.SystemStream;
import org.jline.terminal.spi.TerminalProvider;

/**
 * How console output may look, decided once per run: whether standard output and standard error are terminals,
 * how wide a line may be, whether ANSI colour and Unicode block characters may be used.
 *
 * <p>Immutable; {@link #detect()} is called once by the command on its thread (never for {@code --version} or
 * machine-readable output), tests build values with {@link #plain(int)} and {@link #of(boolean, int, Map)}.
 * JLine is asked only when {@link System#console()} says standard output is interactive.
 *
 * <p>Width: a terminal's own width, else {@code COLUMNS}, else {@value #TERMINAL_DEFAULT_WIDTH}. Output that is
 * not a terminal (a file, a pipe) is laid out at {@value #PIPE_WIDTH} columns whatever the environment says, so
 * that the same capture gives the same text everywhere and a full IPv6 address (39 characters) fits a table.
 * Colour: only on a terminal, never when {@code NO_COLOR} or {@code CI} is set (to any value) or
 * {@code TERM=dumb}. Live lines (progress bar, status line) follow the same rule on standard error, whatever
 * standard output is, so {@code analyze big.pcap > report.txt} still shows progress.
 */
public record ConsoleStyle(boolean terminal, int width, boolean colour, boolean unicode, boolean live) {
  // live: progress bars and status lines are allowed (not CI, NO_COLOR, TERM=dumb); they are drawn only if
  // standard error turns out to be a terminal, which their own thread asks (isStderrTerminal)

  static final int TERMINAL_DEFAULT_WIDTH = 80;
  static final int PIPE_WIDTH = 100;
  /** Below this, tables would be mostly ellipses; narrower terminals get lines cut at their width instead. */
  static final int MIN_WIDTH = 40;

  public ConsoleStyle {
    if (width < MIN_WIDTH) {
      width = MIN_WIDTH;
    }
  }

  /** No terminal, no colour, Unicode allowed, at {@code width} columns. */
  public static ConsoleStyle plain(int width) {
    return new ConsoleStyle(false, width, false, true, false);
  }

  /**
   * The style for output that is ({@code terminal}) or is not a terminal, {@code width} columns wide (0: unknown,
   * then {@code COLUMNS} or {@value #TERMINAL_DEFAULT_WIDTH} for a terminal, {@value #PIPE_WIDTH} otherwise),
   * under the environment {@code env}.
   */
  public static ConsoleStyle of(boolean terminal, int width, Map<String, String> env) {
    return of(terminal, width, env, true);
  }

  static ConsoleStyle of(boolean terminal, int width, Map<String, String> env, boolean unicode) {
    boolean allowed = !env.containsKey("NO_COLOR") && !env.containsKey("CI") && !"dumb".equals(env.get("TERM"));
    int columns = width > 0 ? width : terminal ? columns(env) : PIPE_WIDTH;
    return new ConsoleStyle(terminal, columns, terminal && allowed, unicode, allowed);
  }

  /**
   * The style of this process's standard output. Costs nothing when standard output is not interactive
   * ({@link System#console()} is null); on a terminal, one {@code stty} through JLine's exec provider for the
   * width (about 30 ms; building a whole JLine terminal cost 150 ms more, and nothing here needs one).
   */
  public static ConsoleStyle detect() {
    Map<String, String> env = System.getenv();
    boolean unicode = canEncodeBlocks(stdoutCharset());
    if (System.console() == null) {
      return of(false, 0, env, unicode);
    }
    int width = 0;
    try {
      width = TerminalProvider.load("exec").systemStreamWidth(SystemStream.Output);
    } catch (IOException | RuntimeException e) {
      // stty failed: COLUMNS or the default width
    }
    return of(true, width, env, unicode);
  }

  /**
   * Whether standard error is a terminal, asked once (one {@code test -t 2}, about 30 ms) by the first live line,
   * on its own thread, so that runs without a progress bar or status line never pay for it.
   */
  static boolean isStderrTerminal() {
    return StderrHolder.TERMINAL;
  }

  private static final class StderrHolder {
    static final boolean TERMINAL = ask();

    private static boolean ask() {
      Boolean linux = linuxStderrIsTerminal(Path.of("/proc/self/fd/2"));
      if (linux != null) {
        return linux;
      }
      try {
        return TerminalProvider.load("exec").isSystemStream(SystemStream.Error);
      } catch (IOException | RuntimeException e) {
        return false;
      }
    }
  }

  /**
   * On Linux, whether the file descriptor link {@code fd} names a terminal device, read without starting a process
   * (JLine's exec provider runs {@code test -t 2}: a fork in the middle of every analysis whose standard error is
   * not a terminal, about 50 ms of CPU time beside the readers); null when there is no such link (not Linux).
   */
  static Boolean linuxStderrIsTerminal(Path fd) {
    try {
      String target = Files.readSymbolicLink(fd).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return null;
    }
  }

  private static int columns(Map<String, String> env) {
    String columns = env.get("COLUMNS");
    if (columns != null) {
      try {
        int n = Integer.parseInt(columns.trim());
        if (n > 0) {
          return n;
        }
      } catch (NumberFormatException e) {
        // not a number: ignore it like other programs do
      }
    }
    return TERMINAL_DEFAULT_WIDTH;
  }

  private static Charset stdoutCharset() {
    for (String property : new String[] {"stdout.encoding", "sun.stdout.encoding"}) {
      String name = System.getProperty(property);
      if (name != null && Charset.isSupported(name)) {
        return Charset.forName(name);
      }
    }
    return Charset.defaultCharset();
  }

  private static boolean canEncodeBlocks(Charset charset) {
    return charset != null && (charset.equals(StandardCharsets.UTF_8) || charset.newEncoder().canEncode("▁█…"));
  }
}
