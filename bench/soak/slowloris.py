#!/usr/bin/env python3
"""Slowloris: holds N connections to HOST:PORT from source address SRC, each
sending an HTTP request's headers one line at a time and never ending them.

Each connection sends a request line and a Host header, then one more header
line every INTERVAL seconds; a connection the server closes is opened again,
so N stay open for DURATION seconds. Prints "ready N" once all are open, a
line "open N reopened M" every 5 s, and stops by itself after DURATION.

    bench/soak/slowloris.py 127.0.0.1 8080 /berita/x 500 127.0.0.3 10 120

Loopback addresses only (the soak runs on one machine).
"""
import random
import select
import socket
import sys
import time


def connect(host, port, src, path):
    s = socket.socket()
    s.setblocking(True)
    s.bind((src, 0))
    s.connect((host, port))
    s.sendall(f"GET {path} HTTP/1.1\r\nHost: {host}\r\n".encode())
    return s


def main():
    host, port, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    n, src = int(sys.argv[4]), sys.argv[5]
    interval, duration = float(sys.argv[6]), float(sys.argv[7])
    if not host.startswith("127.") or not src.startswith("127."):
        sys.exit("slowloris.py: loopback addresses only")
    end = time.time() + duration
    conns = {}
    reopened = 0
    for i in range(n):
        conns[i] = (connect(host, port, src, path), time.time())
    print(f"ready {len(conns)}", flush=True)
    last_report = time.time()

    def reopen(i, s, now):
        nonlocal reopened
        s.close()
        try:
            conns[i] = (connect(host, port, src, path), now)
            reopened += 1
        except OSError:
            del conns[i]

    while time.time() < end:
        # A readable socket here was answered (408) or closed: open anew.
        socks = {s: i for i, (s, _) in conns.items()}
        ready, _, _ = select.select(list(socks), [], [], 0.5)
        now = time.time()
        for s in ready:
            reopen(socks[s], s, now)
        for i, (s, sent) in list(conns.items()):
            if now - sent >= interval:
                try:
                    s.sendall(f"X-a-{random.randint(1, 9999)}: b\r\n".encode())
                    conns[i] = (s, now)
                except OSError:
                    reopen(i, s, now)
        if now - last_report >= 5:
            print(f"open {len(conns)} reopened {reopened}", flush=True)
            last_report = now
    for s, _ in conns.values():
        s.close()
    print(f"done open {len(conns)} reopened {reopened}", flush=True)


if __name__ == "__main__":
    main()
