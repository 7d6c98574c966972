"""`briefs list`: the command's body, and a quick way in that skips click.

Importing click costs about 45 ms, half of what a warm query may take at
100,000 briefs. The plain forms scripts and analysts type most
(`briefs list --actor X --since 2024 --format ids`) are read here from a
table of the same option names the click command declares, and answered by
the same `list_briefs`. Anything else (help, a date in words, a bad value,
an unknown or repeated option) is declined and goes through click, which
owns every message about usage: the quick path never reports an error of
its own, so the two cannot disagree.
"""
from __future__ import annotations

import os
import sys
from typing import Callable

from briefs import messages

LIST_FORMATS = ("table", "json", "yaml", "csv", "ids")
FILTER_NAMES = ("actor", "topic", "place", "country", "agreement", "text", "since", "until")
_DATE_BOUNDS = {"since": 0, "until": 1}  # which end of the period each option keeps


def list_briefs(env, root, filters, fmt: str, limit: int | None, warn: Callable[[str], None]) -> None:
    """Answer `filters` from the index of `root` (brought up to date first) and render them."""
    from briefs import index, render

    idx = index.open_index(root)
    for path, reason in idx.problems():
        warn(messages.SKIPPED_RECORD.format(path=path, reason=reason))
    rows = idx.select(filters, limit)
    if fmt in ("json", "yaml"):  # whole records: stored in the index as JSON
        found = idx.records(rows, on_error=lambda e: warn(messages.SKIPPED_RECORD.format(path=e.path, reason=e.args[0])))
    else:
        found = [row.as_record() for row in rows]
    render.brief_list(env, found, fmt)


def _options(args: list[str]) -> dict[str, str] | None:
    """`--name value` / `--name=value` pairs, each name once and every value plain; else None."""
    known = {*FILTER_NAMES, "format", "limit", "data-dir"}
    given: dict[str, str] = {}
    rest = iter(args)
    for arg in rest:
        if not arg.startswith("--"):
            return None
        name, eq, value = arg[2:].partition("=")
        if not eq:
            value = next(rest, None)
        if name not in known or name in given or not value or value.startswith("-"):
            return None
        given[name] = value
    return given


def quick_list(args: list[str]) -> int | None:
    """Run `briefs list ARGS` without click when every option is a plain one; None declines.

    Declined: whatever click would answer differently or complain about.
    """
    given = _options(args)
    if given is None:
        return None
    from briefs.query import iso_period

    fmt = given.pop("format", "table")
    limit = given.pop("limit", None)
    data_dir = given.pop("data-dir", None)
    if fmt not in LIST_FORMATS or (limit is not None and not (limit.isascii() and limit.isdigit() and int(limit) >= 1)):
        return None
    if data_dir is not None and os.path.exists(data_dir) and not os.path.isdir(data_dir):
        return None
    for name, end in _DATE_BOUNDS.items():
        if name in given:
            bounds = iso_period(given[name].strip())
            if bounds is None:
                return None  # words ('janvier 2024') or a bad date: click's French parser answers
            given[name] = bounds[end]

    from briefs.env import Environment, data_dir_from
    from briefs.errors import reported
    from briefs.query import Filters

    def say(line: str) -> None:
        sys.stderr.write(f"briefs: {line}\n")

    def warn(message: str) -> None:
        say(f"warning: {message}")

    env = Environment.from_process()
    return int(reported(
        lambda: list_briefs(env, data_dir_from(data_dir), Filters(**given), fmt, int(limit) if limit else None, warn),
        say,
    ))
