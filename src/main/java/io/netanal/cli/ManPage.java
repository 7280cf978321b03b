package io.netanal.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Writes netanal's manual page, section 1, in roff ({@code man -l}), from the picocli model of the command line:
 * the same names, synopses, descriptions and defaults as {@code --help}, so it cannot drift from the code.
 *
 * <p>Stateless; any thread.
 */
final class ManPage {
  private ManPage() {}

  static void write(CommandLine root, String version, PrintWriter out) {
    CommandSpec spec = root.getCommandSpec();
    out.println(".TH NETANAL 1 \"\" \"" + escape(version) + "\" \"User Commands\"");
    out.println(".SH NAME");
    out.println("netanal \\- " + escape(text(spec.usageMessage().description())));
    out.println(".SH SYNOPSIS");
    out.println(".B netanal");
    out.println("\\fICOMMAND\\fR [\\fIOPTIONS\\fR] [\\fIARGUMENTS\\fR]");
    out.println(".SH DESCRIPTION");
    out.println("A command-line network analyzer: live capture through libpcap, and the same report (protocols, "
        + "endpoints, conversations, bandwidth, sizes, TCP flags) from pcap and pcapng files. Reports go to "
        + "standard output, diagnostics to standard error. Every command takes \\fB\\-\\-help\\fR, "
        + "\\fB\\-\\-version\\fR and \\fB\\-\\-verbose\\fR.");
    out.println(".SH COMMANDS");
    for (Map.Entry<String, CommandLine> e : root.getSubcommands().entrySet()) {
      CommandSpec sub = e.getValue().getCommandSpec();
      if (sub.usageMessage().hidden() || !e.getKey().equals(sub.name())
          || sub.userObject() instanceof CommandLine.HelpCommand) {
        continue; // aliases, and `help`, which --help on each command replaces in a manual
      }
      command(e.getValue(), out);
    }
    out.println(".SH EXIT STATUS");
    for (Map.Entry<String, String> code : spec.usageMessage().exitCodeList().entrySet()) {
      out.println(".TP");
      out.println(".B " + escape(code.getKey().strip()));
      out.println(escape(code.getValue()));
    }
    out.println(".SH ENVIRONMENT");
    out.println(".TP");
    out.println(".B XDG_STATE_HOME");
    out.println("where the last report is saved (\\fI$XDG_STATE_HOME/netanal\\fR, default "
        + "\\fI~/.local/state/netanal\\fR), for \\fBexport\\fR and \\fBchart\\fR without a SOURCE");
    out.println(".TP");
    out.println(".B NO_COLOR, CI");
    out.println("either set: no colour, even on a terminal");
    out.println(".TP");
    out.println(".B NETANAL_JAVA_OPTS");
    out.println("more options for the Java virtual machine (the launcher's)");
    out.println(".SH SEE ALSO");
    out.println(".BR tcpdump (8),");
    out.println(".BR tshark (1),");
    out.println(".BR capinfos (1),");
    out.println(".BR pcap-filter (7)");
    out.flush();
  }

  private static void command(CommandLine command, PrintWriter out) {
    CommandSpec spec = command.getCommandSpec();
    Help help = new Help(spec, Help.defaultColorScheme(Help.Ansi.OFF));
    out.println(".SS \"" + escape(spec.qualifiedName()) + "\"");
    out.println(".nf");
    out.println(escape(help.synopsis(0).stripTrailing()));
    out.println(".fi");
    out.println(escape(text(spec.usageMessage().description())));
    for (PositionalParamSpec p : spec.positionalParameters()) {
      if (p.hidden()) {
        continue;
      }
      out.println(".TP");
      out.println("\\fI" + escape(p.paramLabel()) + "\\fR");
      out.println(escape(describe(p.description(), p.defaultValueString(), p.completionCandidates())));
    }
    for (OptionSpec o : spec.options()) {
      if (o.hidden() || o.usageHelp() || o.versionHelp() || o.longestName().equals("--verbose")) {
        continue;
      }
      out.println(".TP");
      String label = o.typeInfo().isBoolean() ? "" : " \\fI" + escape(o.paramLabel()) + "\\fR";
      out.println("\\fB" + escape(String.join(", ", o.names())) + "\\fR" + label);
      out.println(escape(describe(o.description(), o.defaultValueString(), o.completionCandidates())));
    }
  }

  /** A description with picocli's help variables filled in, as {@code --help} shows it. */
  private static String describe(String[] description, String defaultValue, Iterable<String> candidates) {
    String text = text(description).replace("${DEFAULT-VALUE}", String.valueOf(defaultValue));
    if (candidates != null) {
      text = text.replace("${COMPLETION-CANDIDATES}", String.join(", ", candidates));
    }
    return text;
  }

  private static String text(String[] lines) {
    return String.join(" ", List.of(lines));
  }

  /** roff text: backslashes and hyphens escaped, no line starting with a control character. */
  static String escape(String s) {
    String escaped = s.replace("\\", "\\e").replace("-", "\\-");
    StringBuilder out = new StringBuilder(escaped.length());
    for (String line : escaped.split("\n", -1)) {
      if (out.length() > 0) {
        out.append('\n');
      }
      if (line.startsWith(".") || line.startsWith("'")) {
        out.append("\\&");
      }
      out.append(line);
    }
    return out.toString();
  }
}
