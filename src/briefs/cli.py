"""The `briefs` command line: parse options, call the core, render. Nothing else.

Heavy modules (the extractor, rich, the index) are imported inside the
commands that need them so `briefs --version` and `--help` start fast.
"""
from __future__ import annotations

import datetime as dt
import functools
import sys
from pathlib import Path

import click

from briefs import __version__, messages
from briefs.errors import BriefsError, ExitCode

LIST_FORMATS = ("table", "json", "yaml", "csv", "ids")


def fail(message: str, code: ExitCode = ExitCode.FAILURE) -> None:
    click.echo(f"briefs: {message}", err=True)
    sys.exit(int(code))


def warn(message: str) -> None:
    click.echo(f"briefs: warning: {message}", err=True)


def handle_errors(func):
    """Turn the core's BriefsError into one line on stderr and its exit code."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except BriefsError as err:
            fail(str(err), err.exit_code)
        except BrokenPipeError:
            sys.stderr.close()
            sys.exit(int(ExitCode.OK))

    return wrapper


def _reference_date(ctx, param, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise click.BadParameter(messages.BAD_DATE.format(value=value, reason="use YYYY-MM-DD")) from None


def _period_bound(index: int):
    def callback(ctx, param, value: str | None) -> str | None:
        if value is None:
            return None
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
    for note in src.notes:
        warn(f"{src.label}: {note}")
    if record.get("language") not in ("fr", None):
        warn(f"{src.label}: " + messages.NOT_FRENCH.format(language=record.get("language")))


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
    import datetime as _dt

    from briefs import knowledge, sources
    from briefs.errors import InputError
    from briefs.extract import extract as run

    env = _env(ctx)
    archive = _archive(data_dir)
    files = sources.expand(paths)
    kb = knowledge.load(archive.root)
    failures = 0
    archive.clean_temporary()
    progress = _progress(len(files))
    for path in progress(files):
        try:
            src = sources.read(path, max_bytes or sources.DEFAULT_MAX_BYTES)
        except InputError as err:
            failures += 1
            click.echo(f"briefs: {err}", err=True)
            continue
        record = run(src.content, published, kb, source_file=src.file_name, url=url)
        record["added"] = _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        _warn_source(src, record)
        result = archive.add(record)
        if result.added:
            click.echo(result.id if env.quiet else messages.ADDED.format(id=result.id))
        elif not env.quiet:
            click.echo(messages.ALREADY.format(id=result.id, file=src.label))
    if failures:
        fail(messages.ADD_FAILED.format(count=failures, total=len(files)))


def _progress(total: int):
    """A rich progress bar over the files when many go in on a terminal; else the plain list."""
    if total <= 5 or not sys.stderr.isatty():
        return lambda items: items

    def wrapped(items):
        from rich.progress import track

        from rich.console import Console

        yield from track(items, description="adding", total=total, console=Console(stderr=True), transient=True)

    return wrapped


@cli.command(name="list")
@click.option("--actor", help="Person: full name, surname or alias; case and accents ignored.")
@click.option("--topic", help="Topic slug (economie, nucleaire, ...).")
@click.option("--place", help="City named in the brief.")
@click.option("--country", help="ISO code of an actor's country (RU, IR, US ...).")
@click.option("--agreement", help="Word in an agreement's name, kind or stage.")
@click.option("--since", callback=_period_bound(0), help="From this date: 2024, 2024-01, 2024-01-15, 'janvier 2024'.")
@click.option("--until", callback=_period_bound(1), help="Up to this date, same forms as --since.")
@click.option("--format", "fmt", type=click.Choice(LIST_FORMATS), default="table", show_default=True)
@click.option("--limit", type=click.IntRange(min=1), default=None, help="At most this many briefs (newest first).")
@data_dir_option
@click.pass_context
@handle_errors
def list_(ctx, actor, topic, place, country, agreement, since, until, fmt, limit, data_dir) -> None:
    """List briefs, newest first; filters combine with AND.

    \b
    Examples:
      briefs list --actor Larijani --since 2025-01
      briefs list --topic nucleaire --until "janvier 2024" --format json
      briefs list --country IR --place Moscou --format ids
    """
    from briefs import query, render

    filters = query.Filters(actor=actor, topic=topic, place=place, country=country, agreement=agreement,
                            since=since, until=until)
    archive = _archive(data_dir)
    found = query.select(archive.records(on_error=lambda e: warn(messages.SKIPPED_RECORD.format(path=e.path, reason=e.args[0]))),
                         filters, limit)
    render.brief_list(_env(ctx), found, fmt)


@cli.command()
@click.argument("brief_id", required=False, metavar="[ID]")
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

    from briefs import query, record as rec, render

    env = _env(ctx)
    archive = _archive(data_dir)
    if brief_id is None:
        records = list(archive.records(on_error=lambda e: warn(messages.SKIPPED_RECORD.format(path=e.path, reason=e.args[0]))))
        summary = query.archive_summary(records)
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


def main() -> None:
    cli(prog_name="briefs")
