package io.netanal.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import io.netanal.frame.LinkType;
import io.netanal.pcap.CaptureFileReader;
import io.netanal.testing.TestData;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Corrupts frames thousands of times (bytes overwritten, frames cut or extended, with a fixed seed) and checks
 * that the decoder only ever produces documented outcomes: no exception, no endless loop, a status in range,
 * at most two IP layers, ports in -1..65535 and only known protocol bits. Frames come from {@link SampleFrames}
 * (every link type) and, when the shared corpus is present, from real captures of each supported link type.
 */
class FrameDecoderMutationTest {
  private static final long SEED = 0x6e6574616e616cL;
  private static final int MUTATIONS_PER_SAMPLE = 300;
  private static final int CORPUS_FRAMES_PER_LINK_TYPE = 300;
  private static final int CORPUS_MUTATIONS_PER_FRAME = 40;
  private static final int[] SUPPORTED_LINK_TYPES = {
      LinkType.ETHERNET, LinkType.LINUX_SLL, LinkType.LINUX_SLL2, LinkType.RAW, LinkType.RAW_ALT_12,
      LinkType.RAW_ALT_14, LinkType.IPV4, LinkType.IPV6, LinkType.NULL, LinkType.LOOP, LinkType.PPP,
      LinkType.PPP_HDLC, LinkType.IEEE802_11, LinkType.IEEE802_11_RADIOTAP,
  };

  private final FrameDecoder decoder = new FrameDecoder();
  private final DecodedFrame out = new DecodedFrame();

  @Test
  void shouldDecodeEveryUncorruptedSampleCompletely() {
    List<SampleFrames.Sample> samples = SampleFrames.all();
    assertThat(samples).hasSizeGreaterThan(300);
    for (SampleFrames.Sample sample : samples) {
      DecodedFrame decoded = Fixtures.decode(sample.linkType(), sample.bytes());
      assertThat(decoded.status()).as(sample.name()).isEqualTo(DecodeStatus.OK);
      assertThat(decoded.has(Protocol.IP) || decoded.has(Protocol.IPV6) || decoded.has(Protocol.ARP))
          .as(sample.name()).isTrue();
    }
  }

