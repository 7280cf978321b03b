package io.netanal.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The {@code netanal} root command: holds the subcommands, the global {@code --verbose} switch, and the one
 * place where exceptions become messages and exit codes.
 *
 * <p>{@link #main} is the only caller of {@code System.exit}; tests call {@link #commandLine()} and
 * {@code execute(...)} with their own out/err writers.
 */
@Command(name = "netanal", mixinStandardHelpOptions = true, versionProvider = Netanal.Version.class,
    description = "Network analyzer: live capture and capture-file statistics.",
    subcommands = {AnalyzeCommand.class, CaptureCommand.class, ExportCommand.class, ChartCommand.class,
        FilterCommand.class, InterfacesCommand.class, ShipCommand.class, ServeCommand.class, FlowsCommand.class,
        WindowsCommand.class,
        CompletionCommand.class, ManCommand.class, CommandLine.HelpCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:success (a capture stopped by Ctrl+C is a success)",
        "1:runtime failure (I/O error, disk full)",
        "2:invalid input (bad option, bad filter, unreadable, damaged or unsupported file)",
        "3:environment (no permission to capture, libpcap missing, no such interface; serve: port taken, "
            + "database unreachable)",
        "4:internal error",
        "130:a second Ctrl+C during capture (exits at once)"})
public final class Netanal {

  private static final String VERBOSE = "Print stack traces with error messages.";

  @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT, description = VERBOSE)
  boolean verbose;

  public static void main(String[] args) {
    CommandLine alone = alone(args);
    CommandLine cl = alone != null ? alone : isVersionAlone(args) ? versionAlone() : commandLine();
    cl.setOut(StandardOutput.create()); // as picocli's own, with the bytes beneath for windows --json
    int exit = cl.execute(alone == null ? args : Arrays.copyOfRange(args, 1, args.length));
    if (Boolean.getBoolean(ArchiveTraining.PROPERTY)) {
      ArchiveTraining.run(); // after the command's own output: only the launcher's archive-making run sets it
    }
    System.exit(exit);
  }

  /**
   * The subcommand named by the first argument on its own, named and configured as under the whole tree; null
   * when the first argument names none of them. Picocli builds the model of every subcommand up front
   * (reflecting over all their options): building one instead of thirteen saves most of the time before a
   * command starts its work. Not {@code completion}, {@code man} and {@code help}, which read the whole tree.
   * Tested to behave as the whole tree does.
   */
  static CommandLine alone(String[] args) {
    Object command = args.length == 0 ? null : switch (args[0]) {
      case "analyze" -> new AnalyzeCommand();
      case "flows" -> new FlowsCommand();
      case "windows" -> new WindowsCommand();
      case "export" -> new ExportCommand();
      case "chart" -> new ChartCommand();
      case "capture" -> new CaptureCommand();
      case "filter" -> new FilterCommand();
      case "interfaces" -> new InterfacesCommand();
      case "ship" -> new ShipCommand();
      case "serve" -> new ServeCommand();
      default -> null;
    };
    if (command == null) {
      return null;
    }
    CommandLine cl = configure(new CommandLine(command));
    cl.setCommandName("netanal " + args[0]);
    cl.getCommandSpec().addOption(OptionSpec.builder("--verbose").type(boolean.class).description(VERBOSE).build());
    return cl;
  }

  /** True for {@code netanal --version} (or {@code -V}) and nothing else. */
  static boolean isVersionAlone(String[] args) {
    return args.length == 1 && ("--version".equals(args[0]) || "-V".equals(args[0]));
  }

  /**
   * The root command without its subcommands, for {@code netanal --version} alone: the same version, without
   * building the model of all thirteen subcommands first (most of its time; DESIGN.md's budget is 0.3 s).
   */
  static CommandLine versionAlone() {
    return configure(new CommandLine(new VersionAlone()));
  }

  /** {@code netanal} as {@link #versionAlone()} runs it: its version, nothing to run. */
  @Command(name = "netanal", mixinStandardHelpOptions = true, versionProvider = Netanal.Version.class)
  static final class VersionAlone implements Runnable {
    @Override
    public void run() {
      // only --version reaches it, which picocli answers itself
    }
  }

  /** A configured command line: exit codes, error handlers, case-sensitive options. */
  public static CommandLine commandLine() {
    return configure(new CommandLine(new Netanal()));
  }

  /** {@code cl} with netanal's error handlers and exit codes, so that a subcommand alone runs as under netanal. */
  static CommandLine configure(CommandLine cl) {
    cl.setExecutionExceptionHandler(new ErrorReporter());
    cl.setParameterExceptionHandler(new UsageErrorReporter());
    cl.setExitCodeExceptionMapper(ExitCodes::of);
    return cl;
  }

  /** Turns an exception thrown by a command into a one-line message on stderr and an exit code. */
  static final class ErrorReporter implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine cl, ParseResult parseResult) {
      if (isBrokenPipe(e)) {
        return ExitCodes.OK; // `| head` closed our stdout: end quietly
      }
      PrintWriter err = cl.getErr();
      int code = ExitCodes.of(e);
      String message = message(e);
      if (code == ExitCodes.INTERNAL) {
        err.println("netanal: internal error: " + e + " (please report it; --verbose shows where)");
      } else {
        err.println("netanal: " + message);
      }
      if (isVerbose(parseResult)) {
        e.printStackTrace(err);
      }
      err.flush();
      return code;
    }
  }

  /** Reports a bad option or argument with the usage hint; exit code 2. */
  static final class UsageErrorReporter implements IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException e, String[] args) {
      CommandLine cl = e.getCommandLine();
      PrintWriter err = cl.getErr();
      err.println("netanal: " + e.getMessage());
      if (!CommandLine.UnmatchedArgumentException.printSuggestions(e, err)) {
        err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for more information.");
      }
      err.flush();
      return ExitCodes.INVALID_INPUT;
    }
  }

  /**
   * The message for an exception that reached the command line. The JDK's file errors carry only the path
   * ({@code AccessDeniedException: out.pcap}) or the class name in front ({@code java.io.IOException: No space
   * left on device}), so they are spelled here as "file: reason".
   */
  static String message(Throwable e) {
    Throwable t = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
    if (t instanceof FileSystemException fse && fse.getFile() != null) {
      String reason = t instanceof AccessDeniedException ? "permission denied"
          : t instanceof NoSuchFileException ? "no such file or directory"
          : t instanceof FileAlreadyExistsException ? "already exists"
          : fse.getReason() != null ? fse.getReason() : t.getClass().getSimpleName();
      return fse.getFile() + (fse.getOtherFile() == null ? "" : " -> " + fse.getOtherFile()) + ": " + reason;
    }
    if (t.getMessage() != null) {
      return t.getMessage();
    }
    return t.getClass().getName();
  }

  static boolean isVerbose(ParseResult parseResult) {
    for (ParseResult r = parseResult; r != null; r = r.subcommand()) {
      if (r.hasMatchedOption("--verbose")) {
        return true;
      }
    }
    return false;
  }

  /** True when writing failed because the reader of our output went away (EPIPE). */
  static boolean isBrokenPipe(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BrokenPipeException) {
        return true;
      }
      if ((t instanceof IOException || t instanceof UncheckedIOException) && t.getMessage() != null
          && t.getMessage().contains("Broken pipe")) {
        return true;
      }
    }
    return false;
  }

  /** The version from the jar's build properties. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      Properties p = new Properties();
      try (InputStream in = Netanal.class.getResourceAsStream("/io/netanal/version.properties")) {
        if (in != null) {
          p.load(in);
        }
      }
      return new String[] {"netanal " + p.getProperty("version", "unknown"),
          "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
    }
  }
}
