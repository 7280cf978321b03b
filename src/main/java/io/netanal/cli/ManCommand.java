package io.netanal.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code netanal man}: the manual page in roff, made from the command model ({@link ManPage}); {@code mvn package}
 * also writes it to {@code target/netanal.1}.
 *
 * <p>Runs on the main thread.
 */
@Command(name = "man", mixinStandardHelpOptions = true,
    description = {"Print the manual page (roff).", "Read it with: netanal man | man -l -"})
final class ManCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    String version = new Netanal.Version().getVersion()[0];
    ManPage.write(spec.root().commandLine(), version, spec.commandLine().getOut());
    return ExitCodes.OK;
  }
}
