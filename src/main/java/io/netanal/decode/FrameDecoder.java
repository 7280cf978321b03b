package io.netanal.decode;

import io.netanal.frame.LinkType;
import java.nio.ByteBuffer;

/**
 * Decodes one frame's headers in place, from the link layer down to the application protocol, into a reused
 * {@link DecodedFrame}. Never throws on bad input: a frame that cannot be fully decoded gets a
 * {@link DecodeStatus} reason.
 *
 * <p>One instance per thread; it allocates nothing per frame. The layers are decoded by package-private
 * classes, one per header ({@link EthernetDecoder}, {@link Ipv4Decoder}, {@link TcpDecoder}, ...), each
 * reading fields from the frame's bytes with {@link Bytes}' big-endian reads and handing the rest of the frame to the
 * next layer with a {@code switch} on the protocol number; the common shapes (Ethernet, IPv4 or IPv6, TCP or UDP)
 * take one fused pass instead, {@link CommonShapeDecoder}, with the same result. A frame in a buffer backed by an
 * array is read in place; any other buffer's frame is copied into a scratch array first.
 *
 * <p>Counting follows tshark's {@code frame.protocols} where it is cheap to do so:
 * <ul>
 *   <li>ICMP and ICMPv6 error messages quote the offending packet. Its {@code ip}/{@code ipv6}, transport and
 *       (for UDP) application protocols are marked present, as tshark lists them, but its addresses and ports
 *       are not recorded: the frame's IP layers and transport are those of the packet that carried the error.
 *   <li>Tunnels (IP-in-IP, GRE, IPv6-in-IPv4) record up to {@link DecodedFrame#MAX_IP_LAYERS} IP headers,
 *       outermost first; the transport header and its ports are the innermost one.
 *   <li>Application protocols are chosen by port (the lower port first, as tshark tries) and confirmed by the
 *       payload's first bytes where that is cheap; see {@link ApplicationClassifier}.
 *   <li>A header that does not fit in the captured bytes is {@link DecodeStatus#TRUNCATED}; one that does not
 *       fit in the length an enclosing header declares, or that contradicts itself, is
 *       {@link DecodeStatus#MALFORMED}. The protocol is still counted, as tshark counts a malformed header.
 * </ul>
 */
public final class FrameDecoder {

  /** Frames of buffers without an accessible array are copied here to be decoded (live capture, direct buffers). */
  private byte[] scratch = new byte[2048];

  /**
   * Decodes {@code buffer[offset, offset + capturedLength)} of the given link type into {@code out} (reset
   * first); the offsets in {@code out} index {@code buffer}. Reads with absolute gets and never changes the
   * buffer's position, limit or byte order.
   */
  public void decode(int linkType, ByteBuffer buffer, int offset, int capturedLength, DecodedFrame out) {
    // A length past the buffer's limit is the caller's bug, not the frame's; clamp so no read can throw.
    int end = (int) Math.min((long) offset + Math.max(capturedLength, 0), buffer.limit());
    if (offset < 0 || offset > end) {
      out.reset();
      out.fail(DecodeStatus.TRUNCATED);
      return;
    }
    if (buffer.hasArray() && buffer.arrayOffset() == 0) {
      decode(linkType, buffer.array(), offset, end - offset, out);
      return;
    }
    int length = end - offset;
    if (scratch.length < length) {
      scratch = new byte[Math.max(length, 2 * scratch.length)];
    }
    buffer.get(offset, scratch, 0, length);
    decode(linkType, scratch, 0, length, out);
    out.shift(offset);
  }

  /**
   * Decodes {@code frame[offset, offset + capturedLength)} of the given link type into {@code out} (reset first);
   * the offsets in {@code out} index {@code frame}.
   */
  public void decode(int linkType, byte[] frame, int offset, int capturedLength, DecodedFrame out) {
    int end = (int) Math.min((long) offset + Math.max(capturedLength, 0), frame.length);
    // The common shapes in two calls; whatever they decline is decoded layer by layer from a fresh start.
    if (linkType == LinkType.ETHERNET && offset >= 0 && offset <= end
        && CommonShapeDecoder.decodeEthernet(frame, offset, end, out)) {
      return;
    }
    decodeLayers(linkType, frame, offset, end, out);
  }

