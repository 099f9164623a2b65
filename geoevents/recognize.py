"""The recogniser's former path: its public names, re-exported from ``geoevents.geoparse``."""

from geoevents.geoparse.recognizer import Recognizer, mentions_from_article, recognizer_for
from geoevents.geoparse.tokens import CONNECTORS
from geoevents.geoparse.word_lookups import DEFAULT_OPTIONS, RecognizerOptions

__all__ = [
    "CONNECTORS",
    "DEFAULT_OPTIONS",
    "Recognizer",
    "RecognizerOptions",
    "mentions_from_article",
    "recognizer_for",
]
