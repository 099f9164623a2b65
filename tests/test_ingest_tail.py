"""The end of the story when full-sentence furniture follows it, and teasers above the byline.

Every page here is our own writing: stories that end in lists, quotes and sub-sections must be
kept whole, while report summaries, comment threads and biographies after them are not story.
"""

from __future__ import annotations

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


def _page(*parts: str) -> str:
    return STORY + "\n" + "\n".join(parts)


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


def test_summary_box_of_another_report_in_full_sentences_is_junk() -> None:
    page = _page(
        "Highlights of the parliamentary audit on fisheries",
        "",
        "• Licences for foreign trawlers were issued without the approval of the cabinet.",
        "• Revenue from fishing permits fell by a third between the two budget cycles.",
        "• The committee recommends an independent review of every tuna contract.",
    )
    article = article_from_text(page)
    _story_kept(article)
    for needle in (
        "Highlights of the parliamentary",
        "Licences for foreign",
        "Revenue from fishing",
        "tuna contract",
    ):
        assert _kind(article, needle) is ZoneKind.JUNK, needle


def test_comment_thread_is_junk_even_when_it_talks_about_the_story() -> None:
    page = _page(
        "Comments (3)",
        "",
        "Faduma from Baidoa wrote: The road floods every year and nobody repairs the embankment.",
        "",
        "Guled in Nairobi wrote: My cousin is stuck near Jalalaqsi with his lorry since Thursday.",
    )
    article = article_from_text(page)
    _story_kept(article)
    for needle in ("Comments (3)", "Faduma from Baidoa", "Guled in Nairobi"):
        assert _kind(article, needle) is ZoneKind.JUNK, needle


def test_author_biography_without_a_cue_is_meta() -> None:
    page = _page(
        "Hodan Warsame is a freelance journalist who has written for several newspapers on "
        "education policy, migration and women's health across East Africa and the Gulf."
    )
    article = article_from_text(page)
    _story_kept(article)
    assert _kind(article, "Hodan Warsame is a freelance") is ZoneKind.META


def test_menu_lines_and_a_promotion_after_the_story_are_junk() -> None:
    page = _page(
        "Sections",
        "Politics",
        "Economy",
        "Opinion",
        "Podcasts",
        "",
        "Enjoy unlimited reading on every device with our premium membership, cancel anytime.",
    )
    article = article_from_text(page)
    _story_kept(article)
    for needle in ("Sections", "Podcasts", "Enjoy unlimited reading"):
        assert _kind(article, needle) is ZoneKind.JUNK, needle


def test_story_with_a_sub_section_on_a_new_subject_is_kept_whole() -> None:
    page = _page(
        "Cholera fears",
        "",
        "Health workers in camps around the town reported twelve suspected cholera cases among children "
        "this week, and vaccination teams are due to arrive from Garowe.",
        "",
        "Back on the road",
        "",
        "Engineers hope to reopen the road between Beledweyne and Jalalaqsi once the river falls, the "
        "district commissioner said, but lorries may wait another week.",
    )
    article = article_from_text(page)
    _story_kept(article)
    for needle in ("Health workers in camps", "Engineers hope to reopen"):
        assert _kind(article, needle) is ZoneKind.BODY, needle


def test_story_ending_in_a_bullet_list_of_its_own_is_kept() -> None:
    page = _page(
        "What happens next",
        "",
        "- Officials in Beledweyne will open two more schools to families displaced by the river.",
        "- Lorries stranded near Jalalaqsi will be escorted north once the road is dry.",
        "- Aid agencies plan food distributions in the flooded districts along the Shabelle.",
    )
    article = article_from_text(page)
    _story_kept(article)
    for needle in ("Officials in Beledweyne", "Lorries stranded", "food distributions"):
        assert _kind(article, needle) is ZoneKind.BODY, needle


def test_story_ending_in_quotes_is_kept() -> None:
    page = _page(
        '"My children have not eaten since yesterday," said Hawa, a mother of five.',
        "",
        '"If the rain continues, nobody here will have a harvest this year."',
    )
    article = article_from_text(page)
    _story_kept(article)
    for needle in ("My children have not eaten", "If the rain continues"):
        assert _kind(article, needle) is ZoneKind.BODY, needle