  @Test
  void shouldOnlyProduceDocumentedOutcomesForCorruptedSamples() {
    List<SampleFrames.Sample> samples = SampleFrames.all();
    Random random = new Random(SEED);
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      for (SampleFrames.Sample sample : samples) {
        for (int i = 0; i < MUTATIONS_PER_SAMPLE; i++) {
          decodeAndCheck(sample.name(), sample.linkType(), mutate(sample.bytes(), random));
        }
      }
    });
  }

  @Test
  void shouldOnlyProduceDocumentedOutcomesForCorruptedCorpusFrames() throws Exception {
    Map<Integer, List<byte[]>> frames = corpusFrames(TestData.pcaps());
    Random random = new Random(SEED);
    assertThat(frames.get(LinkType.ETHERNET)).as("Ethernet frames in the corpus").isNotEmpty();
    assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
      for (Map.Entry<Integer, List<byte[]>> entry : frames.entrySet()) {
        for (byte[] frame : entry.getValue()) {
          decodeAndCheck("corpus " + LinkType.name(entry.getKey()), entry.getKey(), frame);
          for (int i = 0; i < CORPUS_MUTATIONS_PER_FRAME; i++) {
            decodeAndCheck("corpus " + LinkType.name(entry.getKey()), entry.getKey(), mutate(frame, random));
          }
        }
      }
    });
  }

  /** Up to {@link #CORPUS_FRAMES_PER_LINK_TYPE} frames of each supported link type, from the files the oracle lists. */
  private static Map<Integer, List<byte[]>> corpusFrames(Path pcaps) throws Exception {
    Map<Integer, List<byte[]>> frames = new LinkedHashMap<>();
    for (JsonNode file : TestData.readableCorpusFiles()) {
      JsonNode linkTypes = file.path("linktype_numbers");
      if (linkTypes.size() != 1 || !supported(linkTypes.get(0).asInt())) {
        continue;
      }
      List<byte[]> bucket = frames.computeIfAbsent(linkTypes.get(0).asInt(), k -> new ArrayList<>());
      if (bucket.size() >= CORPUS_FRAMES_PER_LINK_TYPE) {
        continue;
      }
      try (CaptureFileReader reader = CaptureFileReader.open(pcaps.resolve(file.path("path").asText()))) {
        reader.read((linkType, timestampNanos, capturedLength, originalLength, buffer, offset) -> {
          if (bucket.size() < CORPUS_FRAMES_PER_LINK_TYPE && linkType == linkTypes.get(0).asInt()) {
            byte[] copy = new byte[capturedLength];
            buffer.duplicate().position(offset).get(copy);
            bucket.add(copy);
          }
        });
      } catch (UnsupportedOperationException notBuilt) {
        TestData.require(false, "io.netanal.pcap.CaptureFileReader not built yet: corpus frames need it");
      }
    }
    return frames;
  }

  private static boolean supported(int linkType) {
    return Arrays.stream(SUPPORTED_LINK_TYPES).anyMatch(t -> t == linkType);
  }

  /** One to four corruptions: bytes overwritten, the frame cut short, or random bytes appended. */
  static byte[] mutate(byte[] frame, Random random) {
    byte[] mutated = frame;
    int corruptions = 1 + random.nextInt(4);
    for (int c = 0; c < corruptions; c++) {
      switch (random.nextInt(4)) {
        case 0:
        case 1:
          if (mutated.length > 0) {
            mutated = mutated.clone();
            mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
          }
          break;
        case 2:
          mutated = Arrays.copyOf(mutated, random.nextInt(mutated.length + 1));
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

  private void decodeAndCheck(String name, int linkType, byte[] frame) {
    byte[] backing = new byte[frame.length + 16];
    System.arraycopy(frame, 0, backing, 8, frame.length);
    ByteBuffer buffer = ByteBuffer.wrap(backing).order(ByteOrder.BIG_ENDIAN);
    buffer.position(3).limit(backing.length - 2);
    decoder.decode(linkType, buffer, 8, frame.length, out);
    String problem = buffer.position() != 3 || buffer.limit() != backing.length - 2
        ? "buffer position or limit changed" : undocumentedOutcome(out);
    if (problem != null) {
      throw new AssertionError(name + ": " + problem + " for frame " + toHex(frame));
    }
  }

  /** What is wrong with a decoded frame, or null when every field holds a documented value. */
  private static String undocumentedOutcome(DecodedFrame out) {
    if (out.status() < DecodeStatus.OK || out.status() > DecodeStatus.MALFORMED) {
      return "status " + out.status();
    }
    // A shift by 64 is a shift by 0 in Java: with every bit defined there is nothing to check.
    if (Protocol.COUNT < Long.SIZE && out.protocols() >>> Protocol.COUNT != 0) {
      return "unknown protocol bits " + Long.toHexString(out.protocols());
    }
    if (out.ipCount() < 0 || out.ipCount() > DecodedFrame.MAX_IP_LAYERS) {
      return "ipCount " + out.ipCount();
    }
    for (int layer = 0; layer < out.ipCount(); layer++) {
      if (out.ipVersion(layer) != 4 && out.ipVersion(layer) != 6) {
        return "ipVersion " + out.ipVersion(layer);
      }
    }
    if (out.ipCount() > 0 && !out.has(Protocol.IP) && !out.has(Protocol.IPV6)) {
      return "IP layer without ip/ipv6 protocol";
    }
    if (out.sourcePort() < DecodedFrame.NONE || out.sourcePort() > 65535
        || out.destinationPort() < DecodedFrame.NONE || out.destinationPort() > 65535) {
      return "ports " + out.sourcePort() + " " + out.destinationPort();
    }
    if (out.tcpFlags() < DecodedFrame.NONE || out.tcpFlags() > 0x1FF) {
      return "tcpFlags " + out.tcpFlags();
    }
    int transport = out.transportProtocol();
    if (transport == DecodedFrame.NO_TRANSPORT) {
      return out.sourcePort() == DecodedFrame.NONE && out.destinationPort() == DecodedFrame.NONE
          ? null : "ports without transport";
    }
    if (transport != 6 && transport != 17 && transport != 132) {
      return "transport " + transport;
    }
    if (out.sourcePort() == DecodedFrame.NONE || out.destinationPort() == DecodedFrame.NONE) {
      return "transport without ports";
    }
    if ((out.tcpFlags() != DecodedFrame.NONE) != (transport == 6)) {
      return "tcpFlags " + out.tcpFlags() + " with transport " + transport;
    }
    return null;
  }

  private static String toHex(byte[] frame) {
    StringBuilder hex = new StringBuilder();
    for (byte b : frame) {
      hex.append(String.format("%02x", b));
    }
    return hex.toString();
  }
}
