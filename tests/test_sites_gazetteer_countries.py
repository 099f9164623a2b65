"""Towns of a country whose code a former country also used (GeoNames lists "GE" for Georgia and for the
Gilbert and Ellice Islands, "BY" for Belarus and the Byelorussian SSR) keep their country."""

from __future__ import annotations


def test_towns_of_a_country_whose_code_a_former_one_reused_keep_their_country(gazetteer: object) -> None:
    for name, code in (("Tbilisi", "GE"), ("Minsk", "BY"), ("Bratislava", "SK")):
        (best, *_) = gazetteer.candidates(name)  # type: ignore[attr-defined]
        assert best.place.country_code == code, (name, best.place)
