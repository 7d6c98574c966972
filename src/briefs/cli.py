"""The `briefs` command line: parse options, call the core, render. Nothing else.

Heavy modules (the extractor, rich, the index) are imported inside the
commands that need them so `briefs --version` and `--help` start fast.
"""
from __future__ import annotations

import functools
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from briefs import __version__, messages
from briefs.errors import ExitCode, reported
from briefs.listing import FILTER_NAMES, LIST_FORMATS, list_briefs

if TYPE_CHECKING:
    import datetime as dt


def fail(message: str, code: ExitCode = ExitCode.FAILURE) -> None:
    click.echo(f"briefs: {message}", err=True)
    sys.exit(int(code))


def warn(message: str) -> None:
    click.echo(f"briefs: warning: {message}", err=True)


def handle_errors(func):
    """Turn the core's BriefsError (and broken pipes, Ctrl-C, OS errors) into one line on stderr and its exit code."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        code = reported(lambda: func(*args, **kwargs), lambda line: click.echo(f"briefs: {line}", err=True))
        if code:
            sys.exit(int(code))

    return wrapper


def _reference_date(ctx, param, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        import datetime as dt

        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise click.BadParameter(messages.BAD_DATE.format(value=value, reason="use YYYY-MM-DD")) from None


def _period_bound(index: int):
    def callback(ctx, param, value: str | None) -> str | None:
        if value is None:
            return None
        from briefs.query import iso_period

        quick = iso_period(value.strip())
        if quick:
            return quick[index]
        from briefs.extract.dates import parse_user_date

        try:
            return parse_user_date(value)[index]
        except ValueError as err:
            raise click.BadParameter(messages.BAD_DATE.format(value=value, reason=err)) from None

    return callback


def data_dir_option(func):
    return click.option(
        "--data-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
        help="Archive folder (default: $BRIEFS_DATA, else ./data/briefs).",
    )(func)


def _archive(data_dir: Path | None):
    from briefs.archive import Archive
    from briefs.env import data_dir_from

    return Archive(data_dir_from(str(data_dir) if data_dir else None))


def _env(ctx: click.Context):
    from briefs.env import Environment

    obj = ctx.find_root().obj or {}
    return Environment.from_process(quiet=obj.get("quiet", False), verbose=obj.get("verbose", False))


# -- shell completion: fast, and never raises (a failure offers nothing) ------

COMPLETION_LIMIT = 200


def _completion_root(ctx: click.Context) -> Path:
    """The archive folder: --data-dir if already typed, else $BRIEFS_DATA, else ./data/briefs."""
    from briefs.env import data_dir_from

    data_dir = ctx.params.get("data_dir")
    return data_dir_from(str(data_dir) if data_dir else None)


def _complete_topics(ctx, param, incomplete: str) -> list[str]:
    from briefs.record import TOPICS

    return [t for t in TOPICS if t.startswith((incomplete or "").lower())]


def _complete_ids(ctx, param, incomplete: str) -> list[str]:
    try:
        from briefs.archive import Archive

        ids = Archive(_completion_root(ctx)).ids()
        return [i for i in ids if i.startswith(incomplete or "")][:COMPLETION_LIMIT]
    except Exception:  # noqa: BLE001 - completion must never fail the shell
        return []


def _indexed_actor_names(root: Path) -> set[str] | None:
    """Actor names from the index file, opened read-only and not refreshed (None: no index)."""
    import sqlite3

    path = root / ".index.sqlite"
    if not path.is_file():
        return None
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=0.5)
    try:
        return {name for (name,) in conn.execute("SELECT DISTINCT name FROM actors") if isinstance(name, str)}
    finally:
        conn.close()


def _complete_actors(ctx, param, incomplete: str) -> list[str]:
    try:
        import os
        import re

        from briefs import stats
        from briefs.archive import Archive
        from briefs.query import fold

        root = _completion_root(ctx)
        names = _indexed_actor_names(root)
        if names is None:  # no index yet: a line scan of the files, no YAML parse
            names = set()
            for path in Archive(root).paths():
                names.update(stats.actor_names_in_yaml(path.read_text(encoding="utf-8", errors="replace")))
        want = fold(incomplete)
        found = [n for n in names if not want or fold(n).startswith(want)
                 or any(w.startswith(want) for w in fold(n).split())]
        found = sorted(found, key=fold)[:COMPLETION_LIMIT]
        if os.environ.get("_BRIEFS_COMPLETE", "").startswith("bash"):
            # bash inserts a reply as typed: escape it so a full name stays one word (the
            # backslash doubled because click's bash script reads the reply without `read -r`)
            found = [re.sub(r"([\\\s'\"`$&;|<>()!*?])", r"\\\\\1", n) for n in found]
        return found
    except Exception:  # noqa: BLE001 - completion must never fail the shell
        return []


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="briefs")
@click.option("-q", "--quiet", is_flag=True, help="Print only results and errors.")
@click.option("-v", "--verbose", is_flag=True, help="Say more about what is done.")
@click.pass_context
def cli(ctx: click.Context, quiet: bool, verbose: bool) -> None:
    """Archive French news briefs on Russia-Iran diplomacy as YAML records, and query them.

    \b
    Examples:
      briefs add article.txt --date 2026-01-31
      briefs list --actor Larijani --since 2025-01
      briefs show 2026-01-30-larijani-poutine
    """
    ctx.obj = {"quiet": quiet, "verbose": verbose}


@cli.command()
@click.argument("file")
@click.option("--date", "published", callback=_reference_date, metavar="YYYY-MM-DD",
              help="Publication date of the text; relative dates resolve against it.")
@click.option("--url", default=None, help="Where the text came from.")
@click.option("--format", "fmt", type=click.Choice(["yaml", "json"]), default="yaml", show_default=True)
@click.option("--max-bytes", type=click.IntRange(min=1), default=None, help="Refuse texts larger than this (default 5 MB).")
@click.option("--data-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Archive folder whose .gazetteer.yaml extends the knowledge.")
@handle_errors
def extract(file: str, published, url, fmt: str, max_bytes, data_dir) -> None:
    """Print the record for one text without archiving it (FILE '-' reads stdin).

    \b
    Examples:
      briefs extract article.txt --date 2026-01-31
      cat article.txt | briefs extract - --format json
    """
    import json

    from briefs import knowledge, record as rec, sources
    from briefs.env import data_dir_from
    from briefs.extract import extract as run

    src = sources.read(file, max_bytes or sources.DEFAULT_MAX_BYTES)
    kb = knowledge.load(data_dir_from(str(data_dir) if data_dir else None))
    record = run(src.content, published, kb, source_file=src.file_name, url=url)
    _warn_source(src, record)
    if fmt == "json":
        click.echo(json.dumps(rec.ordered(record), ensure_ascii=False, indent=2))
    else:
        click.echo(rec.dumps(record), nl=False)


def _warn_source(src, record: dict) -> None:
    from briefs.ingest import source_warnings

    for warning in source_warnings(src, record):
        warn(warning)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--date", "published", callback=_reference_date, metavar="YYYY-MM-DD",
              help="Publication date of the texts; relative dates resolve against it.")
@click.option("--url", default=None, help="Where the text came from (for a single text).")
@click.option("--max-bytes", type=click.IntRange(min=1), default=None, help="Refuse texts larger than this (default 5 MB).")
@data_dir_option
@click.pass_context
@handle_errors
def add(ctx, paths, published, url, max_bytes, data_dir) -> None:
    """Extract and archive texts: files, folders (their *.txt and *.md) or '-' for stdin.

    Prints the new id for each text, or the id it is already archived under.

    \b
    Examples:
      briefs add article.txt --date 2026-01-31
      briefs add data/samples/
      curl -s URL | briefs add - --url URL --date 2026-01-31
    """
    from briefs import ingest, knowledge, sources

    env = _env(ctx)
    archive = _archive(data_dir)
    files, failed = ingest.expand(paths)
    for outcome in failed:  # one bad argument is one failure, not the end of the run
        click.echo(f"briefs: {outcome.error}", err=True)
    kb = knowledge.load(archive.root)
    cleaned = archive.clean_temporary()
    if cleaned and env.verbose:
        warn(messages.TEMP_CLEANED.format(count=cleaned))
    failures = len(failed)
    for path in _progress(len(files))(files):
        outcome = ingest.add_one(archive, kb, path, published, url, max_bytes or sources.DEFAULT_MAX_BYTES)
        for warning in outcome.warnings:
            warn(warning)
        if outcome.error:
            failures += 1
            click.echo(f"briefs: {outcome.error}", err=True)
        elif outcome.added:
            click.echo(outcome.id if env.quiet else messages.ADDED.format(id=outcome.id))
        elif not env.quiet:
            click.echo(messages.ALREADY.format(id=outcome.id, file=outcome.label))
    if failures:
        fail(messages.ADD_FAILED.format(count=failures, total=len(files) + len(failed)))


def _progress(total: int):
    """A rich progress bar over the files when many go in on a terminal; else the plain list."""
    if total <= 5 or not sys.stderr.isatty():
        return lambda items: items

    def wrapped(items):
        from rich.progress import track

        from rich.console import Console

        yield from track(items, description="adding", total=total, console=Console(stderr=True), transient=True)

    return wrapped


_FILTER_OPTIONS = (
    click.option("--actor", shell_complete=_complete_actors,
                 help="Person: full name, surname or alias; case and accents ignored."),
    click.option("--topic", shell_complete=_complete_topics, help="Topic slug (economie, nucleaire, ...)."),
    click.option("--place", help="City named in the brief."),
    click.option("--country", help="ISO code of an actor's country (RU, IR, US ...)."),
    click.option("--agreement", help="Word in an agreement's name, kind or stage."),
    click.option("--text", metavar="WORDS",
                 help="Words (or word starts) in the title, summary, names, agreements, events, quotes."),
    click.option("--since", callback=_period_bound(0), help="From this date: 2024, 2024-01, 2024-01-15, 'janvier 2024'."),
    click.option("--until", callback=_period_bound(1), help="Up to this date, same forms as --since."),
)


def filter_options(func):
    """The filters of `briefs list` (same names and meaning), for commands that select briefs."""
    for option in reversed(_FILTER_OPTIONS):
        func = option(func)
    return func


def _filters(kwargs: dict):
    """Pop the filter options out of a command's kwargs into a query.Filters."""
    from briefs import query

    return query.Filters(**{name: kwargs.pop(name) for name in FILTER_NAMES})



