package io.netanal.decode;

import static io.netanal.decode.Fixtures.ascii;
import static io.netanal.decode.Fixtures.bytes;
import static io.netanal.decode.Fixtures.dnsQuery;
import static io.netanal.decode.Fixtures.ethernet;
import static io.netanal.decode.Fixtures.hex16;
import static io.netanal.decode.Fixtures.ipv4;
import static io.netanal.decode.Fixtures.ipv6;
import static io.netanal.decode.Fixtures.length;
import static io.netanal.decode.Fixtures.tcp;
import static io.netanal.decode.Fixtures.udp;

import io.netanal.frame.LinkType;
import java.util.ArrayList;
import java.util.List;

/**
 * Realistic frames for every link type the decoder reads, built from the same fields as the unit tests: each
 * network-layer packet below wrapped in each link layer. The mutation test corrupts them.
 */
final class SampleFrames {
  /** A frame and its link type. */
  record Sample(String name, int linkType, byte[] bytes) {}

  private SampleFrames() {}

  /** Network-layer packets, each starting with its IP (or ARP) header; [name, EtherType, hex]. */
  static List<String[]> packets() {
    List<String[]> packets = new ArrayList<>();
    String http = ascii("GET /index.html HTTP/1.1\r\nHost: example.com\r\n\r\n");
    packets.add(v4("ipv4-tcp-http", 6, tcp(50000, 80, 0x18) + http));
    packets.add(v4("ipv4-tcp-syn-options", 6, tcpWithOptions()));
    packets.add(v4("ipv4-tcp-tls", 6, tcp(443, 50000, 0x18) + "1603030004" + "0e000000"));
    packets.add(v4("ipv4-udp-dns", 17, udp(40000, 53, length(dnsQuery())) + dnsQuery()));
    packets.add(v4("ipv4-udp-dhcp", 17, udp(68, 67, 8) + "0101060000000001"));
    packets.add(v4("ipv4-udp-quic", 17, udp(50000, 443, 9) + "c300000001" + "08000000"));
    packets.add(v4("ipv4-icmp-echo", 1, "0800000000010001" + "6162636465666768"));
    packets.add(v4("ipv4-icmp-unreachable", 1, "0303000000000000" + ipv4(17, 8 + 19) + udp(53, 40000, 19)
        + dnsQuery()));
    packets.add(v4("ipv4-gre-ipv4", 47, "00000800" + ipv4(6, 20) + tcp(1, 2, 0x02)));
    packets.add(v4("ipv4-gre-eth", 47, "00006558" + ethernet(0x0800) + ipv4(17, 8) + udp(1, 2, 0)));
    packets.add(v4("ipv4-ipip", 4, ipv4(17, 12) + udp(123, 123, 4) + "23000000"));
    packets.add(v4("ipv4-6in4", 41, ipv6(6, 20) + tcp(22, 50000, 0x18)));
    packets.add(v4("ipv4-sctp", 132, "0b590b5a0000000000000000"));
    packets.add(v4("ipv4-igmp", 2, "1600fa04e0000001"));
    packets.add(v4("ipv4-ah-tcp", 51, "0604000000001001" + "00000001" + "000000000000000000000000"
        + tcp(1, 2, 0x10)));
    packets.add(new String[] {"ipv4-fragment", hex16(0x0800),
        "450000200001" + "00b9" + "4011" + "0000" + "0a000001" + "0a000002" + "0102030405060708" + "090a0b0c"});
    packets.add(new String[] {"ipv4-options", hex16(0x0800),
        "46000020000100004011" + "0000" + "0a000001" + "0a000002" + "94040000" + udp(5353, 5353, 0)});
    packets.add(v6("ipv6-tcp", 6, tcp(50000, 443, 0x02)));
    packets.add(v6("ipv6-udp-dns", 17, udp(40000, 53, length(dnsQuery())) + dnsQuery()));
    packets.add(v6("ipv6-icmpv6-ns", 58, "8700000000000000" + "20010db8000000000000000000000002"));
    packets.add(v6("ipv6-icmpv6-too-big", 58, "02000000000005dc" + ipv6(17, 1400) + udp(1, 2, 1392)));
    packets.add(v6("ipv6-hop-routing-dst-tcp", 0, "2b00050200000100" + "3c02000100000000"
        + "20010db8000000000000000000000003" + "0600010400000000" + tcp(1, 2, 0x02)));
    packets.add(v6("ipv6-fragment-udp", 44, "1100000100000001" + udp(546, 547, 4) + "01abcdef"));
    packets.add(v6("ipv6-esp", 50, "0000100100000001" + "aabbccdd"));
    packets.add(new String[] {"arp", hex16(0x0806),
        "0001080006040001" + "66778899aabb" + "0a000001" + "000000000000" + "0a000002"});
    return packets;
  }

