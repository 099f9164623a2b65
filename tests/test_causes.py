import re

from geoevents.events.causes import cause_words


def test_cause_words_are_one_alternation_per_kind() -> None:
    after = re.compile(rf"\b{cause_words('after')}\b", re.IGNORECASE)
    assert after.search("the shop closed following the raid")
    assert not after.search("the shop closed since the raid")


def test_reply_words_need_the_preposition_a_module_adds() -> None:
    reply = re.compile(rf"\b{cause_words('reply')}\s+(?:to|for)\b", re.IGNORECASE)
    assert reply.search("shelled the post in revenge for the ambush")
    assert not reply.search("shelled the post in revenge")
