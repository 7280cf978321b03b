package io.netanal.cli;

import picocli.CommandLine;

/**
 * The netanal entry point with the capture commands registered, for tests that run netanal as a child process
 * (signals, dropped capabilities) before {@link Netanal} lists these subcommands itself.
 */
public final class CaptureTestMain {
  private CaptureTestMain() {}

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  static CommandLine commandLine() {
    CommandLine cl = Netanal.commandLine();
    if (!cl.getSubcommands().containsKey("capture")) {
      cl.addSubcommand(new CaptureCommand());
    }
    if (!cl.getSubcommands().containsKey("interfaces")) {
      cl.addSubcommand(new InterfacesCommand());
    }
    return cl;
  }
}