  /** Every packet in every link layer. */
  static List<Sample> all() {
    List<Sample> samples = new ArrayList<>();
    for (String[] packet : packets()) {
      String name = packet[0];
      int etherType = Integer.parseInt(packet[1], 16);
      String ip = packet[2];
      boolean isIp = etherType != 0x0806;
      boolean isV4 = etherType == 0x0800;
      samples.add(sample("eth/" + name, LinkType.ETHERNET, ethernet(etherType) + ip));
      samples.add(sample("vlan/" + name, LinkType.ETHERNET, ethernet(0x8100) + "0064" + packet[1] + ip));
      samples.add(sample("qinq/" + name, LinkType.ETHERNET,
          ethernet(0x88a8) + "00c8" + "8100" + "0064" + packet[1] + ip));
      samples.add(sample("snap/" + name, LinkType.ETHERNET,
          ethernet(8 + length(ip)) + "aaaa03000000" + packet[1] + ip));
      samples.add(sample("sll/" + name, LinkType.LINUX_SLL,
          "0000" + "0001" + "0006" + "66778899aabb0000" + packet[1] + ip));
      samples.add(sample("sll2/" + name, LinkType.LINUX_SLL2,
          packet[1] + "0000" + "00000002" + "0001" + "00" + "06" + "66778899aabb0000" + ip));
      samples.add(sample("wlan/" + name, LinkType.IEEE802_11,
          "8801" + "0000" + "001122334455" + "66778899aabb" + "ccddeeff0011" + "1000" + "0000"
              + "aaaa03000000" + packet[1] + ip));
      samples.add(sample("radiotap/" + name, LinkType.IEEE802_11_RADIOTAP,
          "00000c00" + "04000000" + "02000000" + "0802" + "0000" + "001122334455" + "66778899aabb"
              + "ccddeeff0011" + "1000" + "aaaa03000000" + packet[1] + ip));
      if (!isIp) {
        continue;
      }
      samples.add(sample("raw/" + name, LinkType.RAW, ip));
      samples.add(sample("rawip/" + name, isV4 ? LinkType.IPV4 : LinkType.IPV6, ip));
      samples.add(sample("null/" + name, LinkType.NULL, (isV4 ? "02000000" : "18000000") + ip));
      samples.add(sample("loop/" + name, LinkType.LOOP, (isV4 ? "00000002" : "0000001e") + ip));
      samples.add(sample("ppp/" + name, LinkType.PPP, "ff03" + (isV4 ? "0021" : "0057") + ip));
      samples.add(sample("ppp-hdlc/" + name, LinkType.PPP_HDLC, "ff03" + (isV4 ? "0021" : "0057") + ip));
      samples.add(sample("pppoe/" + name, LinkType.ETHERNET, ethernet(0x8864) + "1100" + "0001"
          + hex16(2 + length(ip)) + (isV4 ? "0021" : "0057") + ip));
      samples.add(sample("mpls/" + name, LinkType.ETHERNET, ethernet(0x8847) + "00010040" + "00011140" + ip));
    }
    return samples;
  }

  private static String[] v4(String name, int protocol, String payload) {
    return new String[] {name, hex16(0x0800), ipv4(protocol, length(payload)) + payload};
  }

  private static String[] v6(String name, int nextHeader, String payload) {
    return new String[] {name, hex16(0x86dd), ipv6(nextHeader, length(payload)) + payload};
  }

  private static String tcpWithOptions() {
    return "c350" // source port 50000
        + "0016" // destination port 22
        + "00000001" // sequence number
        + "00000000" // acknowledgment number
        + "a0" // data offset 10: 40 bytes
        + "c2" // flags CWR, ECE, SYN
        + "faf0" // window
        + "0000" // checksum
        + "0000" // urgent pointer
        + "020405b4" // MSS 1460
        + "0402" // SACK permitted
        + "080a0000000100000000" // timestamps
        + "01" // NOP
        + "030307"; // window scale 7
  }

  private static Sample sample(String name, int linkType, String hex) {
    return new Sample(name, linkType, bytes(hex));
  }
}
