"""Figures in item bodies: what the sanitiser lets through, and the size of each library picture they show.

The editor's allow-list (django-prose-editor's, from BODY_EXTENSIONS) says which tags a body may hold; this
module narrows what figures may carry: `<figure>` and `<figcaption>` bare, `<img>` with `src`, `alt`, `width`
and `height` only, and a `src` only on our own media, so a body can never make readers' browsers fetch from
another host (a tracking pixel) or run anything.
"""

import re
from html import unescape
from urllib.parse import unquote, urlsplit

import nh3
from django.conf import settings
from django_prose_editor.config import allowlist_from_extensions

FIGURE_ATTRIBUTES = {"figure": set(), "figcaption": set(), "img": {"src", "alt", "width", "height"}}
_SIZE = re.compile(r"[1-9][0-9]{0,4}")
# nh3's output quotes every attribute and escapes "<", ">" and '"' inside values, so its tags can be matched.
_IMG = re.compile(r"<img(?P<attrs>(?: [a-z-]+=\"[^\"]*\")*)>")
_ATTR = re.compile(r" (?P<name>[a-z-]+)=\"(?P<value>[^\"]*)\"")
_EMPTY = re.compile(r"^<(?P<tag>\w+)></(?P=tag)>$")


def media_prefixes():
    """The URL prefixes our uploads are served under: MEDIA_URL, and it on SITE_URL when it is a path."""
    media = settings.MEDIA_URL
    if urlsplit(media).scheme:
        return [media]
    return [media, settings.SITE_URL.rstrip("/") + media]


def is_our_media(url):
    """True when `url` points into our media: no other host, no scheme trick, no way out of the folder."""
    if any(ord(char) < 33 or char == "\\" for char in url) or ".." in unquote(url).split("/"):
        return False
    for prefix in media_prefixes():
        # "/media/" must not match "//media/..." (another host) nor "/media/" on another scheme.
        if url.startswith(prefix) and not (prefix.startswith("/") and url.startswith("//")):
            return True
    return False


def _keep_attribute(element, attribute, value):
    if element == "img":
        if attribute not in FIGURE_ATTRIBUTES["img"]:  # nh3 allows `title` and `lang` on every tag
            return None
        if attribute == "src":
            return value if is_our_media(value) else None
        if attribute in ("width", "height"):
            return value if _SIZE.fullmatch(value) else None
    return value


def make_sanitizer(extensions):
    """The body sanitiser: the editor's allow-list, with figures narrowed as this module's docstring says."""
    allowed = allowlist_from_extensions(extensions)
    allowed["attributes"] |= FIGURE_ATTRIBUTES
    cleaner = nh3.Cleaner(**allowed, attribute_filter=_keep_attribute)

    def sanitize(html):
        html = _IMG.sub(lambda match: match[0] if ' src="' in match["attrs"] else "", cleaner.clean(html))
        return "" if _EMPTY.match(html) else html  # the editor's empty document is an empty paragraph

    return sanitize


def image_sources(html):
    """The `src` of every `<img>` in sanitised `html`."""
    return [_attributes(match["attrs"]).get("src", "") for match in _IMG.finditer(html)]


def _attributes(text):
    return {match["name"]: match["value"] for match in _ATTR.finditer(text)}


def set_image_sizes(html, sizes):
    """`html` with each `<img>` whose `src` is in `sizes` ({src: (width, height)}) given that width and height.

    The stored size is the file's own, so an edited or missing one is put right on the next save.
    """

    def fix(match):
        attributes = _attributes(match["attrs"])
        size = sizes.get(attributes.get("src"))
        if not size:
            return match[0]
        attributes["width"], attributes["height"] = (str(value) for value in size)
        return "<img" + "".join(f' {name}="{value}"' for name, value in attributes.items()) + ">"

    return _IMG.sub(fix, html)


def media_name(url):
    """The storage name of a file under our media at `url` ("library/2026/05/ward.png"), or ""."""
    for prefix in media_prefixes():
        if url.startswith(prefix):
            return unquote(unescape(url.removeprefix(prefix)))
    return ""
