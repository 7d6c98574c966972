"""The brief record (schema v1): field order, YAML on disk, validation.

SCHEMA.md in the shared folder is the contract; this module is its one
executable form. Records are plain dicts so that hand-edited files, the
extractor and the index all speak the same shape.
"""
from __future__ import annotations

import re
from typing import Any, Iterator

import yaml

SCHEMA_VERSION = 1

TOPICS = (
    "economie", "energie", "nucleaire", "securite", "defense", "terrorisme",
    "cybersecurite", "sanctions", "transport", "finance", "diplomatie",
    "multilateral", "culture",
)
MEETING_KINDS = ("rencontre", "entretien téléphonique", "visite", "sommet", "réunion")
AGREEMENT_KINDS = ("accord", "traité", "mémorandum", "protocole", "contrat", "feuille de route", "déclaration")
AGREEMENT_STATUSES = ("en négociation", "finalisé", "signé", "ratifié", "en vigueur", "annoncé")

# Key order on disk: the order of SCHEMA.md, so files diff and read alike.
FIELDS: dict[str, Any] = {
    "schema": SCHEMA_VERSION,
    "id": None,
    "title": None,
    "published": None,
    "added": None,
    "source": None,
    "language": "fr",
    "summary": None,
    "actors": [],
    "meetings": [],
    "topics": [],
    "agreements": [],
    "events": [],
    "places": [],
    "organizations": [],
    "quotes": [],
}
SUB_FIELDS: dict[str, tuple[str, ...]] = {
    "source": ("file", "url", "sha256"),
    "actors": ("name", "role", "country", "aliases"),
    "meetings": ("date", "date_text", "place", "kind", "participants"),
    "agreements": ("name", "kind", "status", "date"),
    "events": ("what", "place", "start", "end"),
    "quotes": ("speaker", "text"),
}

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DATE_RE = re.compile(r"^\d{4}(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$")
COUNTRY_RE = re.compile(r"^[A-Z]{2}$")
SHA_RE = re.compile(r"^[0-9a-f]{64}$")


# YAML 1.2 core-schema forms: no yes/no/on/off booleans, no 12:30 base-60 numbers.
_YAML12 = {
    "tag:yaml.org,2002:bool": re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    "tag:yaml.org,2002:int": re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"),  # "0129" stays text, never octal
    "tag:yaml.org,2002:float": re.compile(
        r"^(?:[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"),
}


def _loader_class() -> type:
    """A safe loader that keeps YAML 1.1 from retyping record values.

    `NO` (Norway) must not become False, `12:30` must not become 750 and
    `2024-01-24` must stay the string it was written as, so the bool, int
    and float resolvers accept only what YAML 1.2 would, and dates stay strings.
    """
    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class RecordLoader(base):  # type: ignore[misc, valid-type]
        pass

    resolvers = {}
    for first, entries in base.yaml_implicit_resolvers.items():
        kept = [(tag, rx) for tag, rx in entries if tag != "tag:yaml.org,2002:timestamp"]
        kept = [(tag, _YAML12.get(tag, rx)) for tag, rx in kept]
        resolvers[first] = kept
    RecordLoader.yaml_implicit_resolvers = resolvers
    return RecordLoader


RecordLoader = _loader_class()
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
LINE_WIDTH = 1_000_000  # one value per line: greppable, diffable


def loads(text: str) -> Any:
    """Parse YAML text safely (no Python object tags ever constructed)."""
    return yaml.load(text, Loader=RecordLoader)  # noqa: S506 - RecordLoader is a SafeLoader


def dumps(record: dict) -> str:
    """The on-disk form: block style, schema key order, unicode kept."""
    return yaml.dump(
        ordered(record), Dumper=_Dumper, sort_keys=False, allow_unicode=True,
        default_flow_style=False, width=LINE_WIDTH,
    )


def dump_data(data: object) -> str:
    """Any plain data (summaries, exports) as readable YAML."""
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True,
                     default_flow_style=False, width=LINE_WIDTH)


def ordered(record: dict) -> dict:
    """A copy of `record` with keys in schema order; unknown keys kept at the end."""
    out: dict[str, Any] = {}
    for key, default in FIELDS.items():
        value = record.get(key, default)
        if key in SUB_FIELDS and key != "source" and isinstance(value, list):
            value = [_order_item(item, SUB_FIELDS[key]) for item in value]
        elif key == "source" and isinstance(value, dict):
            value = _order_item(value, SUB_FIELDS["source"])
        out[key] = value
    for key, value in record.items():
        if key not in out:
            out[key] = value
    return out


def _order_item(item: Any, keys: tuple[str, ...]) -> Any:
    if not isinstance(item, dict):
        return item
    out = {k: item.get(k) for k in keys}
    if "aliases" in out and out["aliases"] is None:
        out["aliases"] = []
    if "participants" in out and out["participants"] is None:
        out["participants"] = []
    out.update({k: v for k, v in item.items() if k not in out})
    return out


def new_record() -> dict:
    """An empty record with every schema field present."""
    return ordered({})


# --- validation -----------------------------------------------------------

Problem = tuple[tuple, str]  # (path to the value, what is wrong)


