"""Bad input: each gets one clear line naming the file and the problem, and an exit code."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from briefs import sources
from briefs.cli import cli
from briefs.errors import ExitCode, InputError

FRENCH = ("Le ministre russe des Affaires étrangères Sergueï Lavrov a rencontré mardi à Moscou son homologue "
          "iranien Abbas Araghtchi. Les deux ministres ont discuté de la coopération économique et de la "
          "situation au Moyen-Orient, a indiqué le ministère dans un communiqué.\n")
ENGLISH = ("Russian Foreign Minister Sergei Lavrov met his Iranian counterpart Abbas Araghchi in Moscow on "
           "Tuesday. The two ministers discussed economic cooperation and the situation in the Middle East, "
           "the ministry said in a statement.\n")
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"


def err_lines(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.strip()]


def one_error(result, *words: str) -> str:
    lines = err_lines(result)
    assert "Traceback" not in result.stderr
    problems = [line for line in lines if not line.startswith("briefs: warning:")]
    assert problems, result.stderr
    assert all(line.startswith("briefs: ") for line in problems), problems
    for word in words:
        assert word in problems[0], (word, problems[0])
    return problems[0]


@pytest.fixture
def text_file(tmp_path):
    def make(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        return path

    return make


def test_missing_file(runner, tmp_path):
    path = tmp_path / "absent.txt"
    for command in ("add", "extract"):
        result = runner.invoke(cli, [command, str(path)])
        assert result.exit_code == ExitCode.FAILURE
        one_error(result, str(path), "no such file")


def test_directory(runner, tmp_path):
    folder = tmp_path / "empty-folder"
    folder.mkdir()
    result = runner.invoke(cli, ["extract", str(folder)])
    assert result.exit_code == ExitCode.FAILURE
    one_error(result, str(folder), "not a regular file")
    result = runner.invoke(cli, ["add", str(folder)])
    assert result.exit_code == ExitCode.FAILURE
    one_error(result, str(folder), "no .txt or .md")


def test_fifo_is_not_read(runner, tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    result = runner.invoke(cli, ["add", str(fifo)])
    assert result.exit_code == ExitCode.FAILURE
    one_error(result, str(fifo), "not a regular file")


@pytest.mark.parametrize("content, problem", [
    (b"", "empty"),
    (b"   \n\t\n  \r\n", "white space"),
    ("\u00a0\u2003\n".encode(), "white space"),
    (b"Le texte\x00\x01\x02 binaire", "NUL bytes"),
    (PNG, "PNG image"),
    (JPEG, "JPEG image"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
    (b"PK\x03\x04\x14\x00\x06\x00", "ZIP"),
    (bytes(range(1, 32)) * 40, "binary"),
])
def test_unusable_content(runner, text_file, content, problem):
    path = text_file("bad.txt", content)
    for command in ("add", "extract"):
        result = runner.invoke(cli, [command, str(path)])
        assert result.exit_code == ExitCode.FAILURE, result.output
        one_error(result, str(path), problem)


def test_cp1252_is_decoded_with_a_note(runner, text_file, data_dir):
    path = text_file("win.txt", FRENCH.replace("é", "é").encode("cp1252") + "« guillemets » – tiret".encode("cp1252"))
    result = runner.invoke(cli, ["add", str(path), "--date", "2026-01-31"])
    assert result.exit_code == 0, result.stderr
    assert "decoded as cp1252" in result.stderr and str(path) in result.stderr
    (record_file,) = data_dir.glob("*.yaml")
    assert "étrangères" in record_file.read_text(encoding="utf-8")


def test_latin1_with_bytes_cp1252_lacks(runner, text_file):
    path = text_file("latin.txt", FRENCH.encode("latin-1") + b" \x81\x8d\x90")
    result = runner.invoke(cli, ["extract", str(path)])
    assert result.exit_code == 0, result.stderr
    assert "decoded as latin-1" in result.stderr


def test_mostly_utf8_keeps_utf8_and_replaces_bad_bytes(text_file):
    path = text_file("mixed.txt", FRENCH.encode("utf-8") + b" caf\xe9 " + "déjà".encode("utf-8"))
    src = sources.read(str(path))
    assert src.encoding == "utf-8" and "étrangères" in src.content and "déjà" in src.content
    assert "\ufffd" in src.content and "replaced" in src.notes[0]


def test_utf8_bom_is_dropped(text_file):
    src = sources.read(str(text_file("bom.txt", b"\xef\xbb\xbf" + FRENCH.encode())))
    assert src.content == FRENCH and not src.notes


def test_too_big(runner, tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:
        f.truncate(sources.DEFAULT_MAX_BYTES + 1)  # sparse: costs no disk
    result = runner.invoke(cli, ["add", str(path)])
    assert result.exit_code == ExitCode.FAILURE
    one_error(result, str(path), "over the limit", "--max-bytes")


def test_max_bytes_option(runner, text_file):
    path = text_file("small.txt", FRENCH)
    result = runner.invoke(cli, ["extract", str(path), "--max-bytes", "100"])
    assert result.exit_code == ExitCode.FAILURE
    one_error(result, str(path), "over the limit of 100")
    assert runner.invoke(cli, ["extract", str(path), "--max-bytes", "100000"]).exit_code == 0
    result = runner.invoke(cli, ["extract", str(path), "--max-bytes", "0"])
    assert result.exit_code == ExitCode.USAGE


def test_non_french_is_archived_with_language_and_warning(runner, text_file, data_dir):
    path = text_file("wire.txt", ENGLISH)
    result = runner.invoke(cli, ["add", str(path), "--date", "2026-01-31"])
    assert result.exit_code == 0, result.stderr
    assert "warning" in result.stderr and "not French" in result.stderr and str(path) in result.stderr
    (record_file,) = data_dir.glob("*.yaml")
    assert "language: en" in record_file.read_text(encoding="utf-8")


@pytest.mark.parametrize("bad", ["..", "../etc/passwd", "a/b", "/etc/passwd", "x;rm -rf ~", "$(id)", "`id`", "a b",
                                 "a\nb", "ID-MAJ"])
def test_ids_with_paths_or_shell_characters(runner, bad):
    for args in (["show", bad], ["edit", bad]):
        result = runner.invoke(cli, args)
        assert result.exit_code == ExitCode.USAGE, (args, result.output)
        line = one_error(result, "bad id")
        assert "\n" not in line


def test_path_with_shell_characters_is_taken_literally(runner, text_file, tmp_path, data_dir):
    path = text_file("a;b $(touch pwned) `id` & c.txt", FRENCH)
    result = runner.invoke(cli, ["add", str(path), "--date", "2026-01-31"])
    assert result.exit_code == 0, result.stderr
    assert not (tmp_path / "pwned").exists() and not Path("pwned").exists()
    (record_file,) = data_dir.glob("*.yaml")
    assert record_file.parent == data_dir  # the record lands in the folder, named by its id


def test_file_name_with_control_characters_stays_one_line(runner, tmp_path):
    path = tmp_path / "evil\nname\x1b[31m.txt"
    path.write_bytes(b"")
    result = runner.invoke(cli, ["add", str(path)])
    assert result.exit_code == ExitCode.FAILURE
    lines = err_lines(result)
    assert len(lines) == 2 and "\x1b" not in result.stderr  # the problem, then the count
    assert "evil\\nname\\x1b[31m.txt" in lines[0]


@pytest.mark.parametrize("date", ["2024-13-01", "2024-02-30", "31/01/2026", "hier", "2024-1-", ""])
def test_malformed_date(runner, text_file, date, data_dir):
    path = text_file("ok.txt", FRENCH)
    result = runner.invoke(cli, ["add", str(path), "--date", date])
    assert result.exit_code == ExitCode.USAGE
    assert "--date" in result.stderr and "Traceback" not in result.stderr
    assert not list(data_dir.glob("*.yaml"))


def test_stdin_empty(runner):
    result = runner.invoke(cli, ["add", "-"], input=b"")
    assert result.exit_code == ExitCode.FAILURE
    one_error(result, "-: standard input is empty")


def test_stdin_text(runner, data_dir):
    result = runner.invoke(cli, ["add", "-", "--date", "2026-01-31"], input=FRENCH.encode())
    assert result.exit_code == 0, result.stderr
    (record_file,) = data_dir.glob("*.yaml")
    assert "file: '-'" in record_file.read_text(encoding="utf-8")


def _run(args: list[str], data_dir: Path, **kw) -> subprocess.CompletedProcess:
    env = dict(os.environ, BRIEFS_DATA=str(data_dir))
    return subprocess.run([sys.executable, "-m", "briefs", *args], env=env, capture_output=True, text=True,
                          timeout=60, **kw)


def test_stdin_closed_and_empty_subprocess(data_dir):
    closed = subprocess.run(["sh", "-c", f'exec "{sys.executable}" -m briefs add - <&-'],
                            env=dict(os.environ, BRIEFS_DATA=str(data_dir)), capture_output=True, text=True, timeout=60)
    assert closed.returncode == ExitCode.FAILURE
    one_error(closed, "-: standard input is closed")
    empty = _run(["extract", "-"], data_dir, stdin=subprocess.DEVNULL)
    assert empty.returncode == ExitCode.FAILURE
    one_error(empty, "-: standard input is empty")


def test_bulk_add_goes_on_and_counts_failures(runner, text_file, tmp_path, data_dir):
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "a.txt").write_text(FRENCH, encoding="utf-8")
    (folder / "b.txt").write_bytes(b"")
    (folder / "c.txt").write_bytes(PNG)
    (folder / "d.txt").write_text(FRENCH.replace("mardi", "jeudi"), encoding="utf-8")
    (folder / "e.md").write_text("  \n", encoding="utf-8")
    result = runner.invoke(cli, ["add", str(folder), str(tmp_path / "absent.txt"), str(tmp_path / "nofolder-here"),
                                 "--date", "2026-01-31"])
    assert result.exit_code == ExitCode.FAILURE
    assert len(list(data_dir.glob("*.yaml"))) == 2
    assert result.stdout.count("added") == 2
    lines = err_lines(result)
    assert lines[-1] == "briefs: 5 of 7 texts could not be added"
    assert len(lines) == 6 and "Traceback" not in result.stderr


def test_extractor_crash_on_one_file_is_that_file_failing(runner, text_file, monkeypatch, data_dir):
    import briefs.extract

    real = briefs.extract.extract

    def flaky(content, *args, **kwargs):
        if "CRASH" in content:
            raise IndexError("list index out of range")
        return real(content, *args, **kwargs)

    monkeypatch.setattr(briefs.extract, "extract", flaky)
    good = text_file("good.txt", FRENCH)
    bad = text_file("bad.txt", FRENCH + "CRASH")
    result = runner.invoke(cli, ["add", str(bad), str(good), "--date", "2026-01-31"])
    assert result.exit_code == ExitCode.FAILURE
    line = one_error(result, str(bad), "extraction failed", "IndexError")
    assert "\n" not in line
    assert len(list(data_dir.glob("*.yaml"))) == 1
    assert err_lines(result)[-1] == "briefs: 1 of 2 texts could not be added"


def test_invalid_extraction_is_refused_not_archived(runner, text_file, monkeypatch, data_dir):
    import briefs.extract

    real = briefs.extract.extract

    def wrong(*args, **kwargs):
        record = real(*args, **kwargs)
        record["topics"] = ["politique"]
        return record

    monkeypatch.setattr(briefs.extract, "extract", wrong)
    path = text_file("t.txt", FRENCH)
    result = runner.invoke(cli, ["add", str(path), "--date", "2026-01-31"])
    assert result.exit_code == ExitCode.FAILURE
    one_error(result, str(path), "unknown topic")
    assert not list(data_dir.glob("*.yaml"))


def test_disk_full_is_a_message_per_file(runner, text_file, monkeypatch, data_dir):
    import errno

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    paths = [str(text_file(f"t{i}.txt", FRENCH + str(i))) for i in range(3)]
    monkeypatch.setattr(os, "fsync", full)
    result = runner.invoke(cli, ["add", *paths, "--date", "2026-01-31"])
    assert result.exit_code == ExitCode.FAILURE
    one_error(result, paths[0], "No space left on device")
    assert err_lines(result)[-1] == "briefs: 3 of 3 texts could not be added"
    assert not list(data_dir.glob("*.yaml")) and not list(data_dir.glob(".tmp-*"))


def test_interrupt_is_one_line(runner, text_file, monkeypatch):
    import briefs.extract

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(briefs.extract, "extract", interrupted)
    result = runner.invoke(cli, ["add", str(text_file("t.txt", FRENCH))])
    assert result.exit_code == ExitCode.INTERRUPTED
    one_error(result, "interrupted")


def test_data_dir_is_a_file(runner, text_file, tmp_path):
    target = text_file("not-a-folder", "x")
    result = runner.invoke(cli, ["add", str(text_file("t.txt", FRENCH)), "--data-dir", str(target)])
    assert result.exit_code != 0
    assert "Traceback" not in result.stderr and len(err_lines(result)) >= 1


def test_read_refusals_are_input_errors(tmp_path):
    for data in (b"", b"\x00\x01", PNG, b" \n"):
        with pytest.raises(InputError):
            sources.from_bytes(data, "x", "x")
    with pytest.raises(InputError, match="over the limit"):
        sources.from_bytes(b"abc", "x", "x", max_bytes=2)
