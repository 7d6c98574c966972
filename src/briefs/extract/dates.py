"""French (and basic English) date expressions -> ISO dates at the precision the text gives.

Why this module exists: every dated item of a brief (meetings, events,
agreements, the record id) depends on turning words such as « vendredi »,
« ce 24 janvier », « en début de semaine » or « du 16 au 18 février » into
ISO strings, resolved against the publication date (SCHEMA.md, "Dates").
Doing it in one place keeps the rules consistent across passes.

Design choices (and why):

* The grammar is one list of regex branches (``_BRANCHES``), each with its
  own named groups and a small handler, compiled once into alternations.
  A cheap anchor scan (numbers, month/weekday names, « hier », « semaine »
  ...) picks the few places where a date can be, and only the branches an
  anchor can belong to are tried there: a sentence costs tens of
  microseconds, not milliseconds (the extractor targets >= 1000 texts/s).
* The direction of a year-less expression (is « jeudi » last Thursday or
  next Thursday?) comes from the verbs of the clause around it
  (``_TenseFinder.tense``): the nearest tense marker before the date in its clause,
  else after it, else in its sentence.  French news puts the verb next to
  the date (« a rencontré vendredi », « se rendra jeudi »), so proximity is
  a better signal than a global vote over the sentence.
* All calendar arithmetic goes through ``dateutil.relativedelta`` (weekday
  jumps such as ``relativedelta(weekday=FR(-1))`` handle month and year
  boundaries for free; the steps are built once, as constants, because
  building a relativedelta costs more than applying it); month and weekday names go through a French
  ``dateutil.parser.parserinfo`` so one table serves both the regex and
  the CLI parser.
* Everything is a pure function of its arguments; the compiled patterns
  and tables are module-level constants and are never mutated.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache
from typing import Any, Callable, NamedTuple, Optional

from dateutil.relativedelta import FR, MO, relativedelta

__all__ = [
    "DateMention",
    "find_dates",
    "is_future_clause",
    "parse_user_date",
    "parse_iso_partial",
    "FrenchParserInfo",
]


# --------------------------------------------------------------------------
# Public record
# --------------------------------------------------------------------------
@dataclass(frozen=True)
class DateMention:
    """One date expression found in a text.

    ``text`` keeps the words as written because SCHEMA.md wants them in
    ``date_text``; ``value`` is ``None`` rather than a guess when the year
    cannot be known ("never guess silently").
    """

    start: int
    end: int
    text: str
    value: str | None
    end_value: str | None = None
    relative: bool = False


# --------------------------------------------------------------------------
# Names: a French parserinfo (months, weekdays) reused by regex and CLI
# --------------------------------------------------------------------------
def _fold(s: str) -> str:
    """Lower-case and strip accents, so 'Février', 'fevrier' and 'FÉVRIER' compare equal."""
    decomposed = unicodedata.normalize("NFKD", s)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


# The French name tables: plain data, so that the names resolve without
# dateutil's parser (which `parse_user_date` and a plain import need not load).
_FR_MONTHS = (
    ("janv", "janvier"),
    ("févr", "fevr", "fév", "fev", "février", "fevrier"),
    ("mars",),
    ("avr", "avril"),
    ("mai",),
    ("juin",),
    ("juil", "juillet"),
    ("août", "aout"),
    ("sept", "septembre"),
    ("oct", "octobre"),
    ("nov", "novembre"),
    ("déc", "dec", "décembre", "decembre"),
)
_FR_WEEKDAYS = (
    ("lun", "lundi"),
    ("mar", "mardi"),
    ("mer", "mercredi"),
    ("jeu", "jeudi"),
    ("ven", "vendredi"),
    ("sam", "samedi"),
    ("dim", "dimanche"),
)
_EN_MONTHS = "january february march april may june july august september october november december".split()
_EN_WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday".split()


@cache
def _parser_infos() -> tuple[type, Any, Any]:
    """(FrenchParserInfo, a French instance, dateutil's English one), built on first use.

    Why lazy: dateutil's parser module costs tens of milliseconds to import,
    and only unusual spellings (« Janv », « SEPT », English abbreviations)
    ever need it; a CLI that only parses « --since janvier 2024 » never does.
    """
    from dateutil import parser as du_parser

    class FrenchParserInfo(du_parser.parserinfo):
        """dateutil parserinfo with French month and weekday names.

        Why: dateutil knows English names only; subclassing its parserinfo gives
        one authoritative name table (with unaccented spellings, which real
        scrapes and command lines contain) that the lookups below share.
        Lookups are accent- and case-insensitive.
        """

        MONTHS = [tuple(names) for names in _FR_MONTHS]
        WEEKDAYS = [tuple(names) for names in _FR_WEEKDAYS]
        JUMP = [" ", ".", ",", ";", "-", "/", "'", "’", "le", "la", "du", "de", "er", "en"]

        def month(self, name: str) -> Optional[int]:  # noqa: D401 - dateutil signature
            """Month number 1-12 for a French name (accents optional), else None."""
            return super().month(_fold(name))

        def weekday(self, name: str) -> Optional[int]:
            """Weekday number (Monday=0) for a French name (accents optional), else None."""
            return super().weekday(_fold(name))

    FrenchParserInfo.__module__, FrenchParserInfo.__qualname__ = __name__, "FrenchParserInfo"
    return FrenchParserInfo, FrenchParserInfo(), du_parser.parserinfo()


def _month_number_slow(name: str) -> int | None:
    """Month 1-12 from a French or English name, through the parserinfo tables."""
    _, fr, en = _parser_infos()
    return fr.month(name) or en.month(name)


def _weekday_number_slow(name: str) -> int | None:
    """Weekday (Monday=0) from a French or English name, through the parserinfo tables."""
    _, fr, en = _parser_infos()
    n = fr.weekday(name)
    return n if n is not None else en.weekday(name)


# Every spelling of the tables (lower-case): a dict hit per mention instead of
# accent folding per mention; the parserinfo is only asked about the others.
_MONTH_NAMES = {**{w: i for i, names in enumerate(_FR_MONTHS, 1) for w in names},
                **{w: i for i, w in enumerate(_EN_MONTHS, 1)}}
_WEEKDAY_NAMES = {**{w: i for i, names in enumerate(_FR_WEEKDAYS) for w in names},
                  **{w: i for i, w in enumerate(_EN_WEEKDAYS)}}


def _month_number(name: str) -> int | None:
    """Month 1-12 from a French or English name (any case, accents optional, « janv. »)."""
    name = name.rstrip(".")
    n = _MONTH_NAMES.get(name.lower())
    return n if n is not None else _month_number_slow(name)


def _weekday_number(name: str) -> int | None:
    """Weekday (Monday=0) from a French or English name (any case, accents optional)."""
    n = _WEEKDAY_NAMES.get(name.lower())
    return n if n is not None else _weekday_number_slow(name)


# --------------------------------------------------------------------------
# The date grammar: one alternation, compiled once
# --------------------------------------------------------------------------
_AP = r"['’ʼ‘´`]"  # apostrophes as typed or typeset
_HY = r"[-‐‑]"  # hyphen variants (avant-hier, mi-avril)
_MONTH_FR = (
    r"janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|d[ée]cembre"
)
_MONTH_EN = r"january|february|march|april|may|june|july|august|september|october|november|december"
# Abbreviations only with their dot (« le 3 janv. 2024 »): « sept » alone is a number.
_MONTH_ABBR = r"janv|f[ée]vr?|avr|juil|sept|oct|nov|d[ée]c"
_MONTH = rf"(?:(?:{_MONTH_FR}|{_MONTH_EN})\b|(?:{_MONTH_ABBR})\.)"
_MONTH_FULL = rf"(?:{_MONTH_FR}|{_MONTH_EN})\b"
_MONTH_ENB = rf"(?:{_MONTH_EN})\b"
_WD_FR = r"lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
_WD_EN = r"monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_WDAY = rf"(?:{_WD_FR}|{_WD_EN})\b"
# Day of month: 1er, 01..31, never a piece of a longer number.
_DAY = r"(?<![\d,.])(?:1(?:er|ᵉʳ)|3[01]|[12]\d|0?[1-9])(?!\d)"
_DAY_EN = r"(?<![\d,.])(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
# A year is 1900-2100 and not followed by more digits ("2 000", "2015,5").
_YEAR = r"(?:19\d\d|20\d\d|2100)(?!\d|[,.]\d)"
# Quantities that make a 4-digit number after "de" a count, not a year.
_UNITS = (
    r"\s*(?:%|€|\$|dollars?|euros?|roubles?|rials?|tonnes?|km|kilom[èe]tres?|m[èe]tres?|hommes|"
    r"soldats|personnes|m[ée]gawatts?|mw|barils|milliards?|millions?|exemplaires|unit[ée]s|pi[èe]ces|"
    r"habitants|emplois|militaires|produits|centrifugeuses|missiles|avions|chars|kg|mètres)\b"
)
_PART = (r"(?:d[ée]but|fin|mi|courant|milieu|early|mid|late|(?:premi[èe]re|seconde|deuxi[èe]me)\s+quinzaine"
         r"|(?:premier|second|deuxi[èe]me|troisi[èe]me|quatri[èe]me|dernier)\s+(?:trimestre|semestre))")
_PART_PRE = rf"(?:(?:[àa]\s+la|au|en)\s+)?{_PART}(?:\s*{_HY}\s*|\s+)"
_PART_OF = rf"(?:(?:du\s+mois\s+)?(?:de\s+|d{_AP}\s*)|of\s+)?"
_TOD = rf"(?:soir|matin|apr[eè]s{_HY}?\s*midi|midi|night|morning|afternoon|evening|dans\s+la\s+(?:soir[ée]e|matin[ée]e|nuit))"
_NUM_WORD = (
    r"\d{1,3}|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|quinze|vingt|trente|"
    r"a|an|one|two|three|four|five|six|seven|eight|nine|ten"
)
_REL_PAST = r"derni[eè]re?|pass[ée]e?"
_REL_NEXT = r"prochaine?"
# « la semaine précédente / d'avant / écoulée », « le mois suivant », « l'année d'après »: counted from
# the story's time (the day named before in the sentence, else publication), not always from publication.
_REL_PREV = rf"pr[ée]c[ée]dente?|[ée]coul[ée]e?|d{_AP}\s*avant"
_REL_FOLLOW = rf"suivante?|d{_AP}\s*apr[eè]s"
_REL_ANY = rf"{_REL_PAST}|{_REL_NEXT}|{_REL_PREV}|{_REL_FOLLOW}|en\s+cours"
# Light prepositions and determiners that may follow a bare day number (« reçu le 12 par X »,
# « attendu le 25 à Moscou »): a day then, not a count (« le 12 juin » is taken before).
_AFTER_BARE_DAY = (r"(?=\s*(?:[,;)]|\.(?!\d)|$)|\s+(?:au|dans\s+la)\s+(?:soir|matin|soir[ée]e|matin[ée]e)\b"
                   r"|\s+(?:[àa]|au|aux|par|avec|dans|en|lors|pour|sur|chez|entre|devant|dès|et\s+(?:le|ce))\s)")
# Days from another day: « la veille », « le lendemain », « deux jours plus tard », « trois jours après ».
_OFFSET_WORDS = {"veille": -1, "avant-veille": -2, "lendemain": 1, "surlendemain": 2, "suivant": 1, "precedent": -1}

# (branch name, pattern).  Order matters: at one position the first branch
# that matches wins, so longer forms come first (a range before a single
# day, "février 2005" before "en février", "mardi 17 janvier" before "mardi").
_BRANCHES: list[tuple[str, str]] = [
    # du 16 au 18 février / du 28 février au 2 mars / les 16 et 17 avril / entre le 3 et le 5 mai
    # (mercredi 12 et jeudi 13 mars / du lundi 3 au mercredi 5 mars)
    ("rdm", rf"(?:(?:du|from|entre(?:\s+le)?|les|between)\s+)?(?:{_WDAY},?\s+)?(?P<rdm_d1>{_DAY})(?:\s+(?P<rdm_m1>{_MONTH}))?"
            rf"(?:\s+(?P<rdm_y1>{_YEAR}))?\s*(?:au|à|et(?:\s+le)?|{_HY}|–|to|and|until|through)\s*"
            rf"(?:{_WDAY},?\s+)?(?P<rdm_d2>{_DAY})\s+(?P<rdm_m2>{_MONTH})(?:\s+(?P<rdm_y2>{_YEAR}))?"),
    # April 16-18 / from April 28 to May 2, 2025
    ("rmd", rf"(?:from\s+)?(?P<rmd_m1>{_MONTH_ENB})\s+(?P<rmd_d1>{_DAY_EN})\s*(?:{_HY}|–|to|through|until)\s*"
            rf"(?:(?P<rmd_m2>{_MONTH_ENB})\s+)?(?P<rmd_d2>{_DAY_EN})(?:\s*,?\s*(?P<rmd_y>{_YEAR}))?"),
    # 14/11/2019, 14.11.2019
    ("num", rf"(?:(?:le|du|ce|on|au)\s+)?(?:{_WDAY},?\s+)?(?<![\d/.-])(?P<num_d>[0-3]?\d)(?P<num_sep>[/.-])(?P<num_m>[01]?\d)"
            rf"(?P=num_sep)(?P<num_y>(?:19|20)\d\d)(?!\d)"),
    # du 12 au 14/04, les 3 et 4/05, du 28/02 au 02/03(/2025)
    ("rdn", rf"(?:du|les|entre(?:\s+le)?)\s+(?<![\d/.])(?P<rdn_d1>[0-3]?\d)(?:[/.](?P<rdn_m1>[01]?\d))?\s*(?:au|et(?:\s+le)?|{_HY}|–)\s*"
            rf"(?P<rdn_d2>[0-3]?\d)[/.](?P<rdn_m2>[01]?\d)(?:[/.](?P<rdn_y>(?:19|20)\d\d))?(?![\d/.]\d|\d|\s*%|{_UNITS})"),
    # le 12/03, mardi 12.03, au 28/02: day-first, no year (a dotted or one-digit form needs its article)
    ("ndm", rf"(?:(?P<ndm_art>le|du|ce|au|on)\s+)?(?:(?P<ndm_wd>{_WDAY}),?\s+)?(?<![\d/.,-])(?P<ndm_d>[0-3]?\d)(?P<ndm_sep>[/.])"
            rf"(?P<ndm_m>[01]?\d)(?![\d/.,-]\d|[\d/]|\s*%|{_UNITS})"),
    # 2019-11-14
    ("iso", r"(?<![\d-])(?P<iso_y>(?:19|20)\d\d)-(?P<iso_m>[01]\d)-(?P<iso_d>[0-3]\d)(?!\d)"),
    # le 17 janvier (2025), ce 24 janvier, un 3 février(, il y a plusieurs années), mardi 17 janvier, on 12 April
    ("dm", rf"(?:(?P<dm_art>le|ce|du|un|on|the)\s+)?(?:(?P<dm_wd>{_WDAY}),?\s+)?(?P<dm_d>{_DAY})(?:st|nd|rd|th)?\s+"
           rf"(?:of\s+)?(?P<dm_m>{_MONTH})(?:\s*,?\s*(?P<dm_y>{_YEAR})|\s+(?P<dm_rel>dernier|prochain)\b"
           rf"|(?P<dm_ybad>\s+\d{{4}})(?!\d))?"
           rf"(?P<dm_ago>\s*,?\s*il\s+y\s+a\s+(?:plusieurs|quelques|de\s+nombreuses|bien\s+des|\w+)\s+(?:ann[ée]es|ans))?"),
    # le 12, / ce 3 au soir: a day of the month the text is in (or the one before), month unsaid
    ("dn", rf"(?P<dn_art>le|ce)\s+(?P<dn_d>{_DAY}){_AFTER_BARE_DAY}"),
    # jeudi et vendredi, du lundi au mercredi: two days of one week
    ("rwd", rf"(?:(?:du|de|entre)\s+)?(?P<rwd_w1>{_WD_FR})\s+(?:au|à|et)\s+(?P<rwd_w2>{_WD_FR})\b(?!\s*(?:\d|dernier|prochain))"),
    # (le) dimanche 16, ce mardi 4: a weekday and its day, month unsaid
    ("wdn", rf"(?:(?:le|ce)\s+)?(?P<wdn_w>{_WD_FR})\s+(?P<wdn_d>{_DAY}){_AFTER_BARE_DAY}"),
    # on April 12 / April 12, 2025 / Friday, April 18
    ("md", rf"(?:(?P<md_on>on)\s+)?(?:(?P<md_wd>{_WD_EN})\b,?\s+)?(?P<md_m>{_MONTH_ENB})\s+(?P<md_d>{_DAY_EN})"
           rf"(?:\s*,\s*(?P<md_y>{_YEAR})|\s+(?P<md_y2>{_YEAR}))?"),
    # entre décembre 2007 et janvier 2008 / de mars à mai 2025
    ("rmm", rf"(?:entre|de|from|between)\s+(?P<rmm_m1>{_MONTH})(?:\s+(?P<rmm_y1>{_YEAR}))?\s+"
            rf"(?:et|à|au|to|and|until)\s+(?:(?:de\s+l{_AP}ann[ée]e\s+)?)(?P<rmm_m2>{_MONTH})(?:\s+(?P<rmm_y2>{_YEAR}))?"),
    # en 2006 et 2007 / entre 2006 et 2007 / de 2015 à 2020
    ("ryy", rf"(?:entre|de|en|from|between|in)\s+(?P<ryy_y1>{_YEAR})\s*(?:et|à|{_HY}|–|to|and)\s*(?P<ryy_y2>{_YEAR})(?!{_UNITS})"),
    # en février 2005, fin avril 2025, mi-avril 2025, janvier 2016, in March 2005
    ("my", rf"(?:(?:en|in)\s+)?(?:(?P<my_part>{_PART_PRE}){_PART_OF})?(?P<my_m>{_MONTH})\s+(?:de\s+l{_AP}ann[ée]e\s+)?(?P<my_y>{_YEAR})"),
    # mi-avril, fin mai, début mars, à la mi-avril, early March
    ("pm", rf"(?P<pm_part>{_PART_PRE}){_PART_OF}(?P<pm_m>{_MONTH})(?:\s+(?P<pm_rel>dernier|prochain)\b)?"),
    # début 2015, fin 2015, mi-2015
    ("py", rf"(?P<py_part>{_PART_PRE})(?:(?:de\s+l{_AP}ann[ée]e|de\s+l{_AP}an|d{_AP}ann[ée]e)\s+)?(?P<py_y>{_YEAR})"),
    # l'automne prochain, cet été, au printemps 2025, à l'automne
    ("ss", rf"(?P<ss_pre>l{_AP}\s*|cet\s+|ce\s+|cette\s+|au\s+|en\s+|[àa]\s+l{_AP}\s*|d{_AP}ici\s+l{_AP}\s*)"
           rf"(?P<ss_s>printemps(?!\s+(?:arabe|de\s+prague))|[ée]t[ée]|automne|hiver)(?:\s+(?P<ss_y>{_YEAR})|\s+(?P<ss_rel>prochain|dernier|pass[ée]))?\b"),
    ("sse", rf"(?P<sse_pre>this|last|next|in\s+the|during\s+the)\s+(?P<sse_s>spring|summer|autumn|fall(?!\s+of\s+(?!\d))|winter)"
            rf"(?:\s+(?:of\s+)?(?P<sse_y>{_YEAR}))?\b"),
    # en 2001 / depuis 2016 / l'année 2019 (the preposition other than en/in stays outside `text`)
    ("y", rf"(?:(?P<y_pre>en|in|l{_AP}ann[ée]e|l{_AP}an)\s+|(?<=\bdepuis\s)|(?<=\bd[èe]s\s)|(?<=\bde\s)|(?<=\bavant\s)"
          rf"|(?<=\bapr[èe]s\s)|(?<=\bsince\s)|(?<=\bfrom\s)|(?<=\buntil\s)|(?<=\bby\s)|(?<=\bbefore\s)|(?<=\bafter\s)"
          rf"|(?<=\bd.ici\s)|(?<=\bpour\s)|(?<=\bvers\s)|(?<=\bhorizon\s))(?P<y_y>{_YEAR})(?!{_UNITS}|\s*(?:{_HY}|–)\s*\d)"),
    # en mars, in March, depuis janvier, au mois d'avril
    ("m", rf"(?:(?P<m_pre>en|in|courant|(?:au|le|du|ce)\s+mois\s+(?:de|d{_AP}))\s*|(?<=\bdepuis\s)|(?<=\bd[èe]s\s)"
          rf"|(?<=\bsince\s)|(?<=\buntil\s)|(?<=\bpour\s)|(?<=\bde\s)|(?<=\bd')|(?<=\bd’))(?P<m_m>{_MONTH_FULL})(?:\s+(?P<m_rel>dernier|prochain)\b)?"),
    # en début de semaine, en fin de semaine, au début de la semaine prochaine
    ("wkp", rf"(?:(?:en|au|[àa]\s+la)\s+)?(?P<wkp_part>d[ée]but|fin|milieu|courant)\s+(?:de\s+(?:la\s+)?|d{_AP})semaine"
            rf"(?:\s+(?P<wkp_rel>{_REL_ANY}))?\b"),
    # ce week-end, le week-end dernier, le week-end prochain, last weekend -> its Saturday
    ("we", rf"(?P<we_det>ce|le|this|last|next)\s+week(?:{_HY}|\s)?end(?:\s+(?P<we_rel>{_REL_PAST}|{_REL_NEXT}))?\b"),
    # cette semaine, la semaine dernière, la semaine prochaine, last week
    ("wk", rf"(?P<wk_det>cette|la|this|last|next|earlier\s+this|later\s+this)\s+(?:semaine|week)"
           rf"(?:\s+(?P<wk_rel>{_REL_ANY}))?(?!\w)"),
    # le mois dernier, ce mois-ci, fin du mois, last month
    ("mo", rf"(?:(?P<mo_part>{_PART_PRE})(?:du|de\s+ce|de)\s+mois|(?P<mo_det>le|ce)\s+mois)(?:{_HY}ci)?"
           rf"(?:\s+(?P<mo_rel>dernier|pass[ée]|prochain|pr[ée]c[ée]dent|[ée]coul[ée]|suivant|d{_AP}\s*avant|d{_AP}\s*apr[eè]s"
           rf"|en\s+cours))?(?!\w)|(?P<mo_en>last|next|this|earlier\s+this|later\s+this)\s+month\b"),
    # l'an dernier, l'année prochaine, cette année, en fin d'année, last year
    ("yr", rf"(?:(?P<yr_part>{_PART_PRE})(?:de\s+)?)?(?:l{_AP}an(?:n[ée]e)?\s+(?P<yr_rel>{_REL_ANY})(?!\w)"
           rf"|(?P<yr_this>cette\s+ann[ée]e)\b)|(?P<yr_part2>{_PART_PRE})d{_AP}ann[ée]e\b"
           rf"|(?P<yr_part3>{_PART_PRE})de\s+l{_AP}(?:ann[ée]e|an)\b(?!\s*(?:\d|{_REL_ANY}))"
           rf"|(?P<yr_en>last|next|this)\s+year\b"),
    # vendredi, ce mardi, lundi dernier, Dimanche soir, on Friday, last Friday
    ("wd", rf"(?:(?P<wd_pre>ce|cette|on|this|last|next)\s+)?(?P<wd_w>{_WDAY})(?:\s+(?P<wd_rel>dernier|prochain|pass[ée]))?"
           rf"(?:\s+(?P<wd_tod>{_TOD})\b)?(?:\s+(?P<wd_rel2>dernier|prochain))?"),
    # hier, avant-hier, aujourd'hui, demain, après-demain, ce matin, yesterday
    ("rd", rf"(?P<rd_w>avant{_HY}?\s*hier|apr[eè]s{_HY}?\s*demain|aujourd{_AP}\s*hui|hier|demain|yesterday|today|tomorrow"
           rf"|ce\s+matin|ce\s+soir|cet\s+apr[eè]s{_HY}?\s*midi|this\s+morning|tonight)\b(?:\s+(?P<rd_tod>{_TOD})\b)?"),
    # il y a deux jours, dans trois semaines, two days ago
    ("ago", rf"(?P<ago_dir>il\s+y\s+a|voici|dans)\s+(?:(?P<ago_n>{_NUM_WORD})\s+|une\s+(?P<ago_q>quinzaine|huitaine)\s+de\s+)"
            rf"(?P<ago_u>jours?|semaines?|mois|ans?|ann[ée]es?)\b(?P<ago_exact>,?\s+jour\s+pour\s+jour\b)?"
            rf"|(?P<ago_n2>{_NUM_WORD})\s+(?P<ago_u2>days?|weeks?|months?|years?)\s+ago\b"),
    # deux jours plus tard, trois jours après (la signature), une semaine avant, la veille (de), le lendemain
    ("off", rf"(?:(?P<off_n>{_NUM_WORD})\s+(?P<off_u>jours?|semaines?)\s+(?P<off_dir>plus\s+tard|plus\s+t[ôo]t|auparavant"
            rf"|apr[èe]s|avant)|(?:la|le|l{_AP})\s*(?P<off_w>veille|avant{_HY}veille|lendemain|surlendemain"
            rf"|jour\s+suivant|jour\s+pr[ée]c[ée]dent))(?!\w)"
            rf"(?P<off_of>(?=\s+(?:(?P<off_de>de|du|des|d{_AP})|la|le|les|l{_AP}|sa|son|ses|leur|leurs|cette|ce|cet|un|une)\b))?"),
    # le même jour, le jour même, le soir même, le même soir
    ("same", r"le\s+m[êe]me\s+(?:jour|soir|matin)|le\s+(?:jour|soir|matin)\s+m[êe]me|the\s+same\s+day"),
]

# Anchors: every expression contains one of these words (or a number).
# Scanning for anchors first and trying only the branches an anchor can
# start, at the few word starts just before it, is what makes a sentence
# cost microseconds: the full alternation is never run at every word.
_BRANCHES_BY_ANCHOR: dict[str, tuple[str, ...]] = {}
for _words, _names in (
    ("janvier février fevrier mars avril mai juin juillet août aout septembre octobre novembre décembre "
     "decembre january february march april may june july august september october november december",
     ("rmd", "md", "rmm", "my", "pm", "m")),
    ("lundi mardi mercredi jeudi vendredi samedi dimanche monday tuesday wednesday thursday friday saturday sunday",
     ("rdm", "num", "ndm", "dm", "md", "rwd", "wdn", "wd")),
    ("printemps été ete automne hiver spring summer autumn fall winter", ("ss", "sse")),
    ("semaine", ("wkp", "wk", "ago", "off")),
    ("semaines", ("ago", "off")),
    ("veille lendemain surlendemain", ("off",)),
    ("week", ("wkp", "we", "wk", "ago")),
    ("weekend", ("we",)),
    ("janv fevr févr fev fév avr juil sept oct nov dec déc", ("rmd", "md", "rmm", "my", "pm")),
    ("mois", ("mo", "my", "pm", "m", "ago")),
    ("month", ("mo",)),
    ("an année annee", ("yr", "y", "py", "ago")),
    ("year", ("yr",)),
    ("hier demain aujourd yesterday today tomorrow tonight midi morning", ("rd",)),
    ("matin soir", ("rd", "same")),
    ("jour day", ("same", "ago", "off")),
    ("jours", ("ago", "off")),
    ("days weeks months ans années annees years", ("ago",)),
):
    for _w in _words.split():
        _BRANCHES_BY_ANCHOR[_w] = _names
_DIGIT_BRANCHES = ("rdm", "num", "rdn", "ndm", "iso", "dm", "dn", "ryy", "py", "y", "ago")


_WORD_TOKEN_RE = re.compile(r"\w+")
_JOINERS = frozenset(" \t\n\u00a0\u202f\u2009'’ʼ‘´`-‐‑")  # what may separate a prefix word from the anchor
_LOOKBACK_CHARS = 40  # room for up to five prefix words (« au début de la semaine »)
# Words that may stand before an anchor inside a date expression.  Only a
# run of these before the anchor is worth trying as a match start.
_PREFIX_WORDS = frozenset(
    "le la les l ce cet cette du de d des un une on the entre between from en in au aux à a début debut fin mi "
    "courant milieu early mid late this last next earlier later il y dans même meme jour mois ici of during "
    "avant après apres et and to deux trois quatre cinq six sept huit neuf dix onze douze quinze vingt trente "
    "one two three four five seven eight nine ten plusieurs quelques "
    "premier première second seconde deuxième troisième quatrième dernier trimestre semestre voici une quinzaine huitaine"
    .split()
)


def _compile_branches(names: tuple[str, ...]) -> re.Pattern[str]:
    """One alternation over `names`, in the global priority order of _BRANCHES."""
    wanted = set(names)
    body = "|".join(f"(?P<{n}>{p})" for n, p in _BRANCHES if n in wanted)
    return re.compile(r"\b(?:" + body + ")")


class _Grammar(NamedTuple):
    anchor: re.Pattern[str]  # any anchor word or number
    by_anchor: dict[str, re.Pattern[str]]  # anchor word -> the alternation of its branches
    digit: re.Pattern[str]  # the alternation of the branches a number can be part of


@cache
def _grammar() -> _Grammar:
    """The compiled date grammar, built on the first call of `find_dates`.

    Patterns run on the lower-cased text (same length, same offsets): no
    IGNORECASE needed, which also makes them faster.  Why lazy: compiling
    the alternations is most of the cost of importing this module, which the
    CLI does for `parse_user_date` alone.
    """
    from briefs.extract.lexicon import trie_pattern

    anchor = re.compile(r"\b(?:\d+|" + trie_pattern(sorted(_BRANCHES_BY_ANCHOR), char=re.escape) + r"\b)")
    by_branches = {names: _compile_branches(names) for names in {*_BRANCHES_BY_ANCHOR.values(), _DIGIT_BRANCHES}}
    return _Grammar(anchor, {w: by_branches[names] for w, names in _BRANCHES_BY_ANCHOR.items()},
                    by_branches[_DIGIT_BRANCHES])


@cache
def _anchor_starts() -> Any:
    """The anchors for a word index (lexicon.WordIndex): the words, folded, and any run starting with a digit."""
    from briefs.extract.lexicon import Starts, fold_same_length

    return Starts.of([fold_same_length(w) for w in _BRANCHES_BY_ANCHOR] + [f"{d}*" for d in "0123456789"])


def __getattr__(name: str) -> Any:
    """`ANCHOR_STARTS` and `FrenchParserInfo`, built on first access (PEP 562): see `_grammar`."""
    if name == "ANCHOR_STARTS":
        return _anchor_starts()
    if name == "FrenchParserInfo":
        return _parser_infos()[0]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


_NUMBERS = {
    "un": 1, "une": 1, "a": 1, "an": 1, "one": 1, "deux": 2, "two": 2, "trois": 3, "three": 3,
    "quatre": 4, "four": 4, "cinq": 5, "five": 5, "six": 6, "sept": 7, "seven": 7, "huit": 8,
    "eight": 8, "neuf": 9, "nine": 9, "dix": 10, "ten": 10, "onze": 11, "douze": 12,
    "quinze": 15, "vingt": 20, "trente": 30,
}
# Season start (month, day); a season lasts three months.
_SEASONS = {"printemps": (3, 20), "spring": (3, 20), "ete": (6, 21), "summer": (6, 21),
            "automne": (9, 22), "autumn": (9, 22), "fall": (9, 22), "hiver": (12, 21), "winter": (12, 21)}


# --------------------------------------------------------------------------
# Tense markers: what decides past vs future for year-less dates
# --------------------------------------------------------------------------
# Why tokens and tables rather than one more regex: the markers are mostly
# word endings (-ra, -ront, -ait, -ed) that a regex would have to try at
# every word; a C-level tokeniser plus dict/`endswith` checks is several
# times cheaper, and only the clause around a date is ever scanned.
_WORD_RE = re.compile(r"[^\W\d_]+")

_AUX_AVOIR = frozenset("a ont avait avaient ai avons avez eut eurent ayant avoir".split())
_ETRE = frozenset("est sont était étaient fut furent étant sera seront serait seraient".split())
_ETRE_PAST = frozenset("était étaient fut furent".split())
_ETRE_FUT = frozenset("sera seront".split())
_ETRE_COND = frozenset("serait seraient".split())
_ADVERBS = frozenset(
    "déjà pas jamais notamment également aussi enfin ensuite finalement alors bien longuement récemment "
    "officiellement d abord en outre par ailleurs pour sa part de son côté toutefois cependant encore même "
    "précédemment plus tôt ainsi lui leur y tous tout toutes ne n".split()
)
_PARTICIPLE_ENDINGS = ("é", "ée", "és", "ées", "i", "ie", "is", "ies", "u", "ue", "us", "ues", "t", "te", "ts", "tes")


def _inflections(*stems: str) -> frozenset[str]:
    """Participle stems with their feminine/plural forms."""
    return frozenset(s + e for s in stems for e in ("", "e", "s", "es"))


# Participles that announce rather than report: « est attendu lundi ».
# A postponed or rescheduled happening is moved to a later day, even in the passé composé:
# « a été reportée au 20 mai », « ont repoussé le sommet à juin ».
_RESCHEDULED = _inflections("reporté", "repoussé", "décalé", "ajourné", "reprogrammé")
_FUT_PARTICIPLES = _inflections("attendu", "prévu", "programmé", "planifié", "censé", "appelé",
                                "convié", "envisagé", "escompté") | _RESCHEDULED
# Verbs conjugated with être whose passé composé is unambiguously past.
_MOTION = _inflections("arrivé", "parti", "venu", "allé", "rentré", "revenu", "entré", "mort", "né", "devenu",
                       "resté", "tombé", "passé", "retourné", "décédé", "rendu", "sorti", "monté", "descendu")
_FUTURE_WORDS = _FUT_PARTICIPLES | frozenset(
    "doit doivent devra devront devrait devraient devait devaient pourrait pourraient pourra pourront "
    "prochain prochaine prochains prochaines prochainement bientôt will shall upcoming next scheduled ll "
    "recevrait recevraient viendrait viendraient tiendrait tiendraient rendrait rendraient "
    # infinitives that plan a gathering (« ont convenu d'organiser une réunion du 9 au 10 février »)
    "organiser tenir retrouver revoir rencontrer".split()
)
_PAST_WORDS = frozenset(
    "hier déjà naguère auparavant jadis précédemment dernièrement récemment fut furent eurent purent firent "
    "dirent prirent mirent vinrent tinrent was were had did held met said told took gave went came made spoke "
    "began ago last yesterday earlier".split()
)
_VA = frozenset("va vont allait allaient".split())
_VA_SKIP = frozenset(
    "se s l le la les lui leur y en ne pas donc ainsi bientôt probablement également aussi encore enfin".split()
)
_TO_FUTURE = frozenset("going expected set due plans plan".split())
_FUT_ENDINGS = ("ra", "ront", "rons", "rez", "rai")
_NOT_FUTURE = frozenset(
    "vrai lira era camera opera cholera chimera environs escadrons marrons hydra tundra terra sierra extra".split()
)
_NOT_IMPARFAIT = frozenset(
    "trait retrait portrait extrait attrait abstrait distrait souhait lait forfait bienfait méfait parfait fait "
    "aurait auraient ferait feraient irait iraient saurait sauraient faudrait vaudrait".split()
)
_CONDITIONAL_STEMS = ("er", "dr", "vr", "rr")
_NOT_ED = frozenset("need indeed speed proceed exceed succeed feed seed bleed breed embed shed fled pied bled".split())
_QUE = frozenset(("que", "qu"))


# « à la veille de », « à l'approche de »: what follows is still to come.
_EVE_WORDS = frozenset("veille approche".split())
_KEYWORDS = (_AUX_AVOIR | _ETRE | _FUTURE_WORDS | _PAST_WORDS | _VA | _TO_FUTURE | _EVE_WORDS) | {"venir", "ici"}
_ENDINGS = _FUT_ENDINGS + ("ait", "aient", "èrent", "ed")


def _scan_markers(text: str, low: str, lo: int, hi: int) -> list[tuple[int, int, str]]:
    """Tense markers in text[lo:hi] as (start, end, 'future'|'past'), in text order.

    `low` is text.lower() (same offsets).  Past: avoir + participle
    (« a rencontré », « avait reçu »), reflexive être (« s'est entretenu »),
    être + motion verb (« est arrivé »), imparfait, passé simple, past
    adverbs (« hier », « déjà », « il y a »), English past forms.  Future:
    modal devoir/pouvoir (« doit », « devrait »), simple future (« se
    rendra », « recevra »), futur proche (« va signer »), announcement
    participles (« attendu », « prévu »), « prochain », « à venir »,
    « d'ici », English will/next/going to.  Words are lower-case-only
    where a capital would mean a proper noun (Ankara) or « À ».
    """
    found = list(_WORD_RE.finditer(low, lo, hi))
    words = [m.group() for m in found]
    n = len(words)
    out: list[tuple[int, int, str]] = []
    consumed = -1  # index of the last word taken by a multi-word marker
    for i in [i for i, t in enumerate(words) if t in _KEYWORDS or t.endswith(_ENDINGS)]:
        if i <= consumed:
            continue
        t = words[i]
        s, e = found[i].span()
        lower = text[s].islower()
        prev = words[i - 1] if i else ""
        if t in _AUX_AVOIR and lower:
            if t == "avoir":
                # « après avoir été reçu jeudi »: a past infinitive has the tense of its main verb
                j = i + 1
                while j < n and (words[j] in _ADVERBS or words[j] in ("été", "eu")):
                    j += 1
                if j < n and _is_participle(text, found[j], words[j]):
                    consumed = j
                continue
            if t == "a" and prev == "y" and i >= 2 and words[i - 2] == "il":
                out.append((found[i - 2].start(), e, "past"))  # « il y a deux jours »
                continue
            j = i + 1
            while j < n and words[j] in _ADVERBS:
                j += 1
            if j < n and words[j] in ("été", "eu"):
                k = j + 1
                while k < n and words[k] in _ADVERBS:
                    k += 1
                last = k if k < n and _is_participle(text, found[k], words[k]) else j
                out.append((s, found[last].end(), "ahead" if words[last] in _RESCHEDULED else "past"))
                consumed = last
            elif j < n and _is_participle(text, found[j], words[j]):
                out.append((s, found[j].end(), "ahead" if words[j] in _RESCHEDULED else "past"))
                consumed = j
            elif t in ("avait", "avaient", "eut", "eurent"):
                out.append((s, e, "past"))
            continue
        if t in _ETRE and lower:
            j = i + 1
            while j < n and words[j] in _ADVERBS:
                j += 1
            nt = words[j] if j < n else ""
            end = found[j].end() if j < n else e
            if prev in ("s", "se") and t not in _ETRE_FUT:
                out.append((found[i - 1].start(), end, "past"))  # « s'est entretenu », « se sont rencontrés »
            elif nt in _RESCHEDULED:
                out.append((s, end, "ahead"))  # « est reporté au 20 mai »
            elif nt in _FUT_PARTICIPLES:
                out.append((s, end, "future"))  # « est attendu », « sont prévues »
            elif nt in _MOTION and t not in _ETRE_FUT:
                out.append((s, end, "past"))  # « est arrivé »
            elif t in _ETRE_COND and nt.endswith(_PARTICIPLE_ENDINGS) and nt not in _MOTION:
                # « a annoncé que la livraison serait suivie d'une production »: the future of a report
                # (« serait arrivé » is a rumoured past and stays untold)
                out.append((s, end, "future"))
            elif t in _ETRE_PAST:
                out.append((s, e, "past"))
            elif t in _ETRE_FUT:
                out.append((s, e, "future"))
            continue
        if t in _RESCHEDULED:
            out.append((s, e, "ahead"))
        elif t in _FUTURE_WORDS:
            out.append((s, e, "future"))
        elif t in _PAST_WORDS:
            out.append((s, e, "past"))
        elif t in _VA:
            j = i + 1
            while j < n and words[j] in _VA_SKIP:
                j += 1
            if lower and j < n and words[j].endswith(("er", "ir", "re", "oir")):
                out.append((s, found[j].end(), "future"))
                consumed = j
        elif t in _TO_FUTURE:
            if i + 1 < n and words[i + 1] == "to":
                out.append((s, found[i + 1].end(), "future"))
        elif t in _EVE_WORDS:
            if i >= 2 and prev in ("la", "l") and words[i - 2] == "à" and i + 1 < n and words[i + 1] in ("de", "du", "des", "d"):
                out.append((found[i - 2].start(), e, "future"))  # « à la veille de l'élection de vendredi »
        elif t == "venir" or t == "ici":
            if (t, prev) in (("venir", "à"), ("ici", "d")):
                out.append((found[i - 1].start(), e, "future"))  # « à venir », « d'ici »
        elif lower:
            if t.endswith(_FUT_ENDINGS):
                stem = t[:-2] if t.endswith("ra") else t[:-3] if t.endswith(("rez", "rai")) else t[:-4]
                # « remettra », « permettront »: -ttr- futures; a bare -t- would take « patrons »
                if stem and (stem[-1] in "eidvur" or stem.endswith("tt")) and t not in _NOT_FUTURE:
                    out.append((s, e, "future"))
            elif t.endswith(("ait", "aient")):
                stem = t[:-3] if t.endswith("ait") else t[:-5]
                if (len(t) > 4 and t not in _NOT_IMPARFAIT and not t.endswith("fait")
                        and not stem.endswith(_CONDITIONAL_STEMS)):
                    out.append((s, e, "past"))
                elif len(stem) > 4 and stem.endswith("er") and t not in _NOT_IMPARFAIT:
                    # « a confirmé que X recevrait / rencontrerait le 20 février »: a conditional
                    # reports what is to come
                    out.append((s, e, "future"))
            elif t.endswith("èrent"):
                out.append((s, e, "past"))
            elif t.endswith("ed") and len(t) > 3 and t not in _NOT_ED and t.isascii():
                out.append((s, e, "past"))
    return out


def _is_participle(text: str, match: re.Match, word: str) -> bool:
    """A lower-case word with a past participle ending (« signé », « reçu », « dit »), not « lieu »."""
    return word != "lieu" and word.endswith(_PARTICIPLE_ENDINGS) and text[match.start()].islower()


_CLAUSE_BOUND = re.compile(r"[,;:()\[\]«»\"“”„—–\n.!?…]")  # a '.' counts only before a space
_SENT_BOUND = re.compile(r"\n|[.!?…](?=\s+[A-ZÀ-Þ«\"“]|\s*$)")
_ABBREV_BEFORE_DOT = re.compile(r"(?:\b[A-Z]|\bMM|\bMme|\bMgr|\bDr)$")


def _sentence_bounds(text: str) -> list[int]:
    """Offsets of sentence ends; « M. Poutine », « S.V. Lavrov » do not end a sentence."""
    out = []
    for m in _SENT_BOUND.finditer(text):
        pos = m.start()
        if text[pos] != "\n" and _ABBREV_BEFORE_DOT.search(text, max(0, pos - 4), pos):
            continue
        out.append(pos)
    return out

_Tense = Optional[str]  # "future", "past" or None (no marker found)


class _TenseFinder:
    """Per-call helper: boundaries found once, markers scanned per clause on demand.

    Why a small object: find_dates usually needs the tense for one or two
    mentions of a sentence; scanning only their clause (and the sentence
    only when the clause has no verb) keeps the cost proportional to that.
    It lives for one call; nothing global is mutated.
    """

    def __init__(self, text: str, low: str) -> None:
        self.text = text
        self.low = low
        self.length = len(text)
        length = len(text)
        self.clause_bounds = [
            p for m in _CLAUSE_BOUND.finditer(text)
            if text[(p := m.start())] not in ".!?…" or p + 1 == length or text[p + 1].isspace()
        ]
        self._sentence_bounds: list[int] | None = None  # only needed when a clause has no verb
        self._cache: dict[tuple[int, int], list[tuple[int, int, str]]] = {}

    def markers(self, lo: int, hi: int) -> list[tuple[int, int, str]]:
        key = (lo, hi)
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = _scan_markers(self.text, self.low, lo, hi)
        return found

    def span(self, bounds: list[int], start: int, end: int) -> tuple[int, int]:
        """The (lo, hi) segment between the boundaries around [start, end)."""
        i = bisect_left(bounds, start)
        lo = bounds[i - 1] + 1 if i > 0 else 0
        j = bisect_left(bounds, end)
        hi = bounds[j] if j < len(bounds) else self.length
        return lo, hi

    def tense(self, start: int, end: int) -> _Tense:
        """Tense governing [start, end): nearest marker before it in its clause, else after;
        then the same in its sentence, unless the sentence mixes tenses.

        Why preceding first: the governing verb usually stands just before
        the date (« a signé mardi », « se rendra jeudi »); a verb after it
        mostly belongs to the next clause unless the date opens the sentence.
        """
        lo, hi = self.span(self.clause_bounds, start, end)
        tense = _nearest(self.markers(lo, hi), start, end)
        if tense is not None:
            return tense
        apposed = _APPOSED_PARTICIPLE.search(self.low, max(lo, start - 20), start)
        if (apposed is not None and apposed.group(1) not in _FUT_PARTICIPLES
                and apposed.group(1) not in _EE_NOUNS and not self.low.startswith(("du ", "de "), start)):
            return "past"  # « Le salon, ouvert mardi à Joukovski, fermera dimanche »: done before the main verb
        if self._sentence_bounds is None:
            self._sentence_bounds = _sentence_bounds(self.text)
        lo, hi = self.span(self._sentence_bounds, start, end)
        found = self.markers(lo, hi)
        if any(kind == "ahead" and ms >= end for ms, _, kind in found):
            return None  # « la réunion de mars, prévue à Ispahan, a été reportée »: the day first set, either side
        if len({"future" if kind == "ahead" else kind for _, _, kind in found}) > 1:
            # A date alone between commas in a sentence that mixes tenses
            # (« se sont prononcés pour la tenue, fin mai, d'exercices auxquels
            # prendront part ... »): no verb owns it; the closest-date rule decides.
            return None
        return _nearest(found, start, end)


# A past participle right before a date in a verbless clause (« ouvert mardi », « lancée le 3 mai »);
# not a noun spelt alike (« la soirée mardi », « la sécurité ») nor a noun dated by « du ».
_APPOSED_PARTICIPLE = re.compile(r"(?<![\w'’-])([^\W\d_]{2,}(?<!it)(?:é|ée|és|ées)|ouverte?s?|tenue?s?)\s+$")
_EE_NOUNS = frozenset(
    "année années journée journées soirée soirées matinée matinées arrivée entrée rentrée musée musées armée armées "
    "idée durée pensée portée fusée fusées lycée trophée épopée traité traités comité comités marché marchés côté "
    "député députés délégué délégués invité invités blessés allié alliés congé degré café été thé".split())


def _nearest(markers: list[tuple[int, int, str]], start: int, end: int) -> _Tense:
    """Kind of the last marker ending before `start`, else of the first one starting after `end`.

    An « ahead » marker (« reporté », « repoussé ») makes the date after it
    future (« reportée au 20 mai ») and says nothing of a date before it
    (« la réunion de mars a été reportée »: the day first planned).
    """
    before: str | None = None
    for ms, me, kind in markers:
        if me <= start:
            before = "future" if kind == "ahead" else kind
        elif ms >= end and kind != "ahead":
            return before or kind
    return before


def has_tense_marker(text: str) -> bool:
    """True when `text` holds a verb form or word that gives a tense (see `_scan_markers`).

    Why exposed: a clause with none (« puis le lendemain à Téhéran par X ») is
    verbless, an ellipsis of the verb of the clause before it.
    """
    return bool(_scan_markers(text, _lower_same_length(text), 0, len(text)))


def is_future_clause(text: str, at: int | None = None) -> bool:
    """True when `text` (a clause or sentence) speaks of the future.

    Why exposed: meetings and events must tell announced encounters
    (« se rendra jeudi à Moscou ») from reported ones (« a rencontré
    vendredi »), with the same rule the dates use.  With `at` (a character
    offset, e.g. of a date or of a meeting cue) the marker nearest to it in
    its clause decides, as in find_dates.  Without it, the first tense
    marker of the text decides (the main verb of a French news sentence
    comes first), skipping a past reporting verb that introduces a « que »
    clause (« a indiqué que X se rendra ... » is future).
    """
    if at is not None:
        return _TenseFinder(text, _lower_same_length(text)).tense(at, at) == "future"
    markers = _scan_markers(text, _lower_same_length(text), 0, len(text))
    first: str | None = None
    for _, me, kind in markers:
        if kind == "past":
            following = _WORD_RE.search(text, me)
            if following is not None and following.group().lower() in _QUE:
                first = first or kind
                continue
        return kind in ("future", "ahead")
    return first == "future"


# --------------------------------------------------------------------------
# Resolution helpers (all arithmetic through relativedelta)
# --------------------------------------------------------------------------
def _iso_month(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _day_month_year(d: int, m: int, pub: dt.date, tense: _Tense) -> dt.date | None:
    """Year for a day-month without year.

    Past: the latest such date on or before `pub` (a date one or two days
    after is kept: datelines and time zones shift publication by a day).
    Future: the next one on or after `pub` if within ~9 months.  No marker:
    the closer of the two, preferring the past unless the future one is
    within three months and closer.
    """
    years = range(pub.year - 1, pub.year + 2) if (m, d) != (2, 29) else range(pub.year - 4, pub.year + 5)
    cands = [c for y in years if (c := _safe_date(y, m, d)) is not None]
    if not cands:
        return None
    before = max((c for c in cands if c <= pub), default=None)
    after = min((c for c in cands if c >= pub), default=None)
    if before is None or after is None:
        return before or after
    gap_after = (after - pub).days
    gap_before = (pub - before).days
    if tense == "future":
        return after if gap_after <= 270 else before
    if tense == "past":
        return after if gap_after <= 2 else before
    return after if gap_after < gap_before and gap_after <= 92 else before


def _month_year(m: int, pub: dt.date, tense: _Tense, sign: int = 0) -> int:
    """Year for a month without year, by the same past/future/closest rule (months as unit).

    `sign` is -1 for « juillet dernier », +1 for « septembre prochain »:
    strictly before / after the month of publication.
    """
    y_before = pub.year if m < pub.month or (m == pub.month and sign >= 0) else pub.year - 1
    y_after = pub.year if m > pub.month or (m == pub.month and sign <= 0) else pub.year + 1
    if sign:
        return y_before if sign < 0 else y_after
    if tense == "future":
        return y_after
    if tense == "past":
        return y_before
    gap_before = (pub.year - y_before) * 12 + pub.month - m
    gap_after = (y_after - pub.year) * 12 + m - pub.month
    return y_after if gap_after < gap_before and gap_after <= 4 else y_before


# relativedelta steps built once: constructing one costs more than applying it.
_WEEK_MONDAY = {k: relativedelta(weeks=k, weekday=MO(-1)) for k in (-1, 0, 1)}
_MONDAY_TO_FRIDAY = relativedelta(weekday=FR(+1))
_MONDAY_TO_SATURDAY = relativedelta(days=+5)
_MONTH_STEP = {k: relativedelta(months=k) for k in (-1, 0, 1)}
_YEAR_STEP = {k: relativedelta(years=k) for k in (-1, 0, 1)}
_DAY_STEP = {k: relativedelta(days=k) for k in (-2, -1, 0, 1, 2)}
_SEASON_LENGTH = relativedelta(months=+3)
_SEASON_TAIL = relativedelta(months=+1)


_ONE_DAY = dt.timedelta(days=1)


def _weekday_date(wd: int, pub: dt.date, mode: str) -> dt.date:
    """Resolve a weekday: 'on_or_before', 'before' (strict) or 'after' (strict).

    The steps relativedelta(days=∓1, weekday=XX(±1)) would take, as plain day
    arithmetic: this runs for most weekdays of a text, and applying a
    relativedelta costs tens of times more than adding a timedelta.
    """
    if mode == "after":
        day = pub + _ONE_DAY
        return day + dt.timedelta(days=(wd - day.weekday()) % 7)
    day = pub - _ONE_DAY if mode == "before" else pub
    return day - dt.timedelta(days=(day.weekday() - wd) % 7)


def _season_year(name: str, pub: dt.date, rel: str | None, tense: _Tense) -> int:
    """Year of a season said without a year ('l'automne prochain', 'l'été dernier', 'au printemps').

    A winter straddles two years; it is named by the year of its January.
    """
    month, day = _SEASONS[name]
    winter = month == 12

    def start(y: int) -> dt.date:
        return dt.date(y, month, day)

    def label(start_year: int) -> int:
        return start_year + 1 if winter else start_year

    if rel == "next" or (rel is None and tense == "future"):
        strict = rel == "next"
        y = pub.year - 1 if winter else pub.year
        while True:
            s = start(y)
            e = s + _SEASON_LENGTH
            # an announced season still running counts only while more than its last month is ahead
            # (« se tiendra à l'automne » written in December is next year's)
            if (s > pub) if strict else (e - _SEASON_TAIL > pub):
                return label(y)
            y += 1
    # past (explicit "dernier", or a past/neutral clause)
    strict = rel == "last"
    y = pub.year
    while True:
        s = start(y)
        e = s + _SEASON_LENGTH
        # a reported season must have run a few weeks (« a repris à l'automne » written on 25 September
        # is last year's autumn)
        if (e <= pub) if strict else (s + _SEASON_TAIL <= pub):
            return label(y)
        y -= 1


# --------------------------------------------------------------------------
# Branch handlers: match -> (value, end_value, relative) or None to drop
# --------------------------------------------------------------------------
_Result = Optional[tuple[Optional[str], Optional[str], bool]]
_TenseFn = Callable[[], _Tense]


def _g(m: re.Match, name: str) -> str | None:
    return m.group(name)


def _day(s: str) -> int:
    return int(re.match(r"\d+", s).group())


def _h_rdm(m: re.Match, pub: dt.date | None, tense: _TenseFn) -> _Result:
    d1, d2 = _day(_g(m, "rdm_d1")), _day(_g(m, "rdm_d2"))
    m2 = _month_number(_g(m, "rdm_m2"))
    m1 = _month_number(_g(m, "rdm_m1")) if _g(m, "rdm_m1") else m2
    y1 = int(_g(m, "rdm_y1")) if _g(m, "rdm_y1") else None
    y2 = int(_g(m, "rdm_y2")) if _g(m, "rdm_y2") else None
    if m1 is None or m2 is None:
        return None
    wraps = (m1, d1) > (m2, d2)
    if y2 is not None:
        y1 = y1 if y1 is not None else (y2 - 1 if wraps else y2)
        start, end = _safe_date(y1, m1, d1), _safe_date(y2, m2, d2)
        if start is None or end is None or end < start:
            return None
        return start.isoformat(), end.isoformat(), False
    if pub is None:
        if _safe_date(2000, m1, d1) is None or _safe_date(2000, m2, d2) is None:
            return None
        return None, None, True
    start = _day_month_year(d1, m1, pub, tense())
    if start is None:
        return None
    end = _safe_date(start.year + (1 if wraps else 0), m2, d2)
    if end is None:
        return None
    return start.isoformat(), end.isoformat(), True


def _h_rmd(m: re.Match, pub: dt.date | None, tense: _TenseFn) -> _Result:
    m1 = _month_number(_g(m, "rmd_m1"))
    m2 = _month_number(_g(m, "rmd_m2")) if _g(m, "rmd_m2") else m1
    d1, d2 = _day(_g(m, "rmd_d1")), _day(_g(m, "rmd_d2"))
    wraps = (m1, d1) > (m2, d2)
    if _g(m, "rmd_y"):
        y2 = int(_g(m, "rmd_y"))
        start, end = _safe_date(y2 - (1 if wraps else 0), m1, d1), _safe_date(y2, m2, d2)
        if start is None or end is None:
            return None
        return start.isoformat(), end.isoformat(), False
    if pub is None:
        return None, None, True
    start = _day_month_year(d1, m1, pub, tense())
    if start is None:
        return None
    end = _safe_date(start.year + (1 if wraps else 0), m2, d2)
    return (start.isoformat(), end.isoformat(), True) if end else None


def _h_num(m: re.Match, pub: dt.date | None, tense: _TenseFn) -> _Result:
    d = _safe_date(int(_g(m, "num_y")), int(_g(m, "num_m")), int(_g(m, "num_d")))
    return (d.isoformat(), None, False) if d else None


def _h_ndm(m: re.Match, pub: dt.date | None, tense: _TenseFn) -> _Result:
    """« le 12/03 », « mardi 12.03 »: French day-first, the year by the day-month rule.

    A dotted or one-digit form (« 1.5 », « 3/4 ») is a number unless an article or a
    weekday stands before it."""
    day, month, sep = int(_g(m, "ndm_d")), int(_g(m, "ndm_m")), _g(m, "ndm_sep")
    framed = bool(_g(m, "ndm_art") or _g(m, "ndm_wd"))
    if not framed and (sep == "." or len(_g(m, "ndm_d")) < 2 or len(_g(m, "ndm_m")) < 2):
        return None
    if not 1 <= month <= 12 or _safe_date(2000, month, day) is None:
        return None
    if pub is None:
        return None, None, True
    d = _day_month_year(day, month, pub, tense())
    d = _year_of_weekday(d, _g(m, "ndm_wd"), pub)
    return (d.isoformat() if d else None), None, True


def _year_of_weekday(d: dt.date | None, weekday: str | None, pub: dt.date) -> dt.date | None:
    """« mardi 17 janvier »: the weekday tells the year when the nearest one does not have it."""
    wd = _weekday_number(weekday) if weekday else None
    if d is not None and wd is not None and d.weekday() != wd:
        fits = [c for y in (d.year - 1, d.year + 1) if (c := _safe_date(y, d.month, d.day)) and c.weekday() == wd]
        if fits:
            d = min(fits, key=lambda c: abs((c - pub).days))
    return d


def _h_iso(m: re.Match, pub: dt.date | None, tense: _TenseFn) -> _Result:
    d = _safe_date(int(_g(m, "iso_y")), int(_g(m, "iso_m")), int(_g(m, "iso_d")))
    return (d.isoformat(), None, False) if d else None


def _h_dm(m: re.Match, pub: dt.date | None, tense: _TenseFn) -> _Result:
    day, month = _day(_g(m, "dm_d")), _month_number(_g(m, "dm_m"))
    if month is None or _safe_date(2000, month, day) is None:
        return None
    if _g(m, "dm_y"):
        d = _safe_date(int(_g(m, "dm_y")), month, day)
        return (d.isoformat(), None, False) if d else None
    art = (_g(m, "dm_art") or "").lower()
    if art == "un" or _g(m, "dm_ybad"):  # « un 3 février », « 14 juillet 1789 »: year unknown to us
        return None, None, False
    if pub is None:
        return None, None, True
    sign = _rel_sign(_g(m, "dm_rel"))
    d = _day_month_year(day, month, pub, {-1: "past", 1: "future"}.get(sign) or tense())
    if sign and d is not None and d == pub:  # « le 20 octobre dernier » said on 20 October
        d = _safe_date(d.year + sign, month, day)
    d = _year_of_weekday(d, _g(m, "dm_wd"), pub)
    return (d.isoformat() if d else None), None, True


def _h_dn(m: re.Match, pub: dt.date | None, tense: _TenseFn) -> _Result:
    """« le 12 »: that day in the month of publication, the month before or the month after,
    by the tense (past: the latest on or before publication; future: the next on or after;
    none: the nearer, the past one on a tie)."""
    day = _day(_g(m, "dn_d"))
    if pub is None:
        return None, None, True
    first = pub.replace(day=1)
    cands = [d for k in (-1, 0, 1) if (d := _safe_date((first + _MONTH_STEP[k]).year,
                                                        (first + _MONTH_STEP[k]).month, day)) is not None]
    before = max((c for c in cands if c <= pub), default=None)
    after = min((c for c in cands if c >= pub), default=None)
    kind = tense()
    if kind == "future":
        pick = after or before
    elif kind == "past" or after is None:
        pick = before or after
    else:
        pick = after if before is None or (after - pub) < (pub - before) else before
    return (pick.isoformat() if pick else None), None, True


def _h_rdn(m: re.Match, pub: dt.date | None, tense: _TenseFn) -> _Result:
    """« du 12 au 14/04 », « du 28/02 au 02/03/2025 »: a numeric range, day first."""
    d1, d2, m2 = int(_g(m, "rdn_d1")), int(_g(m, "rdn_d2")), int(_g(m, "rdn_m2"))
    m1 = int(_g(m, "rdn_m1")) if _g(m, "rdn_m1") else m2
    if not (1 <= m1 <= 12 and 1 <= m2 <= 12) or _safe_date(2000, m1, d1) is None or _safe_date(2000, m2, d2) is None:
        return None
    wraps = (m1, d1) > (m2, d2)
    if _g(m, "rdn_y"):
        y2 = int(_g(m, "rdn_y"))
        start, end = _safe_date(y2 - (1 if wraps else 0), m1, d1), _safe_date(y2, m2, d2)
        return (start.isoformat(), end.isoformat(), False) if start and end else None
    if pub is None:
        return None, None, True
    start = _day_month_year(d1, m1, pub, tense())
    end = _safe_date(start.year + (1 if wraps else 0), m2, d2) if start else None
    return (start.isoformat(), end.isoformat(), True) if start and end and end >= start else None


def _h_rwd(m: re.Match, pub: dt.date | None, tense: _TenseFn) -> _Result:
    """« jeudi et vendredi », « du lundi au mercredi »: the first day by the verb, the second after it."""
    w1, w2 = _weekday_number(_g(m, "rwd_w1")), _weekday_number(_g(m, "rwd_w2"))
    if w1 is None or w2 is None or w1 == w2:
        return None
    if pub is None:
        return None, None, True
    start = _weekday_date(w1, pub, "after" if tense() == "future" else "on_or_before")
    return start.isoformat(), (start + dt.timedelta(days=(w2 - w1) % 7)).isoformat(), True


def _h_wdn(m: re.Match, pub: dt.date | None, tense: _TenseFn) -> _Result:
    """« dimanche 16 »: the day of that number in the month of publication, the one before or
    after, that falls on that weekday (the nearest in the direction of the tense)."""
    wd, day = _weekday_number(_g(m, "wdn_w")), _day(_g(m, "wdn_d"))
    if wd is None:
        return None
    if pub is None:
        return None, None, True
    first = pub.replace(day=1)
    cands = [d for k in (-2, -1, 0, 1, 2) if (d := _safe_date((first + relativedelta(months=k)).year,
                                                              (first + relativedelta(months=k)).month, day))
             is not None and d.weekday() == wd]
    if not cands:
        return None
    kind = tense()
    before = [c for c in cands if c <= pub]
    after = [c for c in cands if c >= pub]
    if kind == "future" and after:
        pick = after[0]
    elif kind == "past" and before:
        pick = before[-1]
    else:
        pick = min(cands, key=lambda c: (abs((c - pub).days), c > pub))
    return pick.isoformat(), None, True


def _h_we(m: re.Match, pub: dt.date | None, tense: _TenseFn) -> _Result:
    det = _fold(_g(m, "we_det"))
    sign = _rel_sign(_g(m, "we_rel") or (det if det in ("last", "next") else None))
    if det == "le" and sign == 0:  # « le week-end » alone is not a date
        return None
    if pub is None:
        return None, None, True
    return (pub + _WEEK_MONDAY[sign] + _MONDAY_TO_SATURDAY).isoformat(), None, True


def _h_md(m: re.Match, pub: dt.date | None, tense: _TenseFn) -> _Result:
    day, month = _day(_g(m, "md_d")), _month_number(_g(m, "md_m"))
    if month is None or _safe_date(2000, month, day) is None:
        return None
    year = _g(m, "md_y") or _g(m, "md_y2")
    if year:
        d = _safe_date(int(year), month, day)
        return (d.isoformat(), None, False) if d else None
    if pub is None:
        return None, None, True
    d = _day_month_year(day, month, pub, tense())
    return (d.isoformat() if d else None), None, True


def _h_rmm(m: re.Match, pub: dt.date | None, tense: _TenseFn) -> _Result:
    m1, m2 = _month_number(_g(m, "rmm_m1")), _month_number(_g(m, "rmm_m2"))
    y1 = int(_g(m, "rmm_y1")) if _g(m, "rmm_y1") else None
    y2 = int(_g(m, "rmm_y2")) if _g(m, "rmm_y2") else None
    if m1 is None or m2 is None:
        return None
    if y2 is not None:
        y1 = y1 if y1 is not None else (y2 - 1 if m1 > m2 else y2)
        if (y1, m1) > (y2, m2):
            return None
        return _iso_month(y1, m1), _iso_month(y2, m2), False
    if y1 is not None:  # « de mars 2024 à mai »
        y2 = y1 + (1 if m1 > m2 else 0)
        return _iso_month(y1, m1), _iso_month(y2, m2), False
    if pub is None:
        return None, None, True
    y1 = _month_year(m1, pub, tense())
    y2 = y1 + (1 if m1 > m2 else 0)
    return _iso_month(y1, m1), _iso_month(y2, m2), True


def _h_ryy(m: re.Match, pub: dt.date | None, tense: _TenseFn) -> _Result:
    y1, y2 = int(_g(m, "ryy_y1")), int(_g(m, "ryy_y2"))
    if y2 < y1:
        return None
    return f"{y1:04d}", f"{y2:04d}", False


def _h_my(m: re.Match, pub: dt.date | None, tense: _TenseFn) -> _Result:
    month = _month_number(_g(m, "my_m"))
    return (_iso_month(int(_g(m, "my_y")), month), None, False) if month else None


def _h_pm(m: re.Match, pub: dt.date | None, tense: _TenseFn) -> _Result:
    month = _month_number(_g(m, "pm_m"))
    if month is None:
        return None
    if pub is None:
        return None, None, True
    return _iso_month(_month_year(month, pub, tense(), _rel_sign(_g(m, "pm_rel"))), month), None, True


def _h_py(m: re.Match, pub: dt.date | None, tense: _TenseFn) -> _Result:
    return _g(m, "py_y"), None, False


def _season(name: str, year: str | None, rel_word: str | None, this: bool,
            pub: dt.date | None, tense: _TenseFn) -> _Result:
    key = _fold(name)
    if year:
        return year, None, False
    if pub is None:
        return None, None, True
    if this:
        return f"{pub.year:04d}", None, True
    rel = None
    if rel_word:
        rel = "next" if _fold(rel_word).startswith(("prochain", "next")) else "last"
    return f"{_season_year(key, pub, rel, tense() if rel is None else None):04d}", None, True


def _h_ss(m: re.Match, pub: dt.date | None, tense: _TenseFn) -> _Result:
    pre = _fold(_g(m, "ss_pre")).strip()
    name = _g(m, "ss_s")
    if _fold(name) == "ete" and pre in ("ce",):
        return None
    this = pre.startswith(("cet", "ce", "cette"))
    return _season(name, _g(m, "ss_y"), _g(m, "ss_rel"), this, pub, tense)


def _h_sse(m: re.Match, pub: dt.date | None, tense: _TenseFn) -> _Result:
    pre = _fold(_g(m, "sse_pre"))
    rel = pre if pre in ("last", "next") else None
    return _season(_g(m, "sse_s"), _g(m, "sse_y"), rel, pre == "this", pub, tense)


def _h_y(m: re.Match, pub: dt.date | None, tense: _TenseFn) -> _Result:
    return _g(m, "y_y"), None, False


def _h_m(m: re.Match, pub: dt.date | None, tense: _TenseFn) -> _Result:
    month = _month_number(_g(m, "m_m"))
    if month is None:
        return None
    if pub is None:
        return None, None, True
    return _iso_month(_month_year(month, pub, tense(), _rel_sign(_g(m, "m_rel"))), month), None, True


def _rel_sign(word: str | None) -> int:
    """-1 for dernier/passé/last, +1 for prochain/next, 0 otherwise."""
    if not word:
        return 0
    w = _fold(word)
    if w.startswith(("dernier", "derniere", "pass", "last", "earlier", "prec", "ecoul")) or _squeeze(w) == "davant":
        return -1
    if w.startswith(("prochain", "next", "suiv")) or _squeeze(w) == "dapres":
        return 1
    return 0


def _squeeze(w: str) -> str:
    """« d'avant », « d’ après » -> « davant », « dapres »."""
    return re.sub(r"[^a-z]", "", w)


def _h_wkp(m: re.Match, pub: dt.date | None, tense: _TenseFn) -> _Result:
    if pub is None:
        return None, None, True
    monday = pub + _WEEK_MONDAY[_rel_sign(_g(m, "wkp_rel"))]
    if _fold(_g(m, "wkp_part")) == "fin":
        return (monday + _MONDAY_TO_FRIDAY).isoformat(), None, True
    return monday.isoformat(), None, True


def _h_wk(m: re.Match, pub: dt.date | None, tense: _TenseFn) -> _Result:
    det = _fold(re.sub(r"\s+", " ", _g(m, "wk_det")))
    sign = _rel_sign(_g(m, "wk_rel"))
    if det in ("last", "next"):
        sign = _rel_sign(det)
    elif det == "la" and sign == 0 and not _g(m, "wk_rel"):  # « la semaine » alone is not a date
        return None
    if pub is None:
        return None, None, True
    return (pub + _WEEK_MONDAY[sign]).isoformat(), None, True


def _h_mo(m: re.Match, pub: dt.date | None, tense: _TenseFn) -> _Result:
    if _g(m, "mo_en"):
        sign = _rel_sign(_g(m, "mo_en"))
    else:
        sign = _rel_sign(_g(m, "mo_rel"))
        if (_g(m, "mo_det") or "").lower() == "le" and sign == 0 and not _g(m, "mo_rel"):  # « le mois » alone
            return None
    if pub is None:
        return None, None, True
    d = pub + _MONTH_STEP[sign]
    return _iso_month(d.year, d.month), None, True


def _h_yr(m: re.Match, pub: dt.date | None, tense: _TenseFn) -> _Result:
    # « d'ici la fin de l'année », « au début de l'année »: the year of the text (sign 0)
    sign = _rel_sign(_g(m, "yr_rel") or _g(m, "yr_en"))
    if pub is None:
        return None, None, True
    return f"{(pub + _YEAR_STEP[sign]).year:04d}", None, True


def _h_wd(m: re.Match, pub: dt.date | None, tense: _TenseFn) -> _Result:
    wd = _weekday_number(_g(m, "wd_w"))
    if wd is None:
        return None
    if pub is None:
        return None, None, True
    pre = (_g(m, "wd_pre") or "").lower()
    sign = _rel_sign(_g(m, "wd_rel") or _g(m, "wd_rel2") or (pre if pre in ("last", "next") else None))
    if sign < 0:
        return _weekday_date(wd, pub, "before").isoformat(), None, True
    if sign > 0:
        return _weekday_date(wd, pub, "after").isoformat(), None, True
    if pre in ("ce", "cette", "this") and pub.weekday() == wd:
        return pub.isoformat(), None, True
    if tense() != "future":
        return _weekday_date(wd, pub, "on_or_before").isoformat(), None, True
    if pub.weekday() == wd and _later_in_day(_g(m, "wd_tod")):
        # « se rendra vendredi soir » published on a Friday: this evening, not a week later
        return pub.isoformat(), None, True
    return _weekday_date(wd, pub, "after").isoformat(), None, True


def _later_in_day(tod: str | None) -> bool:
    """A part of the day still to come when a morning paper is out (soir, après-midi, nuit)."""
    return bool(tod) and not _fold(tod).endswith(("matin", "matinee", "morning"))


_RD_OFFSETS = {"avant": -2, "apres": 2, "hier": -1, "demain": 1, "yesterday": -1, "tomorrow": 1}


def _h_rd(m: re.Match, pub: dt.date | None, tense: _TenseFn) -> _Result:
    if pub is None:
        return None, None, True
    word = _fold(_g(m, "rd_w"))
    first = re.split(r"[\s\-‐‑]", word)[0]
    days = _RD_OFFSETS.get(first, 0)
    return (pub + _DAY_STEP[days]).isoformat(), None, True


def _h_ago(m: re.Match, pub: dt.date | None, tense: _TenseFn) -> _Result:
    if _g(m, "ago_n2"):
        n_word, unit, sign = _g(m, "ago_n2"), _fold(_g(m, "ago_u2")), -1
    else:
        n_word, unit = _g(m, "ago_n") or "", _fold(_g(m, "ago_u"))
        sign = 1 if _fold(_g(m, "ago_dir")).startswith("dans") else -1
    if _g(m, "ago_q"):  # « une quinzaine de jours »: two weeks, « une huitaine »: one
        n_word, unit = ("15" if _fold(_g(m, "ago_q")) == "quinzaine" else "8"), "jours"
    n = int(n_word) if n_word.isdigit() else _NUMBERS.get(n_word.lower())
    if n is None:
        return None
    if pub is None:
        return None, None, True
    if unit.startswith(("jour", "day")):
        return (pub + relativedelta(days=sign * n)).isoformat(), None, True
    if unit.startswith(("semaine", "week")):
        return (pub + relativedelta(weeks=sign * n)).isoformat(), None, True
    if _g(m, "ago_exact") is not None:  # « il y a deux ans jour pour jour »: that very day
        step = relativedelta(months=sign * n) if unit.startswith(("mois", "month")) else relativedelta(years=sign * n)
        return (pub + step).isoformat(), None, True
    if unit.startswith(("mois", "month")):
        d = pub + relativedelta(months=sign * n)
        return _iso_month(d.year, d.month), None, True
    return f"{(pub + relativedelta(years=sign * n)).year:04d}", None, True


_HANDLERS: dict[str, Callable[[re.Match, Optional[dt.date], _TenseFn], _Result]] = {
    "rdm": _h_rdm, "rmd": _h_rmd, "num": _h_num, "iso": _h_iso, "dm": _h_dm, "md": _h_md,
    "rmm": _h_rmm, "ryy": _h_ryy, "my": _h_my, "pm": _h_pm, "py": _h_py, "ss": _h_ss,
    "sse": _h_sse, "y": _h_y, "m": _h_m, "wkp": _h_wkp, "wk": _h_wk, "mo": _h_mo, "yr": _h_yr,
    "wd": _h_wd, "rd": _h_rd, "ago": _h_ago, "dn": _h_dn, "we": _h_we, "ndm": _h_ndm, "wdn": _h_wdn,
    "rdn": _h_rdn, "rwd": _h_rwd,
}


def _text_span(m: re.Match, branch: str) -> tuple[int, int]:
    """Where the date words start and end (some prepositions stay outside `text`)."""
    start, end = m.span(branch)
    if branch == "dm" and m.group("dm_ago") and (m.group("dm_art") or "").lower() != "un":
        end = m.start("dm_ago")  # « il y a ... » belongs to the date only after « un »
    return start, end


# Branches anchored on the publication date: the news of the day.
_NEWS_DAY = frozenset({"wd", "rd", "wkp", "wk"})


def _same_day(mentions: list[DateMention], kinds: list[str]) -> str | None:
    """Value for « le même jour »: the day of the story told just before.

    Why prefer weekday / hier / week phrases: a « même jour » refers to the
    reported event (« mardi », « en début de semaine »), rarely to a
    background date (« depuis l'offensive du 24 février »); those come
    second.
    """
    for mention, kind in zip(reversed(mentions), reversed(kinds)):
        if kind in _NEWS_DAY and mention.value and len(mention.value) == 10:
            return mention.value
    for mention in reversed(mentions):
        if mention.value and len(mention.value) == 10:
            return mention.value
    return None


# --------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------
def find_dates(text: str, published: dt.date | None, future: bool | None = None,
               offset: int = 0, anchors: list[int] | None = None,
               weekday_hint: Callable[[int], _Tense] | None = None,
               named_offsets: bool = False,
               previous_day: Callable[[], str | None] | None = None) -> list[DateMention]:
    """All date expressions in `text` (normally one sentence), resolved against `published`.

    `offset` is added to the mentions' `start`/`end` (the position of `text`
    in a larger one); matching itself only ever sees `text`. `anchors`, when
    given, are the sorted offsets in `text` where an anchor may start (a
    superset, e.g. from a word index, see `ANCHOR_STARTS`): the anchor
    pattern is tried there only instead of over the whole text.

    Direction of bare weekdays / day-months / months without year: when
    `future` is None it is decided from the clause around each mention
    (see ``is_future_clause``); True or False forces it for every mention,
    for callers that already know the tense of the frame.

    « la veille », « le lendemain », « deux jours plus tard » are counted from
    the last full day named before them in `text` (dropped when there is none).
    With `named_offsets`, « la veille de l'ouverture, le 12 mars, ... » and
    « trois jours après la signature, le 3 mars, ... » are also given, counted
    from the day named just after them.  Off by default: the event they name
    (« intervient deux semaines après la visite, le 26 janvier, de X ») stands
    between them and its own date, and a caller that dates a cue by the nearest
    mention would give the visit the offset day instead of its own.

    `previous_day`, when given, returns the last full day (ISO) told before
    `text` (e.g. in the previous sentence): « Deux jours plus tard, » opening
    a sentence counts from it when `text` names no day before the offset.
    Called only then, so a caller may compute it lazily.
    """
    if isinstance(published, dt.datetime):
        published = published.date()
    low = _lower_same_length(text)
    n = len(text)
    mentions: list[DateMention] = []
    kinds: list[str] = []  # branch of each mention, for « le même jour »
    offsets: list[tuple[int, int, bool]] = []  # (index, days, names its event) of « la veille »...
    finder: list[_TenseFinder] = []  # built lazily: many mentions need no tense
    done = 0
    grammar = _grammar()
    if anchors is None:
        found = grammar.anchor.finditer(low)
    else:
        match = grammar.anchor.match
        found = [m for p in anchors if (m := match(low, p)) is not None]
    for anchor in found:
        a_start = anchor.start()
        if a_start < done:
            continue
        word = anchor.group()
        rx = grammar.digit if word[0].isdigit() else grammar.by_anchor[word]
        starts = _candidate_starts(low, max(done, a_start - _LOOKBACK_CHARS), a_start)
        for pos in starts:
            m = rx.match(low, pos)
            if m is None or m.end() <= a_start:
                continue
            branch = m.lastgroup
            start, end = _text_span(m, branch)

            def tense(start: int = start, end: int = end, m: re.Match = m, branch: str = branch) -> _Tense:
                if future is not None:
                    return "future" if future else "past"
                if not finder:
                    finder.append(_TenseFinder(text, low))
                found_tense = finder[0].tense(start, end)
                if (found_tense is None and weekday_hint is not None and branch == "wd"
                        and _after_present_verb(low, start)):
                    # A present tense decides nothing (« Achgabat accueille mercredi le sommet »,
                    # a headline): the same weekday told elsewhere in the text with a tense decides.
                    wd = _weekday_number(_g(m, "wd_w") or "")
                    if wd is not None:
                        return weekday_hint(wd)
                return found_tense

            if branch == "m" and _named_after_de(text, low, start):
                continue
            if branch == "same":
                result: _Result = (_same_day(mentions, kinds), None, True)
            elif branch == "off":
                result = (None, None, True)  # counted from another day once all are known (_offsets)
            else:
                ref = published
                if branch in _STORY_RELATIVE and _is_story_relative(m, branch):
                    ref = _last_day(mentions) or published
                try:
                    result = _HANDLERS[branch](m, ref, tense)
                except (ValueError, OverflowError):  # a reference date at the ends of the calendar
                    result = (None, None, True)
            if result is None:
                continue
            value, end_value, relative = result
            mentions.append(DateMention(start + offset, end + offset, text[start:end], value, end_value, relative))
            kinds.append(branch)
            if branch == "off":
                offsets.append((len(mentions) - 1, _offset_days(m), _names_its_event(m)))
            done = m.end()
            break
    return _offsets(mentions, kinds, offsets, named_offsets, previous_day) if offsets else mentions


def _named_after_de(text: str, low: str, start: int) -> bool:
    """« Champ de Mars », « Place d'Octobre »: a capitalised month after « de » names a place, not a date.

    French writes months in lower case, so « les frappes de juin » is a date
    and « le Champ de Mars » is not.
    """
    return text[start].isupper() and (low.endswith("de ", 0, start) or low[start - 2:start] in ("d'", "d’"))


# Branches whose « précédente / suivante / d'avant / écoulée » counts from the story's day.
_STORY_RELATIVE = frozenset({"wk", "mo", "yr"})
_STORY_REL_GROUPS = {"wk": "wk_rel", "mo": "mo_rel", "yr": "yr_rel"}
_STORY_REL_RE = re.compile(rf"(?:{_REL_PREV}|{_REL_FOLLOW})$")


def _is_story_relative(m: re.Match, branch: str) -> bool:
    """« la semaine précédente », « l'année suivante »: relative to the time told, not to publication."""
    word = m.group(_STORY_REL_GROUPS[branch])
    return bool(word) and _STORY_REL_RE.match(word) is not None


def _last_day(mentions: list[DateMention]) -> dt.date | None:
    """The last full day named so far (the reference of « la semaine précédente »)."""
    for mention in reversed(mentions):
        if mention.value and len(mention.value) == 10:
            return dt.date.fromisoformat(mention.value)
    return None


def _offset_days(m: re.Match) -> int:
    """Signed days of « deux jours plus tard » (+2), « une semaine avant » (-7), « la veille » (-1)."""
    word = m.group("off_w")
    if word:
        key = _fold(word).split()[-1].replace("‐", "-").replace("‑", "-")
        return _OFFSET_WORDS.get(key, 0)
    n_word = m.group("off_n")
    n = int(n_word) if n_word.isdigit() else _NUMBERS.get(n_word, 0)
    days = n * (7 if m.group("off_u").startswith("semaine") else 1)
    return days if _fold(m.group("off_dir")).startswith(("plus tard", "apres")) else -days


def _names_its_event(m: re.Match) -> bool:
    """« la veille de l'ouverture », « trois jours après la signature »: the day counted from is
    the one of the event named next, not the one told before (« deux jours plus tard »)."""
    if m.group("off_of") is None:
        return False
    if m.group("off_w"):
        return m.group("off_de") is not None
    return _fold(m.group("off_dir")).startswith(("apres", "avant"))


_OFFSET_REACH = 100
_WEEK_KINDS = frozenset({"wk", "wkp", "we"})  # « trois jours après la signature, le 3 novembre, de ... »: the day named just after


def _offsets(mentions: list[DateMention], kinds: list[str], offsets: list[tuple[int, int, bool]],
             named_offsets: bool, previous_day: Callable[[], str | None] | None = None) -> list[DateMention]:
    """Resolve « la veille », « deux jours plus tard », « trois jours après la signature (le 3 mars) ».

    Why here and not in a handler: the day they count from is another mention of
    the sentence, found before (« arrivé samedi, ... le lendemain ») or, when the
    words name their event (« la veille de l'ouverture, le 12 mars, des pourparlers »),
    just after.  Counted from nothing they are dropped, so that the caller's
    own rules (a meeting the day after the meeting told before) still apply.
    """
    out = list(mentions)
    drop: set[int] = set()
    # A week phrase stands for its Monday: a day counted from it would be a guess.
    exact = [kind not in _WEEK_KINDS for kind in kinds]
    for i, days, named in offsets:
        here = mentions[i]
        if named and not named_offsets:
            drop.add(i)
            continue
        if named:  # the first full day named just after (offsets themselves have no value yet)
            anchor = next((x for j, x in enumerate(mentions[i + 1:], i + 1) if x.value and len(x.value) == 10
                           and exact[j] and x.start - here.end <= _OFFSET_REACH), None)
        else:  # the last full day named before, an offset already counted included
            anchor = next((x for j, x in reversed(list(enumerate(out[:i]))) if x.value and len(x.value) == 10
                           and exact[j]), None)
        base = anchor.value if anchor is not None else None
        if base is None and not named and previous_day is not None:
            base = previous_day()  # « Deux jours plus tard, » opening a sentence: the day told before it
            if base is not None and len(base) != 10:
                base = None
        if base is None or not days:
            drop.add(i)
            continue
        value = (dt.date.fromisoformat(base) + dt.timedelta(days=days)).isoformat()
        out[i] = DateMention(here.start, here.end, here.text, value, None, True)
    return [x for j, x in enumerate(out) if j not in drop]



_WEEKDAY_WORD_RE = re.compile(rf"\b(?:{_WDAY})")


_PRESENT_BEFORE_RE = re.compile(r"([^\W\d_]{3,})[ \t]+$")
_NOT_PRESENT_VERBS = frozenset("le la les de des du une et ou mais depuis dès avant après pour par sur sous "
                               "entre vers contre sans chez ce cette".split())


def _after_present_verb(low: str, start: int) -> bool:
    """True when the word just before `start` (blanks only between) may be a present-tense
    verb (« accueille », « reçoit », « s'ouvre », « se tiennent »), not a comma or a preposition."""
    m = _PRESENT_BEFORE_RE.search(low, max(0, start - 40), start)
    if m is None:
        return False
    word = m.group(1)
    return word not in _NOT_PRESENT_VERBS and word.endswith(("e", "t", "ent", "s"))


def weekday_tenses(text: str) -> dict[int, str]:
    """Weekday -> 'future' or 'past' when every mention of it in `text` whose clause
    has a tense agrees ({} entries for weekdays never decided or told both ways).

    Why: a present tense or a verbless headline (« Achgabat accueille mercredi
    le sommet ») does not say whether the day is past or coming; the body
    usually tells the same day with a tense (« se retrouveront mercredi »).
    """
    low = _lower_same_length(text)
    finder = _TenseFinder(text, low)
    seen: dict[int, set[str]] = {}
    for m in _WEEKDAY_WORD_RE.finditer(low):
        wd = _weekday_number(m.group())
        if wd is None:
            continue
        kind = finder.tense(m.start(), m.end())
        if kind is not None:
            seen.setdefault(wd, set()).add(kind)
    return {wd: next(iter(kinds)) for wd, kinds in seen.items() if len(kinds) == 1}


def _candidate_starts(low: str, lo: int, anchor: int) -> list[int]:
    """Offsets where a date holding the anchor may begin: the anchor itself and
    the run of prefix words (« en début de », « du », « il y a deux ») just before it,
    earliest first (the longest expression wins, as in a leftmost regex search)."""
    if anchor == 0 or low[anchor - 1] not in _JOINERS:
        return [anchor]
    starts = [anchor]
    # The words before the anchor, nearest first: the word runs of the reversed
    # look-back window (most stop at the first word, so the rest is never split).
    for m in _WORD_TOKEN_RE.finditer(low[lo:anchor][::-1]):
        word = m.group()[::-1]
        if word not in _PREFIX_WORDS and not word.isdigit():
            break
        starts.append(anchor - m.end())
    starts.reverse()
    return starts


def _lower_same_length(text: str) -> str:
    """text.lower(), keeping every offset (a few characters lower-case to two)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


_USER_MONTH = re.compile(r"^(?:(?P<d>\d{1,2})(?:er)?\s+)?(?P<m>[^\W\d_]+)\.?\s+(?P<y>\d{4})$")


def parse_user_date(s: str) -> tuple[str, str]:
    """First and last day (ISO) of the period a user typed for --since/--until.

    Accepts '2024', '2024-01', '2024-01-15', '15/01/2024', 'janvier 2024',
    '15 janvier 2024', '1er mars 2020' (case- and accent-insensitive).  Why
    a period: « --since janvier 2024 » must include the whole month, and
    « --until 2024 » the whole year, so callers take [0] or [1].
    """
    raw = s if isinstance(s, str) else str(s)
    t = re.sub(r"\s+", " ", raw.replace("\u00a0", " ")).strip()
    error = ValueError(
        f"invalid date {raw!r}: expected YYYY, YYYY-MM, YYYY-MM-DD, 'janvier 2024' or '15 janvier 2024' "
        f"(date invalide : attendu AAAA, AAAA-MM, AAAA-MM-JJ, « janvier 2024 » ou « 15 janvier 2024 »)"
    )
    y = mo = d = None
    if m := re.fullmatch(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", t):
        y = int(m.group(1))
        mo = int(m.group(2)) if m.group(2) else None
        d = int(m.group(3)) if m.group(3) else None
    elif m := re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", t):
        d, mo, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
    elif m := _USER_MONTH.fullmatch(t):
        mo = _month_number(m.group("m"))
        if mo is None:
            raise error
        y = int(m.group("y"))
        d = int(m.group("d")) if m.group("d") else None
    else:
        raise error
    if y < 1 or (mo is not None and not 1 <= mo <= 12):
        raise error
    if mo is None:
        return dt.date(y, 1, 1).isoformat(), dt.date(y, 12, 31).isoformat()
    if d is None:
        first = dt.date(y, mo, 1)
        return first.isoformat(), (first + relativedelta(day=31)).isoformat()
    day = _safe_date(y, mo, d)
    if day is None:
        raise error
    return day.isoformat(), day.isoformat()


def parse_iso_partial(s: str | int | dt.date) -> str:
    """Validate and normalise 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD' (zero-padded).

    Why lenient on the type: YAML loads ``2001`` as an int and
    ``2024-01-24`` as a date; records must still validate.  Anything else
    (a real month/day check included) raises ValueError.
    """
    if isinstance(s, dt.datetime):
        s = s.date()
    if isinstance(s, dt.date):
        return s.isoformat()
    if isinstance(s, bool) or not isinstance(s, (str, int)):
        raise ValueError(f"invalid partial ISO date {s!r}: expected YYYY, YYYY-MM or YYYY-MM-DD")
    t = str(s).strip()
    m = re.fullmatch(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", t)
    if not m:
        raise ValueError(f"invalid partial ISO date {s!r}: expected YYYY, YYYY-MM or YYYY-MM-DD")
    y = int(m.group(1))
    if m.group(2) is None:
        return f"{y:04d}"
    mo = int(m.group(2))
    if not 1 <= mo <= 12:
        raise ValueError(f"invalid month in {s!r}")
    if m.group(3) is None:
        return _iso_month(y, mo)
    d = int(m.group(3))
    if d < 1 or d > calendar.monthrange(y, mo)[1]:
        raise ValueError(f"invalid day in {s!r}")
    return f"{y:04d}-{mo:02d}-{d:02d}"
