"""Adding texts to the archive: read, check, extract, deduplicate, write — one text at a time.

The CLI only renders what comes back: each text gives one `Outcome`, and a
failure of one text (bad file, extractor bug, failed write) never stops the
others.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Iterable

from briefs import messages, sources
from briefs.archive import Archive
from briefs.errors import InputError, RecordError, one_line
from briefs.knowledge import Knowledge


@dataclass(frozen=True)
class Outcome:
    """What became of one text: added as `id`, already archived as `id`, or `error`."""

    label: str
    id: str | None = None
    added: bool = False
    error: str | None = None  # one line naming the text and the problem
    warnings: tuple[str, ...] = field(default=())


def expand(paths: Iterable[str]) -> tuple[list[str], list[Outcome]]:
    """The texts to read (folders opened), and one failed Outcome per unusable argument."""
    files: list[str] = []
    failed: list[Outcome] = []
    for arg in paths:
        try:
            files.extend(sources.expand([arg]))
        except InputError as err:
            failed.append(Outcome(label=arg, error=str(err)))
    return files, failed


def add_one(archive: Archive, kb: Knowledge, path: str, published: dt.date | None = None,
            url: str | None = None, max_bytes: int = sources.DEFAULT_MAX_BYTES) -> Outcome:
    """Archive one text unless the same text (sha256 of the cleaned text) is already there."""
    from briefs.extract import extract, text

    try:
        src = sources.read(path, max_bytes)
        known = archive.shas().get(text.sha256(text.clean(src.content)))
        if known:  # no need to extract again: a re-run after a crash is quick
            return Outcome(src.label, known, added=False)
        try:
            record = extract(src.content, published, kb, source_file=src.file_name, url=url)
        except Exception as exc:  # noqa: BLE001 - a bug in one pass must not stop a bulk add
            error = one_line(f"{type(exc).__name__}: {exc}")[:200]
            raise InputError(messages.EXTRACT_CRASHED.format(error=error), src.label) from exc
        record["added"] = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        try:
            result = archive.add(record)
        except RecordError as err:  # invalid extraction or a failed write: this text only
            raise InputError(str(err), src.label) from err
    except InputError as err:
        return Outcome(path, error=str(err))
    return Outcome(src.label, result.id, added=result.added, warnings=source_warnings(src, record))


def source_warnings(src: sources.SourceText, record: dict) -> tuple[str, ...]:
    """Decoding notes and a non-French language, each naming the text."""
    out = [f"{src.label}: {note}" for note in src.notes]
    if record.get("language") not in ("fr", None):
        out.append(f"{src.label}: " + messages.NOT_FRENCH.format(language=record.get("language")))
    return tuple(out)
