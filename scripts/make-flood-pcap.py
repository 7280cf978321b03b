#!/usr/bin/env python3
"""Writes a SYN-flood capture for scripts/bench: N TCP SYNs (default 2,000,000) from N random IPv4 source
addresses (a fixed seed, so every run writes the same file) to one server, 10.0.0.1:80, one microsecond apart.

Usage: scripts/make-flood-pcap.py OUTPUT.pcap [PACKETS]

Each frame is Ethernet + IPv4 + a 20-byte TCP header (54 bytes), as a spoofed-source flood looks on the wire: the
case where every frame brings a new address, so the endpoint and conversation tables fill and stay full.
"""
import random
import struct
import sys

SEED = 12   # issue 12: any fixed value; it only has to be the same on every run
SERVER = 0x0A000001  # 10.0.0.1


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit("usage: make-flood-pcap.py OUTPUT.pcap [PACKETS]")
    output = sys.argv[1]
    packets = int(sys.argv[2]) if len(sys.argv) == 3 else 2_000_000
    rng = random.Random(SEED)
    ethernet = bytes.fromhex("020000000001" "020000000002" "0800")  # destination, source, IPv4
    record = struct.Struct("<IIII")  # ts_sec, ts_usec, incl_len, orig_len
    ip_head = struct.Struct("!BBHHHBBH")  # version/IHL, DSCP, total length, id, flags/fragment, TTL, proto, checksum
    addresses = struct.Struct("!II")
    tcp = struct.Struct("!HHIIBBHHH")  # ports, seq, ack, data offset, flags, window, checksum, urgent
    start = 1_700_000_000
    with open(output, "wb") as out:
        out.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 262144, 1))  # microsecond pcap, Ethernet
        chunk = bytearray()
        for i in range(packets):
            source = rng.getrandbits(32)
            port = 1024 + (source & 0x7FFF)
            chunk += record.pack(start + i // 1_000_000, i % 1_000_000, 54, 54)
            chunk += ethernet
            chunk += ip_head.pack(0x45, 0, 40, i & 0xFFFF, 0, 64, 6, 0)
            chunk += addresses.pack(source, SERVER)
            chunk += tcp.pack(port, 80, source, 0, 0x50, 0x02, 64240, 0, 0)
            if len(chunk) > 1 << 20:
                out.write(chunk)
                chunk.clear()
        out.write(chunk)


if __name__ == "__main__":
    main()
