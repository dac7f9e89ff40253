#!/usr/bin/env python3
"""Regenerates benches/layout/symbol_order.txt, the order the linker lays out percolate's functions.

build.rs passes the file to the linker (`--symbol-ordering-file`, lld's), which then puts
the functions it lists first, in its order, and every other function after them. The list is
the functions a release build of percolate runs for `-c pass`, for `import asyncio` and for
every program in benches/ and benches/kinds/ (in that order; within a program, the costliest
first), as valgrind's callgrind sees them. Code that runs is then packed into a few hundred
pages instead of being spread over the whole 3.7 MB of text, where the kernel maps it in
64 KiB windows around every page touched: a program's resident code shrinks (tasks_spawn.py:
3.0 -> 1.6 MB) and starting takes fewer page faults.

The file only moves code: a stale one (functions renamed or added since) costs some of that
memory and time back, never correctness, since unlisted functions keep their place after the
listed ones. Regenerate it after big changes:

    cargo build --release
    python3 benches/layout/symbol_order.py target/release/percolate
    cargo build --release   # links with the new order

Each program runs under callgrind for at most --seconds (its profile is dumped then), which is
enough to see its hot loop.
"""

import argparse
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHES = HERE.parent


def programs():
    """The command lines to profile, startup first."""
    yield ["-c", "pass"]
    yield ["-c", "import asyncio"]
    for folder in (BENCHES, BENCHES / "kinds"):
        for path in sorted(folder.glob("*.py")):
            if path.name != "compare.py":
                yield [str(path)]


def profile(binary, argv, seconds, out):
    """Runs `binary argv` under callgrind; dumps its profile after `seconds` if still running."""
    proc = subprocess.Popen(
        ["valgrind", "--tool=callgrind", "--demangle=no", f"--callgrind-out-file={out}",
         binary, *argv],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        proc.wait(timeout=seconds)
        return [out]
    except subprocess.TimeoutExpired:
        subprocess.run(["callgrind_control", "-d", str(proc.pid)],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(1)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        folder = Path(out).parent
        return sorted(str(p) for p in folder.glob(Path(out).name + "*"))


def functions(dumps, binary):
    """The functions of `binary` in the callgrind `dumps`, costliest first."""
    cost = {}
    line_re = re.compile(r"\s*([\d,]+) \([^)]*\)\s+\S*?:(\S+) \[(.*)\]$")
    for dump in dumps:
        text = subprocess.run(["callgrind_annotate", "--threshold=100", dump],
                              capture_output=True, text=True).stdout
        for line in text.splitlines():
            m = line_re.match(line)
            if not m or m.group(3) != binary:
                continue
            # callgrind marks recursion levels as name'2, name'3, ...
            name = re.sub(r"'\d+$", "", m.group(2))
            if not name.startswith("0x"):
                cost[name] = cost.get(name, 0) + int(m.group(1).replace(",", ""))
    return sorted(cost, key=lambda n: -cost[n])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("binary", help="a release build of percolate")
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--out", default=str(HERE / "symbol_order.txt"))
    args = parser.parse_args()
    binary = os.path.realpath(args.binary)
    order, listed = [], set()
    with tempfile.TemporaryDirectory() as tmp:
        for i, argv in enumerate(programs()):
            dumps = profile(binary, argv, args.seconds, os.path.join(tmp, f"p{i}.out"))
            new = [n for n in functions(dumps, binary) if n not in listed]
            listed.update(new)
            order.extend(new)
            print(f"{' '.join(argv)}: {len(new)} more functions", file=sys.stderr)
    Path(args.out).write_text("\n".join(order) + "\n")
    print(f"{len(order)} functions written to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
