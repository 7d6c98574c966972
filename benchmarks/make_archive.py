"""Write a synthetic but realistic archive of N briefs, for the index benchmarks.

    python benchmarks/make_archive.py 100000 /tmp/briefs-100k [--seed 1] [--fsync]

Records are built like the extractor's output (actors with roles, countries
and aliases, dated meetings, topics from the controlled vocabulary,
agreements at a stage, events, places, organisations, quotes), with dates
spread over 25 years and a long tail of little-known people, validated with
`record.validate`, then written by the real archive writer
(`Archive.allocate_id`'s rule, kept in memory instead of a folder scan
per record, + `Archive.write`, under the archive lock), so every
file is valid under `briefs check`-style validation and named by its id.

The writer fsyncs every file; that makes 100,000 writes take minutes on a
plain disk and says nothing about queries, so it is skipped unless --fsync.
"""
from __future__ import annotations

import argparse
import contextlib
import hashlib
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from briefs import record as rec  # noqa: E402
from briefs.archive import Archive, base_id, check_id  # noqa: E402

# (full name, role, country, aliases): the usual cast of Russia-Iran coverage.
KNOWN = [
    ("Vladimir Poutine", "président russe", "RU", ["Poutine"]),
    ("Sergueï Lavrov", "ministre russe des Affaires étrangères", "RU", ["Lavrov"]),
    ("Nikolaï Patrouchev", "secrétaire du Conseil de sécurité de la Russie", "RU", ["Patrouchev"]),
    ("Sergueï Choïgou", "ministre de la Défense", "RU", ["Choïgou"]),
    ("Dmitri Medvedev", "président russe", "RU", ["Medvedev"]),
    ("Mikhaïl Michoustine", "Premier ministre russe", "RU", ["Michoustine"]),
    ("Alexandre Novak", "vice-Premier ministre", "RU", ["Novak"]),
    ("Mikhaïl Bogdanov", "vice-ministre des Affaires étrangères", "RU", ["Bogdanov"]),
    ("Alexeï Overtchouk", "vice-Premier ministre", "RU", ["Overtchouk"]),
    ("Igor Ivanov", "ministre des Affaires étrangères", "RU", ["Ivanov"]),
    ("Alexandre Lavrentiev", "envoyé spécial pour la Syrie", "RU", ["Lavrentiev"]),
    ("Alexeï Dedov", "ambassadeur de Russie en Iran", "RU", ["Dedov"]),
    ("Levan Dzhagaryan", "ambassadeur de Russie en Iran", "RU", ["Dzhagaryan"]),
    ("Sergueï Riabkov", "vice-ministre des Affaires étrangères", "RU", ["Riabkov"]),
    ("Maria Zakharova", "porte-parole de la diplomatie russe", "RU", ["Zakharova"]),
    ("Ali Khamenei", "Guide suprême", "IR", ["Khamenei"]),
    ("Hassan Rohani", "président iranien", "IR", ["Rohani"]),
    ("Ebrahim Raïssi", "président iranien", "IR", ["Raïssi"]),
    ("Massoud Pezeshkian", "président iranien", "IR", ["Pezeshkian"]),
    ("Mahmoud Ahmadinejad", "président iranien", "IR", ["Ahmadinejad"]),
    ("Mohammad Khatami", "président iranien", "IR", ["Khatami"]),
    ("Abbas Araghtchi", "ministre iranien des Affaires étrangères", "IR", ["Araghtchi"]),
    ("Mohammad Javad Zarif", "ministre iranien des Affaires étrangères", "IR", ["Zarif"]),
    ("Hossein Amir-Abdollahian", "ministre iranien des Affaires étrangères", "IR", ["Amir-Abdollahian"]),
    ("Ali Larijani", "secrétaire du Conseil suprême de sécurité nationale", "IR", ["Larijani"]),
    ("Ali Akbar Ahmadian", "secrétaire du Conseil suprême de sécurité nationale", "IR", ["Ahmadian"]),
    ("Ali Shamkhani", "secrétaire du Conseil suprême de sécurité nationale", "IR", ["Shamkhani"]),
    ("Kazem Jalali", "ambassadeur d'Iran en Russie", "IR", ["Jalali"]),
    ("Mohammad Bagher Ghalibaf", "président du Parlement iranien", "IR", ["Ghalibaf"]),
    ("Mohammad Eslami", "chef de l'Organisation de l'énergie atomique", "IR", ["Eslami"]),
    ("Kamal Kharrazi", "ministre iranien des Affaires étrangères", "IR", ["Kharrazi"]),
    ("Ali Bagheri Kani", "vice-ministre des Affaires étrangères", "IR", ["Bagheri Kani"]),
    ("Mohammad Reza Aref", "premier vice-président", "IR", ["Aref"]),
    ("Rafael Grossi", "directeur général de l'AIEA", None, ["Grossi"]),
    ("Antony Blinken", "secrétaire d'État américain", "US", ["Blinken"]),
    ("Donald Trump", "président américain", "US", ["Trump"]),
    ("Recep Tayyip Erdogan", "président turc", "TR", ["Erdogan"]),
    ("Bachar al-Assad", "président syrien", "SY", ["Assad", "al-Assad"]),
    ("Xi Jinping", "président chinois", "CN", ["Xi"]),
    ("Ilham Aliev", "président azerbaïdjanais", "AZ", ["Aliev"]),
    ("Nikol Pachinian", "Premier ministre arménien", "AM", ["Pachinian"]),
    ("Kassym-Jomart Tokaïev", "président kazakh", "KZ", ["Tokaïev"]),
]
FIRST = ["Ali", "Mohammad", "Hossein", "Reza", "Mehdi", "Hamid", "Saïd", "Javad", "Majid", "Ahmad", "Narges",
         "Leïla", "Sergueï", "Alexeï", "Dmitri", "Igor", "Andreï", "Mikhaïl", "Pavel", "Oleg", "Iouri", "Anna",
         "Elena", "Olga", "Viktor", "Nikolaï", "Vassili", "Roman", "Maxime", "Kirill", "Jean", "Pierre", "Hélène"]