@cli.command(name="list")
@filter_options
@click.option("--format", "fmt", type=click.Choice(LIST_FORMATS), default="table", show_default=True)
@click.option("--limit", type=click.IntRange(min=1), default=None, help="At most this many briefs (newest first).")
@data_dir_option
@click.pass_context
@handle_errors
def list_(ctx, fmt, limit, data_dir, **kwargs) -> None:
    """List briefs, newest first; filters combine with AND.

    Answers come from the index .index.sqlite in the archive folder, brought
    up to date with the files first (see `briefs reindex`).

    \b
    Examples:
      briefs list --actor Larijani --since 2025-01
      briefs list --topic nucleaire --until "janvier 2024" --format json
      briefs list --country IR --place Moscou --format ids
      briefs list --text "securite information"
    """
    from briefs.env import data_dir_from

    filters = _filters(kwargs)
    list_briefs(_env(ctx), data_dir_from(str(data_dir) if data_dir else None), filters, fmt, limit, warn)


@cli.command()
@data_dir_option
@click.pass_context
@handle_errors
def reindex(ctx, data_dir) -> None:
    """Rebuild the query index from the record files, with a progress bar.

    Every query already brings .index.sqlite up to date with the files
    (changed, new and deleted files), and rebuilds it if it is damaged; the
    YAML files stay the only source of truth. Use this to force a full
    rebuild, e.g. after restoring a backup.

    \b
    Examples:
      briefs reindex
      briefs reindex --data-dir ~/archives/briefs
    """
    import contextlib
    import time

    from briefs import index
    from briefs.env import data_dir_from

    env = _env(ctx)
    root = data_dir_from(str(data_dir) if data_dir else None)
    if not root.is_dir():
        fail(f"{root}: no such archive folder")
    started = time.perf_counter()
    with contextlib.ExitStack() as stack:
        progress = None
        if sys.stderr.isatty() and not env.quiet:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

            bar = stack.enter_context(Progress("indexing", BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                                               console=Console(stderr=True), transient=True))
            task = bar.add_task("indexing", total=None)

            def progress(done: int, total: int) -> None:
                bar.update(task, completed=done, total=total)

        idx = index.rebuild(root, progress)
    for path, reason in idx.problems():
        warn(messages.SKIPPED_RECORD.format(path=path, reason=reason))
    if idx.path is None:
        warn(f"could not write {root / index.INDEX_FILE}; queries will read the files")
    if not env.quiet:
        click.echo(f"indexed {idx.count()} briefs in {root} ({time.perf_counter() - started:.1f} s)")


