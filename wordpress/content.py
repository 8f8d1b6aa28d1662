"""A WordPress post body made into what our editor writes: paragraphs, headings, lists, quotes and links.

WordPress stores bodies half-formatted: block comments (`<!-- wp:paragraph -->`), shortcodes, and blank lines
that its `wpautop` turns into paragraphs only when a page is shown. `clean_body` does all of that once, on
import. Entry.save() then sanitises the result like every body, which removes what bodies may not hold.
"""

import re
from dataclasses import dataclass, field
from html import escape, unescape
from html.parser import HTMLParser
from urllib.parse import urlsplit, urlunsplit

from wordpress import shortcodes

# Elements that begin and end a block: text between two of them is one paragraph run.
BLOCKS = {
    "address", "article", "aside", "blockquote", "caption", "dd", "details", "div", "dl", "dt", "fieldset",
    "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "li",
    "main", "nav", "ol", "p", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
}  # fmt: skip
PHRASING_BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "caption", "summary"}  # hold text, not paragraphs
LIST_ITEMS = {"li"}  # a single line stays bare, as the editor writes it; blank lines still make paragraphs
HEADINGS = {"h1": "h2", "h5": "h4", "h6": "h4"}  # bodies have levels 2 to 4: the page title is the h1
MEDIA = {"iframe", "video", "audio", "embed", "object"}  # become a link to what they played
DROPPED = {"script", "style", "noscript", "template", "svg", "math", "select", "textarea", "head", "title"} | MEDIA
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
KEPT_ATTRIBUTES = {"a": ("href", "title"), "ol": ("start", "type")}
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")
_TAG = re.compile(r"<[^>]*>")
_BLOCK_TAG = re.compile(rf"</?(?:{'|'.join(BLOCKS)}|br|hr|pre)\b[^>]*>", re.IGNORECASE)
_BARE_URL = re.compile(r"^https?://\S+$")
_EMPTY_BLOCK = re.compile(r"<(p|h[2-4])>(?:\s|<br>|\xa0)*</\1>")
_TRAILING_BREAKS = re.compile(r"(?:\s*<br>)+$")


@dataclass
class Body:
    html: str
    images: int = 0  # <img> elements left out: bodies hold no pictures
    dropped: dict = field(default_factory=dict)  # shortcodes left out, by name
    first_image: str = ""  # the address of the first picture, for a cartoon without a featured image


def clean_body(raw, site=""):
    """The body as paragraphs of HTML; links to pages of `site` (the old WordPress address) become paths here."""
    text, dropped = shortcodes.convert(_COMMENT.sub("", (raw or "").replace("\r\n", "\n")))
    cleaner = _Cleaner(site)
    cleaner.feed(text)
    cleaner.close()
    html = _EMPTY_BLOCK.sub("", "".join(cleaner.out)).strip()
    return Body(html, cleaner.images, dict(dropped), cleaner.first_image)


def plain_text(html):
    """The words of some HTML, tags and entities gone, whitespace collapsed ("Mark<sup>up</sup>" is one word)."""
    return " ".join(unescape(_TAG.sub("", _BLOCK_TAG.sub(" ", html or ""))).split())


def local_link(href, site):
    """A link to a page of the old site as a path on this one (where a redirect answers); others unchanged."""
    parts = urlsplit(href)
    if site and parts.netloc and _host(parts.netloc) == _host(urlsplit(site).netloc):
        return urlunsplit(("", "", parts.path or "/", parts.query, parts.fragment))
    return href


def _host(netloc):
    return netloc.lower().removeprefix("www.")


