"""Domain knowledge: the YAML vocabularies in `resources/`, plus the user's own.

Loaded once per process and handed to the extractor, which stays pure. A
user extends it with `<data-dir>/.gazetteer.yaml`, whose top-level keys name
resource files (`persons`, `places`, `organizations`, ...): lists are
appended, mappings are merged over the packaged ones.
"""
from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any, Callable

from briefs import messages
from briefs.errors import RecordError
from briefs.record import loads

USER_GAZETTEER = ".gazetteer.yaml"


class Knowledge:
    """Read-only vocabularies by name, with a per-instance cache for compiled forms."""

    def __init__(self, data: dict[str, Any]):
        self._data = data
        self._compiled: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        return self._data.get(name) or {}

    def get(self, name: str, default: Any = None) -> Any:
        return self._data.get(name, default)

    def compiled(self, key: str, build: Callable[["Knowledge"], Any]) -> Any:
        """`build(self)` once per Knowledge: regexes and lookup tables live here, not in globals."""
        if key not in self._compiled:
            self._compiled[key] = build(self)
        return self._compiled[key]


def _packaged() -> dict[str, Any]:
    data: dict[str, Any] = {}
    folder = resources.files("briefs") / "resources"
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if entry.name.endswith(".yaml"):
            data[entry.name[:-5]] = loads(entry.read_text(encoding="utf-8"))
    return data


def merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in extra.items():
        current = out.get(key)
        if isinstance(current, list) and isinstance(value, list):
            out[key] = value + current  # the user's entries win on conflicts
        elif isinstance(current, dict) and isinstance(value, dict):
            out[key] = merge(current, value)
        else:
            out[key] = value
    return out


def load(data_dir: Path | None = None) -> Knowledge:
    """The packaged knowledge, merged with `<data_dir>/.gazetteer.yaml` when present."""
    data = _packaged()
    if data_dir is not None:
        user = Path(data_dir) / USER_GAZETTEER
        if user.is_file():
            try:
                extra = loads(user.read_text(encoding="utf-8"))
            except Exception as err:  # yaml errors, bad bytes: one line for the user
                raise RecordError(messages.RECORD_UNREADABLE.format(reason=str(err).splitlines()[0]), str(user)) from err
            if extra is not None and not isinstance(extra, dict):
                raise RecordError("a gazetteer must be a mapping of resource names to entries", str(user))
            data = merge(data, extra or {})
    return Knowledge(data)