@cli.command()
@data_dir_option
@click.pass_context
@handle_errors
def watch(ctx, data_dir) -> None:
    """Keep the query index current as files change, so queries skip checking every file.

    Every query normally checks the size and date of each record file
    (about 0.3 s per 100,000 files) to see hand edits. While `briefs watch`
    runs, the kernel tells it of every change in the folder (Linux inotify)
    and it applies them to the index; queries on that folder ask it to
    catch up instead of checking every file. Runs until Ctrl-C; without it
    queries check every file again. One watcher per folder; `briefs -v
    watch` reports each update.

    \b
    Examples:
      briefs watch &
      briefs watch --data-dir ~/archives/briefs
    """
    from briefs import watch as watcher
    from briefs.env import data_dir_from

    env = _env(ctx)
    root = data_dir_from(str(data_dir) if data_dir else None)

    def ready(count: int) -> None:
        if not env.quiet:
            click.echo(messages.WATCHING.format(path=root, count=count), err=True)

    def updated(read: int, dropped: int) -> None:
        if env.verbose:
            click.echo(messages.WATCH_UPDATED.format(read=read, dropped=dropped), err=True)

    import signal

    def terminate(signum, frame):
        raise KeyboardInterrupt  # `kill` stops it as Ctrl-C does: lock released, one line said

    signal.signal(signal.SIGTERM, terminate)
    try:
        watcher.serve(root, on_ready=ready, on_update=updated)
    except watcher.WatchError as err:
        fail(str(err))
    except KeyboardInterrupt:
        pass  # the way to stop it
    if not env.quiet:
        click.echo(messages.WATCH_STOPPED.format(path=root), err=True)


