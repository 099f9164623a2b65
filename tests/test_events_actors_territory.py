"""Sides of a change of hands and of an unattributed air strike, as the codebook's sub-event types and
a war's air power define them (wordings of our own)."""

from __future__ import annotations

from datetime import date

from geoevents.events import default_actors
from geoevents.events.actors import row_actors

ON = date(2019, 5, 9)


def _battle(sub: str, found: tuple[str | None, str | None], country: str = "SY", on: date = ON):
    return row_actors(default_actors(), "Battles", sub, found, country=country, on=on)


def test_ground_regained_with_no_doer_named_is_the_national_army_s() -> None:
    actor1, actor2 = _battle("Government regains territory", (None, "Opposition Rebels ({country})"))
    assert actor1 == "Military Forces of Syria"
    assert actor2 == "Opposition Rebels (Syria)"


def test_ground_regained_names_the_state_first_when_the_loser_was_read_first() -> None:
    found = ("Opposition Rebels ({country})", "Military Forces of {country}")
    assert _battle("Government regains territory", found, "ML") == (
        "Military Forces of Mali",
        "Opposition Rebels (Mali)",
    )


def test_ground_regained_by_a_loyal_militia_keeps_the_militia_first() -> None:
    actor1, _ = _battle("Government regains territory", ("Pro-Government Militia ({country})", None))
    assert actor1 == "Pro-Government Militia (Syria)"


def test_ground_overtaken_names_the_group_first_when_the_army_was_read_first() -> None:
    found = ("Military Forces of {country}", "Al Shabaab")
    actor1, actor2 = _battle("Non-state actor overtakes territory", found, "SO")
    assert actor1 == "Al Shabaab"
    assert actor2 is not None and actor2.startswith("Military Forces of Somalia")


def _strike(found: tuple[str | None, str | None], on: date) -> str | None:
    actor1, _ = row_actors(
        default_actors(), "Explosions/Remote violence", "Air/drone strike", found, country="SY", on=on
    )
    return actor1


def test_an_unnamed_air_strike_in_syria_before_russia_flew_is_the_regime_s() -> None:
    assert _strike((None, None), date(2014, 3, 2)) == "Military Forces of Syria"


def test_an_unnamed_air_strike_in_syria_after_russia_joined_stays_unidentified() -> None:
    assert _strike((None, None), date(2016, 3, 2)) == "Unidentified Military Forces"


def test_an_unnamed_air_strike_on_the_islamic_state_may_be_the_coalition_s() -> None:
    assert _strike((None, "Islamic State ({country})"), date(2015, 3, 2)) == "Unidentified Military Forces"
