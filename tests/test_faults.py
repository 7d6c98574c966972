"""Faults: kill -9 in the middle of a bulk add, and several adds at once on one folder.

Each record must be absent or whole at every moment, the next command must
complete the set without duplicates, and concurrent adds must give what one
sequential run gives. Runs real `python -m briefs` processes.

Faults tried and what was observed (2 CPUs, shared with other jobs):
- kill -9 at random moments in a bulk add of 1,000 texts, 4 rounds: kills
  landed after 97-318 records; each time every *.yaml parsed and validated,
  at most one `.tmp-*.part` was left; the next `add` removed it and completed
  the set to exactly 1,000 records, one per text.
- kill -9 at exact points (after the data fsync, before the rename; right
  after the rename, before the folder fsync): the record is absent or whole,
  the temporary file is cleaned by the next command, list ignores it meanwhile.
- 4 processes adding overlapping sets (each text in two sets): 160 records,
  each text once, each id once; same ids and records as one sequential run.
- Ctrl-C (SIGINT) mid-run: exit 130, one line, written records whole.
- Disk full (a real 80 KB tmpfs, and ENOSPC from fsync in tests): one line
  per text, a count at the end, no temporary file left, old versions intact.
"""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from briefs import record as rec
from briefs.archive import TMP_PREFIX, Archive

N_TEXTS = 1000
KILL_ROUNDS = 4
DATE = "2024-03-30"

NAMES = ["Sergueï Lavrov", "Abbas Araghtchi", "Vladimir Poutine", "Massoud Pezeshkian",
         "Ali Larijani", "Mikhaïl Michoustine", "Ebrahim Raïssi", "Nikolaï Patrouchev"]
CITIES = ["Moscou", "Téhéran", "Kazan", "Ispahan", "Saint-Pétersbourg"]


def synthetic_texts(folder: Path, n: int) -> list[Path]:
    """`n` small distinct French texts in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(n):
        a, b = NAMES[i % len(NAMES)], NAMES[(i // len(NAMES) + 1 + i) % len(NAMES)]
        text = (f"{a} a rencontré {b} à {CITIES[i % len(CITIES)]} le {1 + i % 28} mars 2024.\n\n"
                f"Les deux responsables ont discuté de la coopération économique et du corridor "
                f"de transport Nord-Sud, selon la dépêche n° {i}.\n")
        path = folder / f"t{i:04d}.txt"
        path.write_text(text, encoding="utf-8")
        out.append(path)
    return out


def briefs_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "briefs", *args]


def env_for(data: Path) -> dict:
    env = dict(os.environ, BRIEFS_DATA=str(data), PYTHONUNBUFFERED="1")
    env.pop("NO_COLOR", None)
    return env


def assert_all_whole(data: Path) -> dict[str, str]:
    """Every *.yaml parses and validates; no text twice. Returns sha -> id."""
    archive = Archive(data)
    by_sha: dict[str, str] = {}
    for path in archive.paths():
        record = archive.read(path)  # raises RecordError on a half-written file
        sha = record["source"]["sha256"]
        assert sha not in by_sha, f"{path.name} duplicates {by_sha[sha]}"
        by_sha[sha] = record["id"]
    # Nothing that looks like a record hides outside the sorted listing.
    for entry in os.listdir(data):
        assert entry.endswith(".yaml") or entry == ".lock" or entry.startswith(TMP_PREFIX), entry
    return by_sha


def _yaml_names(data: Path) -> list[str]:
    try:
        return [n for n in os.listdir(data) if n.endswith(".yaml")]
    except FileNotFoundError:
        return []


def test_kill_9_during_bulk_add_leaves_only_whole_records(tmp_path):
    texts = synthetic_texts(tmp_path / "texts", N_TEXTS)
    data = tmp_path / "data"
    rng = random.Random(20261123)
    observed = []
    t0 = time.monotonic()
    for round_ in range(KILL_ROUNDS):
        proc = subprocess.Popen(briefs_cmd("-q", "add", str(tmp_path / "texts"), "--date", DATE),
                                env=env_for(data), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        # Kill at a random moment once this round has written a random number of
        # new records (a re-run first skips what is there, which takes a while).
        target = len(_yaml_names(data)) + rng.randint(1, N_TEXTS // (2 * KILL_ROUNDS))
        deadline = time.monotonic() + 60
        while len(_yaml_names(data)) < target and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.002)
        time.sleep(rng.uniform(0, 0.02))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        err = proc.stderr.read().decode()
        proc.stderr.close()
        assert "Traceback" not in err, err
        whole = assert_all_whole(data)
        temps = [p for p in os.listdir(data) if p.startswith(TMP_PREFIX)] if data.exists() else []
        observed.append((round_, proc.returncode, len(whole), len(temps), round(time.monotonic() - t0, 1)))
    # The kills must have landed mid-run, not before the first or after the last write.
    counts = [n for _, _, n, _, _ in observed]
    assert all(0 < n < N_TEXTS for n in counts) and counts == sorted(set(counts)), observed
    print("kill rounds (round, returncode, records, temp files, seconds):", observed)

    done = subprocess.run(briefs_cmd("-q", "add", str(tmp_path / "texts"), "--date", DATE),
                          env=env_for(data), capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    whole = assert_all_whole(data)
    assert len(whole) == N_TEXTS == len(texts)
    assert not [p for p in os.listdir(data) if p.startswith(TMP_PREFIX)], "temporary files left behind"
    print(f"completed in {time.monotonic() - t0:.1f} s")


# A process that kills itself with SIGKILL at an exact point of a write:
# after the temporary file is fsync'ed but before the rename, or right after it.
_SUICIDE = textwrap.dedent("""
    import os, signal, sys
    point, n = sys.argv[1], int(sys.argv[2])
    calls = {"n": 0}
    target = getattr(os, point)
    def hooked(*a, **k):
        calls["n"] += 1
        if calls["n"] == n:
            if point == "replace":
                target(*a, **k)  # the rename happened; die before the folder fsync
            os.kill(os.getpid(), signal.SIGKILL)
        return target(*a, **k)
    setattr(os, point, hooked)
    from briefs.cli import main
    sys.argv = ["briefs", "-q", "add", *sys.argv[3:]]
    main()