SYLL = ["ka", "ze", "mi", "ro", "va", "sha", "kho", "ba", "ri", "dov", "nia", "gor", "lev", "mad", "pour", "zad",
        "tch", "ouk", "ine", "ov", "eh", "sa", "ni", "ta", "bé", "ïe", "fa", "ra", "lou", "jan"]
ROLES = ["vice-ministre des Affaires étrangères", "ambassadeur", "ministre de l'Énergie", "ministre du Pétrole",
         "gouverneur de la Banque centrale", "ministre des Transports", "chef d'état-major", "député",
         "conseiller du président", "directeur de Rosatom", "président de la Chambre de commerce",
         "ministre de l'Économie", "porte-parole du ministère", "vice-Premier ministre", "ministre de la Culture",
         "chef de la diplomatie", "expert", "analyste", None]
CITIES = ["Moscou", "Téhéran", "Saint-Pétersbourg", "Ispahan", "Mashhad", "Tabriz", "Bouchehr", "Kazan", "Sotchi",
          "Astrakhan", "Bakou", "Erevan", "Achgabat", "Astana", "Genève", "Vienne", "New York", "Pékin", "Doha",
          "Damas", "Ankara", "Bandar Abbas", "Rasht", "Anzali", "Makhatchkala", "Oufa", "Novossibirsk", "Chiraz"]
KINDS_M = list(rec.MEETING_KINDS)
AGREEMENTS = [
    "accord de coopération stratégique globale", "traité sur les fondements des relations",
    "mémorandum d'entente sur la coopération énergétique", "contrat de construction de la centrale de Bouchehr",
    "feuille de route de coopération militaire", "accord de libre-échange avec l'Union économique eurasiatique",
    "protocole sur le corridor de transport Nord-Sud", "accord sur l'interconnexion des systèmes Mir et Shetab",
    "déclaration commune sur la mer Caspienne", "accord de coopération en matière de sécurité de l'information",
    "contrat de livraison de systèmes S-300", "accord sur la ligne ferroviaire Rasht-Astara",
    "plan d'action global commun", "mémorandum sur la coopération dans le domaine du gaz",
    "accord sur la suppression des visas pour les groupes touristiques", "protocole de coopération culturelle",
]
AGREEMENT_KIND = {
    "accord": "accord", "traité": "traité", "mémorandum": "mémorandum", "contrat": "contrat",
    "feuille": "feuille de route", "protocole": "protocole", "déclaration": "déclaration", "plan": "accord",
}
EVENTS = ["session de la commission économique mixte Iran-Russie", "exercices navals conjoints en mer Caspienne",
          "livraison de combustible nucléaire à Bouchehr", "sommet des BRICS", "sommet de l'OCS",
          "élection présidentielle iranienne", "forum économique international", "réunion au format d'Astana",
          "lancement d'un satellite iranien", "inauguration du terminal ferroviaire"]
