package io.netanal.cli;

import io.netanal.capture.CaptureDevice;
import io.netanal.capture.CaptureDevices;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code netanal interfaces}: the capture devices, numbered like {@code tcpdump -D}, each with its description,
 * flags and addresses. Needs libpcap but no privileges.
 *
 * <p>Runs on the main thread.
 */
@Command(name = "interfaces", mixinStandardHelpOptions = true,
    description = "List capture devices with their addresses and flags (like tcpdump -D).")
final class InterfacesCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    print(spec.commandLine().getOut());
    return ExitCodes.OK;
  }

  /** The numbered list of devices, as {@code netanal interfaces} and {@code netanal capture -D} print it. */
  static void print(PrintWriter out) {
    List<CaptureDevice> devices = CaptureDevices.list();
    int number = 1;
    for (CaptureDevice d : devices) {
      out.println(line(number++, d));
      if (!d.addresses().isEmpty()) {
        out.println("    " + String.join(", ", d.addresses()));
      }
    }
    out.flush();
  }

  /** {@code 1. eth0 (description) [up, running]}: the description only when libpcap has one. */
  static String line(int number, CaptureDevice d) {
    StringBuilder s = new StringBuilder().append(number).append('.').append(d.name());
    if (d.description() != null && !d.description().isBlank()) {
      s.append(" (").append(d.description()).append(')');
    }
    return s.append(" [").append(String.join(", ", d.flags())).append(']').toString();
  }
}
