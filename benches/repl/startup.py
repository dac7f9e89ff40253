#!/usr/bin/env python3
"""Time from starting the REPL on a pseudo-terminal to its first `>>> ` prompt.

usage: benches/repl/startup.py [PERCOLATE_BINARY]

Prints the median of 11 starts for percolate and for python3 (issue 7 asks for < 50 ms).
"""
import os
import pty
import select
import sys
import time


def time_to_prompt(cmd):
    """Seconds until `cmd`, started on a new pty, shows `>>> ` (None if it never does)."""
    started = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.execvp(cmd[0], cmd)
    seen = b""
    elapsed = None
    while True:
        ready, _, _ = select.select([fd], [], [], 5)
        if not ready:
            break
        seen += os.read(fd, 4096)
        if b">>> " in seen:
            elapsed = time.perf_counter() - started
            break
    os.kill(pid, 9)
    os.waitpid(pid, 0)
    os.close(fd)
    return elapsed


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else "target/release/percolate"
    for cmd in ([os.path.abspath(binary)], ["python3"]):
        times = [time_to_prompt(cmd) for _ in range(11)]
        if None in times:
            print(f"{cmd[0]}: no prompt within 5 s")
            continue
        print(f"{cmd[0]}: median {sorted(times)[5] * 1000:.1f} ms to the first prompt")


if __name__ == "__main__":
    main()