ORGS = ["BRICS", "Organisation de coopération de Shanghai", "Union économique eurasiatique", "AIEA",
        "Conseil de sécurité de l'ONU", "Rosatom", "Gazprom", "Banque centrale d'Iran", "Kremlin",
        "Gardiens de la révolution", "Conseil de sécurité de la Russie", "OPEP", "Union européenne"]
TOPIC_WORDS = {
    "economie": "les échanges commerciaux et l'investissement", "energie": "le pétrole et le gaz",
    "nucleaire": "le programme nucléaire et l'enrichissement d'uranium", "securite": "la coopération sécuritaire",
    "defense": "la coopération militaire et les drones", "terrorisme": "la lutte contre le terrorisme",
    "cybersecurite": "la sécurité de l'information", "sanctions": "les sanctions occidentales",
    "transport": "le corridor de transport Nord-Sud", "finance": "les paiements en monnaies nationales",
    "diplomatie": "la situation au Moyen-Orient", "multilateral": "la coopération au sein des BRICS",
    "culture": "les échanges culturels et le tourisme",
}
QUOTES = ["Nos relations avec la Russie sont stratégiques et ne dépendent pas des circonstances",
          "Les discussions ont principalement porté sur la coopération économique et énergétique",
          "Nous condamnons fermement toute tentative d'ingérence dans les affaires intérieures",
          "La coopération entre nos deux pays sert la stabilité de toute la région",
          "Les sanctions unilatérales sont illégales et ne nous empêcheront pas d'avancer",
          "Le corridor Nord-Sud changera la carte logistique de l'Eurasie"]
MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre"]


def people(rng: random.Random, extra: int = 3000) -> list[tuple]:
    """The known cast plus a long tail of invented people (varied surnames, accents)."""
    out = list(KNOWN)
    seen = {p[0] for p in out}
    while len(out) < len(KNOWN) + extra:
        last = "".join(rng.choice(SYLL) for _ in range(rng.randint(2, 4))).capitalize()
        name = f"{rng.choice(FIRST)} {last}"
        if name in seen:
            continue
        seen.add(name)
        out.append((name, rng.choice(ROLES), rng.choice(["RU", "IR", "IR", "RU", "TR", "CN", "AZ", None]), [last]))
    return out


def day(rng: random.Random) -> tuple[int, int, int]:
    return rng.randint(2001, 2025), rng.randint(1, 12), rng.randint(1, 28)


