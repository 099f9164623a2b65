"""The end of the story when full-sentence furniture follows it, and teasers above the byline.

Every page here is our own writing: stories that end in lists, quotes and sub-sections must be
kept whole, while report summaries, comment threads and biographies after them are not story.
"""

from __future__ import annotations

import pytest

from geoevents.ingest import article_from_text
from geoevents.records import Article, ZoneKind

STORY = """Flood waters close the road to Beledweyne

By Hodan Warsame

12 May 2023

Flood waters from the Shabelle river cut the main road between Beledweyne and Mogadishu on Friday,
leaving hundreds of lorries stranded near the town of Jalalaqsi, local officials said.

The district commissioner said the river had burst its banks at three points north of the town and
that farmland on both sides of the road was under water.

Aid agencies warned that food prices in Beledweyne market had doubled since the road was cut, and
that families displaced by the flooding were sheltering in schools on higher ground.

"We have never seen the river rise this fast," said Abdi Nur, a lorry driver waiting at Jalalaqsi.
"""


def _kind(article: Article, needle: str) -> ZoneKind:
    return article.zone_at(article.text.index(needle))


def _story_kept(article: Article) -> None:
    for needle in (
        "Flood waters from the Shabelle",
        "The district commissioner",
        "Aid agencies warned",
        "We have never",
    ):
        assert _kind(article, needle) is ZoneKind.BODY, needle


# (lines after the story, {needle in them: the zone it must fall in})
CASES = {
    "summary box of another report in full sentences": (
        [
            "Highlights of the parliamentary audit on fisheries",
            "",
            "• Licences for foreign trawlers were issued without the approval of the cabinet.",
            "• Revenue from fishing permits fell by a third between the two budget cycles.",
            "• The committee recommends an independent review of every tuna contract.",
        ],
        {"Highlights of the": ZoneKind.JUNK, "Licences for": ZoneKind.JUNK, "tuna contract": ZoneKind.JUNK},
    ),
    "comment thread, even when it talks about the story": (
        [
            "Comments (3)",
            "",
            "Faduma from Baidoa wrote: The road floods every year and nobody repairs the embankment.",
            "",
            "Guled in Nairobi wrote: My cousin is stuck near Jalalaqsi with his lorry since Thursday.",
        ],
        {"Comments (3)": ZoneKind.JUNK, "Faduma from": ZoneKind.JUNK, "Guled in": ZoneKind.JUNK},
    ),
    "author biography without a cue": (
        [
            "Hodan Warsame is a freelance journalist who has written for several newspapers on "
            "education policy, migration and women's health across East Africa and the Gulf."
        ],
        {"Hodan Warsame is a": ZoneKind.META},
    ),
    "menu lines and a promotion": (
        [
            "Sections",
            "Politics",
            "Economy",
            "Opinion",
            "Podcasts",
            "",
            "Enjoy unlimited reading on every device with our premium membership, cancel anytime.",
        ],
        {"Sections": ZoneKind.JUNK, "Podcasts": ZoneKind.JUNK, "Enjoy unlimited": ZoneKind.JUNK},
    ),
    "a sub-section on a new subject, then back to the story": (
        [
            "Cholera fears",
            "",
            "Health workers in camps around the town reported twelve suspected cholera cases among children "
            "this week, and vaccination teams are due to arrive from Garowe.",
            "",
            "Back on the road",
            "",
            "Engineers hope to reopen the road between Beledweyne and Jalalaqsi once the river falls, the "
            "district commissioner said, but lorries may wait another week.",
        ],
        {"Health workers": ZoneKind.BODY, "Engineers hope": ZoneKind.BODY},
    ),
    "a bullet list of the story's own": (
        [
            "What happens next",
            "",
            "- Officials in Beledweyne will open two more schools to families displaced by the river.",
            "- Lorries stranded near Jalalaqsi will be escorted north once the road is dry.",
            "- Aid agencies plan food distributions in the flooded districts along the Shabelle.",
        ],
        {
            "Officials in": ZoneKind.BODY,
            "Lorries stranded": ZoneKind.BODY,
            "food distributions": ZoneKind.BODY,
        },
    ),
    "closing quotes": (
        [
            '"My children have not eaten since yesterday," said Hawa, a mother of five.',
            "",
            '"If the rain continues, nobody here will have a harvest this year."',
        ],
        {"My children": ZoneKind.BODY, "If the rain": ZoneKind.BODY},
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_what_follows_the_story(case: str) -> None:
    after, expected = CASES[case]
    article = article_from_text(STORY + "\n" + "\n".join(after))
    _story_kept(article)
    for needle, kind in expected.items():
        assert _kind(article, needle) is kind, needle


def test_lead_repeated_above_the_byline_is_a_teaser() -> None:
    lead = STORY.split("\n\n")[3]
    teaser = lead.split(",")[0] + " ..."
    page = STORY.replace("By Hodan Warsame", teaser + "\n\nBy Hodan Warsame", 1)
    article = article_from_text(page)
    assert article.zone_at(page.index(teaser)) is ZoneKind.META
    assert _kind(article, "By Hodan") is ZoneKind.BYLINE
    body_lead = page.index("Flood waters from", page.index("By Hodan"))
    assert article.zone_at(body_lead) is ZoneKind.BODY


def test_a_standfirst_that_is_not_repeated_stays_body() -> None:
    standfirst = "Thousands of families have fled rising water in central Somalia, aid agencies say."
    page = STORY.replace("By Hodan Warsame", standfirst + "\n\nBy Hodan Warsame", 1)
    article = article_from_text(page)
    assert _kind(article, "Thousands of families") is ZoneKind.BODY