@cli.command()
@click.argument("brief_id", required=False, metavar="[ID]", shell_complete=_complete_ids)
@click.option("--format", "fmt", type=click.Choice(["text", "yaml", "json"]), default="text", show_default=True)
@data_dir_option
@click.pass_context
@handle_errors
def show(ctx, brief_id, fmt, data_dir) -> None:
    """Show one brief as a readable summary (a unique id prefix is enough).

    With no ID, summarise the whole archive.

    \b
    Examples:
      briefs show 2026-01-30-larijani-poutine
      briefs show 2026-01-30 --format yaml
      briefs show
    """
    import json

    from briefs import record as rec, render

    env = _env(ctx)
    archive = _archive(data_dir)
    if brief_id is None:
        from briefs import index

        ix = index.open_index(archive.root)  # brought up to date with the files first
        try:
            for path, reason in ix.problems():
                warn(messages.SKIPPED_RECORD.format(path=path, reason=reason))
            summary = ix.summary()
        finally:
            ix.close()
        if fmt == "json":
            click.echo(json.dumps(summary, ensure_ascii=False, indent=2))
        elif fmt == "yaml":
            click.echo(rec.dump_data(summary), nl=False)
        else:
            render.archive_summary(env, summary, str(archive.root))
        return
    record = archive.get(archive.resolve(brief_id))
    if fmt == "json":
        click.echo(json.dumps(rec.ordered(record), ensure_ascii=False, indent=2))
    elif fmt == "yaml":
        click.echo(rec.dumps(record), nl=False)
    else:
        render.brief(env, record)


