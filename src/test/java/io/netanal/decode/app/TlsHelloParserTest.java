package io.netanal.decode.app;

import static io.netanal.decode.app.Payloads.ascii;
import static io.netanal.decode.app.Payloads.bytes;
import static io.netanal.decode.app.Payloads.cut;
import static io.netanal.decode.app.Payloads.hexOf;
import static io.netanal.decode.app.Payloads.tls;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Expected JA3 and JA3S values are tshark 4.0's {@code tls.handshake.ja3_full}/{@code ja3s_full} of these bytes. */
class TlsHelloParserTest {
  /** A TLS 1.3 ClientHello shaped like a browser's, with GREASE in ciphers, extensions, groups and versions. */
  static final byte[] CLIENT_HELLO_GREASE = bytes(
      "16", // record: content type 22 handshake
      "0301", // record version TLS 1.0, as clients send it
      "00a5", // record length 165
      "01", // handshake type 1 ClientHello
      "0000a1", // handshake length 161
      "0303", // legacy_version TLS 1.2
      "0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20", // random
      "20", "aa".repeat(32), // session_id: 32 bytes
      "0008", "2a2a", "1301", "1302", "c02f", // cipher_suites: GREASE, 4865, 4866, 49199
      "01", "00", // compression_methods: null
      "0050", // extensions length 80
      "3a3a", "0000", // GREASE extension, empty
      "0000", "0010", "000e", "00", "000b", hexOf("Example.COM"), // server_name: host_name Example.COM
      "000a", "0008", "0006", "5a5a", "001d", "0017", // supported_groups: GREASE, x25519 (29), secp256r1 (23)
      "000b", "0002", "01", "00", // ec_point_formats: uncompressed (0)
      "0010", "000e", "000c", "02" + hexOf("h2"), "08" + hexOf("http/1.1"), // ALPN: h2, http/1.1
      "002b", "0007", "06", "6a6a", "0304", "0303", // supported_versions: GREASE, TLS 1.3, TLS 1.2
      "0017", "0000", // extended_master_secret
      "1a1a", "0001", "00"); // GREASE extension, one byte

  /** {@link #CLIENT_HELLO_GREASE} in two records, as tshark also reads it: 100 bytes of the handshake, then 65. */
  static final byte[] CLIENT_HELLO_TWO_RECORDS = join(
      bytes("16", "0301", "0064"), // record: handshake, length 100
      Arrays.copyOfRange(CLIENT_HELLO_GREASE, 5, 105), // the handshake message's first 100 bytes
      bytes("16", "0301", "0041"), // record: handshake, length 65
      Arrays.copyOfRange(CLIENT_HELLO_GREASE, 105, 170)); // the other 65

  /** A TLS 1.3 ServerHello selecting TLS_AES_128_GCM_SHA256 and TLS 1.3 through supported_versions. */
  static final byte[] SERVER_HELLO_TLS13 = bytes(
      "16", // record: handshake
      "0303", // record version
      "007a", // record length 122
      "02", // handshake type 2 ServerHello
      "000076", // handshake length 118
      "0303", // legacy_version TLS 1.2
      "2122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f40", // random
      "20", "aa".repeat(32), // legacy_session_id_echo
      "1301", // cipher_suite 4865
      "00", // legacy_compression_method
      "002e", // extensions length 46
      "002b", "0002", "0304", // supported_versions: TLS 1.3
      "0033", "0024", "001d", "0020", "11".repeat(32)); // key_share: x25519

  /** A TLS 1.2 ClientHello without GREASE, with point formats 0-1-2. */
  static final byte[] CLIENT_HELLO_TLS12 = bytes(
      "16", "0301", "0070", // record: handshake, TLS 1.0, length 112
      "01", "00006c", // ClientHello, length 108
      "0303", // legacy_version TLS 1.2
      "00".repeat(32), // random
      "00", // session_id: empty
      "0004", "c02b", "009c", // cipher_suites: 49195, 156
      "01", "00", // compression_methods: null
      "003f", // extensions length 63
      "ff01", "0001", "00", // renegotiation_info
      "0000", "0011", "000f", "00", "000c", hexOf("www.test.org"), // server_name
      "000b", "0004", "03", "00", "01", "02", // ec_point_formats: 0, 1, 2
      "000a", "0006", "0004", "0017", "0018", // supported_groups: 23, 24
      "0023", "0000", // session_ticket
      "0010", "000b", "0009", "08" + hexOf("http/1.1")); // ALPN: http/1.1

