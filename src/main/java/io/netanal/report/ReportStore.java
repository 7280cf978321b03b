package io.netanal.report;

import io.netanal.ExportException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The last report, saved by every {@code analyze} and {@code capture} so that {@code export} and {@code chart}
 * work without a SOURCE: {@code last-report.json} in netanal's state directory ({@code $XDG_STATE_HOME/netanal},
 * default {@code ~/.local/state/netanal}).
 *
 * <p>Any thread; {@link #save} replaces the file atomically, so a reader never sees half a report.
 */
public final class ReportStore {
  public static final String FILE_NAME = "last-report.json";

  private final Path directory;

  /** A store in {@code directory} (created when a report is first saved). */
  public ReportStore(Path directory) {
    this.directory = directory;
  }

  /** The store in the user's state directory, from the process environment. */
  public static ReportStore standard() {
    return new ReportStore(stateDirectory(System.getenv(), System.getProperty("user.home")));
  }

  /** {@code $XDG_STATE_HOME/netanal} when that is set to an absolute path, else {@code HOME/.local/state/netanal}. */
  static Path stateDirectory(Map<String, String> environment, String userHome) {
    String xdg = environment.get("XDG_STATE_HOME");
    // The XDG base directory specification says relative values are invalid and must be ignored.
    if (xdg != null && !xdg.isEmpty() && Path.of(xdg).isAbsolute()) {
      return Path.of(xdg, "netanal");
    }
    return Path.of(userHome, ".local", "state", "netanal");
  }

  /** Where the last report is (or would be) saved. */
  public Path file() {
    return directory.resolve(FILE_NAME);
  }

  /**
   * Saves {@code report} as the last report, replacing the previous one atomically but without forcing it to disk:
   * a crash may lose the last report (then {@code export} says so, or reads the one before), never half of it.
   */
  public void save(Report report) {
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new ExportException(
          directory + ": cannot create the state directory (" + AtomicFileOutput.reason(e) + ")", e);
    }
    AtomicFileOutput.replace(file(), out -> ReportJson.write(report, out, false));
  }

  /** The last report, or empty when none has been saved. A damaged file is an {@link io.netanal.UnreadableFileException}. */
  public Optional<Report> load() throws IOException {
    Path file = file();
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    return Optional.of(ReportJson.read(file));
  }
}
