package io.netanal.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code netanal analyze FILE...}: the report of one or more capture files. Being built. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
    description = "Report statistics of capture files (pcap, pcapng; '-' reads standard input).")
final class AnalyzeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Capture files; '-' for standard input.")
  List<Path> files;

  @Override
  public Integer call() {
    throw new UnsupportedOperationException("analyze: not built yet");
  }
}