  /** A TLS 1.2 ServerHello selecting http/1.1. */
  static final byte[] SERVER_HELLO_TLS12 = bytes(
      "16", "0303", "0046", // record: handshake, TLS 1.2, length 70
      "02", "000042", // ServerHello, length 66
      "0303", // legacy_version TLS 1.2
      "00".repeat(32), // random
      "00", // session_id: empty
      "c02b", // cipher_suite 49195
      "00", // compression_method
      "001a", // extensions length 26
      "ff01", "0001", "00", // renegotiation_info
      "0010", "000b", "0009", "08" + hexOf("http/1.1"), // ALPN: http/1.1
      "000b", "0002", "01", "00"); // ec_point_formats

  @Test
  void shouldReadClientHelloWithGreaseAsTsharkComputesJa3() {
    TlsClientHello hello = (TlsClientHello) tls(CLIENT_HELLO_GREASE);

    assertThat(hello.sni()).isEqualTo("example.com");
    assertThat(hello.alpn()).containsExactly("h2", "http/1.1");
    assertThat(hello.legacyVersion()).isEqualTo(0x0303);
    assertThat(hello.supportedVersions()).containsExactly(0x6a6a, 0x0304, 0x0303);
    assertThat(hello.version()).isEqualTo(TlsVersions.TLS_1_3);
    assertThat(hello.versionName()).isEqualTo("TLSv1.3");
    assertThat(hello.ja3()).isEqualTo("771,4865-4866-49199,0-10-11-16-43-23,29-23,0");
    assertThat(hello.ja3Hash()).isEqualTo("d27510c0f0952658840bfea9610a5b6f");
    assertThat(hello.complete()).isTrue();
  }

  @Test
  void shouldLeaveJa3UnhashedAndServerFingerprintOutForFlowDetail() {
    TlsClientHello client = (TlsClientHello) TlsHelloParser.parse(CLIENT_HELLO_GREASE, 0,
        CLIENT_HELLO_GREASE.length, Detail.FLOW);
    TlsServerHello server = (TlsServerHello) TlsHelloParser.parse(SERVER_HELLO_TLS12, 0,
        SERVER_HELLO_TLS12.length, Detail.FLOW);

    assertThat(client).isEqualTo(new TlsClientHello(0x0303, List.of(0x6a6a, 0x0304, 0x0303), "example.com",
        List.of("h2", "http/1.1"), "771,4865-4866-49199,0-10-11-16-43-23,29-23,0", null, true));
    assertThat(TlsHelloParser.md5Hex(client.ja3())).isEqualTo("d27510c0f0952658840bfea9610a5b6f");
    assertThat(server).isEqualTo(new TlsServerHello(0x0303, 0x0303, 0xc02b, "http/1.1", null, null, true));
  }

  @Test
  void shouldReadTls12ClientHello() {
    TlsClientHello hello = (TlsClientHello) tls(CLIENT_HELLO_TLS12);

    assertThat(hello.sni()).isEqualTo("www.test.org");
    assertThat(hello.versionName()).isEqualTo("TLSv1.2");
    assertThat(hello.supportedVersions()).isEmpty();
    assertThat(hello.ja3()).isEqualTo("771,49195-156,65281-0-11-10-35-16,23-24,0-1-2");
    assertThat(hello.ja3Hash()).isEqualTo("5910aa4abb5a889097c6917c4ef4043d");
  }

  @Test
  void shouldReadTls13ServerHelloVersionFromSupportedVersions() {
    TlsServerHello hello = (TlsServerHello) tls(SERVER_HELLO_TLS13);

    assertThat(hello).isEqualTo(new TlsServerHello(0x0303, 0x0304, 0x1301, null, "771,4865,43-51",
        "f4febc55ea12b31ae17cfb7e614afda8", true));
    assertThat(hello.versionName()).isEqualTo("TLSv1.3");
  }

