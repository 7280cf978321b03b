package io.netanal.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.function.Supplier;
import picocli.CommandLine;

/**
 * Runs {@code netanal}, or one subcommand alone, as {@code main} would (same error handlers and exit codes),
 * capturing out and err. One test thread runs it; {@link #out} and {@link #err} may be read from any thread.
 */
final class CommandRunner {
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();
  private final Supplier<CommandLine> commandLine;

  /** The root command with every subcommand, as the {@code netanal} binary runs. */
  static CommandRunner netanal() {
    return new CommandRunner(Netanal::commandLine);
  }

  /** The subcommand {@code name} alone, as {@code main} builds it when {@code name} is the first argument. */
  static CommandRunner alone(String name) {
    return new CommandRunner(() -> Netanal.alone(new String[] {name}));
  }

  /** One subcommand object on its own, so that a test can set its fields first. */
  CommandRunner(Object command) {
    this(() -> Netanal.configure(new CommandLine(command)));
  }

  private CommandRunner(Supplier<CommandLine> commandLine) {
    this.commandLine = commandLine;
  }

  int run(String... args) {
    CommandLine cl = commandLine.get();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }
}