class _Cleaner(HTMLParser):
    def __init__(self, site):
        super().__init__(convert_charrefs=True)
        self.site, self.out, self.run, self.open_blocks = site, [], [], []
        self.images, self.first_image = 0, ""
        self.skipping, self.skip_depth, self.media_url = None, 0, ""
        self.pre = None  # the lines of a <pre> being read

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self.skipping:
            self.skip_depth += tag == self.skipping
            self.media_url = self.media_url or (attrs.get("src") or "" if tag == "source" else "")
            return
        if tag in DROPPED:
            self.media_url = (attrs.get("src") or attrs.get("data") or "") if tag in MEDIA else ""
            if tag in VOID:
                self._media_link()
            else:
                self.skipping, self.skip_depth = tag, 1
        elif tag == "img":
            self.images += 1
            self.first_image = self.first_image or attrs.get("src") or ""
        elif tag == "br":
            (self.pre if self.pre is not None else self.run).append("\n" if self.pre is not None else "<br>")
        elif self.pre is not None:
            return  # markup inside <pre> (<code>, <span>) is not kept: bodies have no code blocks
        elif tag == "pre":
            self._flush()
            self.pre = []
        elif tag == "hr":
            self._flush()
            self.out.append("<hr>")
        elif tag in BLOCKS:
            self._flush()
            tag = HEADINGS.get(tag, tag)
            self.open_blocks.append(tag)
            self.out.append(f"<{tag}{self._attributes(tag, attrs)}>")
        elif tag not in VOID:
            self.run.append(f"<{tag}{self._attributes(tag, attrs)}>")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if self.skipping:
            self.skip_depth -= tag == self.skipping
            if not self.skip_depth:
                self.skipping = None
                self._media_link()
        elif tag == "pre" and self.pre is not None:
            lines = escape("".join(self.pre)).strip("\n").split("\n")
            self.pre = None
            if any(line.strip() for line in lines):
                self.out.append(f"<p>{'<br>'.join(lines)}</p>")
        elif self.pre is not None or tag in VOID:
            return
        elif tag in BLOCKS:
            self._flush()
            tag = HEADINGS.get(tag, tag)
            if tag in self.open_blocks:
                while self.open_blocks.pop() != tag:
                    pass
            self.out.append(f"</{tag}>")
        else:
            self.run.append(f"</{tag}>")

    def handle_data(self, data):
        if self.skipping:
            return
        (self.pre if self.pre is not None else self.run).append(data if self.pre is not None else escape(data, False))

    def close(self):
        super().close()
        self._flush()

    def _attributes(self, tag, attrs):
        kept = []
        for name in KEPT_ATTRIBUTES.get(tag, ()):
            value = attrs.get(name)
            if value is not None:
                value = local_link(value, self.site) if name == "href" else value
                kept.append(f' {name}="{escape(value)}"')
        return "".join(kept)

    def _media_link(self):
        url = self.media_url
        self.media_url = ""
        if url.startswith(("http://", "https://", "//")):
            url = escape("https:" + url if url.startswith("//") else url)
            self._flush()
            self.out.append(f'<p><a href="{url}">{url}</a></p>')

    def _flush(self):
        """Turn the text read since the last block boundary into paragraphs, as wpautop does."""
        text = "".join(self.run)
        self.run = []
        if not _TAG.sub("", text).strip() and "<br>" not in text:
            return
        container = self.open_blocks[-1] if self.open_blocks else None
        if container in PHRASING_BLOCKS or (container in LIST_ITEMS and not _BLANK_LINE.search(text)):
            self.out.append(_lines(text))
            return
        for part in _BLANK_LINE.split(text):
            if _TAG.sub("", part).strip():
                part = part.strip()
                if _BARE_URL.match(part):  # a web address alone on its line: WordPress showed it embedded
                    part = f'<a href="{part}">{part}</a>'
                self.out.append(f"<p>{_lines(part)}</p>")


def _lines(text):
    """Single line breaks inside a paragraph are kept, as wpautop keeps them (once, if a <br> already marks one)."""
    lines = [line.strip() for line in _TRAILING_BREAKS.sub("", text.strip()).split("\n")]
    return "".join(line + ("\n" if line.endswith("<br>") else "<br>\n") for line in lines[:-1]) + lines[-1]
