"""Output: rich tables and panels on a terminal, plain stable text when piped.

Only this module (and the CLI) imports rich, and only when something is
shown on a terminal, so scripts and `--version` stay fast.
"""
from __future__ import annotations

import csv
import io
import json

from briefs import record as rec
from briefs.env import Environment
from briefs.query import brief_date

LIST_COLUMNS = ("date", "id", "actors", "topics", "place")


def list_row(r: dict) -> dict:
    meetings = [m for m in r.get("meetings") or [] if isinstance(m, dict)]
    place = next((m.get("place") for m in meetings if m.get("place")), None)
    return {
        "date": brief_date(r) or "",
        "id": r.get("id") or "",
        "actors": ", ".join(a.get("name") for a in r.get("actors") or [] if isinstance(a, dict) and a.get("name")),
        "topics": ", ".join(r.get("topics") or []),
        "place": place or "",
    }


def _console(env: Environment):
    from rich.console import Console

    return Console(file=env.stdout, force_terminal=env.stdout_isatty, no_color=not env.color,
                   highlight=False, width=env.width, soft_wrap=not env.stdout_isatty)


def write(env: Environment, text: str) -> None:
    env.stdout.write(text if text.endswith("\n") or not text else text + "\n")


def records_as(fmt: str, records: list[dict]) -> str:
    """Machine formats of a list of records: json, yaml, csv (list columns), ids."""
    if fmt == "json":
        return json.dumps(records, ensure_ascii=False, indent=2)
    if fmt == "yaml":
        return "".join("---\n" + rec.dumps(r) for r in records)
    if fmt == "ids":
        return "\n".join(r.get("id") or "" for r in records)
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=LIST_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(list_row(r) for r in records)
        return buf.getvalue()
    raise ValueError(fmt)


def brief_list(env: Environment, records: list[dict], fmt: str = "table") -> None:
    if fmt != "table":
        write(env, records_as(fmt, records))
        return
    rows = [list_row(r) for r in records]
    if not env.stdout_isatty:
        for row in rows:
            write(env, "\t".join(row[c] for c in LIST_COLUMNS))
        return
    from rich.table import Table

    table = Table(*[c.capitalize() for c in LIST_COLUMNS], box=None, header_style="bold")
    for row in rows:
        table.add_row(*(row[c] for c in LIST_COLUMNS))
    console = _console(env)
    console.print(table)
    console.print(f"[dim]{len(rows)} brief{'s' if len(rows) != 1 else ''}[/dim]")


def _brief_lines(r: dict) -> list[tuple[str, list[str]]]:
    """The sections of a readable brief, as (heading, lines): shared by plain and rich output."""
    sections: list[tuple[str, list[str]]] = []
    dates = [f"published {r.get('published') or 'unknown'}"]
    if r.get("added"):
        dates.append(f"added {r['added']}")
    src = r.get("source") or {}
    dates.append(f"source {src.get('file') or '-'}" + (f" <{src['url']}>" if src.get("url") else ""))
    sections.append(("", ["; ".join(dates)]))
    if r.get("summary"):
        sections.append(("Summary", [r["summary"]]))
    lines = []
    for m in r.get("meetings") or []:
        who = ", ".join(m.get("participants") or []) or "(no named participant)"
        where = f" at {m['place']}" if m.get("place") else ""
        when = m.get("date") or (f"date unknown ({m['date_text']})" if m.get("date_text") else "date unknown")
        lines.append(f"{when}  {m.get('kind') or 'meeting'}{where}: {who}")
    if lines:
        sections.append(("Meetings", lines))
    lines = []
    for a in r.get("actors") or []:
        extra = ", ".join(x for x in (a.get("role"), a.get("country")) if x)
        lines.append(a.get("name", "?") + (f" ({extra})" if extra else ""))
    if lines:
        sections.append(("Actors", lines))
    if r.get("topics"):
        sections.append(("Topics", [", ".join(r["topics"])]))
    lines = []
    for a in r.get("agreements") or []:
        stage = " ".join(x for x in (a.get("status"), a.get("date")) if x) or "stage not stated"
        lines.append(f"{a.get('name')} [{a.get('kind') or '?'}]: {stage}")
    if lines:
        sections.append(("Agreements", lines))
    lines = []
    for e in r.get("events") or []:
        span = e.get("start") or "?"
        if e.get("end"):
            span += f" to {e['end']}"
        lines.append(f"{span}  {e.get('what')}" + (f" ({e['place']})" if e.get("place") else ""))
    if lines:
        sections.append(("Events", lines))
    lines = [f"{q.get('speaker')}: « {q.get('text')} »" for q in r.get("quotes") or []]
    if lines:
        sections.append(("Quotes", lines))
    return sections


def brief(env: Environment, r: dict) -> None:
    sections = _brief_lines(r)
    title = r.get("title") or r.get("id")
    if not env.stdout_isatty:
        write(env, f"{r.get('id')}\n{title}")
        for heading, lines in sections:
            if heading:
                write(env, f"\n{heading}:")
            for line in lines:
                write(env, ("  " if heading else "") + line)
        return
    from rich.markup import escape
    from rich.panel import Panel

    body = []
    for heading, lines in sections:
        if heading:
            body.append(f"\n[bold]{heading}[/bold]")
        body.extend(("  " if heading else "[dim]") + escape(line) + ("" if heading else "[/dim]") for line in lines)
    _console(env).print(Panel("\n".join(body), title=f"[bold]{escape(title or '')}[/bold]",
                              subtitle=escape(r.get("id") or ""), expand=False))


def archive_summary(env: Environment, s: dict, root: str) -> None:
    lines = [f"{s['briefs']} briefs in {root}"]
    if s["first"]:
        lines.append(f"from {s['first']} to {s['last']}")
    if s["actors"]:
        lines.append("most frequent actors: " + ", ".join(f"{n} ({c})" for n, c in s["actors"]))
    if s["topics"]:
        lines.append("most frequent topics: " + ", ".join(f"{n} ({c})" for n, c in s["topics"]))
    if s["latest"]:
        lines.append("latest briefs:")
        lines.extend(f"  {b['date'] or '?'}  {b['id']}  {b['title'] or ''}" for b in s["latest"])
    if not env.stdout_isatty:
        write(env, "\n".join(lines))
        return
    from rich.markup import escape
    from rich.panel import Panel

    _console(env).print(Panel(escape("\n".join(lines[1:])), title=escape(lines[0]), expand=False))
