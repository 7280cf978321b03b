package io.netanal.term;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.terminal.spi.SystemStream;
import org.jline.terminal.spi.TerminalProvider;

/**
 * How console output may look, decided once per run: whether standard output and standard error are terminals,
 * how wide a line may be, whether ANSI colour and Unicode block characters may be used.
 *
 * <p>Immutable; {@link #detect()} is called once by the command on its thread, tests build values with
 * {@link #plain(int)} and {@link #of(boolean, int, Map)}. Detection is cheap when output is not a terminal:
 * JLine (which spawns {@code stty}) is only asked when {@link System#console()} says stdin and stdout are
 * interactive, so piped runs and {@code --version} pay nothing for it.
 *
 * <p>Width: a terminal's own width, else {@code COLUMNS}, else {@value #TERMINAL_DEFAULT_WIDTH}. Output that is
 * not a terminal (a file, a pipe) is laid out at {@value #PIPE_WIDTH} columns whatever the environment says, so
 * that the same capture gives the same text everywhere and a full IPv6 address (39 characters) fits a table.
 * Colour: only on a terminal, never when {@code NO_COLOR} or {@code CI} is set (to any value) or
 * {@code TERM=dumb}. Live displays (progress bar, status line) follow the same rule on standard error.
 */
public record ConsoleStyle(boolean terminal, int width, boolean colour, boolean unicode, boolean live) {

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
   * under the environment {@code env}; standard error is taken to be a terminal exactly when standard output is.
   */
  public static ConsoleStyle of(boolean terminal, int width, Map<String, String> env) {
    return of(terminal, terminal, width, env, true);
  }

  static ConsoleStyle of(boolean stdoutTerminal, boolean stderrTerminal, int width,
      Map<String, String> env, boolean unicode) {
    boolean colourAllowed = !env.containsKey("NO_COLOR") && !env.containsKey("CI")
        && !"dumb".equals(env.get("TERM"));
    int columns = width > 0 ? width : stdoutTerminal ? columns(env) : PIPE_WIDTH;
    return new ConsoleStyle(stdoutTerminal, columns, stdoutTerminal && colourAllowed, unicode,
        stderrTerminal && colourAllowed);
  }

  /** The style of this process's standard output and error. */
  public static ConsoleStyle detect() {
    Map<String, String> env = System.getenv();
    boolean unicode = canEncodeBlocks(stdoutCharset());
    if (System.console() == null) {
      // stdout (or stdin) is redirected: no JLine terminal; stderr may still be a terminal for the progress bar
      return of(false, isStderrTerminal(), 0, env, unicode);
    }
    int width = 0;
    boolean stdoutTerminal = true;
    try (Terminal terminal = TerminalBuilder.builder().system(true).dumb(true).nativeSignals(false).build()) {
      stdoutTerminal = !Terminal.TYPE_DUMB.equals(terminal.getType())
          && !Terminal.TYPE_DUMB_COLOR.equals(terminal.getType());
      width = terminal.getWidth();
      unicode = canEncodeBlocks(terminal.encoding());
    } catch (IOException | RuntimeException e) {
      // no usable system terminal: fall back to COLUMNS and the default width
    }
    return of(stdoutTerminal, stdoutTerminal && isStderrTerminal(), width, env, unicode);
  }

  private static boolean isStderrTerminal() {
    try {
      return TerminalProvider.load("exec").isSystemStream(SystemStream.Error);
    } catch (IOException | RuntimeException e) {
      return false;
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
