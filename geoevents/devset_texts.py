"""The texts the development set's items name: the shared folder's corpus documents, read on demand.

Each corpus is read once (FA-KES's table, the LGL and TR-News XML, GeoVirus, the seed pages), and an item
becomes the article the pipeline is given: its text, or a span of it, with its publication date.
"""

from __future__ import annotations

import csv
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from geoevents.devset import DevItem, iso_date
from geoevents.errors import InputError
from geoevents.records import Article


@dataclass(frozen=True, slots=True)
class Document:
    text: str
    published: datetime | None = None


def _xml_text(el: ET.Element | None) -> str:
    return (el.text or "") if el is not None else ""


def _fakes_documents(shared: Path) -> dict[str, Document]:
    path = shared / "corpora" / "FA-KES" / "FA-KES-Dataset.csv"
    with path.open(encoding="latin-1", newline="") as handle:
        return {
            row["unit_id"]: Document(row["article_content"], _us_date(row.get("date") or ""))
            for row in csv.DictReader(handle)
        }


def _us_date(value: str) -> datetime | None:
    try:
        return datetime.strptime(value.strip(), "%m/%d/%Y")
    except ValueError:
        return None


def feed_date(value: str) -> datetime | None:
    """A corpus's download time as feeds write it ("2016-12-17 10:00", "17 December 2016", "Dec 17, 2016")."""
    from geoevents.ingest.metadata import parse_date

    if not value.strip():
        return None
    found = iso_date(value) or parse_date(value)
    return found.replace(tzinfo=None) if found else None


def _lgl_schema_documents(path: Path) -> dict[str, Document]:
    root = ET.parse(path).getroot()
    return {
        str(art.get("docid") or i): Document(
            _xml_text(art.find("text")), feed_date(_xml_text(art.find("dltime")))
        )
        for i, art in enumerate(root.iter("article"))
    }


def _geovirus_documents(shared: Path) -> dict[str, Document]:
    root = ET.parse(shared / "corpora" / "GeoVirus" / "GeoVirus.xml").getroot()
    return {str(i): Document(_xml_text(art.find("text"))) for i, art in enumerate(root.iter("article"))}


def _seed_documents(shared: Path) -> dict[str, Document]:
    folder = shared / "seeds"
    return {p.name: Document(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*")) if p.is_file()}


_READERS: dict[str, Callable[[Path], dict[str, Document]]] = {
    "fakes": _fakes_documents,
    "lgl": lambda shared: _lgl_schema_documents(shared / "corpora" / "LGL" / "lgl.xml"),
    "trnews": lambda shared: _lgl_schema_documents(shared / "corpora" / "TR-News" / "TR-News.xml"),
    "geovirus": _geovirus_documents,
    "seeds": _seed_documents,
}


class Documents:
    """The shared folder's documents, each corpus read once, on first use."""

    def __init__(self, shared: Path) -> None:
        self.shared = shared
        self._by_corpus: dict[str, dict[str, Document]] = {}

    def get(self, corpus: str, doc: str) -> Document:
        if corpus not in self._by_corpus:
            try:
                self._by_corpus[corpus] = _READERS[corpus](self.shared)
            except (OSError, ET.ParseError, csv.Error) as exc:
                raise InputError(str(self.shared), f"cannot read corpus {corpus} ({exc})") from exc
        found = self._by_corpus[corpus].get(doc)
        if found is None:
            raise InputError(f"{corpus}:{doc}", "no such document in the shared corpora")
        return found


def article_for(item: DevItem, documents: Documents) -> Article:
    """The article the pipeline is given for an item: its text (a span of it) and publication date."""
    from geoevents.ingest.articles import article_from_text

    inline = item.text is not None
    doc = Document(item.text or "", item.published) if inline else documents.get(item.corpus, item.doc)
    text = doc.text[item.span[0] : item.span[1]] if item.span else doc.text
    meta: dict[str, Any] = {"id": item.item}
    published = stated_publication(doc) if item.span else doc.published
    if published is not None:
        meta["published"] = published
    return article_from_text(text, metadata=meta)


def stated_publication(doc: Document) -> datetime | None:
    """A snippet's publication day: the dateline its whole document opens with, else the corpus's date.

    A feed gives a snippet the day its report was published; the FA-KES table's own ``date`` sometimes
    disagrees with the article's dateline, and the pipeline itself trusts the dateline of a whole text.
    """
    from geoevents.events.dates import dateline_date

    stated = dateline_date(doc.text)
    if stated is not None and stated.date is not None:
        return datetime(stated.date.year, stated.date.month, stated.date.day)
    return doc.published
