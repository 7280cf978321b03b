package io.netanal.cli;

import io.netanal.InvalidInputException;
import io.netanal.capture.BpfCompiler;
import io.netanal.filter.BpfProgram;
import io.netanal.filter.FilterExpression;
import io.netanal.frame.LinkType;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code netanal filter [filter flags] [-f EXPR] [--check] [--link-type DLT]}: prints the BPF expression the
 * flags build; {@code --check} also compiles it with libpcap and lists the program, as {@code tcpdump -d} does.
 *
 * <p>Runs on picocli's calling thread.
 */
@Command(name = "filter", mixinStandardHelpOptions = true,
    description = "Print the BPF expression that filter flags build; --check compiles it with libpcap.")
final class FilterCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin FilterOptions filter;

  @Option(names = "--check", description = "Compile the expression with libpcap and print the program.")
  boolean check;

  @Option(names = "--link-type", paramLabel = "DLT", defaultValue = "EN10MB",
      description = "Link type to compile for: a DLT name (EN10MB, LINUX_SLL, RAW, ...) or number; default ${DEFAULT-VALUE}.")
  String linkType;

  @Override
  public Integer call() {
    Optional<FilterExpression> expression = filter.expression();
    if (expression.isEmpty()) {
      throw new InvalidInputException("filter: no flags and no -f (expected: at least one, e.g. --tcp --port 443)");
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(expression.get().text());
    if (check) {
      int type = linkTypeOf(linkType);
      BpfProgram program = new BpfCompiler().compile(expression.get().text(), type, LinkType.MAX_SNAPLEN);
      out.println("ok: " + program.length() + " BPF instructions for " + LinkType.name(type));
      out.print(program);
    }
    out.flush();
    return ExitCodes.OK;
  }

  /** A LINKTYPE_ value from its DLT name or number. */
  static int linkTypeOf(String text) {
    String name = text.toUpperCase(java.util.Locale.ROOT);
    if (name.startsWith("DLT_")) {
      name = name.substring(4);
    }
    if (!name.isEmpty() && name.chars().allMatch(Character::isDigit) && name.length() < 6) {
      return Integer.parseInt(name);
    }
    for (int type = 0; type < 300; type++) {
      if (LinkType.name(type).equals(name) && !name.startsWith("LINKTYPE_")) {
        return type;
      }
    }
    throw new InvalidInputException("link-type: " + text
        + " (expected: a DLT name such as EN10MB, LINUX_SLL, LINUX_SLL2, RAW, NULL, or a LINKTYPE_ number)");
  }
}
