"""Fuzzing the extractor and the readers: a valid record or our own error, never anything else.

Random text, random bytes (through `sources.from_bytes`, the reader every
file and stdin go through), mutated corpus texts, and French-looking text
assembled from the fragments the passes look for. Every record must validate
(after the archive gives it an id and `added`), pass `check`, and survive
the YAML round trip unchanged.

More examples: BRIEFS_FUZZ_EXAMPLES=2000 pytest tests/test_fuzz.py
"""
from __future__ import annotations

import datetime as dt
import os

import pytest
from hypothesis import HealthCheck, example, given, settings, strategies as st

from briefs import check as checking, record as rec, sources
from briefs.archive import Archive, base_id, check_id
from briefs.errors import InputError, RecordError
from briefs.extract import extract

from conftest import CORPUS

EXAMPLES = int(os.environ.get("BRIEFS_FUZZ_EXAMPLES", "150"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.function_scoped_fixture])

CORPUS_TEXTS = [sources.read(str(p)).content for p in sorted(CORPUS.glob("*.txt"))] or [
    "Le secrétaire du Conseil de sécurité de la Russie, Nikolaï Patrouchev, a reçu ce 24 janvier à Moscou "
    "Ali Akbar Ahmadian. « Les discussions ont porté sur la coopération sécuritaire », a déclaré M. Patrouchev."]

FRAGMENTS = [
    "Sergueï Lavrov", "Abbas Araghtchi", "M. Lavrov", "le président iranien Massoud Pezeshkian", "Vladimir Poutine",
    "Ali Larijani", "le secrétaire du Conseil de sécurité", "a rencontré", "s'est entretenu avec", "se rendra",
    "a reçu", "au téléphone", "lors d'un entretien téléphonique", "à Moscou", "à Téhéran", "à Kazan", "au Kremlin",
    "le 24 janvier", "ce mardi", "vendredi", "hier", "la semaine dernière", "en début de semaine", "mi-avril",
    "fin mai", "début 2015", "l'automne prochain", "du 16 au 18 février", "le 31 février", "le 0 mars",
    "en 2024", "le 12/03/2024", "1er janvier 2026", "l'accord de partenariat stratégique global",
    "un mémorandum d'entente", "a été signé", "sera ratifié", "entre en vigueur", "en négociation", "la convention",
    "le corridor Nord-Sud", "les sanctions", "le programme nucléaire", "l'AIEA", "les BRICS", "l'OCS",
    "« Nous avons discuté de toutes les questions bilatérales importantes »", "a déclaré", "a-t-il dit", "selon",
    "\"", "«", "»", "(", ")", ".", ",", ";", ":", "-", "—", "\n", "\n\n", " ", "'", "’", "M.", "Mme",
    "NO", "yes", "null", "~", "2024-01-24", "&amp;", "&eacute;", "\u00a0", "\u200b", "\ufeff", "É", "İ", "ß", "ﬁ",
    "Moscou-Téhéran", "Iran", "Russie", "États-Unis", "la session de la commission économique mixte",
    "se tiendra", "s'ouvrira", "les exercices navals", "a été livré", "l'adhésion", "l'élection",
]

texts = st.text(max_size=600)
dates = st.none() | st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))
near_dates = st.none() | st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2035, 12, 31))
french_like = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=8), max_size=80).map(" ".join)
_KB = None


def kb():
    global _KB
    if _KB is None:
        from briefs import knowledge

        _KB = knowledge.load()
    return _KB


def assert_valid(record: dict) -> None:
    """What the archive would write: an id and `added`, then every check it runs."""
    assert isinstance(record, dict)
    record = dict(record)
    record["id"] = check_id(base_id(record))
    record["added"] = "2026-11-23T10:15:00Z"
    assert rec.validate(record, expected_id=record["id"]) == []
    text = rec.dumps(record)
    assert rec.loads(text) == rec.ordered(record), "YAML round trip changed the record"
    data, problems = checking.check_text(text, expected_id=record["id"])
    assert problems == [], problems


def run(content: str, published) -> None:
    try:
        record = extract(content, published, kb(), source_file="fuzz.txt")
    except InputError:
        return
    assert_valid(record)


