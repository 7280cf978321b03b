package io.netanal.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.netanal.decode.DecodedFrame;
import io.netanal.decode.FrameFixture;
import io.netanal.decode.Protocol;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlowRecordTest {
  private static final int SYN = Traffic.SYN;
  private static final int ACK = Traffic.ACK;

  @Test
  void shouldEqualTheRecordMadeFromItsTextWhenTheTableMadeItFromNumbers() {
    FlowRecord made = new Traffic()
        .tcp(0, "10.0.0.1", 40000, "192.0.2.80", 443, SYN, 1000, 0, 0)
        .tcp(20, "192.0.2.80", 443, "10.0.0.1", 40000, SYN | ACK, 5000, 1001, 0)
        .tcp(21, "10.0.0.1", 40000, "192.0.2.80", 443, ACK, 1001, 5001, 0)
        .only();
    FlowRecord fromText = copy(made);
    assertThat(fromText).isEqualTo(made);
    assertThat(made).isEqualTo(fromText);
    assertThat(fromText.hashCode()).isEqualTo(made.hashCode());
    assertThat(fromText.toString()).isEqualTo(made.toString());
    assertThat(made.toString()).startsWith("FlowRecord[source=test.pcap, ").contains(", origAddress=10.0.0.1, ")
        .contains(", communityId=1:").contains(", rttMillis=21.0, ");
  }

  @Test
  void shouldHashJa3TextWhenFirstAskedAndEqualTheTlsGivenItsHash() {
    FlowRecord.Tls client = FlowRecord.Tls.withJa3Text("example.com", null, "h2,http/1.1",
        "771,4865-4866-49199,0-10-11-16-43-23,29-23,0");
    FlowRecord.Tls hashed = new FlowRecord.Tls("example.com", null, "h2,http/1.1",
        "d27510c0f0952658840bfea9610a5b6f");

    assertThat(client.ja3()).isEqualTo("d27510c0f0952658840bfea9610a5b6f");
    assertThat(client).isEqualTo(hashed).hasSameHashCodeAs(hashed);
    assertThat(client.toString()).isEqualTo(hashed.toString())
        .isEqualTo("Tls[sni=example.com, version=null, alpn=h2,http/1.1, ja3=d27510c0f0952658840bfea9610a5b6f]");
  }

  @Test
  void shouldKeepClientNameAndUnhashedJa3WhenServerHelloCompletesTls() {
    FlowRecord.Tls client = FlowRecord.Tls.withJa3Text("example.com", null, "h2,http/1.1", "768,47,,,");
    FlowRecord.Tls server = new FlowRecord.Tls(null, "TLSv1.3", "h2", null);

    assertThat(client.completedBy(server))
        .isEqualTo(new FlowRecord.Tls("example.com", "TLSv1.3", "h2", "8b0135efb6582c68f0581fac9c79ccd5"));
    assertThat(server.completedBy(client))
        .isEqualTo(new FlowRecord.Tls("example.com", "TLSv1.3", "h2,http/1.1", "8b0135efb6582c68f0581fac9c79ccd5"));
  }

  @Test
  void shouldGiveTheOriginatorAddressAsNumbersAndAsText() {
    FlowRecord f = new Traffic().udp(0, "10.0.0.1", 40000, "255.255.255.250", 53, 4).only();
    assertThat(f.ipVersion()).isEqualTo(4);
    assertThat(f.origAddressHigh()).isZero();
    assertThat(f.origAddressLow()).isEqualTo(0x0a000001L);
    assertThat(f.respAddressLow()).isEqualTo(0xfffffffaL); // unsigned: the top bit set is no sign
    assertThat(f.origAddress()).isEqualTo("10.0.0.1");
    assertThat(f.respAddress()).isEqualTo("255.255.255.250");
  }

  @Test
  void shouldGiveIpv6AddressesAsNumbersAndTheCommunityIdOfTheirBytes() {
    List<FlowRecord> records = new ArrayList<>();
    FlowTable table = new FlowTable(FlowTableOptions.forFile("v6", 10), records::add);
    DecodedFrame frame = new DecodedFrame();
    FrameFixture.on(frame).withProtocol(Protocol.IP).withProtocol(Protocol.TCP)
        .withIpv6(0x20010db800000000L, 1, 0x20010db800000000L, 2).withIpExtent(0, 60)
        .withTransport(6, 40000, 80, SYN).withTcp(SYN, 1000, 0, 65535).withPayload(60, 60);
    table.frame(1_000_000_000L, 74, 74, ByteBuffer.allocate(0), 0, frame);
    table.finish();
    FlowRecord f = records.get(0);
    assertThat(f.ipVersion()).isEqualTo(6);
    assertThat(f.origAddressHigh()).isEqualTo(0x20010db800000000L);
    assertThat(f.origAddressLow()).isEqualTo(1);
    assertThat(f.origAddress()).isEqualTo("2001:db8::1");
    assertThat(f.respAddress()).isEqualTo("2001:db8::2");
    byte[] source = new byte[16];
    byte[] destination = new byte[16];
    ByteBuffer.wrap(source).putLong(0x20010db800000000L).putLong(1);
    ByteBuffer.wrap(destination).putLong(0x20010db800000000L).putLong(2);
    assertThat(f.communityId()).isEqualTo(new CommunityId().of(source, destination, 6, 40000, 80));
  }

  @Test
  void shouldParseOnlyAddressLiteralsWhenMadeFromText() {
    FlowRecord v6 = text("2001:db8::7", "2001:db8::8");
    assertThat(v6.ipVersion()).isEqualTo(6);
    assertThat(v6.origAddressHigh()).isEqualTo(0x20010db800000000L);
    assertThat(v6.origAddressLow()).isEqualTo(7);
    FlowRecord name = text("localhost", "10.0.0.2"); // never resolved
    assertThat(name.ipVersion()).isZero();
    assertThat(name.origAddress()).isEqualTo("localhost");
  }

  private static FlowRecord text(String orig, String resp) {
    return new FlowRecord("x", 0, 0, orig, 40000, resp, 443, 6, -1, null, 1, 0, 0, 0, 60, 0, "S0", "S", "eof",
        "1:x", null, 0, 0, List.of(), 0, null, null);
  }

  private static FlowRecord copy(FlowRecord f) {
    return new FlowRecord(f.source(), f.tsNanos(), f.lastTsNanos(), f.origAddress(), f.origPort(), f.respAddress(),
        f.respPort(), f.ipProtocol(), f.vlan(), f.service(), f.origPackets(), f.respPackets(), f.origBytes(),
        f.respBytes(), f.origIpBytes(), f.respIpBytes(), f.state(), f.history(), f.end(), f.communityId(),
        f.rttMillis(), f.origRetransmissions(), f.respRetransmissions(), f.dns(), f.dnsMore(), f.tls(), f.http());
  }
}
