"""The line republished posts end with ("This post was originally published at <a href=…>Name</a>."), found
and taken out of the body: our item pages print it themselves from the item's Source and original URL.
"""

import re
from dataclasses import dataclass
from html import unescape

from wordpress.content import plain_text

_PHRASES = [
    # "This post was originally published at", "This article first appeared in", "Originally posted on"
    r"(?:(?:this|the)\s+(?:[\w-]+\s+){0,2}?(?:(?:was|is|has\s+been|had\s+been)\s+)?|it\s+was\s+)?"
    r"(?:originally|first)\s+(?:published|posted|appeared|ran|printed)\s+(?:at|on|in|by|with)",
    # "Republished with permission from", "Cross-posted from", "Reprinted from"
    r"(?:re-?published|reprinted|reposted|cross-?posted|syndicated)\s+(?:here\s+)?"
    r"(?:with\s+(?:kind\s+)?permission\s+)?from",
]
LINE = re.compile(rf"^\s*(?:{'|'.join(_PHRASES)})\s+(?P<name>.+?)[\s.!]*$", re.IGNORECASE)
# What may follow the partner's name on an unlinked line: ", and is republished under…", " on 3 May 2014".
_AFTER_NAME = re.compile(
    r"(?:,|\s+(?:and|under|with|on\s+(?:\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b))|\s+in\s+\d{4}).*$",
    re.IGNORECASE,
)
_LAST_PARAGRAPH = re.compile(r"(?:<hr>\s*)?<p>(?P<inner>(?:(?!<p>).)*?)</p>\s*$", re.DOTALL)
_LINK = re.compile(r"<a\b[^>]*?\bhref=\"(?P<href>[^\"]*)\"[^>]*>(?P<text>.*?)</a>", re.DOTALL)


@dataclass
class Syndication:
    name: str
    url: str  # the original post, or the partner's home page; "" when the line had no link


def take_syndication_line(html):
    """(`html` without its closing syndication line, what the line said) or (`html`, None) when it has none.

    The line is the body's last paragraph, or the last line of it after a <br>.
    """
    last = _LAST_PARAGRAPH.search(html)
    if not last:
        return html, None
    inner = last["inner"]
    head, _, tail = inner.rpartition("<br>")
    for candidate, rest in ((inner, ""), (tail, head)):
        found = _read_line(candidate)
        if found:
            rest = rest.rstrip().removesuffix("<br>").rstrip()
            kept = f"<p>{rest}</p>" if plain_text(rest) else ""
            return (html[: last.start()] + kept).rstrip(), found
    return html, None


def _read_line(fragment):
    text = plain_text(fragment)
    match = LINE.match(text) if len(text) < 300 else None
    if not match:
        return None
    links = [(unescape(m["href"]), plain_text(m["text"])) for m in _LINK.finditer(fragment)]
    links = [(href, words) for href, words in links if href.startswith(("http://", "https://"))]
    if links:
        href, words = links[-1]
        linked_name = words and words in match["name"] and not words.startswith("http")
        name = words if linked_name else _AFTER_NAME.sub("", match["name"])
        return Syndication(name.strip(" .") or href, href)
    return Syndication(_AFTER_NAME.sub("", match["name"]).strip(" ."), "")
