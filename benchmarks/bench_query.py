"""Benchmark the query index on synthetic archives; prints figures (no pass/fail).

    python benchmarks/bench_query.py [--sizes 10000 100000] [--work /tmp/briefs-bench] [--runs 7]

For each size: builds (or reuses) an archive with make_archive.py, then
measures a full `briefs reindex`, the index file size, the stat pass alone
(the floor of every query: each file is stat'ed), a no-change refresh, a
refresh after one hand-edited file, `briefs list --actor X` and `briefs
list --topic T --since D` as whole processes (warm: best and median of
--runs), the same actor question answered by `rg -l` (or `grep -rl` when
rg is absent) over the folder, the whole-archive commands `briefs show`,
`briefs actors` and `briefs export` (best of 3), and the peak RSS of each
process. Then `briefs --version` and `briefs list` on an empty folder (the
start-up floor) against `python -c pass`. Last, the list and edit
questions again with a `briefs watch` process running (no stat of every
file). Targets (at 100,000): list
--actor <= 100 ms and >= 5x faster than grep; one edit picked up <= 300 ms;
rebuild <= 60 s; --version <= 2x python start; peak RSS <= 150 MB.

Processes run as installed: byte-code cached (PYTHONDONTWRITEBYTECODE is
dropped, caches go under --work/pycache), output to /dev/null.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

from briefs import index  # noqa: E402

BIN = Path(sys.executable).parent
BRIEFS = [str(BIN / "briefs")] if (BIN / "briefs").exists() else [sys.executable, "-m", "briefs"]
ACTOR, TOPIC, SINCE = "Larijani", "nucleaire", "2025-06"


ENV = dict(os.environ)


def run(cmd: list[str], env: dict | None = None) -> tuple[float, int, int]:
    """Wall seconds, peak RSS (MB) and exit code of one process, output discarded."""
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env or ENV)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t
    proc.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_maxrss // 1024, proc.returncode


def timed(cmd: list[str], runs: int) -> dict:
    run(cmd)  # warm the page cache and the index
    samples = [run(cmd) for _ in range(runs)]
    walls = [s[0] for s in samples]
    return {"best": min(walls), "median": statistics.median(walls), "rss": max(s[1] for s in samples),
            "rc": samples[-1][2]}


def ms(s: float) -> str:
    return f"{s * 1000:.0f} ms" if s < 10 else f"{s:.1f} s"


def ensure_archive(work: Path, n: int) -> Path:
    root = work / f"briefs-{n}"
    if root.is_dir() and sum(1 for e in os.scandir(root) if e.name.endswith(".yaml")) == n:
        return root
    if root.exists():
        shutil.rmtree(root)
    subprocess.run([sys.executable, str(HERE / "make_archive.py"), str(n), str(root)], check=True)
    return root


def scan_time(root: Path, runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        t = time.perf_counter()
        index.scan(root)
        best = min(best, time.perf_counter() - t)
    return best


def refresh_time(root: Path, runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        t = time.perf_counter()
        index.open_index(root).close()
        best = min(best, time.perf_counter() - t)
    return best


def settle(root: Path) -> None:
    """Let the last writes leave the racy window, then bring the index up to date."""
    time.sleep(index.RACY_NS / 1e9 + 0.1)
    index.open_index(root).close()


def bench(root: Path, runs: int) -> dict:
    out: dict = {"n": sum(1 for e in os.scandir(root) if e.name.endswith(".yaml"))}
    wall, rss, rc = run(BRIEFS + ["reindex", "--data-dir", str(root)])
    assert rc == 0, "reindex failed"
    out["rebuild"], out["rebuild_rss"] = wall, rss
    out["load_rebuild"] = os.getloadavg()[0]
    out["size_mb"] = (root / index.INDEX_FILE).stat().st_size / 1e6
    settle(root)
    out["scan"] = scan_time(root, runs)
    out["refresh"] = refresh_time(root, runs)
    actor = BRIEFS + ["list", "--actor", ACTOR, "--data-dir", str(root)]
    out["actor"] = timed(actor, runs)
    out["actor_hits"] = len(subprocess.run(actor + ["--format", "ids"], capture_output=True, text=True).stdout.split())
    out["topic"] = timed(BRIEFS + ["list", "--topic", TOPIC, "--since", SINCE, "--data-dir", str(root)], runs)
    rg = shutil.which("rg")
    grep_cmd = [rg, "-l", ACTOR, str(root)] if rg else ["grep", "-rl", ACTOR, str(root)]
    out["grep_tool"] = "rg -l" if rg else "grep -rl"
    out["grep"] = timed(grep_cmd, runs)
    out["grep_hits"] = len(subprocess.run(grep_cmd, capture_output=True, text=True).stdout.split())
    # one hand edit (in place), picked up by the next refresh / the next list
    victim = next(p for p in sorted(root.glob("*.yaml")))
    original = victim.read_bytes()
    edits, lists = [], []
    try:
        for i in range(runs):
            victim.write_bytes(original + f"# edited {i}\n".encode())
            t = time.perf_counter()
            index.open_index(root).close()
            edits.append(time.perf_counter() - t)
            settle(root)
            victim.write_bytes(original + f"# edited again {i}\n".encode())
            lists.append(run(actor)[0])
            settle(root)
    finally:
        victim.write_bytes(original)
        settle(root)
    out["edit_refresh"], out["edit_list"] = min(edits), min(lists)
    for name, args in (("show", ["show"]), ("actors", ["actors"]), ("export", ["export", "--format", "jsonl"])):
        out[name] = timed(BRIEFS + args + ["--data-dir", str(root)], 3)
    out.update(watched(root, runs, actor, victim, original))
    out["load"] = os.getloadavg()[0]
    return out


def watched(root: Path, runs: int, actor: list[str], victim: Path, original: bytes) -> dict:
    """The same questions with `briefs watch` running: no stat of every file."""
    import signal

    watcher = subprocess.Popen(BRIEFS + ["watch", "--data-dir", str(root)], stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True, env=ENV)
    out: dict = {}
    try:
        line = watcher.stderr.readline()
        assert "watching" in line, f"briefs watch did not start: {line!r}"
        out["w_actor"] = timed(actor, runs)
        out["w_topic"] = timed(BRIEFS + ["list", "--topic", TOPIC, "--since", SINCE, "--data-dir", str(root)], runs)
        picked, refresh = [], []
        victim_id = victim.name[:-5]
        try:
            for i in range(runs):
                word = f"zqwatch{i}x"  # a new word in the title, searched for right after the edit
                edited = original.replace(b"\ntitle: ", f"\ntitle: {word} ".encode(), 1)
                assert edited != original
                victim.write_bytes(edited)  # in place: the folder itself does not change
                cmd = BRIEFS + ["list", "--text", word, "--format", "ids", "--data-dir", str(root)]
                t = time.perf_counter()
                found = subprocess.run(cmd, capture_output=True, text=True, env=ENV).stdout.split()
                picked.append(time.perf_counter() - t)
                assert found == [victim_id], f"the edit was not seen: {found}"
                victim.write_bytes(original)
                t = time.perf_counter()
                index.open_index(root).close()
                refresh.append(time.perf_counter() - t)
        finally:
            victim.write_bytes(original)
        out["w_edit_list"], out["w_edit_refresh"] = min(picked), min(refresh)
    finally:
        watcher.send_signal(signal.SIGTERM)  # SIGINT is ignored when the bench runs in the background
        watcher.communicate(timeout=60)
    return out


def startup(runs: int, work: Path) -> tuple[float, float, float]:
    empty = work / "empty"
    empty.mkdir(exist_ok=True)
    py = min(run([sys.executable, "-c", "pass"])[0] for _ in range(runs * 2))
    ver = min(run(BRIEFS + ["--version"])[0] for _ in range(runs * 2))
    nothing = min(run(BRIEFS + ["list", "--actor", ACTOR, "--data-dir", str(empty)])[0] for _ in range(runs * 2))
    return py, ver, nothing


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--work", type=Path, default=Path("/tmp/briefs-bench"))
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    ENV.pop("PYTHONDONTWRITEBYTECODE", None)
    ENV["PYTHONPYCACHEPREFIX"] = str(args.work / "pycache")
    load_start = os.getloadavg()[0]
    results = []
    for n in args.sizes:
        root = ensure_archive(args.work, n)
        print(f"benchmarking {root} ...", file=sys.stderr)
        results.append(bench(root, args.runs))
    py, ver, nothing = startup(args.runs, args.work)
    print(f"\nmachine: {os.cpu_count()} cores, load average {load_start:.1f} at the start,"
          f" {os.getloadavg()[0]:.1f} at the end;"
          f" {'rg' if shutil.which('rg') else 'no rg: grep -rl'} baseline; best of {args.runs} (median)\n")
    head = "| measure | " + " | ".join(f"{r['n']:,} briefs" for r in results) + " |"
    print(head)
    print("|" + " --- |" * (len(results) + 1))

    def row(label: str, cell) -> None:
        print(f"| {label} | " + " | ".join(cell(r) for r in results) + " |")

    row("full rebuild (`briefs reindex`)", lambda r: f"{ms(r['rebuild'])} (load {r['load_rebuild']:.1f})")
    row("index file", lambda r: f"{r['size_mb']:.0f} MB")
    row("stat pass alone: listdir + stat of every file (in process)", lambda r: ms(r["scan"]))
    row("no-change refresh (in process)", lambda r: ms(r["refresh"]))
    row("refresh after editing one file (in process)", lambda r: ms(r["edit_refresh"]))
    row("`briefs list --actor` after editing one file", lambda r: ms(r["edit_list"]))
    row(f"`briefs list --actor {ACTOR}` ({'hits'})", lambda r: f"{ms(r['actor']['best'])} ({ms(r['actor']['median'])}), {r['actor_hits']:,} hits")
    row(f"`briefs list --topic {TOPIC} --since {SINCE}`", lambda r: f"{ms(r['topic']['best'])} ({ms(r['topic']['median'])})")
    row(f"`{results[0]['grep_tool']} {ACTOR}`", lambda r: f"{ms(r['grep']['best'])} ({ms(r['grep']['median'])}), {r['grep_hits']:,} files")
    row("grep / list --actor", lambda r: f"{r['grep']['best'] / r['actor']['best']:.1f}x")
    row("`briefs show` (archive summary)", lambda r: ms(r["show"]["best"]))
    row("`briefs actors`", lambda r: ms(r["actors"]["best"]))
    row("`briefs export --format jsonl` (whole archive)", lambda r: ms(r["export"]["best"]))
    row("peak RSS: list / export / reindex",
        lambda r: f"{max(r['actor']['rss'], r['topic']['rss'])} MB / {r['export']['rss']} MB / {r['rebuild_rss']} MB")
    row("with `briefs watch` running:", lambda r: "")
    row(f"`briefs list --actor {ACTOR}`", lambda r: f"{ms(r['w_actor']['best'])} ({ms(r['w_actor']['median'])})")
    row(f"`briefs list --topic {TOPIC} --since {SINCE}`",
        lambda r: f"{ms(r['w_topic']['best'])} ({ms(r['w_topic']['median'])})")
    row("grep / list --actor", lambda r: f"{r['grep']['best'] / r['w_actor']['best']:.1f}x")
    row("edit one file in place, then `briefs list --text NEWWORD` finds it", lambda r: ms(r["w_edit_list"]))
    row("refresh after editing one file (in process)", lambda r: ms(r["w_edit_refresh"]))
    row("load average after the size", lambda r: f"{r['load']:.1f}")
    print(f"\n`python -c pass` {ms(py)}; `briefs --version` {ms(ver)} ({ver / py:.1f}x);"
          f" `briefs list` on an empty folder (start-up floor) {ms(nothing)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
