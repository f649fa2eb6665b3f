#!/usr/bin/env python3
"""Holds N idle keep-alive connections to HOST:PORT from source address SRC.

Each connection sends one GET for PATH and reads its answer, then stays open
and silent. Prints "ready N" once all are open and sleeps until killed.

    bench/idle_conns.py 127.0.0.1 8080 /berita/x 1000 127.0.0.2
"""
import select
import signal
import socket
import sys
import time


def main():
    host, port, path, n, src = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), sys.argv[5]
    conns = []
    request = f"GET {path} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode()
    for _ in range(n):
        s = socket.socket()
        s.bind((src, 0))
        s.connect((host, port))
        s.sendall(request)
        conns.append(s)
    # Read every first answer (headers and body; the bytes are discarded).
    pending = {s: b"" for s in conns}
    deadline = time.time() + 30
    while pending and time.time() < deadline:
        ready, _, _ = select.select(list(pending), [], [], 1)
        for s in ready:
            try:
                data = s.recv(65536)
            except OSError:
                data = b""
            buf = pending[s] + data
            head, sep, body = buf.partition(b"\r\n\r\n")
            length = 0
            for line in head.split(b"\r\n"):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":", 1)[1])
            if not data or (sep and len(body) >= length):
                del pending[s]
            else:
                pending[s] = buf
    print(f"ready {n - len(pending)}", flush=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    while True:
        time.sleep(3600)


if __name__ == "__main__":
    main()
