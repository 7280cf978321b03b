package io.netanal.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs one subcommand as {@code netanal} would (same error handlers and exit codes), capturing out and err. */
final class CommandRunner {
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();
  private final Object command;

  CommandRunner(Object command) {
    this.command = command;
  }

  int run(String... args) {
    CommandLine cl = new CommandLine(command);
    cl.setExecutionExceptionHandler(new Netanal.ErrorReporter());
    cl.setParameterExceptionHandler(new Netanal.UsageErrorReporter());
    cl.setExitCodeExceptionMapper(ExitCodes::of);
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }
}
