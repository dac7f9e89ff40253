#!/usr/bin/env python3
"""Compare percolate with python3 on every benchmark program in this folder.

usage: benches/compare.py [PERCOLATE_BINARY] [--runs N] [--markdown FILE]

Each program runs under python3 and under percolate in alternation (A B A B ...), N times
each (default 5) after one warm-up run of each; the checksums (stdout) must agree. Prints, per
program, the median time of each, the ratio percolate/python3 (lower is better) and the peak
resident memory of each (ru_maxrss from wait4). Startup is measured with `-c pass`.
"""
import os
import platform
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def run_once(cmd):
    """Runs cmd; returns (seconds, peak_rss_kib, stdout, exit_code)."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=HERE)
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss, out, proc.returncode


def measure(python_cmd, percolate_cmd, runs):
    run_once(python_cmd)
    run_once(percolate_cmd)
    py_times, our_times, py_mem, our_mem = [], [], 0, 0
    py_out = our_out = None
    our_code = 0
    for _ in range(runs):
        t, m, py_out, _ = run_once(python_cmd)
        py_times.append(t)
        py_mem = max(py_mem, m)
        t, m, our_out, our_code = run_once(percolate_cmd)
        our_times.append(t)
        our_mem = max(our_mem, m)
    ok = our_code == 0 and our_out == py_out
    return statistics.median(py_times), statistics.median(our_times), py_mem, our_mem, ok


def main():
    args = sys.argv[1:]
    runs = 5
    markdown = None
    if "--runs" in args:
        i = args.index("--runs")
        runs = int(args[i + 1])
        del args[i:i + 2]
    if "--markdown" in args:
        i = args.index("--markdown")
        markdown = args[i + 1]
        del args[i:i + 2]
    binary = os.path.abspath(args[0] if args else os.path.join(HERE, "..", "target", "release", "percolate"))
    rows = []
    # Every benchmark program, but never this script itself.
    me = os.path.basename(__file__)
    programs = sorted(f for f in os.listdir(HERE) if f.endswith(".py") and f != me)
    for name in programs:
        py_t, our_t, py_m, our_m, ok = measure(["python3", name], [binary, name], runs)
        rows.append((name, py_t, our_t, our_t / py_t, py_m, our_m, ok))
        print(f"{name:18} python3 {py_t:7.3f}s  percolate {our_t:7.3f}s  ratio {our_t / py_t:6.2f}"
              f"  mem {py_m // 1024:5d} / {our_m // 1024:5d} MiB  {'ok' if ok else 'CHECKSUM DIFFERS OR FAILED'}",
              flush=True)
    py_t, our_t, py_m, our_m, ok = measure(["python3", "-c", "pass"], [binary, "-c", "pass"], runs)
    rows.append(("startup (-c pass)", py_t, our_t, our_t / py_t, py_m, our_m, ok))
    print(f"{'startup':18} python3 {py_t * 1000:6.1f}ms  percolate {our_t * 1000:6.1f}ms  ratio {our_t / py_t:6.2f}")
    if markdown:
        machine = f"{platform.machine()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}"
        with open(markdown, "w") as f:
            f.write(f"Median of {runs} alternating runs on {machine}; python3 is "
                    f"{platform.python_version()}. Ratio = percolate time / python3 time (lower is better).\n\n")
            f.write("| program | python3 | percolate | ratio | peak MiB python3 / percolate | checksum |\n")
            f.write("|---|---|---|---|---|---|\n")
            for name, py_t, our_t, ratio, py_m, our_m, ok in rows:
                f.write(f"| {name} | {py_t:.3f}s | {our_t:.3f}s | {ratio:.2f} | {py_m // 1024} / {our_m // 1024} | "
                        f"{'same' if ok else 'differs/failed'} |\n")


if __name__ == "__main__":
    main()
