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
        stream = stdin if stdin is not None else getattr(sys.stdin, "buffer", sys.stdin)
        if stream is None:  # started with stdin closed (`briefs add - <&-`)
            raise InputError(messages.STDIN_CLOSED, STDIN)
        try:
            if hasattr(stream, "isatty") and stream.isatty():
                raise InputError(messages.STDIN_TTY, STDIN)
            data = stream.read(max_bytes + 1)
        except (OSError, ValueError) as err:  # closed or unreadable stdin
            raise InputError(messages.STDIN_CLOSED, STDIN) from err
        if isinstance(data, str):
            data = data.encode("utf-8", "surrogateescape")
        if not data:
            raise InputError(messages.STDIN_EMPTY, STDIN)
        return from_bytes(data, STDIN, STDIN, max_bytes)
    path = Path(arg)
    try:
        if not path.exists():
            raise InputError(messages.FILE_NOT_FOUND, arg)
        if not path.is_file():
            raise InputError(messages.NOT_A_TEXT_FILE, arg)
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(messages.TOO_BIG.format(size=size, limit=max_bytes), arg)
        with path.open("rb") as f:  # at most max_bytes + 1: the file may grow meanwhile
            data = f.read(max_bytes + 1)
    except PermissionError as err:
        raise InputError(messages.PERMISSION_DENIED, arg) from err
    except OSError as err:
        raise InputError(messages.CANNOT_READ.format(reason=err.strerror or err), arg) from err
    return from_bytes(data, arg, path.name, max_bytes)


# Signatures of the binary files most often given by mistake.
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"), (b"\xff\xd8\xff", "JPEG image"), (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"), (b"%PDF-", "PDF"), (b"PK\x03\x04", "ZIP (or Word/OpenDocument)"),
    (b"\x1f\x8b", "gzip"), (b"\xd0\xcf\x11\xe0", "Microsoft Office"), (b"\x7fELF", "program"),
    (b"RIFF", "RIFF (WebP/WAV/AVI)"), (b"II*\x00", "TIFF image"), (b"MM\x00*", "TIFF image"),
)


def from_bytes(data: bytes, label: str, file_name: str, max_bytes: int = DEFAULT_MAX_BYTES) -> SourceText:
    """Check and decode the raw bytes of one text; InputError says what is wrong with them."""
    if len(data) > max_bytes:
        raise InputError(messages.TOO_BIG.format(size=len(data), limit=max_bytes), label)
    if not data:
        raise InputError(messages.EMPTY_TEXT, label)
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise InputError(messages.LOOKS_LIKE.format(kind=kind), label)
    if b"\x00" in data[:65536]:
        raise InputError(messages.BINARY_TEXT, label)
    content, encoding, notes = _decode(data)
    if not content.strip():
        raise InputError(messages.BLANK_TEXT, label)
    if _mostly_control(content):
        raise InputError(messages.BINARY_TEXT, label)
    return SourceText(label=label, file_name=file_name, content=content, encoding=encoding, notes=notes)


def _decode(data: bytes) -> tuple[str, str, list[str]]:
    """UTF-8 (bad bytes replaced when the text is mostly UTF-8), else cp1252/latin-1 with a note."""
    content, encoding = decode(data)
    if encoding == "utf-8":
        return content, encoding, []
    # A UTF-8 text with a few broken bytes (a cut sequence, one stray cp1252
    # character) would be garbled whole as cp1252: keep UTF-8 and replace them.
    lenient = data.removeprefix(b"\xef\xbb\xbf").decode("utf-8", errors="replace")
    bad = lenient.count("\ufffd") - data.count("\ufffd".encode("utf-8"))
    good = sum(1 for c in lenient if ord(c) > 0x7F and c != "\ufffd")
    if good > bad:
        return lenient, "utf-8", [messages.UTF8_REPLACED.format(count=bad)]
    return content, encoding, [messages.DECODED_AS.format(encoding=encoding)]


def _mostly_control(content: str) -> bool:
    sample = content[:8192]
    bad = sum(1 for c in sample if (ord(c) < 32 and c not in "\n\r\t\f") or 0x7F <= ord(c) < 0xA0)
    return bad > max(8, len(sample) // 20)
