"""The recogniser's former path: its public names, re-exported from ``geoevents.geoparse``."""

from geoevents.geoparse.lookups import DEFAULT_OPTIONS, RecognizerOptions
from geoevents.geoparse.recognizer import Recognizer, mentions_from_article, recognizer_for
from geoevents.geoparse.tokens import CONNECTORS

__all__ = [
    "CONNECTORS",
    "DEFAULT_OPTIONS",
    "Recognizer",
    "RecognizerOptions",
    "mentions_from_article",
    "recognizer_for",
]
