"""Output: rich tables and panels on a terminal, plain stable text when piped.

Only this module (and the CLI) imports rich, and only when something is
shown on a terminal, so scripts and `--version` stay fast.
"""
from __future__ import annotations

import io
import json

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
        from briefs import record as rec  # yaml: only when YAML is printed

        return "".join("---\n" + rec.dumps(r) for r in records)
    if fmt == "ids":
        return "\n".join(r.get("id") or "" for r in records)
    if fmt == "csv":
        import csv  # only for this format: list start-up does without

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


# -- rows: actors, timeline, export ---------------------------------------

ROW_FORMATS = ("json", "jsonl", "yaml", "csv")


def write_rows(out, fmt: str, rows, columns: tuple[str, ...]) -> int:
    """Stream rows (dicts keyed by `columns`) to the file `out` as json, jsonl, yaml or csv; returns the count.

    CSV: a header of `columns`, lists joined by stats.LIST_SEPARATOR, None
    as ''. JSON/JSONL/YAML keep lists and nulls as they are; other keys of a
    row (a whole record) are kept too.
    """
    from briefs import stats

    n = 0
    if fmt == "csv":
        import csv

        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([stats.csv_value(row.get(c)) for c in columns])
            n += 1
    elif fmt == "jsonl":
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            n += 1
    elif fmt == "json":
        out.write("[")
        for row in rows:
            out.write(("," if n else "") + "\n  " + json.dumps(row, ensure_ascii=False))
            n += 1
        out.write("\n]\n" if n else "]\n")
    elif fmt == "yaml":
        from briefs import record as rec  # yaml: only when YAML is printed

        for row in rows:
            out.write("---\n" + rec.dump_data(row))
            n += 1
    else:
        raise ValueError(fmt)
    return n


def rows_as(fmt: str, rows, columns: tuple[str, ...]) -> str:
    buf = io.StringIO()
    write_rows(buf, fmt, rows, columns)
    return buf.getvalue()


def _cell(value: object) -> str:
    from briefs import stats

    return stats.csv_value(value)


def row_table(env: Environment, rows: list[dict], columns: tuple[str, ...], noun: str, headers: dict | None = None,
              justify_right: tuple[str, ...] = (), plural: str | None = None) -> None:
    """Rows as a rich table on a terminal, as tab-separated lines (no header) when piped."""
    if not env.stdout_isatty:
        for row in rows:
            write(env, "\t".join(_cell(row.get(c)).replace("\t", " ") for c in columns))
        return
    from rich.table import Table

    headers = headers or {}
    table = Table(box=None, header_style="bold")
    for c in columns:
        table.add_column(headers.get(c, c.replace("_", " ").capitalize()), justify="right" if c in justify_right else "left")
    for row in rows:
        table.add_row(*(_cell(row.get(c)) for c in columns))
    console = _console(env)
    console.print(table)
    if not env.quiet:
        plural = plural or noun + "s"
        console.print(f"[dim]{len(rows)} {noun if len(rows) == 1 else plural}[/dim]")


def actor_list(env: Environment, rows: list[dict], fmt: str = "table") -> None:
    """`briefs actors`: table, plain lines, json/yaml/csv, or one name a line."""
    from briefs import stats

    if fmt == "names":
        write(env, "\n".join(r["name"] for r in rows))
    elif fmt != "table":
        write(env, rows_as(fmt, rows, stats.ACTOR_COLUMNS))
    else:
        row_table(env, rows, stats.ACTOR_COLUMNS, "person", justify_right=("briefs", "meetings"), plural="people")


BAR_WIDTH = 40


def timeline(env: Environment, tl, fmt: str = "chart", top: int = 3) -> None:
    """`briefs timeline`: a bar chart (rich on a terminal, '#' bars when piped) or the series as csv/json."""
    from briefs import stats

    if fmt in ROW_FORMATS:
        write(env, rows_as(fmt, tl.points, stats.TIMELINE_COLUMNS))
        return
    peak = max((p["meetings"] for p in tl.points), default=0)
    ranks = {p["period"]: i for i, p in enumerate(tl.busiest(top), 1)}

    def label(key: str) -> str:
        if key not in ranks:
            return ""
        who = ", ".join(tl.top_actors(key))
        return f"#{ranks[key]}" + (f" {who}" if who else "")

    def bar_len(n: int) -> int:
        return 0 if not n else max(1, round(n * BAR_WIDTH / peak))

    notes = []
    if tl.coarser:
        notes.append(f"{tl.coarser} meeting{'s' if tl.coarser != 1 else ''} dated only by year (see --by year)")
    if tl.undated:
        notes.append(f"{tl.undated} undated meeting{'s' if tl.undated != 1 else ''} not shown")
    if tl.by == "month" and len(tl.points) > 120:
        notes.append("--by year gives a shorter chart")
    if not env.stdout_isatty:
        for p in tl.points:
            cells = [p["period"], str(p["meetings"]), "#" * bar_len(p["meetings"])]
            if label(p["period"]):
                cells.append(label(p["period"]))
            write(env, "\t".join(cells))
        if notes and env.verbose:
            env.stderr.write("".join(f"briefs: {n}\n" for n in notes))
        return
    from rich.markup import escape
    from rich.table import Table

    table = Table(box=None, show_header=False, pad_edge=False)
    table.add_column(style="bold")
    table.add_column(justify="right")
    table.add_column()
    table.add_column(style="yellow")
    for p in tl.points:
        n = p["meetings"]
        bar = "█" * bar_len(n)
        style = "magenta" if p["period"] in ranks else "cyan"
        table.add_row(p["period"], str(n), f"[{style}]{bar}[/{style}]", escape(label(p["period"])))
    console = _console(env)
    console.print(table)
    if not env.quiet:
        span = f"{tl.points[0]['period']} to {tl.points[-1]['period']}" if tl.points else "no dated meetings"
        console.print(f"[dim]{tl.total} meeting{'s' if tl.total != 1 else ''} by {tl.by}, {span}"
                      + "".join(f"; {n}" for n in notes) + "[/dim]")
