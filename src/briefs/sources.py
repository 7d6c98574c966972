"""Reading the texts a user gives: files, folders, stdin. Every refusal is an InputError.

The checks run before any extraction so that a bad file costs nothing and
says exactly what is wrong with it.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Iterable

from briefs import messages
from briefs.errors import InputError
from briefs.extract.text import decode

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
TEXT_SUFFIXES = (".txt", ".md")
STDIN = "-"


@dataclass
class SourceText:
    """One decoded text and where it came from."""

    label: str  # how to name it to the user (the path as given, or "-")
    file_name: str  # what the record's source.file holds
    content: str
    encoding: str = "utf-8"
    notes: list[str] = field(default_factory=list)


def expand(args: Iterable[str]) -> list[str]:
    """Paths to read: files as given, a folder's *.txt/*.md files sorted by name, '-' for stdin."""
    out: list[str] = []
    for arg in args:
        if arg == STDIN:
            out.append(arg)
            continue
        path = Path(arg)
        if path.is_dir():
            found = sorted(str(p) for p in path.iterdir() if p.suffix.lower() in TEXT_SUFFIXES and p.is_file())
            if not found:
                raise InputError(messages.DIR_HAS_NO_TEXTS, arg)
            out.extend(found)
        else:
            out.append(arg)
    return out


def read(arg: str, max_bytes: int = DEFAULT_MAX_BYTES, stdin: BinaryIO | None = None) -> SourceText:
    """Read and decode one text, refusing what cannot be a news text."""
    if arg == STDIN:
        stream = stdin if stdin is not None else sys.stdin.buffer
        try:
            if hasattr(stream, "isatty") and stream.isatty():
                raise InputError(messages.STDIN_TTY, STDIN)
            data = stream.read(max_bytes + 1)
        except (OSError, ValueError) as err:  # closed stdin
            raise InputError(f"cannot read standard input: {err}", STDIN) from err
        if not data:
            raise InputError(messages.STDIN_EMPTY, STDIN)
        return _decode_checked(data, STDIN, STDIN, max_bytes, len(data))
    path = Path(arg)
    try:
        if not path.exists():
            raise InputError(messages.FILE_NOT_FOUND, arg)
        if not path.is_file():
            raise InputError(messages.NOT_A_TEXT_FILE, arg)
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(messages.TOO_BIG.format(size=size, limit=max_bytes), arg)
        data = path.read_bytes()
    except PermissionError as err:
        raise InputError("permission denied", arg) from err
    except OSError as err:
        raise InputError(f"cannot read: {err.strerror or err}", arg) from err
    return _decode_checked(data, arg, path.name, max_bytes, len(data))


def _decode_checked(data: bytes, label: str, file_name: str, max_bytes: int, size: int) -> SourceText:
    if size > max_bytes:
        raise InputError(messages.TOO_BIG.format(size=size, limit=max_bytes), label)
    if not data:
        raise InputError(messages.EMPTY_TEXT, label)
    if b"\x00" in data[:65536]:
        raise InputError(messages.BINARY_TEXT, label)
    content, encoding = decode(data)
    if not content.strip():
        raise InputError(messages.BLANK_TEXT, label)
    if _mostly_control(content):
        raise InputError(messages.BINARY_TEXT, label)
    notes = [] if encoding == "utf-8" else [messages.DECODED_AS.format(encoding=encoding)]
    return SourceText(label=label, file_name=file_name, content=content, encoding=encoding, notes=notes)


def _mostly_control(content: str) -> bool:
    sample = content[:8192]
    bad = sum(1 for c in sample if (ord(c) < 32 and c not in "\n\r\t\f") or 0x7F <= ord(c) < 0xA0)
    return bad > max(8, len(sample) // 20)
