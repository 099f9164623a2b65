"""Geoparsing: recognising place names in text and resolving them to gazetteer features."""