@FUZZ
@given(content=texts, published=dates)
@example(content="", published=None)
@example(content=" \n\t ", published=dt.date(2024, 1, 24))
@example(content="\x00\x01\x02", published=None)
@example(content="Le 31 février, M. a rencontré à.", published=dt.date(1, 1, 1))
@example(content="Poutine a rencontré Raïssi le 31 décembre.", published=dt.date(9999, 12, 31))
def test_random_text(content, published):
    run(content, published)


@FUZZ
@given(content=french_like, published=near_dates)
def test_french_like_fragments(content, published):
    run(content, published)


@st.composite
def mutated_corpus(draw) -> str:
    text = draw(st.sampled_from(CORPUS_TEXTS))
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(["cut", "insert", "dup", "swap", "truncate", "case", "fragment"]))
        n = len(text)
        i = draw(st.integers(0, n))
        j = draw(st.integers(i, min(n, i + 200)))
        if op == "cut":
            text = text[:i] + text[j:]
        elif op == "insert":
            text = text[:i] + draw(st.text(max_size=20)) + text[i:]
        elif op == "dup":
            text = text[:j] + text[i:j] + text[j:]
        elif op == "swap":
            k = draw(st.integers(0, n))
            text = text[k:] + text[:k]
        elif op == "truncate":
            text = text[:i]
        elif op == "case":
            text = text[:i] + text[i:j].swapcase() + text[j:]
        else:
            text = text[:i] + " " + draw(st.sampled_from(FRAGMENTS)) + " " + text[i:]
    return text


@FUZZ
@given(content=mutated_corpus(), published=near_dates)
def test_mutated_corpus(content, published):
    run(content, published)


@FUZZ
@given(data=st.binary(max_size=800) | st.text(max_size=300).map(lambda t: t.encode("utf-8"))
       | st.sampled_from(CORPUS_TEXTS).map(lambda t: t.encode("cp1252", errors="replace"))
       | st.tuples(st.sampled_from(CORPUS_TEXTS), st.binary(max_size=20), st.integers(0, 2000)).map(
           lambda t: t[0].encode("utf-8")[: t[2]] + t[1] + t[0].encode("utf-8")[t[2]:]),
       published=near_dates)
def test_random_bytes_through_the_reader(data, published):
    try:
        src = sources.from_bytes(data, "fuzz.bin", "fuzz.bin", max_bytes=sources.DEFAULT_MAX_BYTES)
    except InputError:
        return
    assert isinstance(src.content, str) and src.content.strip()
    run(src.content, published)


# --- the readers of hand-edited records ------------------------------------

yaml_like = st.lists(st.sampled_from([
    "schema: 1", "id: 2024-01-24-x", "title: ", "published: ", "source:", "  sha256: ", "actors:", "- name: ",
    "  country: NO", "topics: [", "]", "{", "}", "&a", "*a", "!!python/object:os.system", "!!binary", "!!str",
    "'", '"', ":", "- ", "  ", "\n", "2024-01-24", "yes", "~", "null", "0x1F", "1e3", ".inf", "<<: *a", "---",
    "%YAML 1.1", "? ", "|", ">-", "\t",
]) | st.text(max_size=6), max_size=60).map("".join)


@FUZZ
@given(text=yaml_like | st.text(max_size=300))
def test_check_and_read_never_crash(text, tmp_path_factory):
    data, problems = checking.check_text(text, expected_id="2024-01-24-x")
    assert all(isinstance(line, int) and line >= 1 and isinstance(msg, str) for line, msg in problems)
    if not problems:
        assert rec.validate(data, expected_id="2024-01-24-x") == []
    folder = tmp_path_factory.mktemp("fuzz-archive")
    path = folder / "2024-01-24-x.yaml"
    path.write_bytes(text.encode("utf-8", errors="surrogatepass"))
    archive = Archive(folder)
    try:
        archive.read(path)
    except RecordError:
        pass
    fixed = checking.check_archive(archive, fix=True)  # --fix never crashes either
    assert fixed.total == 1


@pytest.mark.parametrize("published", [None, dt.date(2024, 1, 25)])
def test_whole_corpus(published):
    for content in CORPUS_TEXTS:
        run(content, published)