# -- actors, timeline, export, rm -----------------------------------------

def _skipped(err) -> None:
    warn(messages.SKIPPED_RECORD.format(path=err.path, reason=err.args[0]))


def _selected_records(ctx: click.Context, data_dir: Path | None, filters) -> list[dict]:
    """The records matching `filters` (list semantics), newest first.

    The one place the commands below read the archive: switch it to the
    index here.
    """
    import time

    from briefs import query

    start = time.perf_counter()
    archive = _archive(data_dir)
    try:
        from briefs import index
    except ImportError:  # no index in this build: read every file
        found, source = query.select(archive.records(on_error=_skipped), filters), "plain scan"
    else:
        ix = index.open_index(archive.root)
        try:
            for path, reason in ix.problems():
                warn(messages.SKIPPED_RECORD.format(path=path, reason=reason))
            found, source = ix.select_records(filters, on_error=_skipped, lazy=True), "index"
        finally:
            ix.close()
    if _env(ctx).verbose:
        click.echo("briefs: " + messages.SCANNED.format(count=len(found), seconds=time.perf_counter() - start,
                                                        source=source), err=True)
    return found


ACTOR_FORMATS = ("table", "json", "yaml", "csv", "names")


@cli.command()
@click.option("--country", help="Only people serving this country (ISO code: RU, IR, US ...).")
@click.option("--since", callback=_period_bound(0), help="Only briefs from this date: 2024, 2024-01, 'janvier 2024'.")
@click.option("--until", callback=_period_bound(1), help="Only briefs up to this date, same forms as --since.")
@click.option("--format", "fmt", type=click.Choice(ACTOR_FORMATS), default="table", show_default=True)
@click.option("--limit", type=click.IntRange(min=1), default=None, help="At most this many people.")
@data_dir_option
@click.pass_context
@handle_errors
def actors(ctx, country, since, until, fmt, limit, data_dir) -> None:
    """People in the archive, most frequent first.

    For each person: country, most frequent role, number of briefs and of
    meetings, first and last seen (brief dates). Columns: name, country,
    role, briefs, meetings, first_seen, last_seen.

    \b
    Examples:
      briefs actors --country IR --limit 10
      briefs actors --since 2024 --until 2025-06
      briefs actors --format csv > actors.csv
    """
    from briefs import query, render, stats

    rows = stats.actors(_selected_records(ctx, data_dir, query.Filters(since=since, until=until)), country)
    render.actor_list(_env(ctx), rows[:limit] if limit else rows, fmt)


TIMELINE_FORMATS = ("chart", "csv", "json", "jsonl", "yaml")


@cli.command()
@filter_options
@click.option("--by", type=click.Choice(["month", "year"]), default="month", show_default=True,
              help="Count meetings per month or per year.")
@click.option("--top", type=click.IntRange(min=0), default=3, show_default=True, help="Label this many busiest periods.")
@click.option("--format", "fmt", type=click.Choice(TIMELINE_FORMATS), default="chart", show_default=True)
@data_dir_option
@click.pass_context
@handle_errors
def timeline(ctx, by, top, fmt, data_dir, **kwargs) -> None:
    """Bar chart of meetings per month or year, busiest periods labelled.

    Filters as in `list`. Meetings are counted by their own date (a
    partial date in its month or year) in the briefs the filters select;
    --since/--until also bound the meeting dates, --actor and --country the
    participants (a meeting of that person, or with someone of that
    country). --format csv gives the series: period, meetings, briefs.

    \b
    Examples:
      briefs timeline --since 2024
      briefs timeline --actor Larijani --by year
      briefs timeline --topic nucleaire --format csv > series.csv
    """
    from briefs import render, stats

    filters = _filters(kwargs)
    series = stats.timeline(_selected_records(ctx, data_dir, filters), by, filters)
    render.timeline(_env(ctx), series, fmt, top)


