#!/usr/bin/env python3
"""Compare percolate with python3 on every benchmark program in this folder.

usage: benches/compare.py [PERCOLATE_BINARY [PROGRAM.py ...]] [--runs N] [--markdown FILE] [--kinds]

Each program runs under python3 and under percolate in alternation (A B A B ...), N times
each (default 5) after one warm-up run of each; the checksums (stdout) must agree. Prints, per
program, the median time of each, the ratio percolate/python3 (lower is better) and the peak
resident memory of each (ru_maxrss from wait4). Startup is measured with `-c pass`.
Exits with status 1 when any of issue 8's targets is missed (listed at the end); the project's
tests never time anything, and CI does not run this script (CI machines are noisy).

With --kinds it also runs the programs in kinds/: other programs of the same kinds as the
targets' (issue 8: "the targets must hold there too"). Each names its kind on its first line
(`# kind: pingpong.py` takes pingpong.py's target; `# kind: core` must stay within
CORE_MAX) and is reported in a second table, its misses listed with the rest.
"""
import math
import os
import platform
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def real_python3():
    """The interpreter `python3` runs, resolved once: a version manager's `python3` on PATH
    (pyenv's is a shell script) would otherwise add its own start-up to every python3 time."""
    out = subprocess.run(["python3", "-c", "import sys; print(sys.executable)"],
                         capture_output=True, text=True, check=True)
    return out.stdout.strip() or "python3"

# Issue 8's targets: the highest acceptable time ratio percolate/python3 per program.
TIME_TARGETS = {
    "tasks_spawn.py": 0.33,
    "pingpong.py": 0.33,
    "custom_await.py": 0.33,
    "timers.py": 0.33,
    "deep_await.py": 0.5,
    "gen_pipeline.py": 0.7,
}
# General-purpose programs: none above 1.5, geometric mean at most 1.0.
CORE_PROGRAMS = ["fib.py", "loops.py", "nbody.py", "oop.py", "dicts.py", "strings.py"]
CORE_MAX, CORE_GEOMEAN = 1.5, 1.0
# Startup: at most 3 ms and a tenth of python3's; peak memory of 100k sleeping tasks: a quarter.
STARTUP_MAX_SECONDS, STARTUP_MAX_RATIO = 0.003, 0.1
MEMORY_PROGRAM, MEMORY_MAX_RATIO = "tasks_spawn.py", 0.25


def kind_of(path):
    """The kind a program in kinds/ declares on its first line (`# kind: X`), or None."""
    with open(path) as f:
        first = f.readline()
    return first.split(":", 1)[1].strip() if first.startswith("# kind:") else None


def kind_limit(kind):
    """The highest acceptable time ratio for a program of `kind`."""
    return CORE_MAX if kind == "core" else TIME_TARGETS.get(kind)


def target_of(name):
    """The time-ratio target of a program, as text for the table."""
    if name.startswith("kinds/"):
        kind = kind_of(os.path.join(HERE, name))
        limit = kind_limit(kind)
        return f"≤ {limit} ({kind})" if limit else ""
    if name in TIME_TARGETS:
        return f"≤ {TIME_TARGETS[name]}"
    if name in CORE_PROGRAMS:
        return f"≤ {CORE_MAX} (geomean ≤ {CORE_GEOMEAN})"
    return ""


