package io.netanal.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CommunityIdTest {
  private final CommunityId communityId = new CommunityId();

  /**
   * The spec's README vector and its baseline ({@code baseline/baseline_deflt.json}, seed 0): for ICMP the baseline
   * lists type and counterpart as ports; here type and code are given, as a packet carries them.
   */
  @ParameterizedTest(name = "{0} {1}:{3} -> {2}:{4}")
  @CsvSource({
      "6, 1.2.3.4, 5.6.7.8, 1122, 3344, 1:wCb3OG7yAFWelaUydu0D+125CLM=",
      "6, 128.232.110.120, 66.35.250.204, 34855, 80, 1:LQU9qZlK+B5F3KDmev6m5PMibrg=",
      "6, 66.35.250.204, 128.232.110.120, 80, 34855, 1:LQU9qZlK+B5F3KDmev6m5PMibrg=",
      "6, 2001:470:e5bf:dead:4957:2174:e82c:4887, 2607:f8b0:400c:c03::1a, 63943, 25, 1:/qFaeAR+gFe1KYjMzVDsMv+wgU4=",
      "6, 2607:f8b0:400c:c03::1a, 2001:470:e5bf:dead:4957:2174:e82c:4887, 25, 63943, 1:/qFaeAR+gFe1KYjMzVDsMv+wgU4=",
      "17, 192.168.1.52, 8.8.8.8, 54585, 53, 1:d/FP5EW3wiY1vCndhwleRRKHowQ=",
      "17, 8.8.8.8, 192.168.1.52, 53, 54585, 1:d/FP5EW3wiY1vCndhwleRRKHowQ=",
      "132, 192.168.170.8, 192.168.170.56, 7, 7, 1:MP2EtRCAUIZvTw6MxJHLV7N7JDs=",
      "132, 192.168.170.56, 192.168.170.8, 7, 7, 1:MP2EtRCAUIZvTw6MxJHLV7N7JDs=",
      // ICMP echo request and its reply share one ID; time exceeded (11) is one-way.
      "1, 192.168.0.89, 192.168.0.1, 8, 0, 1:X0snYXpgwiv9TZtqg64sgzUn6Dk=",
      "1, 192.168.0.1, 192.168.0.89, 0, 0, 1:X0snYXpgwiv9TZtqg64sgzUn6Dk=",
      "1, 10.0.0.1, 10.0.0.2, 11, 0, 1:YHxtAirCG//0OzkcVAukqKQN9xM=",
      // ICMPv6 neighbour solicitation/advertisement, echo, router solicitation/advertisement, one-way errors.
      "58, fe80::200:86ff:fe05:80da, fe80::260:97ff:fe07:69ea, 135, 0, 1:dGHyGvjMfljg6Bppwm3bg0LO8TY=",
      "58, fe80::260:97ff:fe07:69ea, fe80::200:86ff:fe05:80da, 136, 0, 1:dGHyGvjMfljg6Bppwm3bg0LO8TY=",
      "58, fe80::260:97ff:fe07:69ea, fe80::200:86ff:fe05:80da, 135, 0, 1:zavyT/cezQr1fmImYCwYnMXbgck=",
      "58, 3ffe:501:1800:2345::2, 3ffe:507:0:1:200:86ff:fe05:80da, 3, 0, 1:2ObVBgIn28oZvibYZhZMBgh7WdQ=",
      "58, 3ffe:501:410:0:2c0:dfff:fe47:33e, 3ffe:507:0:1:200:86ff:fe05:80da, 1, 4, 1:hLZd0XGWojozrvxqE0dWB1iM6R0=",
      "58, 3ffe:507:0:1:200:86ff:fe05:80da, 3ffe:501:0:1001::2, 128, 0, 1:+TW+HtLHvV1xnGhV1lv7XoJrqQg=",
      "58, 3ffe:501:0:1001::2, 3ffe:507:0:1:200:86ff:fe05:80da, 129, 0, 1:+TW+HtLHvV1xnGhV1lv7XoJrqQg=",
      "58, fe80::200:86ff:fe05:80da, ff02::2, 133, 0, 1:hO+sN4H+MG5MY/8hIrXPqc4ZQz0=",
      "58, fe80::260:97ff:fe07:69ea, ff02::1, 134, 0, 1:pkvHqCL88/tg1k4cPigmZXUtL00=",
      // RSVP (46): no ports.
      "46, 10.1.12.1, 10.1.12.2, 0, 0, 1:KHlLkgoJW7ifUTyTSgyVfkFHzKw=",
      "46, 10.1.12.2, 10.1.12.1, 0, 0, 1:KHlLkgoJW7ifUTyTSgyVfkFHzKw="})
  void shouldMatchTheSpecVectors(int protocol, String source, String destination, int sourcePort,
      int destinationPort, String expected) throws UnknownHostException {
    byte[] s = InetAddress.getByName(source).getAddress();
    byte[] d = InetAddress.getByName(destination).getAddress();
    assertThat(communityId.of(s, d, protocol, sourcePort, destinationPort)).isEqualTo(expected);
  }
}