  @Test
  void shouldReadTls12ServerHelloWithSelectedAlpn() {
    TlsServerHello hello = (TlsServerHello) tls(SERVER_HELLO_TLS12);

    assertThat(hello.version()).isEqualTo(TlsVersions.TLS_1_2);
    assertThat(hello.cipher()).isEqualTo(0xc02b);
    assertThat(hello.alpn()).isEqualTo("http/1.1");
    assertThat(hello.ja3s()).isEqualTo("771,49195,65281-16-11");
    assertThat(hello.ja3sHash()).isEqualTo("554786d4c84f8a7953b7e453c6371067");
  }

  @Test
  void shouldComputeJa3OfHelloWithoutExtensions() {
    TlsClientHello hello = (TlsClientHello) tls(bytes(
        "16", "0300", "002f", // record: handshake, SSL 3.0, length 47
        "01", "00002b", // ClientHello, length 43
        "0300", // legacy_version SSL 3.0
        "00".repeat(32), // random
        "00", // session_id: empty
        "0004", "0a0a", "002f", // cipher_suites: GREASE, 47
        "01", "00")); // compression_methods; no extensions block at all

    assertThat(hello.ja3()).isEqualTo("768,47,,,");
    assertThat(hello.ja3Hash()).isEqualTo("8b0135efb6582c68f0581fac9c79ccd5");
    assertThat(hello.versionName()).isEqualTo("SSLv3");
    assertThat(hello.complete()).isTrue();
  }

  @Test
  void shouldKeepSniOfHelloSplitAfterServerNameExtension() {
    // Cut 10 bytes into the supported_groups extension, after server_name: the next segment has the rest.
    TlsClientHello hello = (TlsClientHello) tls(cut(CLIENT_HELLO_GREASE, 124));

    assertThat(hello.sni()).isEqualTo("example.com");
    assertThat(hello.alpn()).isEmpty();
    assertThat(hello.ja3()).isNull();
    assertThat(hello.ja3Hash()).isNull();
    assertThat(hello.complete()).isFalse();
  }

  @Test
  void shouldReturnIncompleteHelloWhenSplitBeforeServerName() {
    TlsClientHello hello = (TlsClientHello) tls(cut(CLIENT_HELLO_GREASE, 60));

    assertThat(hello.sni()).isNull();
    assertThat(hello.legacyVersion()).isEqualTo(0x0303);
    assertThat(hello.complete()).isFalse();
  }

  @Test
  void shouldJoinHelloFragmentedOverRecordsOfOneSegment() {
    TlsClientHello hello = (TlsClientHello) tls(CLIENT_HELLO_TWO_RECORDS);

    assertThat(hello).isEqualTo(tls(CLIENT_HELLO_GREASE));
    assertThat(hello.complete()).isTrue();
  }

  @Test
  void shouldMarkHelloFragmentedPastSegmentIncomplete() {
    byte[] fragmented = CLIENT_HELLO_GREASE.clone();
    fragmented[4] = 0x70; // record length 112 while the handshake message says 161: the rest in a second record

    TlsClientHello hello = (TlsClientHello) tls(cut(fragmented, 117)); // which is in the next segment

    assertThat(hello.sni()).isEqualTo("example.com");
    assertThat(hello.complete()).isFalse();
    assertThat(hello.ja3()).isNull();
  }

  @Test
  void shouldMarkHelloIncompleteWhenNextRecordIsNotHandshake() {
    byte[] fragmented = CLIENT_HELLO_GREASE.clone();
    fragmented[4] = 0x70; // record length 112: what follows at 117 is no handshake record (content type 8)

    TlsClientHello hello = (TlsClientHello) tls(fragmented);

    assertThat(hello.sni()).isEqualTo("example.com");
    assertThat(hello.complete()).isFalse();
  }

  @Test
  void shouldStopAtSessionIdLongerThan32Bytes() {
    byte[] malformed = CLIENT_HELLO_GREASE.clone();
    malformed[43] = 0x21; // session_id length 33

    TlsClientHello hello = (TlsClientHello) tls(malformed);

    assertThat(hello.sni()).isNull();
    assertThat(hello.complete()).isFalse();
  }

