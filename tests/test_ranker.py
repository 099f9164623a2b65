"""The ranker: each named feature, the weights, the explanations, the training on candidate sets."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from shapely.geometry import Point

from geoevents.errors import InputError
from geoevents.gazetteer.base import Candidate
from geoevents.geoparse import features as F
from geoevents.geoparse.explain import explained_mentions
from geoevents.geoparse.ranker import Ranker, hand_weights, ranker_by_name, ranker_from_path, trained_weights
from geoevents.records import Article, Place


def _place(
    name: str, fclass: str = "populated_place", *, pop: int = 0, cc: str = "US", a1: str | None = "Texas"
):
    return Place(
        f"t:{name}:{fclass}:{a1}", name, fclass, 30.0, -95.0, Point(-95.0, 30.0), "test", cc, a1, None, pop
    )


def _cand(place: Place, match: float = 1.0) -> Candidate:
    return Candidate(place, match, place.name)


def _facts(
    cands: list[Candidate], classes: frozenset[str] = frozenset(), capitals: Any = None
) -> F.NameFacts:
    return F.name_facts(cands, area_classes=classes, capitals=capitals or {})


def _areas(**kw: Any) -> F.AreaFacts:
    facts = F.AreaFacts(
        kw.get("named_cc", Counter()),
        kw.get("named_a1", Counter()),
        kw.get("support_cc", Counter()),
        kw.get("support_a1", Counter()),
        kw.get("neighbours", {}),
        kw.get("dominant", {}),
        kw.get("dominant_a1", {}),
    )
    facts.renew_top()
    return facts


# --- static features ------------------------------------------------------------------------------


def test_match_and_exact_match_tell_an_alias_from_the_name() -> None:
    town = _place("Alpha")
    assert F.match(_cand(town, 0.85)) == 0.85
    assert F.exact_match(_cand(town, 1.0)) == 1.0
    assert F.exact_match(_cand(town, 0.85)) == 0.0


def test_loose_match_tells_a_loose_spelling_from_a_name_or_an_alias() -> None:
    from geoevents.gazetteer.offline import ALIAS_SCORE, EXACT_SCORE, GLUED_SCORE, LOOSE_SCORE

    town = _place("Karabad")
    # Its own name and an alternate name are no loose spelling; letters run together or an article
    # glued on ("Kara-Bad" asked as "Karabad") are.
    assert F.loose_match(_cand(town, EXACT_SCORE)) == 0.0
    assert F.loose_match(_cand(town, ALIAS_SCORE)) == 0.0
    assert F.loose_match(_cand(town, LOOSE_SCORE)) == 1.0
    assert F.loose_match(_cand(town, GLUED_SCORE)) == 1.0
    vec = dict(zip(F.STATIC, F.static_vector(_cand(town, LOOSE_SCORE), _facts([_cand(town)])), strict=True))
    assert vec["loose_match"] == 1.0 and vec["exact_match"] == 0.0
    assert F.SIGNS["loose_match"] == -1


def test_prominence_grows_with_population_and_stops_at_ten_million() -> None:
    assert F.prominence(_place("A")) == 0.0
    assert 0.0 < F.prominence(_place("A", pop=1_000)) < F.prominence(_place("A", pop=100_000)) < 1.0
    assert F.prominence(_place("A", pop=50_000_000)) == 1.0
    assert F.town_prominence(_place("A", "admin1", pop=100_000)) == 0.0
    assert F.town_prominence(_place("A", pop=100_000)) == F.prominence(_place("A", pop=100_000))


def test_most_populous_marks_the_largest_namesake_only() -> None:
    big, small = _place("A", pop=90_000, a1="Ohio"), _place("A", pop=300)
    facts = _facts([_cand(big), _cand(small)])
    assert F.most_populous(big, facts) == 1.0
    assert F.most_populous(small, facts) == 0.0
    assert F.most_populous(small, _facts([_cand(small, 1.0), _cand(_place("A", a1="Iowa"))])) == 1.0


def test_capital_counts_unless_the_name_is_also_its_country() -> None:
    city = _place("Zed", pop=1_000_000, cc="ZZ")
    capitals = {"ZZ": city.feature_id}
    assert F.capital(city, _facts([_cand(city)], capitals=capitals)) == 1.0
    namesake = _place("Zed", pop=5_000, cc="ZZ", a1="Other")  # a town named like the capital
    assert F.capital(namesake, _facts([_cand(city), _cand(namesake)], capitals=capitals)) == 0.0
    assert F.capital_actor(namesake, True, capitals) == 0.0
    country = _place("Zed", "country", cc="ZZ", a1=None)
    assert F.capital(city, _facts([_cand(city), _cand(country)], capitals=capitals)) == 0.0
    assert F.capital_actor(city, True, capitals) == 1.0
    assert F.capital_actor(city, False, capitals) == 0.0


def test_a_hamlet_beside_a_large_area_of_its_name_is_marked() -> None:
    state = _place("Georgia", "admin1", pop=10_000_000, a1="Georgia")
    hamlet = _place("Georgia", pop=200)
    facts = _facts([_cand(state), _cand(hamlet)])
    assert F.hamlet_by_big_area(hamlet, facts) == 1.0
    assert F.hamlet_by_big_area(state, facts) == 0.0
    assert F.hamlet_by_big_area(hamlet, _facts([_cand(hamlet)])) == 0.0


def test_feature_class_is_one_hot_and_a_town_is_the_baseline() -> None:
    assert sum(F.feature_class(_place("A", "country"))) == 1.0
    assert F.feature_class(_place("A", "country"))[F.CLASSES.index("country")] == 1.0
    assert sum(F.feature_class(_place("A"))) == 0.0


def test_big_city_starts_above_a_hundred_thousand() -> None:
    assert F.big_city(_place("A", pop=90_000)) == 0.0
    assert 0.0 < F.big_city(_place("A", pop=1_000_000)) < 1.0
    assert F.big_city(_place("A", "admin1", pop=5_000_000)) == 0.0


def test_area_word_and_a_province_named_for_its_city() -> None:
    city = _place("Kay", pop=800_000, a1="Kay")
    province = _place("Kay", "admin1", pop=1_200_000, a1="Kay")
    facts = _facts([_cand(city), _cand(province)])
    assert F.named_for_town(province, facts) == 1.0  # the city holds most of the province: the city
    worded = _facts([_cand(city), _cand(province)], frozenset({"admin1"}))
    assert F.area_word(province, worded) == 1.0  # "Kay province"
    assert F.named_for_town(province, worded) == 0.0
    vast = _place("Kay", "admin1", pop=80_000_000, a1="Kay")
    assert F.named_for_town(vast, _facts([_cand(city), _cand(vast)])) == 0.0  # a small share: the province


def test_static_vector_follows_the_static_names() -> None:
    town = _place("A", pop=5_000)
    vec = F.static_vector(_cand(town), _facts([_cand(town)]))
    assert len(vec) == len(F.STATIC)
    assert dict(zip(F.STATIC, vec, strict=True))["prominence"] == F.prominence(town)


# --- article features -----------------------------------------------------------------------------


def test_state_after_reads_the_state_or_country_written_after_the_name() -> None:
    town = _place("Paris", a1="Texas")
    assert F.state_after(town, "texas") == 1.0
    assert F.state_after(town, "us") == 1.0
    assert F.state_after(town, "missouri") == 0.0
    assert F.state_after(town, None) == 0.0


def test_country_features_named_neighbour_coherence_dominant() -> None:
    facts = _areas(
        named_cc=Counter({"AA": 4, "BB": 2}),
        support_cc=Counter({"AA": 3, "CC": 4}),
        neighbours={"CC": ("AA",)},
        dominant={"AA": 0.75},
    )
    assert F.named_country("AA", facts) == 1.0
    assert F.named_country("BB", facts) == 0.5
    assert F.neighbour_country("CC", facts) == 1.0
    assert F.neighbour_country("AA", facts) == 0.0  # named itself
    assert F.coherence_country("AA", True, facts) == pytest.approx(2 / 3)  # its own reading is no witness
    assert F.coherence_country("CC", False, facts) == 1.0
    assert F.dominant_country("AA", facts) == 0.75
    assert F.country_vector("ZZ", False, facts) == (0.0, 0.0, 0.0, 0.0)


def test_admin1_features_named_coherence_dominant() -> None:
    facts = _areas(
        named_a1=Counter({("US", "Ohio"): 1}),
        support_a1=Counter({("US", "Ohio"): 2}),
        dominant_a1={("US", "Ohio"): 0.5},
    )
    assert F.admin1_vector("US", "Ohio", True, facts) == (1.0, pytest.approx(1 / 3), 0.5)
    assert F.admin1_vector("US", "Iowa", False, facts) == (0.0, 0.0, 0.0)


def test_near_article_places_falls_with_distance_and_skips_countries() -> None:
    here = _place("A")
    assert F.near_article_places(here, None) == 0.0
    at = F.anchor_at
    assert F.near_article_places(here, at((30.0, -95.0))) == pytest.approx(1.0)
    assert (
        0.0 < F.near_article_places(here, at((33.0, -97.0))) < F.near_article_places(here, at((30.2, -95.1)))
    )
    assert F.near_article_places(here, at((-30.0, 85.0))) == 0.0
    assert F.near_article_places(_place("A", "country", a1=None), at((30.0, -95.0))) == 0.0


def test_mention_features_local_area_and_list_kind() -> None:
    town = _place("A", a1="Ohio")
    assert F.local_area(town, ("US", "Ohio")) == 1.0
    assert F.local_area(town, ("US", None)) == 1.0
    assert F.local_area(town, ("US", "Iowa")) == 0.0
    assert F.list_kind(town, ("populated_place", "US")) == 1.0
    assert F.list_kind(town, ("admin1", None)) == 0.0
    vec = F.mention_vector(town, local=None, acting=False, hint=None, capitals={})
    assert vec == (0.0, 0.0, 0.0)


# --- weights --------------------------------------------------------------------------------------


def test_weights_name_only_known_features_and_a_bad_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="unknown ranker features: bogus"):
        Ranker({"bogus": 1.0})
    bad = tmp_path / "w.json"
    bad.write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(InputError, match="not a ranker weights file"):
        ranker_from_path(bad)
    good = tmp_path / "good.json"
    good.write_text(hand_weights().to_json(), encoding="utf-8")
    assert ranker_by_name(str(good)).weights == hand_weights().weights


def test_shipped_trained_weights_cover_every_feature() -> None:
    trained = trained_weights()
    assert set(trained.weights) == set(F.FEATURES)
    for name, sign in F.SIGNS.items():
        assert trained.weights[name] * sign >= 0, name


def test_score_and_explain_weigh_features() -> None:
    ranker = Ranker({"match": 1.0, "prominence": 2.0, "named_for_town": -3.0})
    values = {"match": 1.0, "prominence": 0.5, "named_for_town": 1.0, "big_city": 1.0}
    assert ranker.score(values) == pytest.approx(-1.0)
    assert ranker.explain(values, top=2) == [("named_for_town", -3.0), ("match", 1.0)]


# --- the resolver's features and explanations -----------------------------------------------------

TEXT = (
    "Floods reached Springfield and Peoria in Illinois on Monday. In Springfield the mayor asked for help; "
    "officials in Chicago said more rain was due."
)


def test_explanations_score_as_the_resolver_does(gazetteer: Any) -> None:
    article = Article(id="t", text=TEXT)
    resolved, why = explained_mentions(article, gazetteer=gazetteer)
    springfield = next(r for r in resolved if r.mention.text == "Springfield")
    assert springfield.place is not None and springfield.place.admin1 == "Illinois"
    info = why[id(springfield.mention)]
    assert info["chosen"]["feature_id"] == springfield.place.feature_id
    assert info["chosen"]["score"] >= info["runner_up"]["score"]
    assert any(name in info["chosen"]["features"] for name in ("named_admin1", "coherence_admin1"))


def test_weights_change_what_the_resolver_chooses(gazetteer: Any) -> None:
    # A ranker that knows only population reads Springfield as the largest one, whatever the article says.
    only_size = Ranker({"prominence": 1.0}, origin="test")
    resolved, _ = explained_mentions(Article(id="t", text=TEXT), gazetteer=gazetteer, ranker=only_size)
    springfield = next(r for r in resolved if r.mention.text == "Springfield")
    cands = [c for c in gazetteer.candidates("Springfield", limit=12)]
    biggest = max(cands, key=lambda c: c.place.population or 0)
    assert springfield.place is not None and springfield.place.feature_id == biggest.place.feature_id


def test_only_the_capital_itself_counts_as_its_countrys_capital(gazetteer: Any) -> None:
    from geoevents.resolve import resolver_for

    capitals = resolver_for(gazetteer).capitals
    washingtons = [
        c.place
        for c in gazetteer.candidates("Washington", country_codes=["US"])
        if c.place.feature_class == "populated_place"
    ]
    assert len(washingtons) > 3  # towns named like the capital all over the country
    marked = [p for p in washingtons if F.is_capital(p, capitals)]
    assert len(marked) == 1 and abs(marked[0].lat - 38.9) < 0.2 and abs(marked[0].lon + 77.0) < 0.2


# --- training -------------------------------------------------------------------------------------


def _set(right: dict[str, float], wrong: dict[str, float]) -> Any:
    from geoevents.geoparse.train import CandidateSet

    vec = [tuple(d.get(n, 0.0) for n in F.FEATURES) for d in (right, wrong)]
    return CandidateSet(tuple(vec), (5.0, 900.0))


def test_training_learns_which_evidence_picks_the_right_candidate() -> None:
    pytest.importorskip("scipy")
    from geoevents.geoparse.train import fit

    # The right reading lies in the named state and is smaller; population alone would mislead.
    sets = [
        _set({"named_admin1": 1.0, "prominence": 0.3 + i / 100}, {"prominence": 0.6 + i / 100})
        for i in range(30)
    ]
    sets += [_set({"prominence": 0.7}, {"prominence": 0.2}) for _ in range(10)]
    ranker = fit([sets])
    assert ranker.weights["named_admin1"] > 0
    for s in sets:
        scores = [ranker.score(dict(zip(F.FEATURES, f, strict=True))) for f in s.features]
        assert scores[0] > scores[1]


def test_training_keeps_signs_to_each_features_sense() -> None:
    pytest.importorskip("scipy")
    from geoevents.geoparse.train import fit

    # Here a named country goes with the wrong reading: the weight may not turn against its sense.
    sets = [_set({"match": 1.0}, {"match": 0.8, "named_country": 1.0}) for _ in range(20)]
    ranker = fit([sets], c=10.0)
    assert ranker.weights["named_country"] == 0.0
    assert ranker.weights["match"] > 0


def test_training_moves_from_the_hand_weights_only_as_far_as_the_data_ask() -> None:
    pytest.importorskip("scipy")
    from geoevents.geoparse.train import fit

    # Most sets agree with the hand weights, a few go against a named country: a weak pull barely moves
    # the weights, a strong one moves the named country's further down.
    sets = [_set({"prominence": 0.8}, {"prominence": 0.2}) for _ in range(20)]
    sets += [_set({"match": 1.0}, {"match": 0.8, "named_country": 1.0}) for _ in range(5)]
    hand = hand_weights().weights
    weak, strong = fit([sets], c=1e-4).weights, fit([sets], c=1.0).weights
    assert abs(weak["named_country"] - hand["named_country"]) < 0.05
    assert abs(weak["prominence"] - hand["prominence"]) < 0.05
    assert strong["named_country"] < weak["named_country"]


def test_weights_file_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "w.json"
    path.write_text(trained_weights().to_json(), encoding="utf-8")
    assert json.loads(path.read_text(encoding="utf-8"))["features"] == dict(trained_weights().weights)


def test_cross_scores_each_corpus_three_ways(corpora_dir: Path, gazetteer: Any) -> None:
    pytest.importorskip("scipy")
    from geoevents.geoparse.train import candidate_sets, cross_reports, format_cross

    sets = candidate_sets("lgl", corpora_dir, gazetteer=gazetteer, ranker=hand_weights(), limit=8)
    assert sets and all(len(s.features) == len(s.km) > 1 for s in sets)
    assert any(s.right() is not None for s in sets)
    rows = cross_reports(corpora_dir, gazetteer=gazetteer, limit=8)
    assert [(c, w) for c, w, _ in rows][:3] == [
        ("lgl", "hand"),
        ("lgl", "trained, in-corpus"),
        ("lgl", "trained, held out"),
    ]
    assert {c for c, _, _ in rows} == {"lgl", "trnews", "geovirus"}
    assert all(r.articles == 8 and r.gold > 0 for _, _, r in rows)
    assert len(format_cross(rows).splitlines()) == 2 + 9
