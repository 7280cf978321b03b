package io.netanal.capture;

import java.util.List;

/**
 * A device libpcap can capture on, as {@code tcpdump -D} lists it: its name, description (null when libpcap
 * has none), addresses ({@code 192.0.2.1/24}, {@code fe80::1}) and flags.
 *
 * <p>Immutable; any thread.
 */
public record CaptureDevice(String name, String description, List<String> addresses, boolean up,
    boolean running, boolean loopback, boolean wireless) {

  public CaptureDevice {
    addresses = List.copyOf(addresses);
  }

  /** The flags as words, in tcpdump's order: {@code [up, running, loopback, wireless]} for those set. */
  public List<String> flags() {
    var flags = new java.util.ArrayList<String>(4);
    if (up) {
      flags.add("up");
    }
    if (running) {
      flags.add("running");
    }
    if (loopback) {
      flags.add("loopback");
    }
    if (wireless) {
      flags.add("wireless");
    }
    return flags;
  }
}