""")


@pytest.mark.parametrize("point, n", [("fsync", 1), ("fsync", 7), ("replace", 3)])
def test_kill_at_exact_points_of_a_write(tmp_path, point, n):
    synthetic_texts(tmp_path / "texts", 8)
    data = tmp_path / "data"
    proc = subprocess.run([sys.executable, "-c", _SUICIDE, point, str(n), str(tmp_path / "texts"), "--date", DATE],
                          env=env_for(data), capture_output=True, text=True, timeout=60)
    assert proc.returncode == -signal.SIGKILL
    whole = assert_all_whole(data)
    temps = [p for p in os.listdir(data) if p.startswith(TMP_PREFIX)]
    if point == "fsync":
        # fsync #1 is the first record's data: it dies with its temporary file written, not renamed.
        assert len(temps) == 1 and len(whole) == (n - 1) // 2
    else:
        assert not temps and len(whole) == n
    done = subprocess.run(briefs_cmd("add", str(tmp_path / "texts"), "--date", DATE),
                          env=env_for(data), capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert len(assert_all_whole(data)) == 8
    assert not [p for p in os.listdir(data) if p.startswith(TMP_PREFIX)]
    # list and show ignore temporary files even before they are cleaned.
    (data / (TMP_PREFIX + "stray.part")).write_text("schema: 1\nid: half", encoding="utf-8")
    listed = subprocess.run(briefs_cmd("list", "--format", "ids"), env=env_for(data),
                            capture_output=True, text=True, timeout=60)
    assert listed.returncode == 0 and len(listed.stdout.split()) == 8, listed.stderr
    assert "warning" not in listed.stderr


def _records_by_sha(data: Path) -> dict[str, dict]:
    out = {}
    for path in Archive(data).paths():
        record = rec.loads(path.read_text(encoding="utf-8"))
        record.pop("added")
        record.pop("id")
        out[record["source"]["sha256"]] = record
    return out


def test_concurrent_adds_equal_one_sequential_run(tmp_path):
    texts = synthetic_texts(tmp_path / "texts", 160)
    # Four overlapping sets covering all 160 texts; every text is in two sets.
    sets = [[texts[(k * 40 + j) % 160] for j in range(80)] for k in range(4)]
    for s in sets:
        random.Random(len(s)).shuffle(s)
    data = tmp_path / "concurrent"
    procs = [subprocess.Popen(briefs_cmd("-q", "add", *map(str, s), "--date", DATE), env=env_for(data),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for s in sets]
    outputs = [p.communicate(timeout=120) for p in procs]
    for p, (out, err) in zip(procs, outputs):
        assert p.returncode == 0, err
        assert "Traceback" not in err
    new_ids = [i for out, _ in outputs for i in out.split()]
    assert len(new_ids) == len(set(new_ids)) == 160, "each text added exactly once, each id given once"

    sequential = tmp_path / "sequential"
    seq = subprocess.run(briefs_cmd("-q", "add", *map(str, texts), "--date", DATE), env=env_for(sequential),
                         capture_output=True, text=True, timeout=120)
    assert seq.returncode == 0, seq.stderr

    assert_all_whole(data)
    assert sorted(Archive(data).ids()) == sorted(Archive(sequential).ids())
    assert _records_by_sha(data) == _records_by_sha(sequential)


def test_ctrl_c_during_bulk_add(tmp_path):
    synthetic_texts(tmp_path / "texts", 300)
    data = tmp_path / "data"
    proc = subprocess.Popen(briefs_cmd("-q", "add", str(tmp_path / "texts"), "--date", DATE), env=env_for(data),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while len(_yaml_names(data)) < 5 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    whole = assert_all_whole(data)
    if proc.returncode == 0:  # it finished first: nothing to interrupt
        assert len(whole) == 300
        return
    assert proc.returncode == 130, err
    assert err.strip() == "briefs: interrupted; the records already written are whole"
    assert 5 <= len(whole) < 300
    assert len(whole) - 1 <= len(out.split()) <= len(whole)  # every record written was reported (bar the last)
