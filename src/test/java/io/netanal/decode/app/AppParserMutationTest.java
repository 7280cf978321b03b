package io.netanal.decode.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netanal.testing.TestData;
import java.io.BufferedReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Corrupts payloads thousands of times (bytes overwritten, length fields pushed to extremes, payloads cut or
 * extended, with a fixed seed) and runs each parser on every one of them (the DNS parser meets TLS hellos too),
 * checking that it only produces documented outcomes: no exception, no endless loop (a timeout), the buffer's
 * position and limit untouched, null or a result whose fields are within their documented ranges and caps.
 * Payloads come from the unit tests' fixtures and, when the shared corpus is present, from real DNS, TLS and
 * HTTP payloads the parsers recognise.
 */
class AppParserMutationTest {
  private static final long SEED = 0x6e6574616e616cL;
  private static final int MUTATIONS_PER_FIXTURE = 3000;
  private static final int CORPUS_SAMPLES_PER_KIND_AND_FILE = 3;
  private static final int CORPUS_MUTATIONS_PER_SAMPLE = 60;
  private static final Pattern JA3 = Pattern.compile("\\d+,[\\d-]*,[\\d-]*,[\\d-]*,[\\d-]*");
  private static final Pattern JA3S = Pattern.compile("\\d+,\\d+,[\\d-]*");
  private static final Pattern MD5 = Pattern.compile("[0-9a-f]{32}");
  private static List<byte[]> corpusSamples;

  static List<byte[]> fixtures() {
    byte[] dnsOverTcp = new byte[DnsParserTest.CNAME_CHAIN_RESPONSE.length + 2];
    dnsOverTcp[1] = (byte) DnsParserTest.CNAME_CHAIN_RESPONSE.length;
    System.arraycopy(DnsParserTest.CNAME_CHAIN_RESPONSE, 0, dnsOverTcp, 2, dnsOverTcp.length - 2);
    return List.of(DnsParserTest.QUERY, DnsParserTest.CNAME_CHAIN_RESPONSE, dnsOverTcp,
        TlsHelloParserTest.CLIENT_HELLO_GREASE, TlsHelloParserTest.CLIENT_HELLO_TWO_RECORDS,
        TlsHelloParserTest.CLIENT_HELLO_TLS12,
        TlsHelloParserTest.SERVER_HELLO_TLS13, TlsHelloParserTest.SERVER_HELLO_TLS12, HttpParserTest.GET,
        HttpParserTest.RESPONSE);
  }

  @Test
  void shouldParseEveryUncorruptedFixture() {
    for (byte[] fixture : fixtures()) {
      Object parsed = fixture[0] == 0x16 ? Payloads.tls(fixture)
          : Character.isLetter(fixture[0]) ? Payloads.http(fixture) : Payloads.dns(fixture, fixture[0] == 0);
      assertThat(parsed).isNotNull();
    }
  }

  /** The parser under test; each sees the same corrupted payloads (one seed), DNS both over UDP and over TCP. */
  enum Parser {
    DNS, TLS, HTTP
  }

