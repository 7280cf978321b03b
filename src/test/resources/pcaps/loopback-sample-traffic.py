# Generates (for src/test/resources/pcaps/loopback-sample.pcapng, recorded with
# `netanal capture -i lo -t 8 -w loopback-sample.pcapng` while this runs, as root) a small mix of loopback traffic: HTTP, DNS (answered and unanswered), TLS, UDP over IPv6, NTP-shaped UDP.
import socket, struct, subprocess, threading, time, http.server, ssl, os
def dns_query(name, qid):
    q = struct.pack('>HHHHHH', qid, 0x0100, 1, 0, 0, 0)
    for p in name.split('.'):
        q += bytes([len(p)]) + p.encode()
    return q + b'\x00' + struct.pack('>HH', 1, 1)
# DNS server on 127.0.0.1:53 answering A queries
srv = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); srv.bind(('127.0.0.1', 53))
def dns_loop():
    while True:
        data, addr = srv.recvfrom(2048)
        if data == b'quit': return
        resp = data[:2] + b'\x81\x80' + data[4:6] + b'\x00\x01\x00\x00\x00\x00' + data[12:]
        resp += b'\xc0\x0c' + struct.pack('>HHIH', 1, 1, 60, 4) + bytes([127, 0, 0, 1])
        srv.sendto(resp, addr)
threading.Thread(target=dns_loop, daemon=True).start()
c = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
for i, n in enumerate(['example.com', 'netanal.test', 'www.example.org']):
    c.sendto(dns_query(n, 0x1000 + i), ('127.0.0.1', 53)); c.recvfrom(2048)
# unanswered DNS to 127.0.0.2 port 53 -> ICMP port unreachable
c.sendto(dns_query('nobody.test', 0x2000), ('127.0.0.2', 53)); time.sleep(0.05)
# HTTP
class Q(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *a): pass
h = http.server.ThreadingHTTPServer(('127.0.0.1', 8080), Q)
threading.Thread(target=h.serve_forever, daemon=True).start()
for path in ['/', '/traffic.py', '/missing']:
    subprocess.run(['curl', '-s', '-o', '/dev/null', 'http://127.0.0.1:8080' + path])
h.shutdown()
# TLS on 443
subprocess.run(['openssl', 'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'k.pem', '-out', 'c.pem', '-days', '1', '-subj', '/CN=localhost'], capture_output=True)
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER); ctx.load_cert_chain('c.pem', 'k.pem')
ls = socket.socket(); ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); ls.bind(('127.0.0.1', 443)); ls.listen()
def tls_srv():
    for _ in range(2):
        conn, _a = ls.accept()
        with ctx.wrap_socket(conn, server_side=True) as s:
            s.recv(100); s.sendall(b'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok')
threading.Thread(target=tls_srv, daemon=True).start()
cctx = ssl.create_default_context(); cctx.check_hostname = False; cctx.verify_mode = ssl.CERT_NONE
for _ in range(2):
    with cctx.wrap_socket(socket.create_connection(('127.0.0.1', 443))) as s:
        s.sendall(b'GET / HTTP/1.1\r\nHost: localhost\r\n\r\n'); s.recv(100)
# UDP over IPv6 loopback, and NTP-shaped packets
u6 = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM); r6 = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM); r6.bind(('::1', 9999))
for i in range(10): u6.sendto(b'netanal sample %d' % i, ('::1', 9999)); r6.recvfrom(100)
ntp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); nr = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); nr.bind(('127.0.0.1', 123))
for i in range(3): ntp.sendto(b'\x23' + bytes(47), ('127.0.0.1', 123)); nr.recvfrom(100)
time.sleep(0.2)
