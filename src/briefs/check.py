"""Validating hand-edited records with line numbers, and the mechanical fixes.

`check_text` composes the YAML with the safe loader (nodes carry their
line), refuses non-data tags before anything is constructed, then runs
`record.validate` and maps each problem's path back to the line that holds
it. `fix_record` repairs only what has one right answer: key order, missing
fields, date and timestamp forms, the case of country codes and topic slugs.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from briefs import messages, record as rec
from briefs.archive import SUFFIX, Archive
from briefs.errors import one_line

_YAML_TAG = "tag:yaml.org,2002:"
_ADDED_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return messages.CHECK_LINE.format(file=one_line(self.file), line=self.line, problem=one_line(self.message))


@dataclass
class Report:
    total: int = 0
    problems: list[Problem] = field(default_factory=list)
    fixed: list[tuple[str, list[str]]] = field(default_factory=list)
    temporary: int = 0

    @property
    def bad_files(self) -> int:
        return len({p.file for p in self.problems})


# --- one text -------------------------------------------------------------

def check_text(text: str, expected_id: str | None = None) -> tuple[Any, list[tuple[int, str]]]:
    """Parse one record's text: (data or None, [(line, problem)]), lines from 1."""
    try:
        root = yaml.compose(text, Loader=rec.RecordLoader)
    except yaml.MarkedYAMLError as err:
        return None, [(_mark_line(err), _yaml_reason(err))]
    except Exception as err:  # noqa: BLE001 - e.g. RecursionError on absurd nesting
        return None, [(1, messages.RECORD_UNREADABLE.format(reason=_short(err)))]
    if root is None:
        return None, [(1, "empty file: a record must be a mapping of fields")]
    problems = _node_problems(root)
    if any(msg.startswith("tag ") for _, msg in problems):
        return None, problems  # never construct what a foreign tag asks for
    try:
        data = rec.loads(text)
    except yaml.MarkedYAMLError as err:
        return None, problems + [(_mark_line(err), _yaml_reason(err))]
    except Exception as err:  # noqa: BLE001
        return None, problems + [(1, messages.RECORD_UNREADABLE.format(reason=_short(err)))]
    for path, message in rec.validate(data, expected_id=expected_id) + _extra_problems(data):
        problems.append((locate(root, path), message))
    return data, sorted(set(problems))


def locate(root: Node, path: tuple) -> int:
    """The line (from 1) holding the value at `path`, else its nearest parent's."""
    node, line = root, root.start_mark.line
    for part in path:
        if isinstance(node, MappingNode):
            for key, value in reversed(node.value):  # the last duplicate is the one that counts
                if isinstance(key, ScalarNode) and key.value == str(part):
                    node, line = value, key.start_mark.line
                    break
            else:
                break
        elif isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            node = node.value[part]
            line = node.start_mark.line
        else:
            break
    return line + 1


def _node_problems(root: Node) -> list[tuple[int, str]]:
    """Foreign tags and duplicate keys, which the loader would hide or act on."""
    problems: list[tuple[int, str]] = []
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if node.tag.startswith(_YAML_TAG + "python/"):
            problems.append((node.start_mark.line + 1,
                             f"tag {node.tag.replace(_YAML_TAG, '!!')!r} refused: a record never holds Python objects"))
        elif not node.tag.startswith(_YAML_TAG):
            problems.append((node.start_mark.line + 1, f"tag {node.tag!r} is not allowed: a record is plain data"))
        if isinstance(node, MappingNode):
            keys: set[str] = set()
            for key, value in node.value:
                if isinstance(key, ScalarNode):
                    if key.value in keys:
                        problems.append((key.start_mark.line + 1, messages.DUPLICATE_KEY.format(key=key.value)))
                    keys.add(key.value)
                stack.extend((key, value))
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)
    return problems


def _extra_problems(data: Any) -> list[rec.Problem]:
    """What SCHEMA.md asks beyond `record.validate`: real calendar days, timestamps, language."""
    if not isinstance(data, dict):
        return []
    out: list[rec.Problem] = []
    for path, value in _date_values(data):
        if isinstance(value, str) and rec.DATE_RE.match(value) and len(value) == 10:
            try:
                dt.date.fromisoformat(value)
            except ValueError:
                out.append((path, f"{path[-1]} {value!r} is not a day of the calendar"))
    added = data.get("added")
    if added is not None and isinstance(added, str) and not _ADDED_RE.match(added):
        out.append((("added",), messages.ADDED_NOT_TIMESTAMP.format(value=added)))
    if "language" in data and data["language"] is not None and not isinstance(data["language"], str):
        out.append((("language",), messages.LANGUAGE_NOT_TEXT))
    return out


