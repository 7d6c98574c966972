"""Console entry point. `briefs --version` is answered before click is imported,
so scripts that probe the version pay only for Python's own start-up."""
from __future__ import annotations

import sys

from briefs import __version__


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        sys.stdout.write(f"briefs, version {__version__}\n")
        return
    from briefs.cli import main as cli_main

    cli_main()
