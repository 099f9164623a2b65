"""Ingest: files, folders, globs and strings to Article records with page zones and metadata."""

from __future__ import annotations

from geoevents.ingest.articles import (
    FORMATS,
    article_from_text,
    article_id,
    articles_from_file,
    articles_from_paths,
)
from geoevents.ingest.files import files_from_inputs

__all__ = [
    "FORMATS",
    "article_from_text",
    "article_id",
    "articles_from_file",
    "articles_from_paths",
    "files_from_inputs",
]