def validate(record: Any, expected_id: str | None = None) -> list[Problem]:
    """Everything wrong with a record, as (path, message) pairs; [] when valid."""
    if not isinstance(record, dict):
        return [((), "a record must be a mapping of fields")]
    problems: list[Problem] = []
    add = problems.append
    for key in FIELDS:
        if key not in record and key not in ("language",):
            add(((key,), f"missing field '{key}'"))
    if record.get("schema") != SCHEMA_VERSION:
        add((("schema",), f"schema must be {SCHEMA_VERSION}"))
    rid = record.get("id")
    if not isinstance(rid, str) or not ID_RE.match(rid):
        add((("id",), "id must be lower-case a-z, 0-9 and '-'"))
    elif expected_id is not None and rid != expected_id:
        add((("id",), f"id {rid!r} does not match the file name {expected_id!r}"))
    for key in ("title", "summary"):
        _check_str(record, (key,), problems, nullable=True)
    _check_date(record.get("published"), ("published",), problems, nullable=True)
    if "added" in record and not isinstance(record.get("added"), (str, type(None))):
        add((("added",), "added must be a timestamp string"))
    source = record.get("source")
    if not isinstance(source, dict):
        add((("source",), "source must be a mapping with file, url, sha256"))
    else:
        _check_str(source, ("file",), problems, nullable=True, prefix=("source",))
        _check_str(source, ("url",), problems, nullable=True, prefix=("source",))
        sha = source.get("sha256")
        if not (isinstance(sha, str) and SHA_RE.match(sha)):
            add((("source", "sha256"), "sha256 must be 64 hex digits"))
    for key in ("topics", "places", "organizations"):
        _check_str_list(record.get(key), (key,), problems)
    for i, topic in enumerate(record.get("topics") or []):
        if isinstance(topic, str) and topic not in TOPICS:
            add((("topics", i), f"unknown topic {topic!r} (one of: {', '.join(TOPICS)})"))
    _check_items(record, "actors", problems, _check_actor)
    _check_items(record, "meetings", problems, _check_meeting)
    _check_items(record, "agreements", problems, _check_agreement)
    _check_items(record, "events", problems, _check_event)
    _check_items(record, "quotes", problems, _check_quote)
    return problems


def _check_str(obj: dict, path: tuple, problems: list, nullable: bool, prefix: tuple = ()) -> None:
    value = obj.get(path[-1])
    if value is None and nullable:
        return
    if not isinstance(value, str):
        problems.append((prefix + path, f"{path[-1]} must be text"))


def _check_str_list(value: Any, path: tuple, problems: list) -> None:
    if not isinstance(value, list):
        problems.append((path, f"{path[-1]} must be a list"))
        return
    for i, item in enumerate(value):
        if not isinstance(item, str):
            problems.append((path + (i,), f"{path[-1]} entries must be text"))


def _check_date(value: Any, path: tuple, problems: list, nullable: bool = True) -> None:
    if value is None and nullable:
        return
    if not isinstance(value, str) or not DATE_RE.match(value):
        problems.append((path, f"{path[-1]} must be YYYY, YYYY-MM or YYYY-MM-DD (quoted), not {value!r}"))


def _check_items(record: dict, key: str, problems: list, check) -> None:
    items = record.get(key)
    if not isinstance(items, list):
        problems.append(((key,), f"{key} must be a list"))
        return
    for i, item in enumerate(items):
        path = (key, i)
        if not isinstance(item, dict):
            problems.append((path, f"{key} entries must be mappings"))
            continue
        check(item, path, problems)


def _one_of(item: dict, field: str, allowed: tuple, path: tuple, problems: list) -> None:
    value = item.get(field)
    if value is not None and value not in allowed:
        problems.append((path + (field,), f"{field} {value!r} is not one of: {', '.join(allowed)}"))


def _check_actor(item: dict, path: tuple, problems: list) -> None:
    if not isinstance(item.get("name"), str) or not item["name"].strip():
        problems.append((path + ("name",), "actor name must be text"))
    _check_str(item, ("role",), problems, nullable=True, prefix=path)
    country = item.get("country")
    if country is not None and not (isinstance(country, str) and COUNTRY_RE.match(country)):
        problems.append((path + ("country",), f"country must be an ISO 3166 alpha-2 code like RU, not {country!r}"))
    _check_str_list(item.get("aliases", []), path + ("aliases",), problems)


def _check_meeting(item: dict, path: tuple, problems: list) -> None:
    _check_date(item.get("date"), path + ("date",), problems)
    _check_str(item, ("date_text",), problems, nullable=True, prefix=path)
    _check_str(item, ("place",), problems, nullable=True, prefix=path)
    _one_of(item, "kind", MEETING_KINDS, path, problems)
    _check_str_list(item.get("participants", []), path + ("participants",), problems)


def _check_agreement(item: dict, path: tuple, problems: list) -> None:
    _check_str(item, ("name",), problems, nullable=False, prefix=path)
    _one_of(item, "kind", AGREEMENT_KINDS, path, problems)
    _one_of(item, "status", AGREEMENT_STATUSES, path, problems)
    _check_date(item.get("date"), path + ("date",), problems)


def _check_event(item: dict, path: tuple, problems: list) -> None:
    _check_str(item, ("what",), problems, nullable=False, prefix=path)
    _check_str(item, ("place",), problems, nullable=True, prefix=path)
    _check_date(item.get("start"), path + ("start",), problems)
    _check_date(item.get("end"), path + ("end",), problems)


def _check_quote(item: dict, path: tuple, problems: list) -> None:
    _check_str(item, ("speaker",), problems, nullable=False, prefix=path)
    _check_str(item, ("text",), problems, nullable=False, prefix=path)


def iter_actor_names(record: dict) -> Iterator[str]:
    """Every form under which the record names a person (names and aliases)."""
    for actor in record.get("actors") or []:
        if isinstance(actor, dict):
            if isinstance(actor.get("name"), str):
                yield actor["name"]
            for alias in actor.get("aliases") or []:
                if isinstance(alias, str):
                    yield alias