def _date_values(data: dict):
    yield ("published",), data.get("published")
    for key, names in (("meetings", ("date",)), ("agreements", ("date",)), ("events", ("start", "end"))):
        items = data.get(key)
        if not isinstance(items, list):
            continue
        for i, item in enumerate(items):
            if isinstance(item, dict):
                for name in names:
                    yield (key, i, name), item.get(name)


def _mark_line(err: yaml.MarkedYAMLError) -> int:
    mark = err.problem_mark or err.context_mark
    return mark.line + 1 if mark is not None else 1


def _yaml_reason(err: yaml.MarkedYAMLError) -> str:
    parts = [p for p in (err.context, err.problem) if p]
    return "YAML: " + _short(" ".join(parts) or err)


def _short(err: object) -> str:
    return " ".join(str(err).split())[:200]


# --- mechanical fixes -----------------------------------------------------

def fix_record(data: dict) -> tuple[dict, list[str]]:
    """A copy of `data` with the mechanical fixes applied, and what they were."""
    notes: list[str] = []
    fixed = {k: v for k, v in data.items()}
    for key, default in rec.FIELDS.items():
        if key not in fixed:
            fixed[key] = default if not isinstance(default, list) else []
            notes.append(f"added missing field '{key}'")
        elif isinstance(default, list) and fixed[key] is None:
            fixed[key] = []
            notes.append(f"{key}: null -> []")
    value = fixed.get("published")
    new = normalise_date(value)
    if new != value:
        fixed["published"] = new
        notes.append(f"published {value!r} -> {new!r}")
    new_added = normalise_timestamp(fixed.get("added"))
    if new_added != fixed.get("added"):
        notes.append(f"added {fixed.get('added')!r} -> {new_added!r}")
        fixed["added"] = new_added
    for key, names in (("meetings", ("date",)), ("agreements", ("date",)), ("events", ("start", "end"))):
        items = fixed.get(key)
        if not isinstance(items, list):
            continue
        fixed[key] = items = [dict(i) if isinstance(i, dict) else i for i in items]
        for n, item in enumerate(items):
            if not isinstance(item, dict):
                continue
            for name in names:
                old = item.get(name)
                new = normalise_date(old)
                if new != old:
                    item[name] = new
                    notes.append(f"{key}[{n}].{name} {old!r} -> {new!r}")
    actors = fixed.get("actors")
    if isinstance(actors, list):
        fixed["actors"] = actors = [dict(a) if isinstance(a, dict) else a for a in actors]
        for n, actor in enumerate(actors):
            country = actor.get("country") if isinstance(actor, dict) else None
            if isinstance(country, str) and country.strip().upper() != country and re.fullmatch(r"[A-Za-z]{2}", country.strip()):
                actor["country"] = country.strip().upper()
                notes.append(f"actors[{n}].country {country!r} -> {actor['country']!r}")
    topics = fixed.get("topics")
    if isinstance(topics, list):
        from briefs.archive import slug

        new_topics: list = []
        for topic in topics:
            mapped = slug(topic) if isinstance(topic, str) and slug(topic) in rec.TOPICS else topic
            if mapped != topic:
                notes.append(f"topic {topic!r} -> {mapped!r}")
            if mapped in new_topics and isinstance(mapped, str):
                notes.append(f"topic {mapped!r} listed twice")
                continue
            new_topics.append(mapped)
        fixed["topics"] = new_topics
    pre, fixed = fixed, rec.ordered(fixed)
    if _key_shape(fixed) != _key_shape(pre):
        notes.append("keys put in schema order")
    return fixed, notes


def normalise_date(value: Any) -> Any:
    """`2024-1-5`, `2024/01/05`, `05/01/2024`, `2024-01-05T10:00`, 2024 -> ISO at the same precision.

    Anything that is not clearly one date is returned unchanged (check reports it).
    """
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and 1000 <= value <= 9999:
        return str(value)
    if isinstance(value, (dt.datetime, dt.date)):
        return (value.date() if isinstance(value, dt.datetime) else value).isoformat()
    if not isinstance(value, str) or rec.DATE_RE.match(value):
        return value
    text = value.strip()
    m = re.fullmatch(r"(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?", text)
    if m:
        year, month, day = m.groups()
    else:
        m = re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})", text)  # French order: day/month/year
        if not m:
            return value
        day, month, year = m.groups()
    try:
        if day:
            return dt.date(int(year), int(month), int(day)).isoformat()
        if month:
            return dt.date(int(year), int(month), 1).isoformat()[:7]
        return year
    except ValueError:
        return value