@cli.command()
@filter_options
@click.option("--format", "fmt", type=click.Choice(["jsonl", "json", "csv"]), default="jsonl", show_default=True)
@click.option("--per", type=click.Choice(["brief", "meeting", "actor"]), default="brief", show_default=True,
              help="One row per brief, per meeting, or per person named in a brief.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path, allow_dash=True), default="-",
              help="Write to this file (replaced whole) instead of standard output.")
@data_dir_option
@click.pass_context
@handle_errors
def export(ctx, fmt, per, output, data_dir, **kwargs) -> None:
    """Export briefs, meetings or actor mentions as JSONL, JSON or CSV.

    For pandas, DuckDB or a spreadsheet; filters as in `list`. JSON and
    JSONL per brief give whole records; per meeting or actor, and CSV
    always, give flat rows with a fixed column set (lists joined by '; ' in
    CSV). Columns: see `briefs.stats` and the README. Per meeting or actor,
    --actor and --country also narrow the rows to that person or country
    (and, per meeting, --since/--until to meetings dated in the period).

    \b
    Examples:
      briefs export --format csv -o briefs.csv
      briefs export --per meeting --format csv --since 2024 -o meetings.csv
      briefs export --per actor --country IR > ir-mentions.jsonl
    """
    from briefs import record as rec, render, stats

    filters = _filters(kwargs)
    records = _selected_records(ctx, data_dir, filters)
    columns = stats.EXPORT_COLUMNS[per]
    if per == "brief" and fmt != "csv":
        rows = (rec.ordered(r) for r in records)
    else:
        rows = stats.export_rows(records, per, filters)
    if str(output) == "-":
        render.write_rows(sys.stdout, fmt, rows, columns)
        return
    count = _write_file(output, lambda out: render.write_rows(out, fmt, rows, columns))
    if not _env(ctx).quiet:
        click.echo("briefs: " + messages.EXPORTED.format(count=count, per=per, path=output), err=True)


def _write_file(path: Path, write) -> int:
    """Write a whole file through a temporary one in the same folder, so a failure leaves no half file."""
    import os
    import tempfile

    from briefs.errors import BriefsError

    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent if str(path.parent) else ".")
    except OSError as err:
        raise BriefsError(messages.EXPORT_CANNOT_WRITE.format(reason=err.strerror or err), str(path)) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            count = write(out)
        os.replace(tmp, path)
    except OSError as err:
        Path(tmp).unlink(missing_ok=True)
        raise BriefsError(messages.EXPORT_CANNOT_WRITE.format(reason=err.strerror or err), str(path)) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return count


def _stdin_isatty() -> bool:
    return sys.stdin.isatty()


@cli.command()
@click.argument("ids", nargs=-1, required=True, metavar="ID...", shell_complete=_complete_ids)
@click.option("-y", "--yes", is_flag=True, help="Remove without asking for confirmation.")
@data_dir_option
@click.pass_context
@handle_errors
def rm(ctx, ids, yes, data_dir) -> None:
    """Remove briefs from the archive.

    A unique id prefix is enough. Asks for confirmation on a terminal; elsewhere --yes is required.
    Every id is checked before anything is removed.

    \b
    Examples:
      briefs rm 2026-01-30-larijani-poutine
      briefs list --topic culture --format ids | xargs briefs rm --yes
    """
    from briefs.errors import UsageError

    env = _env(ctx)
    archive = _archive(data_dir)
    resolved = list(dict.fromkeys(archive.resolve(i) for i in ids))
    if not yes:
        if not _stdin_isatty():
            raise UsageError(messages.RM_NOT_A_TERMINAL)
        if not click.confirm(messages.RM_CONFIRM.format(count=len(resolved), ids=", ".join(resolved)),
                             default=False, err=True):
            fail(messages.RM_CANCELLED)
    for rid in resolved:
        archive.remove(rid)
        if not env.quiet:
            click.echo(messages.REMOVED.format(id=rid))


