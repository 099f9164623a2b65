"""Who published an article: ACLED's ``source`` (the publisher's name) and ``source_scale``.

The name comes from the feed or page (``publisher``, ``source``, ``site_name`` fields), else from the
URL's domain through ``data/publishers.csv`` (the domain itself when it is not listed), else from the
agency a wire dateline names ("MOGADISHU (AP) -", through ``data/agencies.csv``). A local file
path is never a source. Every output names a publisher through ``publisher_from_url`` here, so the
CSV, the map, the report and the KMZ give one source the same name. The scale is the listed one,
else "Other", as ACLED writes unknown scales.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from importlib import resources
from urllib.parse import urlsplit

from geoevents.records import Article

_FIELDS = ("publisher", "source", "site_name", "og:site_name", "outlet", "feed")
UNKNOWN_SCALE = "Other"


@lru_cache(maxsize=1)
def _publishers() -> dict[str, tuple[str, str]]:
    text = resources.files("geoevents.events").joinpath("data/publishers.csv").read_text(encoding="utf-8")
    return {row["domain"]: (row["name"], row["scale"]) for row in csv.DictReader(text.splitlines())}


# Host prefixes that name a site's edition or device, not its publisher.
_HOST_PREFIXES = ("www.", "m.", "amp.", "mobile.", "edition.", "en.")


def _domain(url: str | None) -> str:
    if not url or "://" not in url:
        return ""
    try:
        host = (urlsplit(url.strip()).hostname or "").lower()
    except ValueError:
        return ""
    for prefix in _HOST_PREFIXES:
        if host.startswith(prefix) and host.count(".") > 1:
            host = host[len(prefix) :]
    return host


def _listed(domain: str) -> tuple[str, str] | None:
    table = _publishers()
    parts = domain.split(".")
    for i in range(len(parts) - 1):  # "english.alarabiya.net" -> "alarabiya.net"
        found = table.get(".".join(parts[i:]))
        if found:
            return found
    return None


def publisher_from_url(url: str | None) -> str | None:
    """The publisher of a web address: its listed name, else its domain (None for no web address)."""
    domain = _domain(url)
    if not domain:
        return None
    listed = _listed(domain)
    return listed[0] if listed else domain


def publisher_of(article: Article) -> str:
    """The publisher's name for ACLED's ``source`` column ("" when nothing names one)."""
    for key in _FIELDS:
        value = article.metadata.get(key)
        if isinstance(value, str) and value.strip() and "/" not in value and "\\" not in value:
            return " ".join(value.split())
    return publisher_from_url(article.url) or dateline_agency(article.text) or ""


@lru_cache(maxsize=1)
def _agencies() -> dict[str, str]:
    text = resources.files("geoevents.events").joinpath("data/agencies.csv").read_text(encoding="utf-8")
    return {row["agency"].casefold(): row["name"] for row in csv.DictReader(text.splitlines())}


# "MOGADISHU (AP) -", "Beirut, March 3 (Reuters) -": the agency in brackets before the dateline's dash.
_DATELINE_AGENCY = re.compile(r"\W*[A-Z][^()\n]{1,60}?\((?P<agency>[A-Za-z][\w .&-]{0,40})\)\s*[-–—:]")


def dateline_agency(text: str) -> str | None:
    """The news agency a wire dateline opening ``text`` names, by its listed name (None when none does)."""
    m = _DATELINE_AGENCY.match(text)
    if m is None:
        return None
    agency = " ".join(m.group("agency").split())
    return _agencies().get(agency.casefold())


def source_scale(publisher: str) -> str:
    """ACLED's ``source_scale`` of a publisher name: the listed scale, else "Other"."""
    for name, scale in _publishers().values():
        if name == publisher:
            return scale
    return UNKNOWN_SCALE


def combined_scale(publishers: list[str]) -> str:
    """One scale for several sources, as ACLED joins them ("National-International")."""
    order = ["Local", "Subnational", "National", "Regional", "International", "New media", UNKNOWN_SCALE]
    scales = sorted({source_scale(p) for p in publishers if p}, key=order.index)
    if not scales:
        return ""
    return scales[0] if len(scales) == 1 else "-".join(scales[:2])
