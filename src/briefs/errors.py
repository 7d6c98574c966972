"""Exit codes and the exceptions the core raises for user-facing problems.

The core never prints: it raises one of these with a message from
`briefs.messages`, and the CLI turns it into one line on stderr and an exit
code. Anything else escaping is a bug, not a user error.
"""
from __future__ import annotations

import enum
import sys
from typing import Callable


class ExitCode(enum.IntEnum):
    OK = 0
    FAILURE = 1  # the command ran but something failed (bad file, invalid record)
    USAGE = 2  # the command was called wrongly (bad option, unknown id)
    INTERRUPTED = 130  # Ctrl-C: what was written is whole, the rest was not started


class BriefsError(Exception):
    """A problem the user can act on; `str(err)` is the one line to show."""

    exit_code = ExitCode.FAILURE

    def __init__(self, message: str, path: str | None = None):
        super().__init__(message)
        self.path = path

    def __str__(self) -> str:
        msg = one_line(super().__str__())
        return f"{one_line(self.path)}: {msg}" if self.path else msg


def one_line(text: object) -> str:
    """`text` with control characters escaped, so a message stays one line.

    File names may hold newlines or escape sequences; printed raw they would
    split the message or drive the terminal.
    """
    text = str(text)
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() or c == " " else repr(c)[1:-1] for c in text)


def reported(action: Callable[[], object], say: Callable[[str], None]) -> ExitCode:
    """Run `action`; a failure the user can act on becomes one line through `say` and an exit code.

    One place for what every command does with errors, with or without click.
    """
    from briefs import messages

    try:
        action()
    except BriefsError as err:
        say(str(err))
        return err.exit_code
    except BrokenPipeError:  # `briefs list | head`: the reader has gone, nothing to report
        sys.stderr.close()
    except KeyboardInterrupt:
        say(messages.INTERRUPTED)
        return ExitCode.INTERRUPTED
    except OSError as err:  # disk full, permissions... one line, not a traceback
        say(one_line(f"{err.filename + ': ' if err.filename else ''}{err.strerror or err}"))
        return ExitCode.FAILURE
    return ExitCode.OK


class InputError(BriefsError):
    """A text given to extract or add cannot be used (empty, binary, too big...)."""


class RecordError(BriefsError):
    """A record file on disk does not parse or does not validate."""


class UsageError(BriefsError):
    """The user asked for something malformed: bad id, bad date, ambiguous prefix."""

    exit_code = ExitCode.USAGE
