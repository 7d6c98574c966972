"""The environment a command runs in: streams, terminal flags, data folder.

Passed into rendering instead of read from globals, so tests can give any
combination (piped, terminal, NO_COLOR) without touching the process.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import NamedTuple, TextIO

DATA_ENV = "BRIEFS_DATA"
DEFAULT_DATA_DIR = Path("data") / "briefs"


def data_dir_from(option: str | None, environ: dict | None = None) -> Path:
    """--data-dir, else $BRIEFS_DATA, else ./data/briefs."""
    environ = os.environ if environ is None else environ
    return Path(option or environ.get(DATA_ENV) or DEFAULT_DATA_DIR)


class Environment(NamedTuple):
    """A NamedTuple, not a dataclass: `briefs list` starts without importing dataclasses."""

    stdout: TextIO
    stderr: TextIO
    stdout_isatty: bool = False
    color: bool = False
    quiet: bool = False
    verbose: bool = False
    width: int | None = None

    @classmethod
    def from_process(cls, quiet: bool = False, verbose: bool = False) -> "Environment":
        tty = sys.stdout.isatty()
        color = tty and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"
        return cls(sys.stdout, sys.stderr, tty, color, quiet, verbose)