def missed_targets(rows):
    """Every target the measured rows miss, as sentences (empty when all are met)."""
    missed = []
    by_name = {row[0]: row for row in rows}
    for name, limit in TIME_TARGETS.items():
        if name in by_name and by_name[name][3] > limit:
            missed.append(f"{name}: ratio {by_name[name][3]:.2f} > {limit}")
    core = [by_name[n][3] for n in CORE_PROGRAMS if n in by_name]
    for name in CORE_PROGRAMS:
        if name in by_name and by_name[name][3] > CORE_MAX:
            missed.append(f"{name}: ratio {by_name[name][3]:.2f} > {CORE_MAX}")
    if core:
        geomean = math.exp(sum(math.log(r) for r in core) / len(core))
        if geomean > CORE_GEOMEAN:
            missed.append(f"core geometric mean {geomean:.2f} > {CORE_GEOMEAN}")
    startup = by_name.get("startup (-c pass)")
    if startup and (startup[2] > STARTUP_MAX_SECONDS or startup[3] > STARTUP_MAX_RATIO):
        missed.append(f"startup {startup[2] * 1000:.1f} ms, ratio {startup[3]:.2f} "
                      f"(targets {STARTUP_MAX_SECONDS * 1000:.0f} ms, {STARTUP_MAX_RATIO})")
    mem = by_name.get(MEMORY_PROGRAM)
    if mem and mem[5] > MEMORY_MAX_RATIO * mem[4]:
        missed.append(f"{MEMORY_PROGRAM} peak memory {mem[5] / mem[4]:.2f} of python3's "
                      f"> {MEMORY_MAX_RATIO}")
    for row in rows:
        if row[0].startswith("kinds/"):
            limit = kind_limit(kind_of(os.path.join(HERE, row[0])))
            if limit and row[3] > limit:
                missed.append(f"{row[0]}: ratio {row[3]:.2f} > {limit}")
    missed.extend(f"{row[0]}: output differs from python3's or it failed"
                  for row in rows if not row[6])
    return missed


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
    kinds = "--kinds" in args
    if kinds:
        args.remove("--kinds")
    if "--markdown" in args:
        i = args.index("--markdown")
        markdown = args[i + 1]
        del args[i:i + 2]
    binary = os.path.abspath(args[0] if args else os.path.join(HERE, "..", "target", "release", "percolate"))
    python = real_python3()
    rows = []
    # Every benchmark program, but never this script itself.
    me = os.path.basename(__file__)
    programs = sorted(f for f in os.listdir(HERE) if f.endswith(".py") and f != me)
    if kinds:
        kinds_dir = os.path.join(HERE, "kinds")
        programs += sorted("kinds/" + f for f in os.listdir(kinds_dir) if f.endswith(".py"))
    only = [a for a in args[1:]]
    if only:
        programs = [p for p in programs if p in only]
    for name in programs:
        py_t, our_t, py_m, our_m, ok = measure([python, name], [binary, name], runs)
        rows.append((name, py_t, our_t, our_t / py_t, py_m, our_m, ok))
        print(f"{name:18} python3 {py_t:7.3f}s  percolate {our_t:7.3f}s  ratio {our_t / py_t:6.2f}"
              f"  mem {py_m // 1024:5d} / {our_m // 1024:5d} MiB  {'ok' if ok else 'CHECKSUM DIFFERS OR FAILED'}",
              flush=True)
    py_t, our_t, py_m, our_m, ok = measure([python, "-c", "pass"], [binary, "-c", "pass"], runs)
    rows.append(("startup (-c pass)", py_t, our_t, our_t / py_t, py_m, our_m, ok))
    print(f"{'startup':18} python3 {py_t * 1000:6.1f}ms  percolate {our_t * 1000:6.1f}ms  ratio {our_t / py_t:6.2f}")
    missed = missed_targets(rows)
    if markdown:
        machine = f"{platform.machine()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}"
        with open(markdown, "w") as f:
            f.write(f"Median of {runs} alternating runs on {machine}; python3 is "
                    f"{platform.python_version()} (`{python}`, run directly). Ratio = percolate time / python3 time (lower is better).\n\n")
            f.write("| program | python3 | percolate | ratio | target | peak MiB python3 / percolate | checksum |\n")
            f.write("|---|---|---|---|---|---|---|\n")
            for name, py_t, our_t, ratio, py_m, our_m, ok in rows:
                f.write(f"| {name} | {py_t:.3f}s | {our_t:.3f}s | {ratio:.2f} | {target_of(name)} | "
                        f"{py_m // 1024} / {our_m // 1024} | {'same' if ok else 'differs/failed'} |\n")
            f.write("\nTargets missed:\n\n" if missed else "\nEvery target is met.\n")
            for line in missed:
                f.write(f"- {line}\n")
    if missed:
        print("targets missed:")
        for line in missed:
            print("  " + line)
        sys.exit(1)
    print("every target met")

if __name__ == "__main__":
    main()
