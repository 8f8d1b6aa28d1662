"""WordPress shortcodes in a post's text: the common ones turned into HTML, the rest of WordPress's own removed.

Only names WordPress and its usual plugins define are touched: an unknown "[sic]" or "[1]" is the author's
text, and stays (WordPress too shows a shortcode nobody defines as written).
"""

import re
from collections import Counter
from html import escape, unescape

_ATTRS = r"(?P<attrs>(?:[^\]\"']|\"[^\"]*\"|'[^']*')*)"  # quoted values may hold "]"


def _enclosing(names):
    return re.compile(rf"\[(?P<name>{names})\b{_ATTRS}\](?P<inner>.*?)\[/(?P=name)\]", re.DOTALL | re.IGNORECASE)


def _single(names):
    return re.compile(rf"\[(?P<name>{names})\b{_ATTRS}\](?:\s*\[/(?P=name)\])?", re.IGNORECASE)


CAPTION = _enclosing("caption|wp_caption")
CODE = _enclosing("code|sourcecode")
MEDIA_ENCLOSING = _enclosing("embed|video|audio")
MEDIA = _single("video|audio|youtube|vimeo|dailymotion|soundcloud|tweet|instagram|ted|embed")
REMOVED = _single("gallery|playlist|slideshow|contact-form|contact-field|polldaddy|crowdsignal|googlemaps|archives")
REMOVED_ENCLOSING = _enclosing("contact-form")
_URL = re.compile(r"https?://[^\s\"'\]<>]+")
_IMAGE = re.compile(r"(?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?", re.IGNORECASE)
_CAPTION_ATTR = re.compile(r"\bcaption=(?:\"([^\"]*)\"|'([^']*)')")


def convert(text):
    """`text` with shortcodes replaced, and a Counter of what was dropped ({"gallery": 2})."""
    dropped = Counter()

    def drop(match):
        dropped[match["name"].lower()] += 1
        return ""

    text = CAPTION.sub(_figure, text)
    text = CODE.sub(lambda m: f"<pre>{m['inner']}</pre>", text)
    text = MEDIA_ENCLOSING.sub(lambda m: _link(m["inner"]) or _link(m["attrs"]) or drop(m), text)
    text = MEDIA.sub(lambda m: _link(m["attrs"]) or drop(m), text)
    text = REMOVED_ENCLOSING.sub(drop, text)
    text = REMOVED.sub(drop, text)
    return text, dropped


def _figure(match):
    """[caption]<img> Text[/caption] as the block editor writes it: a figure with its caption."""
    inner = match["inner"]
    images = "".join(_IMAGE.findall(inner))
    caption = _IMAGE.sub("", inner).strip()
    if not caption and (attr := _CAPTION_ATTR.search(match["attrs"])):
        caption = attr[1] or attr[2] or ""
    caption = f"<figcaption>{caption}</figcaption>" if caption else ""
    return f"\n\n<figure>{images}{caption}</figure>\n\n"


def _link(text):
    """The first web address in `text` as a paragraph holding a link to it, or ""."""
    url = _URL.search(text or "")
    if not url:
        return ""
    url = escape(unescape(url[0]))
    return f'\n\n<p><a href="{url}">{url}</a></p>\n\n'
