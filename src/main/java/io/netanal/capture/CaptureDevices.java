package io.netanal.capture;

import io.netanal.CaptureException;
import java.net.Inet4Address;
import io.netanal.frame.AddressFormat;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.pcap4j.core.PcapAddress;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface;
import org.pcap4j.core.Pcaps;

/**
 * The devices libpcap can capture on ({@code pcap_findalldevs}), the default one, and the check that a named one
 * exists.
 *
 * <p>Stateless; any thread. Listing needs libpcap but no privileges.
 */
public final class CaptureDevices {
  private static final Path SYS_NET = Path.of("/sys/class/net");

  private CaptureDevices() {}

  /** Every capture device, in libpcap's order (which puts devices that are up and running first). */
  public static List<CaptureDevice> list() {
    Libpcap.version();
    List<PcapNetworkInterface> found;
    try {
      found = Pcaps.findAllDevs();
    } catch (PcapNativeException e) {
      throw new CaptureException("cannot list capture devices: " + e.getMessage(), e);
    }
    List<CaptureDevice> devices = new ArrayList<>(found.size());
    for (PcapNetworkInterface nif : found) {
      devices.add(new CaptureDevice(nif.getName(), nif.getDescription(), addresses(nif), nif.isUp(),
          nif.isRunning(), nif.isLoopBack(), isWireless(nif.getName())));
    }
    return devices;
  }

  /**
   * The device tcpdump would choose without {@code -i}: the first that is up, running and not loopback, leaving
   * out libpcap's pseudo-devices ({@code any}, netfilter, USB, D-Bus monitors).
   */
  public static String defaultDevice(List<CaptureDevice> devices) {
    for (CaptureDevice d : devices) {
      if (d.up() && d.running() && !d.loopback() && !isPseudoDevice(d)) {
        return d.name();
      }
    }
    throw new CaptureException("no capture device is up and running (found: " + names(devices)
        + "): choose one with -i");
  }

  /** {@code name} when it is among {@code devices}; otherwise a message listing the ones that are. */
  public static String require(String name, List<CaptureDevice> devices) {
    for (CaptureDevice d : devices) {
      if (d.name().equals(name)) {
        return name;
      }
    }
    throw new CaptureException("no such capture device: " + name + " (expected one of: " + names(devices) + ")");
  }

  static boolean isPseudoDevice(CaptureDevice d) {
    String n = d.name();
    return n.equals("any") || n.startsWith("nflog") || n.startsWith("nfqueue") || n.startsWith("usbmon")
        || n.startsWith("dbus-") || n.startsWith("bluetooth") || n.startsWith("dpdk:");
  }

  private static String names(List<CaptureDevice> devices) {
    return devices.isEmpty() ? "none"
        : devices.stream().map(CaptureDevice::name).collect(Collectors.joining(", "));
  }

  private static List<String> addresses(PcapNetworkInterface nif) {
    List<String> out = new ArrayList<>();
    for (PcapAddress a : nif.getAddresses()) {
      InetAddress address = a.getAddress();
      if (address == null) {
        continue;
      }
      String text = text(address.getAddress());
      InetAddress mask = a.getNetmask();
      if (mask != null && (mask instanceof Inet4Address) == (address instanceof Inet4Address)) {
        text += "/" + prefixLength(mask.getAddress());
      }
      out.add(text);
    }
    return out;
  }

  /** An address as tcpdump prints it: dotted quad, or RFC 5952 IPv6 ({@code fe80::1}, not the JDK's long form). */
  static String text(byte[] a) {
    ByteBuffer b = ByteBuffer.wrap(a);
    return a.length == 4 ? AddressFormat.ipv4(b.getInt()) : AddressFormat.ipv6(b.getLong(), b.getLong());
  }

  static int prefixLength(byte[] mask) {
    int bits = 0;
    for (byte b : mask) {
      bits += Integer.bitCount(b & 0xff);
    }
    return bits;
  }

  private static boolean isWireless(String name) {
    // libpcap's PCAP_IF_WIRELESS is not exposed by pcap4j; Linux marks 802.11 devices in sysfs.
    Path dir = SYS_NET.resolve(name);
    return Files.isDirectory(dir.resolve("wireless")) || Files.exists(dir.resolve("phy80211"));
  }
}
