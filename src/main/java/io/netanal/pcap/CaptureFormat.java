package io.netanal.pcap;

/** The capture file formats netanal writes: pcap with micro- or nanosecond timestamps, or pcapng. */
public enum CaptureFormat {
  /** pcap, magic 0xa1b2c3d4: what every tool reads; timestamps are cut to microseconds. */
  PCAP_MICROS,
  /** pcap, magic 0xa1b23c4d: nanosecond timestamps, read by libpcap 1.5+ and Wireshark. */
  PCAP_NANOS,
  /** pcapng with nanosecond timestamps ({@code if_tsresol} 9), one interface per link type. */
  PCAPNG
}