def normalise_timestamp(value: Any) -> Any:
    """An `added` time to `YYYY-MM-DDTHH:MM:SSZ` (UTC) when it is an unambiguous time."""
    if isinstance(value, dt.datetime):
        moment = value
    elif isinstance(value, str) and not _ADDED_RE.match(value):
        try:
            moment = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            return value
    else:
        return value
    if moment.tzinfo is None:
        return value if isinstance(value, str) and "T" not in value and " " not in value else \
            moment.strftime("%Y-%m-%dT%H:%M:%SZ")  # naive times are written in UTC by briefs
    return moment.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _key_shape(obj: Any) -> Any:
    """Only the keys and their order, for telling whether re-ordering changes anything."""
    if isinstance(obj, dict):
        return tuple((k, _key_shape(v)) for k, v in obj.items())
    if isinstance(obj, list):
        return tuple(_key_shape(v) for v in obj)
    return None


# --- the archive ------------------------------------------------------------

def check_archive(archive: Archive, fix: bool = False) -> Report:
    """Check every record file; with `fix`, apply mechanical fixes first (under the lock)."""
    report = Report()
    paths = archive.paths()
    report.total = len(paths)
    if fix:
        report.temporary = archive.clean_temporary()
    else:
        report.temporary = len(archive.temporary_files())
    sha_owner: dict[str, str] = {}
    for path in paths:
        problems = _check_path(path, archive, fix, report)
        data = problems[0]
        for line, message in problems[1]:
            report.problems.append(Problem(str(path), line, message))
        sha = data.get("source", {}).get("sha256") if isinstance(data, dict) and isinstance(data.get("source"), dict) else None
        if isinstance(sha, str) and rec.SHA_RE.match(sha):
            if sha in sha_owner:
                line = _sha_line(path)
                report.problems.append(Problem(str(path), line, messages.DUPLICATE_TEXT.format(other=sha_owner[sha])))
            else:
                sha_owner[sha] = path.name
    report.problems.sort(key=lambda p: (p.file, p.line, p.message))
    return report


def _check_path(path: Path, archive: Archive, fix: bool, report: Report) -> tuple[Any, list[tuple[int, str]]]:
    stem = path.name[: -len(SUFFIX)]
    try:
        raw = path.read_bytes()
    except OSError as err:
        return None, [(1, messages.RECORD_UNREADABLE.format(reason=err.strerror or str(err)))]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        return None, [(line, messages.RECORD_UNREADABLE.format(reason="not UTF-8"))]
    data, problems = check_text(text, expected_id=stem)
    if fix and isinstance(data, dict) and not any(m.startswith("tag ") for _, m in problems):
        fixed, notes = fix_record(data)
        if notes:
            new_text = rec.dumps(fixed)
            with archive.locked():
                if path.read_bytes() == raw:  # not changed by someone else meanwhile
                    archive.write_text(path.name, new_text)
                    report.fixed.append((str(path), notes))
                    data, problems = check_text(new_text, expected_id=stem)
    if not rec.ID_RE.match(stem):
        problems = [(1, messages.BAD_FILE_NAME)] + problems
    return data, problems


def _sha_line(path: Path) -> int:
    try:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if "sha256" in line:
                return n
    except (OSError, UnicodeDecodeError):
        pass
    return 1


# --- editing ----------------------------------------------------------------

def editor_command() -> str:
    import os

    return os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"


def run_editor(editor: str, path: Path, record_id: str) -> None:
    """Run `editor` (a command line, split like a shell would) on `path`; BriefsError if it fails."""
    import shlex
    import subprocess

    from briefs.errors import BriefsError

    try:
        argv = shlex.split(editor)
    except ValueError as err:
        raise BriefsError(messages.EDITOR_NOT_FOUND.format(editor=editor, reason=err)) from err
    if not argv:
        raise BriefsError(messages.EDITOR_NOT_FOUND.format(editor=editor, reason="empty command"))
    try:
        status = subprocess.run([*argv, str(path)], check=False).returncode
    except OSError as err:
        raise BriefsError(messages.EDITOR_NOT_FOUND.format(editor=editor, reason=err.strerror or err)) from err
    if status != 0:
        raise BriefsError(messages.EDITOR_FAILED.format(editor=editor, status=status, id=record_id))
