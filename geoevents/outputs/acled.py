"""ACLED-shaped CSV: ACLED's columns in ACLED's order, then ours.

One row per event at its primary location. ISO numeric codes and country
names come from pycountry (with ACLED's short names where they differ);
regions follow ACLED's region list.

``event_id_cnty`` keeps ACLED's form, ISO 3166 alpha-3 letters then digits
(``IRQ1000123456789012``), so tools that parse or validate ACLED ids accept
ours. The digits are a stable hash of our event id, always 16 long with a
leading 1: ACLED numbers its events sequentially with far fewer digits, so a
row of ours can never take the id of a real ACLED event when the two files are
stacked, and the same event keeps the same id on every run. Our own id is kept
in the ``event_id`` column, which is what overrides refer to.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
import unicodedata
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from functools import cache

import pycountry

from geoevents.atomic import atomic_write_text
from geoevents.events.actors import ACLED_COUNTRY_NAMES, acled_name, default_actors
from geoevents.events.sources import combined_scale
from geoevents.outputs.citations import SourceRef, caveats, event_sources
from geoevents.outputs.frames import SEPARATOR, event_sort_key, evidence_text, primary_location
from geoevents.records import Event

ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)
EXTRA_COLUMNS: tuple[str, ...] = ("event_id", "injuries", "confidence", "sources", "evidence", "article_ids")
CSV_COLUMNS: tuple[str, ...] = ACLED_COLUMNS + EXTRA_COLUMNS

# ACLED's regions, by ISO 3166-1 alpha-2 code.
_REGIONS: dict[str, str] = {
    "Western Africa": "BJ BF CV CI GM GH GN GW LR ML MR NE NG SN SL TG SH",
    "Middle Africa": "AO CM CF TD CG CD GQ GA ST",
    "Eastern Africa": "BI KM DJ ER ET KE MG MW MU YT MZ RE RW SC SO SS TZ UG ZM ZW IO TF",
    "Southern Africa": "BW SZ LS NA ZA",
    "Northern Africa": "DZ EG LY MA SD TN EH",
    "Middle East": "BH IR IQ IL JO KW LB OM PS QA SA SY TR AE YE",
    "Caucasus and Central Asia": "AM AZ GE KZ KG TJ TM UZ",
    "South Asia": "AF BD BT IN MV NP PK LK",
    "Southeast Asia": "BN KH ID LA MY MM PH SG TH TL VN",
    "East Asia": "CN HK MO JP KP KR MN TW",
    "Europe": (
        "AL AD AT BY BE BA BG HR CY CZ DK EE FO FI FR DE GI GR GG HU IS IE IM IT JE XK LV LI LT LU MT "
        "MD MC ME NL MK NO PL PT RO RU SM RS SK SI ES SJ SE CH UA GB VA AX"
    ),
    "North America": "US CA GL BM PM",
    "Central America": "BZ CR SV GT HN MX NI PA",
    "Caribbean": ("AI AG AW BS BB BQ VG KY CU CW DM DO GD GP HT JM MQ MS PR BL KN LC MF VC SX TT TC VI"),
    "South America": "AR BO BR CL CO EC FK GF GY PY PE SR UY VE",
    "Oceania": ("AS AU CK FJ PF GU KI MH FM NR NC NZ NU NF MP PW PG PN WS SB TK TO TV UM VU WF CX CC HM"),
    "Antarctica": "AQ BV GS",
}
REGION_BY_CODE: dict[str, str] = {
    code: region for region, codes in _REGIONS.items() for code in codes.split()
}


@cache
def country_fields(code: str | None) -> tuple[str, str, str]:
    """(ISO numeric, ACLED region, country name) for an alpha-2 code; blanks when unknown."""
    if not code:
        return ("", "", "")
    code = code.upper()
    region = REGION_BY_CODE.get(code, "")
    record = pycountry.countries.get(alpha_2=code)
    if record is None:
        return ("", region, ACLED_COUNTRY_NAMES.get(code, ""))
    name = ACLED_COUNTRY_NAMES.get(code) or getattr(record, "common_name", None) or record.name
    return (str(int(record.numeric)), region, name)


ID_NUMBER_BASE = 10**15


def acled_event_id(event_id: str, country_code: str | None) -> str:
    """ACLED-form ``event_id_cnty``: ISO alpha-3 (``XXX`` when unknown) + a stable 16-digit number."""
    record = pycountry.countries.get(alpha_2=country_code.upper()) if country_code else None
    letters = record.alpha_3 if record is not None else "XXX"
    number = ID_NUMBER_BASE + int(hashlib.sha256(event_id.encode("utf-8")).hexdigest()[:12], 16)
    return f"{letters}{number}"


def _ascii(name: str | None) -> str:
    """A place name as ACLED writes it: ASCII, no diacritics, ayn or hamza ("Al Ḩasakah" -> "Al Hasakah")."""
    if not name:
        return ""
    stripped = "".join(
        c
        for c in unicodedata.normalize("NFKD", name.translate(_LETTERS))
        if not unicodedata.combining(c) and c not in _MARKS
    )
    plain = " ".join(stripped.encode("ascii", "ignore").decode("ascii").split())
    return _ARTICLE_HYPHEN.sub(
        lambda m: m.group(1) + " ", plain
    )  # "Al-Qaim" -> "Al Qaim", as ACLED writes it


# Letters that have no ASCII base under Unicode decomposition ("Şırnak" -> "Sirnak", "Łódź" -> "Lodz").
_LETTERS = str.maketrans(
    {"ı": "i", "İ": "I", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ħ": "h", "Ħ": "H",
     "ß": "ss", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D"}
)  # fmt: skip
_ARTICLE_HYPHEN = re.compile(r"\b(Al|Ar|As|Ash|An|Ad|Adh|At|Ath|Az|Ath|El|Ed|Es|Et)-(?=[A-Z])")


_MARKS = frozenset("ʻʼʾʿ‘’`´'")


def interaction(inter1: int | None, inter2: int | None) -> str:
    """ACLED's interaction: both inter codes, lower first ("17"); a sole actor's code times ten ("60")."""
    if inter1 is None:
        return ""
    if inter2 is None:
        return f"{inter1}0"
    low, high = sorted((inter1, inter2))
    return f"{low}{high}"


def acled_notes(event: Event) -> str:
    """ACLED-style notes: "On 29 December 2019, <what the report says>." then any merge remarks."""
    sentence = next((" ".join(e.sentence.split()) for e in event.evidence), "")
    if len(sentence) > _NOTE_CHARS:  # a note is a sentence or two, whatever the evidence's length
        sentence = sentence[:_NOTE_CHARS].rsplit(" ", 1)[0] + " ..."
    sentence = _DATELINE.sub("", sentence)
    for _ in range(2):  # "As reported on 28 April 2020, on 26 April, ...": both dates give way to the note's
        sentence = _LEADING_DATE.sub("", sentence).strip()
        sentence = _LEADING_DAY.sub("", sentence).strip()
    if sentence:
        sentence = sentence[0].upper() + sentence[1:]
        sentence = sentence if sentence.endswith((".", "!", "?")) else sentence + "."
    when = event.event_date
    if when is None:
        lead = ""
    elif event.time_precision == 3:
        lead = f"In {when.strftime('%B %Y')}, "
    elif event.time_precision == 2:
        lead = f"Around {when.day} {when.strftime('%B %Y')}, "
    else:
        lead = f"On {when.day} {when.strftime('%B %Y')}, "
    if lead and sentence:
        sentence = sentence[0].lower() + sentence[1:] if not _KEEPS_CAPITAL.match(sentence) else sentence
    body = (lead + sentence).strip()
    return " ".join(part for part in (body, _text(event.notes)) if part)


_OPENERS = (
    "The", "A", "An", "This", "That", "These", "Those", "Two", "Three", "Four", "Five", "Six", "Seven",
    "Eight",
    "Nine", "Ten", "Several", "Some", "Dozens", "Hundreds", "Thousands", "Scores", "Unidentified", "Unknown",
    "Gunmen", "Armed", "Protesters", "Demonstrators", "Rioters", "Police", "Security", "Militants", "Regime",
    "Government", "Pro-government", "Rebels", "Rebel", "Opposition", "Jihadists", "Fighters", "Troops",
    "Soldiers", "Forces", "Army", "Air", "Airstrikes", "Warplanes", "Clashes", "Fighting", "Shelling",
    "Residents", "Civilians", "Local", "Tribesmen", "Militiamen", "Suspected", "Masked", "At", "More", "Over",
    "Coalition", "In", "Near",
)  # fmt: skip
_NOTE_CHARS = 600
# What a note's own date replaces: a dateline, or a leading "On Friday," / "As reported on 2 May 2020,".
# The possessive spaces keep the comma-separated parts from being split two ways (no backtracking blow-up).
_DATELINE = re.compile(
    r"^[A-Z][\w.'’ /-]{1,40},\s*+(?:[^,\n]{1,40},\s*+)*?[^-–—]{0,40}?(?:\([^)]*\)\s*)?[-–—]+\s*"
)
_MONTHS = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
_LEADING_DATE = re.compile(
    r"^(?:as\s+reported\s+on|on(?:\s+the\s+night\s+of)?|early\s+on|late\s+on|in|during|around|about)?\s*"
    r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s*)?"
    rf"(?:\d{{1,2}}\s+{_MONTHS}(?:\s+\d{{4}})?|{_MONTHS}\s+\d{{1,2}}(?:,?\s+\d{{4}})?|(?:Monday|Tuesday|Wednesday|"
    r"Thursday|Friday|Saturday|Sunday)(?:\s+(?:morning|afternoon|evening|night))?)"
    r"(?:\s*\((?:between|from)\s[^)]{1,40}\))?\s*,\s*",  # "Around 10 May 2020 (between 8 and 12 May),"
    re.I,
)
# A day opening the report with no comma after it: "On Sunday evening in Iraq US forces ...", "Late on
# 3 May police ...". The preposition is required: a bare weekday or date may be the sentence's subject.
_LEADING_DAY = re.compile(
    r"^(?:on(?:\s+the\s+night\s+of)?|early\s+on|late\s+on)\s+"
    r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:\s+(?:morning|afternoon|evening|night))?"
    rf"|\d{{1,2}}\s+{_MONTHS}(?:\s+\d{{4}})?|{_MONTHS}\s+\d{{1,2}}(?:,?\s+\d{{4}})?)\s+(?=\w)",
    re.I,
)
# Words that keep their capital after "On <date>, ": names, acronyms and "I"; a common word opening the
# report ("Regime forces", "Unidentified gunmen", "Two children") is lower-cased.
_KEEPS_CAPITAL = re.compile(
    r"^(?:[A-Z]{2,}|I\b|(?!(?:" + "|".join(sorted(_OPENERS, key=len, reverse=True)) + r")\b)[A-Z])"
)


def _civilian_targeting(event: Event) -> str:
    """ACLED's flag for events whose main target was civilians: violence against them, strikes or mobs
    that hit them, and excessive force against protesters (civilians too, in ACLED's terms)."""
    targeted = (
        event.event_type == "Violence against civilians"
        or event.sub_event_type == "Excessive force against protesters"
        or "civilian" in (event.actor2 or "").lower()
    )
    return "Civilian targeting" if targeted else ""


def _code(value: int | None) -> str:
    return "" if value is None else str(value)


def _text(value: object) -> str:
    return "" if value is None else " ".join(str(value).split())


def _notes(event: Event) -> str:
    """ACLED's notes with the caveats a reader of the figures needs, in one cell."""
    said = caveats(event)
    text = acled_notes(event)
    if said:
        text = f"{text} Caveats: {'; '.join(said)}.".strip()
    return text


def event_rows(
    events: Iterable[Event], *, timestamp: int | None = None, sources: Mapping[str, SourceRef] | None = None
) -> list[dict[str, str]]:
    """The CSV rows for events (as strings, in CSV_COLUMNS order), sorted by date then id.

    ACLED's ``source`` names the publishers; ``sources`` holds the cleaned links (never a path).
    """
    rows = []
    actors = default_actors()
    for event in sorted(events, key=event_sort_key):
        cited = event_sources(event, sources)
        location = primary_location(event)
        place = location.place if location else None
        iso, region, country = country_fields(place.country_code if place else None)
        inter1, inter2 = actors.inter(event.actor1), actors.inter(event.actor2)
        publishers = list(dict.fromkeys(e.publisher for e in event.evidence if e.publisher)) or list(
            dict.fromkeys(_text(ref.publisher) for ref in cited if ref.publisher)
        )
        rows.append(
            {
                "event_id_cnty": acled_event_id(event.event_id, place.country_code if place else None),
                "event_date": event.event_date.isoformat() if event.event_date else "",
                "year": str(event.event_date.year) if event.event_date else "",
                "time_precision": "" if event.time_precision is None else str(event.time_precision),
                "disorder_type": _text(event.disorder_type),
                "event_type": _text(event.event_type),
                "sub_event_type": _text(event.sub_event_type),
                "actor1": _text(acled_name(event.actor1, event.event_date)),
                "assoc_actor_1": _text(acled_name(event.assoc_actor_1, event.event_date)),
                "inter1": _code(inter1),
                "actor2": _text(acled_name(event.actor2, event.event_date)),
                "assoc_actor_2": _text(acled_name(event.assoc_actor_2, event.event_date)),
                "inter2": _code(inter2),
                "interaction": interaction(inter1, inter2),
                "civilian_targeting": _civilian_targeting(event),
                "iso": iso,
                "region": region,
                "country": country,
                "admin1": _ascii(place.admin1) if place else "",
                "admin2": _ascii(place.admin2) if place else "",
                "admin3": "",
                "location": _ascii(place.name) if place else "",
                "latitude": f"{place.lat:.4f}" if place else "",
                "longitude": f"{place.lon:.4f}" if place else "",
                "geo_precision": str(location.precision) if location else "",
                "source": "; ".join(_text(p) for p in publishers),
                "source_scale": combined_scale(publishers),
                "notes": _notes(event),
                "fatalities": str(event.fatalities or 0),  # ACLED: 0 when no death is reported
                "tags": "; ".join(_text(t) for t in event.tags),
                "timestamp": str(int(timestamp)) if timestamp is not None else _reported_at(cited),
                "event_id": event.event_id,
                "injuries": str(event.injuries or 0),  # 0 when none is reported, as fatalities
                "confidence": f"{event.confidence:.2f}",
                "sources": SEPARATOR.join(_text(ref.url or ref.text) for ref in cited),
                "evidence": evidence_text(event) or "",
                "article_ids": SEPARATOR.join(event.article_ids),
            }
        )
    return rows


def _reported_at(cited: list[SourceRef]) -> str:
    """ACLED's ``timestamp`` of a row: when its latest report was published (seconds since 1970, UTC
    midnight of that day), so a rerun gives the same value; blank when no report's day is known."""
    days = [ref.published for ref in cited if ref.published is not None]
    if not days:
        return ""
    day = max(days)
    return str(int(datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp()))


def _neutralise_formula(value: str) -> str:
    """Spreadsheet apps run cells starting with = + - @ as formulas; article text must not."""
    if value and value[0] in "=+-@\t\r" and not _is_number(value):
        return "'" + value
    return value


def _is_number(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True


def write_acled_csv(
    events: Iterable[Event],
    path: str | os.PathLike[str],
    *,
    timestamp: int | None = None,
    sources: Mapping[str, SourceRef] | None = None,
    bom: bool = True,
) -> None:
    """Write ``events`` as an ACLED-shaped CSV (UTF-8, header row, atomically).

    ``timestamp`` fills ACLED's ``timestamp`` column (seconds since 1970); by default each
    row takes the publication day of its latest report, so the same inputs give the same bytes.
    ``bom`` starts the file with a UTF-8 byte order mark, without which Excel reads it as a legacy code
    page and garbles every diacritic; pandas, R, GDAL and QGIS skip the mark, and it
    sits on the header line, which is the line dropped when rows are stacked onto an
    ACLED export.
    """
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in event_rows(events, timestamp=timestamp, sources=sources):
        writer.writerow({key: _neutralise_formula(value) for key, value in row.items()})
    atomic_write_text(path, ("\ufeff" if bom else "") + buffer.getvalue())