  @Test
  void shouldStopAtExtensionRunningPastExtensionsBlock() {
    byte[] malformed = CLIENT_HELLO_GREASE.clone();
    malformed[93] = 0x7f; // the GREASE extension's length 0x007f, past the block

    TlsClientHello hello = (TlsClientHello) tls(malformed);

    assertThat(hello.sni()).isNull();
    assertThat(hello.complete()).isFalse();
  }

  @Test
  void shouldSkipMalformedServerNameListAndReadTheRest() {
    byte[] malformed = CLIENT_HELLO_GREASE.clone();
    malformed[102] = (byte) 0xff; // host_name length 255, past its list

    TlsClientHello hello = (TlsClientHello) tls(malformed);

    assertThat(hello.sni()).isNull();
    assertThat(hello.alpn()).containsExactly("h2", "http/1.1");
    assertThat(hello.complete()).isTrue();
  }

  @Test
  void shouldReturnNullForOtherRecordTypes() {
    byte[] applicationData = CLIENT_HELLO_GREASE.clone();
    applicationData[0] = 23;
    byte[] certificate = CLIENT_HELLO_GREASE.clone();
    certificate[5] = 11; // handshake type Certificate

    assertThat(tls(applicationData)).isNull();
    assertThat(tls(certificate)).isNull();
  }

  @Test
  void shouldReturnNullForSslv2HelloAndOtherProtocols() {
    assertThat(tls(bytes("80", "2e", "01", "0002", "0015", "0000", "0010"))).isNull(); // SSLv2 CLIENT-HELLO
    assertThat(tls(ascii("GET / HTTP/1.1\r\nHost: a\r\n\r\n"))).isNull();
    assertThat(tls(bytes("16", "0305", "0010", "01000008"))).isNull(); // record version 3.5
    assertThat(tls(bytes("16", "0301", "ffff", "01000008", "0303"))).isNull(); // record length past 2^14 + 2048
    assertThat(tls(bytes("16", "0301", "0006", "01000002", "0202"))).isNull(); // legacy_version 2.2
    assertThat(tls(cut(CLIENT_HELLO_GREASE, 10))).isNull(); // no room for the legacy version
  }

  @Test
  void shouldCapAlpnList() {
    StringBuilder protocols = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      protocols.append("01").append(String.format("%02x", 'a' + i));
    }
    TlsClientHello hello = (TlsClientHello) tls(bytes(
        "16", "0303", "005d", // record: handshake, length 93
        "01", "000059", // ClientHello, length 89
        "0303", "00".repeat(32), "00", // legacy_version, random, empty session_id
        "0002", "1301", "0100", // one cipher, null compression
        "002e", // extensions length 46
        "0010", "002a", "0028", protocols.toString())); // ALPN with 20 one-letter protocols

    assertThat(hello.alpn()).hasSize(TlsHelloParser.MAX_LIST).startsWith("a").endsWith("p");
    assertThat(hello.complete()).isTrue();
  }

  @Test
  void shouldWriteServerNameAsTsharkDoes() {
    TlsClientHello hello = (TlsClientHello) tls(bytes(
        "16", "0303", "003a", // record: handshake, length 58
        "01", "000036", // ClientHello, length 54
        "0303", "00".repeat(32), "00", // legacy_version, random, empty session_id
        "0002", "1301", "0100", // one cipher, null compression
        "000b", // extensions length 11
        "0000", "0007", "0005", "00", "0002", "41ff")); // server_name "A" 0xff (not UTF-8)

    assertThat(hello.sni()).isEqualTo("a\uFFFD");
  }

  private static byte[] join(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  @Test
  void shouldNameVersions() {
    assertThat(List.of(0x0301, 0x0302, 0x7f17, 0x0a0a).stream().map(TlsVersions::name))
        .containsExactly("TLSv1.0", "TLSv1.1", "TLSv1.3-draft23", "0x0a0a");
    assertThat(TlsVersions.isGrease(0xfafa)).isTrue();
    assertThat(TlsVersions.isGrease(0x0a1a)).isFalse();
  }
}