  @ParameterizedTest
  @EnumSource(Parser.class)
  void shouldOnlyProduceDocumentedOutcomesForCorruptedFixtures(Parser parser) {
    Random random = new Random(SEED);
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      for (byte[] fixture : fixtures()) {
        for (int i = 0; i < MUTATIONS_PER_FIXTURE; i++) {
          parseAndCheck(parser, mutate(fixture, random));
        }
      }
    });
  }

  @ParameterizedTest
  @EnumSource(Parser.class)
  void shouldOnlyProduceDocumentedOutcomesForCorruptedCorpusPayloads(Parser parser) throws Exception {
    List<byte[]> samples = corpusSamples();
    assertThat(samples).as("DNS, TLS and HTTP payloads in the corpus").hasSizeGreaterThan(300);
    Random random = new Random(SEED);
    assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
      for (byte[] sample : samples) {
        parseAndCheck(parser, sample);
        for (int i = 0; i < CORPUS_MUTATIONS_PER_SAMPLE; i++) {
          parseAndCheck(parser, mutate(sample, random));
        }
      }
    });
  }

  @Test
  void shouldReturnNullForBoundsOutsideTheBuffer() {
    ByteBuffer buffer = ByteBuffer.wrap(TlsHelloParserTest.CLIENT_HELLO_GREASE);
    int length = buffer.limit();
    for (int[] bounds : new int[][] {{-1, length}, {length, 0}, {length + 5, length + 9}, {3, 2}}) {
      assertThat(DnsParser.parse(buffer, bounds[0], bounds[1], false)).isNull();
      assertThat(DnsParser.parse(buffer, bounds[0], bounds[1], true)).isNull();
      assertThat(TlsHelloParser.parse(buffer, bounds[0], bounds[1])).isNull();
      assertThat(HttpParser.parse(buffer, bounds[0], bounds[1])).isNull();
    }
    // An end past the buffer's limit is clamped to it.
    assertThat(TlsHelloParser.parse(buffer, 0, length + 100).complete()).isTrue();
  }

  /**
   * Payloads the parsers recognise, a few per file, from every file of the names oracle that has names; read once
   * for the three parsers.
   */
  private static synchronized List<byte[]> corpusSamples() throws Exception {
    if (corpusSamples != null) {
      return corpusSamples;
    }
    Path pcaps = TestData.pcaps();
    List<byte[]> samples = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    Path oracle = pcaps.resolve("flows-oracle.jsonl");
    TestData.require(Files.isRegularFile(oracle), "../shared/pcaps/flows-oracle.jsonl not found");
    try (BufferedReader lines = Files.newBufferedReader(oracle)) {
      for (String line; (line = lines.readLine()) != null; ) {
        JsonNode file = json.readTree(line);
        boolean hasNames = CorpusNames.FIELDS.stream().anyMatch(f -> file.path(f).size() > 0);
        if (!file.has("error") && hasNames) {
          samples.addAll(CorpusNames.read(pcaps.resolve(file.get("path").asText()),
              CORPUS_SAMPLES_PER_KIND_AND_FILE).samples);
        }
      }
    }
    corpusSamples = samples;
    return samples;
  }

  /**
   * One to four corruptions: a byte overwritten, a 16-bit big-endian field set to 0, 0xFFFF or a small value
   * (length fields are where parsers go wrong), the payload cut short, or random bytes appended.
   */
  static byte[] mutate(byte[] payload, Random random) {
    byte[] mutated = payload;
    int corruptions = 1 + random.nextInt(4);
    for (int c = 0; c < corruptions; c++) {
      switch (random.nextInt(5)) {
        case 0:
          if (mutated.length > 0) {
            mutated = mutated.clone();
            mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
          }
          break;
        case 1:
          if (mutated.length > 1) {
            mutated = mutated.clone();
            int at = random.nextInt(mutated.length - 1);
            int value = switch (random.nextInt(3)) {
              case 0 -> 0;
              case 1 -> 0xFFFF;
              default -> random.nextInt(64);
            };
            mutated[at] = (byte) (value >>> 8);
            mutated[at + 1] = (byte) value;
          }
          break;
        case 2:
          mutated = Arrays.copyOf(mutated, random.nextInt(mutated.length + 1));
          break;
        case 3:
          if (mutated.length > 0) { // a compression pointer anywhere: loops and wild jumps
            mutated = mutated.clone();
            mutated[random.nextInt(mutated.length)] = (byte) (0xC0 | random.nextInt(4));
          }
          break;
        default:
          int extra = 1 + random.nextInt(64);
          byte[] longer = Arrays.copyOf(mutated, mutated.length + extra);
          for (int i = mutated.length; i < longer.length; i++) {
            longer[i] = (byte) random.nextInt(256);
          }
          mutated = longer;
          break;
      }
    }
    return mutated;
  }

  private static void parseAndCheck(Parser parser, byte[] payload) {
    byte[] backing = new byte[payload.length + 16];
    System.arraycopy(payload, 0, backing, 8, payload.length);
    ByteBuffer buffer = ByteBuffer.wrap(backing).order(ByteOrder.BIG_ENDIAN);
    buffer.position(3).limit(backing.length - 2);
    int end = 8 + payload.length;
    String problem = switch (parser) {
      case DNS -> {
        String overUdp = dnsProblem(DnsParser.parse(buffer, 8, end, false));
        yield overUdp != null ? overUdp : dnsProblem(DnsParser.parse(buffer, 8, end, true));
      }
      case TLS -> tlsProblem(TlsHelloParser.parse(buffer, 8, end));
      case HTTP -> httpProblem(HttpParser.parse(buffer, 8, end));
    };
    if (problem == null) {
      problem = flowDetailProblem(parser, backing, end);
    }
    if (problem == null && (buffer.position() != 3 || buffer.limit() != backing.length - 2)) {
      problem = "buffer position or limit changed";
    }
    if (problem != null) {
      throw new AssertionError(problem + " for payload " + java.util.HexFormat.of().formatHex(payload));
    }
  }

  /** {@link Detail#FLOW} must give what a flow record keeps exactly as {@link Detail#ALL} gives it. */
  private static String flowDetailProblem(Parser parser, byte[] backing, int end) {
    Object all;
    Object flow;
    Object kept;
    switch (parser) {
      case DNS -> {
        DnsMessage a = DnsParser.parse(backing, 8, end, false);
        all = a;
        flow = DnsParser.parse(backing, 8, end, false, Detail.FLOW);
        kept = a == null ? null : new DnsMessage(a.id(), a.response(), a.opcode(), a.rcode(), a.truncated(),
            a.query(), a.qtype(), a.questions().subList(0, Math.min(1, a.questions().size())), a.answers(),
            a.addresses(), a.complete());
      }
      case TLS -> {
        TlsHello a = TlsHelloParser.parse(backing, 8, end);
        all = a;
        flow = TlsHelloParser.parse(backing, 8, end, Detail.FLOW);
        kept = a instanceof TlsClientHello c ? new TlsClientHello(c.legacyVersion(), c.supportedVersions(), c.sni(),
            c.alpn(), c.ja3(), null, c.complete())
            : a instanceof TlsServerHello h ? new TlsServerHello(h.legacyVersion(), h.version(), h.cipher(), h.alpn(),
                null, null, h.complete()) : null;
      }
      default -> {
        HttpMessage a = HttpParser.parse(backing, 8, end);
        all = a;
        flow = HttpParser.parse(backing, 8, end, Detail.FLOW);
        kept = a instanceof HttpRequest r ? new HttpRequest(r.method(), r.uri(), null, r.host(), r.userAgent(),
            r.complete())
            : a instanceof HttpResponse r ? new HttpResponse(null, r.status(), null, false) : null;
      }
    }
    return java.util.Objects.equals(kept, flow) ? null : "flow detail " + flow + " for " + all;
  }

  private static String dnsProblem(DnsMessage m) {
    if (m == null) {
      return null;
    }
    if (m.id() < 0 || m.id() > 0xFFFF || m.opcode() < 0 || m.opcode() > 15 || m.rcode() < 0 || m.rcode() > 15) {
      return "DNS header fields " + m;
    }
    if (m.questions().size() > DnsParser.MAX_QUESTIONS || m.answers().size() > DnsParser.MAX_ANSWERS
        || !m.answers().containsAll(m.addresses())) {
      return "DNS caps " + m;
    }
    boolean noQuestion = m.questions().isEmpty();
    if (noQuestion != (m.query() == null) || noQuestion != (m.qtype() == -1)
        || (!noQuestion && !m.query().equals(m.questions().get(0))) || m.qtype() < -1 || m.qtype() > 0xFFFF) {
      return "DNS query " + m;
    }
    for (String name : m.questions()) {
      // 253 bytes at most, each written in at most 10 characters (a \U escape of an obsolete 6-byte form).
      if (name.length() > 253 * 10) {
        return "DNS name length " + name.length();
      }
    }
    return null;
  }

  private static String tlsProblem(TlsHello hello) {
    if (hello instanceof TlsClientHello c) {
      if ((c.ja3() != null) != c.complete() || (c.ja3Hash() != null) != c.complete()) {
        return "JA3 without a complete hello " + c;
      }
      if (c.complete() && (!JA3.matcher(c.ja3()).matches() || !MD5.matcher(c.ja3Hash()).matches()
          || !c.ja3Hash().equals(Ja3.md5Hex(c.ja3())))) {
        return "JA3 format " + c;
      }
      if (c.alpn().size() > TlsHelloParser.MAX_LIST || c.supportedVersions().size() > TlsHelloParser.MAX_LIST
          || c.legacyVersion() >>> 8 != 3 || c.version() < 0 || c.version() > 0xFFFF) {
        return "ClientHello fields " + c;
      }
    } else if (hello instanceof TlsServerHello s) {
      if ((s.ja3s() != null) != s.complete() || (s.ja3sHash() != null) != s.complete()
          || (s.complete() && (!JA3S.matcher(s.ja3s()).matches() || !MD5.matcher(s.ja3sHash()).matches()))) {
        return "JA3S " + s;
      }
      if (s.cipher() < -1 || s.cipher() > 0xFFFF || s.version() < 0 || s.version() > 0xFFFF
          || s.legacyVersion() >>> 8 != 3 || (s.complete() && s.cipher() == -1)) {
        return "ServerHello fields " + s;
      }
    }
    return null;
  }

  private static String httpProblem(HttpMessage message) {
    if (message instanceof HttpRequest r) {
      if (r.method() == null || r.method().isEmpty() || (r.uri() == null) != (r.version() == null)
          || (r.version() != null && !r.version().startsWith("HTTP/1."))
          || (r.uri() == null && (r.host() != null || r.userAgent() != null || r.complete()))) {
        return "HTTP request " + r;
      }
      for (String field : Arrays.asList(r.uri(), r.version(), r.host(), r.userAgent())) {
        if (field != null && field.length() > HttpParser.MAX_FIELD_LENGTH) {
          return "HTTP field length " + field.length();
        }
      }
    } else if (message instanceof HttpResponse r) {
      if (r.status() < 0 || r.status() > 999 || !r.version().matches("HTTP/1\\.\\d")
          || (r.reason() == null && r.complete())
          || (r.reason() != null && r.reason().length() > HttpParser.MAX_FIELD_LENGTH)) {
        return "HTTP response " + r;
      }
    }
    return null;
  }
}