def make_record(rng: random.Random, cast: list[tuple], n: int) -> dict:
    y, m, d = day(rng)
    iso = f"{y:04d}-{m:02d}-{d:02d}"
    # Popular people come up far more often: a Zipf-like pick over the cast.
    k = rng.choices([1, 2, 3, 4, 5, 6], weights=[10, 30, 25, 15, 10, 5])[0]
    chosen: list[tuple] = []
    while len(chosen) < k:
        i = min(int(rng.paretovariate(0.9)) - 1, len(cast) - 1)
        if rng.random() < 0.35:
            i = rng.randrange(len(cast))
        if cast[i] not in chosen:
            chosen.append(cast[i])
    actors = [{"name": n_, "role": r, "country": c, "aliases": list(a) if rng.random() < 0.8 else []}
              for n_, r, c, a in chosen]
    meetings = []
    for j in range(rng.choices([0, 1, 2, 3], weights=[15, 55, 20, 10])[0]):
        dd = max(1, d - j)
        precise = rng.random()
        date = (f"{y:04d}-{m:02d}-{dd:02d}" if precise < 0.85 else f"{y:04d}-{m:02d}" if precise < 0.95 else None)
        meetings.append({
            "date": date, "date_text": rng.choice(["lundi", "mardi", f"le {dd} {MONTHS[m - 1]}", "hier", "ce mercredi",
                                                   f"mi-{MONTHS[m - 1]}", "la semaine dernière"]),
            "place": rng.choice(CITIES) if rng.random() < 0.7 else None,
            "kind": rng.choice(KINDS_M),
            "participants": [a["name"] for a in rng.sample(actors, min(len(actors), rng.randint(1, 2)))],
        })
    topics = rng.sample(rec.TOPICS, rng.randint(1, 5))
    agreements = []
    for name in rng.sample(AGREEMENTS, rng.choices([0, 1, 2, 3], weights=[45, 35, 15, 5])[0]):
        status = rng.choice(list(rec.AGREEMENT_STATUSES) + [None])
        agreements.append({"name": name, "kind": AGREEMENT_KIND[name.split()[0]], "status": status,
                           "date": rng.choice([None, iso, str(y - rng.randint(0, 10))])})
    events = []
    for what in rng.sample(EVENTS, rng.choices([0, 1, 2], weights=[60, 30, 10])[0]):
        ey, em, ed = min(y + rng.randint(0, 1), 2026), rng.randint(1, 12), rng.randint(1, 25)
        events.append({"what": what, "place": rng.choice(CITIES + [None]), "start": f"{ey:04d}-{em:02d}-{ed:02d}",
                       "end": f"{ey:04d}-{em:02d}-{ed + 2:02d}" if rng.random() < 0.4 else None})
    places = sorted({mt["place"] for mt in meetings if mt["place"]} | set(rng.sample(CITIES, rng.randint(0, 3))))
    lead = actors[0]
    about = " et ".join(TOPIC_WORDS[t] for t in topics[:2])
    where = meetings[0]["place"] if meetings and meetings[0]["place"] else rng.choice(CITIES)
    title = (f"{lead['name']} a rencontré {actors[1]['name']} à {where}" if len(actors) > 1
             else f"{lead['name']} évoque {about}")
    role = lead["role"] or "le responsable"
    summary = (f"{role[0].upper() + role[1:]} {lead['name']} a évoqué {about} à {where}. "
               f"Les deux parties ont souligné l'importance de la coopération entre Moscou et Téhéran.")
    quotes = [{"speaker": rng.choice(actors)["name"], "text": rng.choice(QUOTES)}
              for _ in range(rng.choices([0, 1, 2], weights=[50, 35, 15])[0])]
    published = rng.random()
    text = f"{n}:{title}:{summary}:{rng.random()}"
    record = rec.new_record()
    record.update({
        "title": title,
        "published": iso if published < 0.9 else f"{y:04d}-{m:02d}" if published < 0.95 else None,
        "added": f"{min(y + 1, 2026)}-{m:02d}-{d:02d}T10:{n % 60:02d}:00Z",
        "source": {"file": f"depeche-{n:06d}.txt",
                   "url": f"https://example.org/{y}/{m:02d}/{n}" if rng.random() < 0.5 else None,
                   "sha256": hashlib.sha256(text.encode()).hexdigest()},
        "summary": summary,
        "actors": actors,
        "meetings": meetings,
        "topics": topics,
        "agreements": agreements,
        "events": events,
        "places": places,
        "organizations": rng.sample(ORGS, rng.randint(0, 3)),
        "quotes": quotes,
    })
    if record["published"] is None and not any(mt["date"] for mt in meetings) and rng.random() < 0.5:
        record["published"] = str(y)
    return record


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n", type=int, help="number of briefs to write")
    ap.add_argument("dir", type=Path, help="archive folder (created; must be empty or absent)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--fsync", action="store_true", help="keep the writer's per-file fsync (slow)")
    args = ap.parse_args(argv)
    if args.dir.exists() and any(args.dir.iterdir()):
        ap.error(f"{args.dir} is not empty")
    rng = random.Random(args.seed)
    cast = people(rng)
    archive = Archive(args.dir)
    t0 = time.perf_counter()
    no_fsync = contextlib.nullcontext() if args.fsync else _no_fsync()
    taken: set[str] = set()
    with no_fsync, archive.locked():
        for n in range(args.n):
            record = make_record(rng, cast, n)
            record["id"] = allocate_id(archive, record, taken)
            problems = rec.validate(record, expected_id=record["id"])
            if problems:
                raise SystemExit(f"generated an invalid record {record['id']}: {problems}")
            archive.write(record)
            if (n + 1) % 10000 == 0:
                print(f"  {n + 1} briefs, {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    print(f"wrote {args.n} briefs to {args.dir} in {time.perf_counter() - t0:.1f} s")
    return 0


def allocate_id(archive: Archive, record: dict, taken: set[str]) -> str:
    """`Archive.allocate_id`'s rule (base id, else base-2, base-3 ...) without rescanning the folder per record."""
    base = check_id(base_id(record))
    candidate, n = base, 1
    while candidate in taken or archive.path_of(candidate).exists():
        n += 1
        candidate = f"{base}-{n}"
    taken.add(candidate)
    return candidate


@contextlib.contextmanager
def _no_fsync():
    real = os.fsync
    os.fsync = lambda fd: None
    try:
        yield
    finally:
        os.fsync = real


if __name__ == "__main__":
    raise SystemExit(main())
