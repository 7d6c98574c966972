"""The quick way into `briefs list` (no click) answers exactly as the click command, or declines."""
from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from briefs.archive import Archive
from briefs.cli import cli
from briefs.listing import quick_list
from conftest import make_record


@pytest.fixture
def archive(data_dir):
    store = Archive(data_dir)
    store.write(make_record(1, id="2024-01-24-patrouchev-ahmadian"))
    store.write(make_record(2, id="2025-06-02-larijani-lavrov", published="2025-06-02", topics=["nucleaire"],
                            actors=[{"name": "Ali Larijani", "role": None, "country": "IR", "aliases": ["Larijani"]},
                                    {"name": "Sergueï Lavrov", "role": None, "country": "RU", "aliases": []}],
                            meetings=[], places=["Téhéran"]))
    store.write(make_record(3, id="2019-03-10-zarif-lavrov", published="2019-03-10", topics=["economie"],
                            actors=[{"name": "Mohammad Javad Zarif", "role": None, "country": "IR", "aliases": []},
                                    {"name": "Sergueï Lavrov", "role": None, "country": "RU", "aliases": []}],
                            meetings=[]))
    return data_dir


def quick(capsys, args: list[str]):
    code = quick_list(args)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("args", [
    [], ["--actor", "Larijani"], ["--actor=lavrov", "--format", "ids"], ["--topic", "nucleaire", "--since", "2025-06"],
    ["--since", "2019", "--until", "2024-01-31", "--format", "json"], ["--country", "IR", "--limit", "1"],
    ["--text", "Résumé", "--format", "csv"], ["--place", "téhéran", "--format", "yaml"],
])
def test_plain_forms_are_taken_and_answer_as_click(archive, runner, capsys, args):
    code, out, err = quick(capsys, args)
    assert code is not None, "the quick path declined a plain form"
    by_click = runner.invoke(cli, ["list", *args])
    assert (code, out) == (by_click.exit_code, by_click.stdout)
    assert err == by_click.stderr


@pytest.mark.parametrize("args", [
    ["--help"], ["-h"], ["--since", "juin 2024"], ["--since", "2024-13"], ["--format", "xml"], ["--limit", "0"],
    ["--limit", "+3"], ["--limit", "٣"], ["--actor"], ["--actor", "--topic", "x"], ["--actor", "a", "--actor", "b"],
    ["--acto", "Larijani"], ["--actor", ""], ["Larijani"], ["--format=", "ids"], ["--limit", "1", "extra"],
])
def test_anything_unusual_is_left_to_click(archive, capsys, args):
    assert quick(capsys, args) == (None, "", "")


def test_a_data_dir_that_is_a_file_is_left_to_click(tmp_path, capsys):
    plain = tmp_path / "plain.txt"
    plain.write_text("x")
    assert quick(capsys, ["--data-dir", str(plain)]) == (None, "", "")


def test_warnings_for_a_broken_record_are_the_same(archive, runner, capsys):
    (archive / "2020-01-01-broken.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    code, out, err = quick(capsys, ["--format", "ids"])
    by_click = runner.invoke(cli, ["list", "--format", "ids"])
    assert "2020-01-01-broken.yaml" in err and err.startswith("briefs: warning: ")
    assert (code, out, err) == (by_click.exit_code, by_click.stdout, by_click.stderr)


WORDS = st.sampled_from(["Larijani", "lavrov", "IR", "RU", "nucleaire", "economie", "moscou", "2019", "2024-01",
                         "2025-06-02", "2024-02-30", "ids", "json", "csv", "table", "1", "2", "0", "", "x", "-x"])
OPTION = st.sampled_from(["--actor", "--topic", "--place", "--country", "--agreement", "--text", "--since",
                          "--until", "--format", "--limit", "--data-dir", "--bogus", "-q"])
ANY_ARGS = st.lists(st.one_of(
    st.tuples(OPTION, WORDS).map(list),
    st.tuples(OPTION, WORDS).map(lambda p: [f"{p[0]}={p[1]}"]),
    WORDS.map(lambda w: [w]),
), max_size=4).map(lambda parts: [a for part in parts for a in part])
PLAIN_ARGS = st.dictionaries(OPTION.filter(lambda o: o.startswith("--") and o != "--bogus"), WORDS, max_size=4).map(
    lambda pairs: [a for pair in pairs.items() for a in pair])
ARGS = st.one_of(ANY_ARGS, PLAIN_ARGS)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(args=ARGS)
def test_quick_path_never_disagrees_with_click(archive, runner, capsys, args):
    args = [str(archive) if a == "x" and i and args[i - 1] == "--data-dir" else a for i, a in enumerate(args)]
    code, out, err = quick(capsys, args)
    if code is None:
        assert (out, err) == ("", "")
        return
    by_click = runner.invoke(cli, ["list", *args])
    assert (code, out, err) == (by_click.exit_code, by_click.stdout, by_click.stderr)


PROBE = """
import atexit, sys
atexit.register(lambda: sys.__stderr__.write('\\nCLICK=' + str('click' in sys.modules) + '\\n'))
from briefs.entry import main
sys.argv = ['briefs'] + sys.argv[1:]
main()
"""


def click_loaded(*args: str) -> tuple[bool, str]:
    proc = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, timeout=120,
                          stdin=subprocess.DEVNULL)
    flag = [ln for ln in proc.stderr.splitlines() if ln.startswith("CLICK=")]
    assert flag, proc.stderr
    return flag[-1] == "CLICK=True", proc.stdout


def test_the_console_script_answers_plain_lists_without_click(archive):
    loaded, out = click_loaded("list", "--actor", "lavrov", "--format", "ids")
    assert not loaded
    assert out.split() == ["2025-06-02-larijani-lavrov", "2019-03-10-zarif-lavrov"]
    loaded, out = click_loaded("list", "--since", "mars 2019", "--until", "2019", "--format", "ids")
    assert loaded and out.split() == ["2019-03-10-zarif-lavrov"]
