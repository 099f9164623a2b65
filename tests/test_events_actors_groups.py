"""Who: the armed groups of Middle East reporting by the names and inter codes ACLED's lists give them,
and the Islamic State by the province ACLED codes (wordings of our own)."""

from __future__ import annotations

import pytest

from geoevents.events import default_actors
from geoevents.events.actors import in_country

LIBYA = "Military Forces of Libya"


@pytest.mark.parametrize(
    ("text", "actor", "inter"),
    [
        ("Fighters of the Hamza Division shelled a village", "Hamza Division", 2),
        ("the Sultan Murad Division clashed with the YPG", "Sultan Murad Division", 2),
        ("Deir Ezzor Military Council fighters raided a farm", "Deir ez-Zor Military Council", 2),
        ("Turkistan Islamic Party militants fired rockets", "TIP: Turkistan Islamic Party", 2),
        ("YPJ fighters repelled an attack", "YPJ: Women's Protection Units", 2),
        ("Peace Brigades gunmen deployed in the streets", "Saraya al Salam", 3),
        ("the Kurdistan Freedom Falcons claimed the bombing", "TAK: Kurdistan Freedom Hawks", 2),
        ("pro-GNA forces pushed south", f"{LIBYA} (2016-2021) Government of National Accord", 1),
        ("GNU forces deployed at the crossing", f"{LIBYA} (2021-) Government of National Unity", 1),
        ("ISIS-K gunmen stormed a mosque", "Islamic State Khorasan Province (ISKP)", 2),
        ("members of the Haqqani network were detained", "HQN: Haqqani Network", 2),
        ("National Resistance Front fighters ambushed a patrol", "NRF: National Resistance Front", 2),
        ("the Jenin Brigade said its men fired at troops", "PIJ: Katibat Jenin", 2),
        ("Jaish al-Adl militants attacked a border post", "Jaish al Adl", 2),
        ("the Radaa force detained a commander", "Radaa Special Deterrence Forces", 3),
    ],
)  # fmt: skip
def test_a_middle_east_group_has_its_acled_name_and_inter(text: str, actor: str, inter: int) -> None:
    lexicon = default_actors()
    assert [a.canonical for a in lexicon.find(text)][:1] == [actor]
    assert lexicon.inter(actor) == inter


def test_the_acled_spellings_are_the_names() -> None:
    """Where ACLED spells a group its own way, that spelling is the canonical name and the common
    ones are aliases."""
    lexicon = default_actors()
    assert [a.canonical for a in lexicon.find("People's Protection Units")] == [
        "YPG: Peoples Protection Units"
    ]
    assert [a.canonical for a in lexicon.find("the National Defence Forces")] == [
        "QDW: National Defense Forces"
    ]
    assert [a.canonical for a in lexicon.find("Jaish al-Izza")] == ["Jaysh al Izza"]
    assert [a.canonical for a in lexicon.find("the Levant Front")] == ["JaS: Levant Front"]


def test_a_boko_haram_acronym_in_lower_case_is_no_syrian_faction() -> None:
    assert "JaS: Levant Front" not in [a.canonical for a in default_actors().find("jas fighters attacked")]


AQ, IS = "Al Qaeda", "Islamic State ({country})"


@pytest.mark.parametrize(
    ("name", "country", "expected"),
    [
        (IS, "AF", "Islamic State Khorasan Province (ISKP)"),
        (IS, "ML", "Islamic State (Sahel)"),
        (IS, "NG", "Islamic State West Africa Province (ISWAP)"),
        (IS, "SY", "Islamic State (Syria)"),
        (IS, "IQ", "Islamic State (Iraq)"),
        (AQ, "SY", "Al Nusra Front"),
        (AQ, "YE", "AQAP: Al Qaeda in the Arabian Peninsula"),
        (AQ, "SO", "Al Shabaab"),
        (AQ, "PK", "Al Qaeda"),
    ],
)
def test_a_global_group_is_named_by_its_branch_in_the_country(name: str, country: str, expected: str) -> None:
    assert in_country(name, country) == expected


@pytest.mark.parametrize(
    "text",
    ["JAS fighters burned the market stalls.", "Gunmen of the Shekau faction raided the camp at night."],
)
def test_boko_haram_s_own_name_and_its_faction_name_it(text: str) -> None:
    found = [a.canonical for a in default_actors().find(text)]
    assert found == ["Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad"]
