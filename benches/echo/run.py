#!/usr/bin/env python3
"""Runs the echo server and its client under one interpreter and times the client.

usage: benches/echo/run.py [PERCOLATE_BINARY] [--connections N] [--rounds R]

For python3 and for percolate in turn: starts server.py, reads its port, runs client.py with
N concurrent connections (default 1000) of R lines each (default 10), checks that every byte
came back (the client verifies each echo, the server counts the closed connections), and
prints the client's wall time.
"""
import argparse
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def run(interpreter, connections, rounds):
    """Returns (seconds, client stdout, server stdout) for one interpreter."""
    server = subprocess.Popen([interpreter, "server.py", str(connections)], cwd=HERE,
                              stdout=subprocess.PIPE, text=True)
    port = server.stdout.readline().strip()
    started = time.perf_counter()
    client = subprocess.run([interpreter, "client.py", port, str(connections), str(rounds)],
                            cwd=HERE, capture_output=True, text=True, timeout=300)
    elapsed = time.perf_counter() - started
    rest, _ = server.communicate(timeout=60)
    if client.returncode != 0:
        sys.exit(f"{interpreter}: client failed:\n{client.stderr}")
    return elapsed, client.stdout.strip(), rest.strip()


def main():
    parser = argparse.ArgumentParser(description="Times the echo server under both interpreters.")
    parser.add_argument("percolate", nargs="?", default="target/release/percolate")
    parser.add_argument("--connections", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=10)
    options = parser.parse_args()
    connections, rounds = options.connections, options.rounds
    percolate = os.path.abspath(options.percolate)
    results = {}
    for name, interpreter in (("python3", "python3"), ("percolate", percolate)):
        elapsed, client_out, server_out = run(interpreter, connections, rounds)
        results[name] = client_out
        print(f"{name:10} {elapsed:6.2f}s  client: {client_out}  server: {server_out}")
    if results["python3"] != results["percolate"]:
        sys.exit("the two clients disagree")


if __name__ == "__main__":
    main()
