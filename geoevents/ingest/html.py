"""Main-story extraction from HTML pages.

The page is parsed by selectolax (lexbor); furniture (navigation, asides, footers, scripts, forms,
ads, related links, share bars) is removed, the element holding most of the paragraph text is taken
as the story, and its blocks become the article text. The walk over the tree is iterative, so pages
nested thousands of levels deep are read like any other.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from selectolax.lexbor import LexborHTMLParser, LexborNode

from geoevents.ingest.metadata import parse_date
from geoevents.records import ZoneKind

_DROP_TAGS = (
    "script, style, noscript, template, svg, canvas, iframe, object, embed, form, button, select, textarea,"
    " input, nav, aside, footer, dialog, menu"
)
_JUNK_TOKENS = {
    "ad",
    "ads",
    "advert",
    "adverts",
    "advertisement",
    "advertising",
    "banner",
    "promo",
    "promotion",
    "sponsor",
    "sponsored",
    "related",
    "recommended",
    "recommendations",
    "share",
    "sharing",
    "social",
    "comment",
    "comments",
    "newsletter",
    "subscribe",
    "subscription",
    "signup",
    "cookie",
    "cookies",
    "consent",
    "breadcrumb",
    "breadcrumbs",
    "menu",
    "nav",
    "navbar",
    "navigation",
    "sidebar",
    "widget",
    "popular",
    "mostread",
    "trending",
    "outbrain",
    "taboola",
    "scores",
    "scoreboard",
    "fixtures",
    "results",
    "ticker",
    "paywall",
    "modal",
    "popup",
    "lang",
    "language",
    "languages",
    "switcher",
    "toolbar",
    "masthead",
}
_JUNK_ROLES = {"navigation", "complementary", "banner", "contentinfo", "search", "dialog", "alert"}
_BLOCK_TAGS = {
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "figure",
    "figcaption",
    "table",
    "tr",
    "td",
    "th",
    "caption",
    "address",
    "hr",
    "br",
    "time",
    "body",
    "html",
}
_SPACE = re.compile(r"[ \t\r\n\f\v]+")
_TITLE_SUFFIX = re.compile(r"\s+[|–—-]\s+[^|–—-]{2,60}$")


@dataclass(slots=True)
class Block:
    text: str
    kind: ZoneKind | None = None  # forced kind: TITLE, CAPTION, BYLINE, DATELINE
    heading: int = 0
    bullet: bool = False


@dataclass(slots=True)
class HtmlPage:
    blocks: list[Block]
    title: str | None = None
    byline: str | None = None
    published_text: str | None = None
    url: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)


def _tokens(node: LexborNode) -> set[str]:
    attrs = node.attributes
    raw = " ".join(str(attrs.get(name) or "") for name in ("class", "id"))
    return {t for t in re.split(r"[\s_-]+", raw.lower()) if t}


def _is_furniture(node: LexborNode) -> bool:
    attrs = node.attributes
    if "hidden" in attrs or (attrs.get("aria-hidden") or "").lower() == "true":
        return True
    if (attrs.get("role") or "").lower() in _JUNK_ROLES:
        return True
    style = (attrs.get("style") or "").replace(" ", "").lower()
    if "display:none" in style or "visibility:hidden" in style:
        return True
    return bool(_tokens(node) & _JUNK_TOKENS)


def _children(node: LexborNode) -> list[LexborNode]:
    out = []
    child = node.child
    while child is not None:
        out.append(child)
        child = child.next
    return out


def _elements(root: LexborNode) -> list[LexborNode]:
    """All element nodes under ``root`` in document order, without recursion."""
    out: list[LexborNode] = []
    stack = [root]
    while stack:
        node = stack.pop()
        if node.tag and not node.tag.startswith("-"):
            out.append(node)
        stack.extend(reversed(_children(node)))
    return out


def _meta(tree: LexborHTMLParser) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for node in tree.css("meta"):
        key = (node.attributes.get("property") or node.attributes.get("name") or "").lower()
        key = key or (node.attributes.get("itemprop") or "").lower()
        value = (node.attributes.get("content") or "").strip()
        if key and value and key not in found:
            found[key] = value
    for node in tree.css("link[rel]"):
        if "canonical" in (node.attributes.get("rel") or "").lower().split() and node.attributes.get("href"):
            found.setdefault("canonical", (node.attributes.get("href") or "").strip())
    for node in tree.css('script[type="application/ld+json"]'):
        try:
            data = json.loads(node.text(deep=True) or "null")
        except ValueError:
            continue
        items = data if isinstance(data, list) else [data]
        for item in items:
            if isinstance(item, dict) and "@graph" in item and isinstance(item["@graph"], list):
                items.extend(i for i in item["@graph"] if isinstance(i, dict))
                continue
            if not isinstance(item, dict):
                continue
            for key in ("headline", "datePublished", "url"):
                if isinstance(item.get(key), str):
                    found.setdefault(f"ld:{key}", item[key])
            author = item.get("author")
            author = author[0] if isinstance(author, list) and author else author
            if isinstance(author, dict) and isinstance(author.get("name"), str):
                found.setdefault("ld:author", author["name"])
            elif isinstance(author, str):
                found.setdefault("ld:author", author)
    return found


def _paragraph_text(node: LexborNode) -> int:
    return len(_SPACE.sub(" ", node.text(deep=True, separator=" ")).strip())


def _main_node(body: LexborNode) -> LexborNode:
    """The element holding the story: most paragraph text, widened to its <article> when there is one."""
    preferred = body.css_first('[itemprop="articleBody"], article')
    scores: dict[int, tuple[LexborNode, float]] = {}
    total = 0.0
    for para in body.css("p, pre, blockquote"):
        length = _paragraph_text(para)
        if length < 25:
            continue
        total += length
        parent = para.parent
        weight = 1.0
        for _ in range(3):
            if parent is None:
                break
            key = parent.mem_id
            scores[key] = (parent, scores.get(key, (parent, 0.0))[1] + length * weight)
            parent = parent.parent
            weight /= 2
    if not scores:
        return preferred or body
    best = max(scores.values(), key=lambda item: item[1])[0]
    # Widen until the node holds most of the page's paragraph text.
    node: LexborNode | None = best
    while node is not None and node.tag != "body":
        held = sum(_paragraph_text(p) for p in node.css("p, pre, blockquote") if _paragraph_text(p) >= 25)
        if held >= 0.6 * total:
            break
        node = node.parent
    node = node or body
    ancestor: LexborNode | None = node
    while ancestor is not None and ancestor.tag not in ("article", "body"):
        ancestor = ancestor.parent
    if ancestor is not None and ancestor.tag == "article":
        return ancestor
    return node


def _kind_of(node: LexborNode) -> tuple[ZoneKind | None, int, bool]:
    tag = node.tag or ""
    tokens = _tokens(node)
    attrs = node.attributes
    if tag in ("figcaption", "caption") or tokens & {"caption", "figcaption", "credit", "credits"}:
        return ZoneKind.CAPTION, 0, False
    if (attrs.get("rel") or "") == "author" or (attrs.get("itemprop") or "") == "author":
        return ZoneKind.BYLINE, 0, False
    if tokens & {"byline", "author", "authors", "writer", "contributor"}:
        return ZoneKind.BYLINE, 0, False
    if tag == "time" or tokens & {"date", "dateline", "timestamp", "published", "pubdate", "updated"}:
        return ZoneKind.DATELINE, 0, False
    if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
        return None, int(tag[1]), False
    if tag in ("li", "dd", "dt"):
        return None, 0, True
    return None, 0, False


def _blocks(main: LexborNode, *, max_depth: int) -> list[Block]:
    """Text blocks of ``main`` in document order; nesting deeper than ``max_depth`` is flattened."""
    blocks: list[Block] = []
    buffer: list[str] = []
    context: list[tuple[ZoneKind | None, int, bool]] = [(None, 0, False)]

    def flush() -> None:
        text = "".join(buffer)
        buffer.clear()
        kind, heading, bullet = next((c for c in reversed(context) if c[0] is not None), context[-1])
        if kind is None:
            kind, heading, bullet = context[-1]
        for piece in text.split("\n"):
            piece = _SPACE.sub(" ", piece).strip()
            if piece:
                blocks.append(Block(piece, kind, heading, bullet))

    # Explicit enter/leave walk: (node, leaving)
    stack: list[tuple[LexborNode, bool]] = [(main, False)]
    depth = 0
    while stack:
        node, leaving = stack.pop()
        tag = node.tag or ""
        if leaving:
            if tag in _BLOCK_TAGS:
                flush()
                if depth <= max_depth and len(context) > 1:
                    context.pop()
            depth -= 1
            continue
        if tag == "-text":
            buffer.append(node.text_content or "")
            continue
        if tag.startswith("-") or not tag:
            continue
        if tag == "br":
            buffer.append("\n")
            continue
        if node is not main and (tag in _SKIP_INSIDE or _is_furniture(node)):
            continue
        depth += 1
        if tag in _BLOCK_TAGS:
            flush()
            if depth <= max_depth:
                kind, heading, bullet = _kind_of(node)
                parent = context[-1]
                context.append((kind or parent[0], heading or parent[1], bullet or parent[2]))
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(_children(node)))
    flush()
    return blocks


_SKIP_INSIDE = {tag.strip() for tag in _DROP_TAGS.split(",")}


def page_from_html(html: str, *, max_depth: int = 2000) -> HtmlPage:
    """The story blocks and page metadata of an HTML document."""
    tree = LexborHTMLParser(html)
    meta = _meta(tree)
    head_title = tree.css_first("title")
    html_title = _SPACE.sub(" ", head_title.text(deep=True)).strip() if head_title is not None else ""
    body = tree.body or tree.root
    if body is None:
        return HtmlPage(blocks=[], meta=meta)
    for node in tree.css(_DROP_TAGS):
        node.decompose()
    main = _main_node(body)
    blocks = _blocks(main, max_depth=max_depth)
    first_h1 = next((b for b in blocks if b.heading == 1), None)
    if first_h1 is not None:
        first_h1.kind = ZoneKind.TITLE
    title = first_h1.text if first_h1 is not None else None
    if title is None:
        page_h1 = body.css_first("h1")
        title = _SPACE.sub(" ", page_h1.text(deep=True)).strip() if page_h1 is not None else None
        title = title or meta.get("og:title") or meta.get("ld:headline") or _TITLE_SUFFIX.sub("", html_title)
        if title:
            blocks.insert(0, Block(title, ZoneKind.TITLE, 1))
    byline_block = next((b for b in blocks if b.kind is ZoneKind.BYLINE), None)
    byline = meta.get("author") or meta.get("article:author") or meta.get("ld:author")
    if byline_block is not None:
        byline = re.sub(r"^(?:by|words\s+by)\s+", "", byline_block.text, flags=re.IGNORECASE).strip()
    published_text = None
    for key in (
        "article:published_time",
        "og:published_time",
        "datepublished",
        "ld:datePublished",
        "date",
        "pubdate",
        "publishdate",
        "dc.date",
        "dc.date.issued",
        "sailthru.date",
    ):
        if meta.get(key) and parse_date(str(meta[key])) is not None:
            published_text = str(meta[key])
            break
    url = meta.get("canonical") or meta.get("og:url") or meta.get("ld:url")
    extra = {"html_title": html_title} if html_title else {}
    return HtmlPage(blocks, title or None, byline or None, published_text, url or None, meta=extra)