  /**
   * Decodes {@code frame[offset, end)} with one decoder per header, as {@link CommonShapeDecoder} must match; tests
   * compare the two.
   */
  static void decodeLayers(int linkType, byte[] frame, int offset, int end, DecodedFrame out) {
    out.reset();
    if (offset < 0 || offset > end) {
      out.fail(DecodeStatus.TRUNCATED);
      return;
    }
    out.frameEnd = end;
    if (linkType == LinkType.ETHERNET) {
      // The common case first, without the call into the large link-type switch.
      EthernetDecoder.decode(frame, offset, end, out);
    } else {
      decodeLink(linkType, frame, offset, end, out);
    }
  }

  /** The frame from its link-layer header on; capture headers that name an inner link type come back here. */
  static void decodeLink(int linkType, byte[] buffer, int offset, int end, DecodedFrame out) {
    switch (linkType) {
      case LinkType.ETHERNET:
        EthernetDecoder.decode(buffer, offset, end, out);
        break;
      case LinkType.LINUX_SLL:
        LinuxCookedDecoder.decodeSll(buffer, offset, end, out);
        break;
      case LinkType.LINUX_SLL2:
        LinuxCookedDecoder.decodeSll2(buffer, offset, end, out);
        break;
      case LinkType.RAW:
      case LinkType.RAW_ALT_12:
      case LinkType.RAW_ALT_14:
        out.addProtocol(Protocol.RAW);
        RawIpDecoder.decode(buffer, offset, end, out);
        break;
      case LinkType.IPV4:
        Ipv4Decoder.decode(buffer, offset, end, out);
        break;
      case LinkType.IPV6:
        Ipv6Decoder.decode(buffer, offset, end, out);
        break;
      case LinkType.NULL:
      case LinkType.LOOP:
        NullLoopbackDecoder.decode(buffer, offset, end, out);
        break;
      case LinkType.PPP:
      case LinkType.PPP_HDLC:
        PppDecoder.decodeFramed(buffer, offset, end, out);
        break;
      case LinkType.IEEE802_11:
        Ieee80211Decoder.decode(buffer, offset, end, out);
        break;
      case LinkType.IEEE802_11_RADIOTAP:
        RadiotapDecoder.decode(buffer, offset, end, out);
        break;
      case LinkType.C_HDLC:
        SerialLinkDecoder.decodeCiscoHdlc(buffer, offset, end, out);
        break;
      case LinkType.FRELAY:
        SerialLinkDecoder.decodeFrameRelay(buffer, offset, end, out);
        break;
      case LinkType.ARCNET_LINUX:
        ArcnetDecoder.decode(buffer, offset, end, out);
        break;
      case LinkType.ATM_CLIP:
        out.addProtocol(Protocol.CLIP);
        Ipv4Decoder.decode(buffer, offset, end, out);
        break;
      case LinkType.PPI:
        CaptureHeaderDecoder.decodePpi(buffer, offset, end, out);
        break;
      case LinkType.PKTAP:
        CaptureHeaderDecoder.decodePktap(buffer, offset, end, out);
        break;
      case LinkType.NFLOG:
        CaptureHeaderDecoder.decodeNflog(buffer, offset, end, out);
        break;
      case LinkType.IPNET:
        CaptureHeaderDecoder.decodeIpnet(buffer, offset, end, out);
        break;
      case LinkType.IPOIB:
        CaptureHeaderDecoder.decodeIpoib(buffer, offset, end, out);
        break;
      default:
        out.fail(DecodeStatus.UNSUPPORTED_LINK_TYPE);
        break;
    }
  }
}