# -- check, edit ------------------------------------------------------------

@cli.command()
@click.option("--fix", is_flag=True, help="Rewrite what is mechanical: key order, missing fields, date forms, code case.")
@data_dir_option
@click.pass_context
@handle_errors
def check(ctx, fix, data_dir) -> None:
    """Validate every record against the schema; print FILE:LINE: PROBLEM for each.

    Exits 1 if any problem is left. --fix rewrites only what has one right
    answer (comments in a fixed file are not kept); the rest is for `briefs edit`.

    \b
    Examples:
      briefs check
      briefs check --fix
    """
    from briefs import check as checking

    env = _env(ctx)
    report = checking.check_archive(_archive(data_dir), fix=fix)
    for file, notes in report.fixed:
        click.echo(messages.CHECK_FIXED.format(file=file, what="; ".join(notes)))
    for problem in report.problems:
        click.echo(str(problem))
    if report.temporary and not fix and not env.quiet:
        warn(messages.TEMP_FOUND.format(count=report.temporary))
    if report.problems:
        fail(messages.CHECK_SUMMARY.format(problems=len(report.problems), bad=report.bad_files, total=report.total))
    if not env.quiet:
        click.echo(messages.CHECK_OK.format(total=report.total), err=True)


@cli.command()
@click.argument("brief_id", metavar="ID", shell_complete=_complete_ids)
@data_dir_option
@click.pass_context
@handle_errors
def edit(ctx, brief_id, data_dir) -> None:
    """Edit one brief in $VISUAL or $EDITOR; it is saved only if still valid.

    An invalid edit leaves the record as it was and asks whether to edit
    again or discard the changes. A record that no longer validates can be
    repaired this way too.

    \b
    Examples:
      briefs edit 2026-01-30-larijani-poutine
      EDITOR=nano briefs edit 2026-01-30
    """
    import tempfile

    from briefs import check as checking, record as rec

    env = _env(ctx)
    archive = _archive(data_dir)
    rid = archive.resolve(brief_id)
    path = archive.path_of(rid)
    original = path.read_bytes()
    editor = checking.editor_command()
    with tempfile.TemporaryDirectory(prefix="briefs-edit-") as tmp:
        copy = Path(tmp) / path.name
        copy.write_bytes(original)
        while True:
            checking.run_editor(editor, copy, rid)
            edited = copy.read_bytes()
            if edited == original:
                if not env.quiet:
                    click.echo(messages.EDIT_UNCHANGED.format(id=rid), err=True)
                return
            data, problems = checking.check_text(edited.decode("utf-8", errors="replace"), expected_id=rid)
            if not _is_utf8(edited):
                problems = [(1, messages.RECORD_UNREADABLE.format(reason="not UTF-8"))] + problems
            if not problems:
                break
            for line, problem in problems:
                click.echo(messages.EDIT_PROBLEM.format(file=path, line=line, problem=problem), err=True)
            warn(messages.EDIT_INVALID.format(id=rid))
            try:
                again = click.prompt(messages.EDIT_PROMPT, type=click.Choice(["e", "d"]), default="e", err=True)
            except click.Abort:
                again = "d"
            if again != "e":
                fail(messages.EDIT_DISCARDED.format(id=rid))
        with archive.locked():
            if path.read_bytes() != original:  # someone else changed it meanwhile: keep both
                fd, kept = tempfile.mkstemp(prefix=f"briefs-{rid}-", suffix=".yaml")
                with open(fd, "wb") as f:
                    f.write(edited)
                fail(messages.EDIT_CONFLICT.format(id=rid, path=kept))
            archive.write(data)
    click.echo(messages.EDIT_SAVED.format(id=rid))


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def main() -> None:
    cli(prog_name="briefs")
