"""Start-up stays light: --version, --help and a piped `list` import neither rich nor the extractor."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("rich", "briefs.extract", "dateutil")

PROBE = """
import atexit, json, sys
def report():
    heavy = sorted({m.split('.')[0] if m.startswith(('rich', 'dateutil')) else '.'.join(m.split('.')[:2])
                    for m in sys.modules if m.startswith(('rich', 'dateutil', 'briefs.extract'))})
    sys.__stderr__.write('\\nMODULES=' + json.dumps(heavy) + '\\n')
atexit.register(report)
from briefs.cli import main
sys.argv = ['briefs'] + sys.argv[1:]
main()
"""


def heavy_modules(*args: str, env_dir=None) -> list[str]:
    proc = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, timeout=120,
                          stdin=subprocess.DEVNULL)
    line = [ln for ln in proc.stderr.splitlines() if ln.startswith("MODULES=")]
    assert line, proc.stderr
    return json.loads(line[-1][len("MODULES="):])


@pytest.mark.parametrize("args", [["--version"], ["--help"], ["list", "--help"]])
def test_version_and_help_import_nothing_heavy(args):
    assert heavy_modules(*args) == []


def test_piped_list_imports_nothing_heavy(data_dir):
    from briefs import record as rec
    from briefs.archive import Archive

    r = rec.new_record()
    r.update(id="2024-01-01-x", published="2024-01-01", source={"file": "x", "url": None, "sha256": "a" * 64},
             topics=["energie"], actors=[{"name": "Ali Larijani", "role": None, "country": "IR", "aliases": []}])
    Archive(data_dir).write(r)
    assert heavy_modules("list", "--actor", "larijani", "--format", "ids") == []
    assert heavy_modules("list", "--topic", "energie") == []


def test_list_since_iso_imports_nothing_heavy(data_dir):
    assert heavy_modules("list", "--since", "2024-06", "--until", "2025-02-28", "--format", "ids") == []


def test_list_since_in_words_loads_the_date_parser_but_no_extractor_pass(data_dir):
    proc = subprocess.run([sys.executable, "-c", PROBE.replace(
        "if m.startswith(('rich', 'dateutil', 'briefs.extract'))", "if m.startswith(('rich', 'briefs.extract.'))"
    ).replace("'.'.join(m.split('.')[:2])", "m"), "list", "--since", "juin 2024", "--format", "ids"],
        capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
    line = [ln for ln in proc.stderr.splitlines() if ln.startswith("MODULES=")]
    assert line, proc.stderr
    loaded = set(json.loads(line[-1][len("MODULES="):]))
    assert "briefs.extract.dates" in loaded
    passes = {f"briefs.extract.{m}" for m in ("actors", "agreements", "events", "meetings", "places", "quotes",
                                               "summary", "topics", "text")}
    assert not loaded & passes


def test_piped_list_does_not_load_yaml(data_dir):
    probe = PROBE.replace("if m.startswith(('rich', 'dateutil', 'briefs.extract'))", "if m.startswith('yaml')")
    proc = subprocess.run([sys.executable, "-c", probe, "list", "--actor", "x", "--format", "ids"],
                          capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
    line = [ln for ln in proc.stderr.splitlines() if ln.startswith("MODULES=")]
    assert line, proc.stderr
    assert json.loads(line[-1][len("MODULES="):]) == []
