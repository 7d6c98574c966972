"""Console entry point. `briefs --version` is answered before click is imported,
so scripts that probe the version pay only for Python's own start-up; the
plain forms of `briefs list` skip click too (see `briefs.listing`)."""
from __future__ import annotations

import sys

from briefs import __version__


def main() -> None:
    args = sys.argv[1:]
    if args == ["--version"]:
        sys.stdout.write(f"briefs, version {__version__}\n")
        return
    if args[:1] == ["list"]:
        from briefs.listing import quick_list

        code = quick_list(args[1:])
        if code is not None:
            sys.exit(code)
    from briefs.cli import main as cli_main

    cli_main()
