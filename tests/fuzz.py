"""What the fuzzing tests (tests/test_fuzzing.py) throw at the site, and how they judge its answers.

Hostile text: any unicode (surrogates excepted: no browser sends them), control characters and NULs,
right-to-left marks, HTML and JavaScript payloads, SQL-ish and template-ish strings, and very long strings.
"""

import json
import logging
import os
import re
from contextlib import contextmanager
from urllib.parse import quote, urlencode
from xml.etree import ElementTree

import feedparser
from bs4 import BeautifulSoup
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern, RoutePattern
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

# "ci" (the default): the same examples on every run, so a red build is red for everyone and stays red until
# fixed. HYPOTHESIS_PROFILE=explore draws new ones each run, and FUZZ_SCALE=10 ten times as many.
settings.register_profile(
    "ci", derandomize=True, database=None, deadline=None, print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)  # fmt: skip
settings.register_profile("explore", settings.get_profile("ci"), derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def examples(count):
    """`count` examples, times FUZZ_SCALE."""
    return count * int(os.environ.get("FUZZ_SCALE", "1"))


PAYLOADS = [
    "<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "javascript:alert(1)", "</textarea><svg onload=1>",
    "' OR '1'='1' --", "'; DROP TABLE blog_article; --", '" OR ""="', "1; SELECT pg_sleep(10)", "%' AND 1=1 --",
    "{{ request }}", "{% debug %}", "${7*7}", "../../../../etc/passwd", "..%2f..%2fetc%2fpasswd", "%00", "%ZZ",
    "\x00", "\r\nSet-Cookie: a=b", "line one\nline two\r", "\t\v", "\u202e\u202dgnp.exe", "\u200f\u200e\u061c",
    "\ufeff", "\u2028\u2029",
    "A\u0301\u0301\u0301", "𝕳𝖊𝖑𝖑𝖔 😀👩‍👩‍👧", "ﷺ", "\x0b\x0c\x1b[31m", "NaN", "-1", "0", "9" * 30, "1e309",
    "http://example.com/" + "a" * 300, "mailto:x@example.org", "&amp;&lt;&#0;&#x110000;", "]]><!--",
]  # fmt: skip
EVERY_PAYLOAD = "".join(PAYLOADS)  # all of them at once, for an explicit example
CONTROL = st.characters(codec="utf-8", max_codepoint=0x9F, categories=["Cc"])
# Every character class a reader can send (surrogates cannot be encoded, so no browser sends them).
ANY_CHARACTER = st.characters(codec="utf-8")

hostile_text = st.one_of(
    st.text(ANY_CHARACTER, max_size=60),
    st.sampled_from(PAYLOADS),
    st.lists(st.one_of(st.sampled_from(PAYLOADS), st.text(ANY_CHARACTER, max_size=8), CONTROL), max_size=8).map(
        "".join
    ),
    st.builds(
        lambda piece, n: piece * n, st.sampled_from(["x", "é", "😀", "<b>", "\x00", " "]), st.integers(300, 70_000)
    ),
)


def query_strings(keys=()):
    """Query strings with the parameters pages read (`keys`) and others, hostile values, sometimes raw bytes."""
    key = st.one_of(st.sampled_from(["page", "q", "reply_to", *keys]), hostile_text)
    value = st.one_of(hostile_text, st.integers(-(2**70), 2**70).map(str))
    pairs = st.lists(st.tuples(key, value), max_size=4).map(lambda items: urlencode(items, encoding="utf-8"))
    raw = st.sampled_from(["%", "%ZZ", "page=%C3%28", "q=%00", "&&==&", "page[]=1", "q=a+b%2Bc", "=" * 50])
    return st.one_of(pairs, raw)


# --- Every URL pattern of the site ------------------------------------------------------------------------------


def url_patterns():
    """[(levels, name)] for every URL pattern, `levels` being the route or regex of each include on the way."""

    def walk(patterns, levels):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, [*levels, pattern.pattern])
            elif isinstance(pattern, URLPattern):
                yield [*levels, pattern.pattern], pattern.name or "-"

    return list(walk(get_resolver().url_patterns, []))


CONVERTER_PLACE = re.compile(r"<(?:(?P<type>[^>:]+):)?(?P<name>[^>]+)>")


def segment(converter, known):
    """A value for one `<converter:name>` of a route: mostly one the converter accepts, sometimes a real one."""
    accepted = st.from_regex(f"(?:{converter.regex})", fullmatch=True).filter(lambda text: len(text) < 300)
    hostile = hostile_text.map(lambda text: quote(text, safe="")).filter(lambda text: 0 < len(text) < 3000)
    return st.one_of(accepted, st.sampled_from(known or ["x"]), hostile)


def level_path(level, known):
    """A strategy for the part of a path one pattern matches."""
    if isinstance(level, RoutePattern):
        route = str(level)
        places = list(CONVERTER_PLACE.finditer(route))
        if not places:
            return st.just(route)
        values = [segment(level.converters[place["name"]], known) for place in places]
        return st.tuples(*values).map(lambda chosen: _fill(route, places, chosen))
    assert isinstance(level, RegexPattern)
    regex = level.regex.pattern.removeprefix("^")
    return st.from_regex(f"(?:{regex})", fullmatch=True).filter(lambda text: "\n" not in text and len(text) < 300)


def _fill(route, places, values):
    parts, last = [], 0
    for place, value in zip(places, values, strict=True):
        parts += [route[last : place.start()], value]
        last = place.end()
    return "".join([*parts, route[last:]])


def paths(levels, known):
    """Paths the chain of patterns `levels` matches (or nearly), with `known` real slugs and ids among them."""
    return st.tuples(*(level_path(level, known) for level in levels)).map(lambda parts: "/" + "".join(parts))


# --- Judging the answers ----------------------------------------------------------------------------------------


class _Collect(logging.Handler):
    """Errors and exceptions logged, except Django's own record of a client's error (a 4xx it answered) and of a
    hostile request it refused (`django.security.*`, answered 400): those are the site working as meant."""

    def __init__(self):
        super().__init__(level=logging.DEBUG)
        self.records = []

    def emit(self, record):
        if not (record.levelno >= logging.ERROR or record.exc_info):
            return
        if getattr(record, "status_code", 500) < 500 or record.name.startswith("django.security."):
            return
        self.records.append(record)


@contextmanager
def logged_errors():
    """The log records at ERROR or above, or carrying an exception, emitted inside the block."""
    handler = _Collect()
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield handler.records
    finally:
        root.removeHandler(handler)


def request(client, method, path, **kwargs):
    """The answer to a request, asserted not to be a server error nor to have logged one."""
    client.raise_request_exception = False  # a failing view answers 500 here, as it would a reader
    with logged_errors() as errors:
        response = getattr(client, method)(path, **kwargs)
    assert response.status_code < 500, f"{method.upper()} {path!r}: {response.status_code}"
    assert not errors, f"{method.upper()} {path!r} logged: {[record.getMessage() for record in errors]}"
    return response


def assert_well_formed(response, scripts_allowed=False):
    """A page that parses, and where no reader's text became markup: no script, no event handler attribute.

    Reader pages carry no script (README), only JSON-LD data, which must parse; the admin's own scripts are allowed
    with `scripts_allowed`.
    """
    content_type = response["Content-Type"]
    if "xml" in content_type:
        ElementTree.fromstring(response.content)  # well-formed XML, or ParseError
        if "rss" in content_type or "atom" in content_type:
            feed = feedparser.parse(response.content)
            assert not feed.bozo, f"{response.request['PATH_INFO']}: {feed.get('bozo_exception')}"
        return None
    if "html" not in content_type:
        return None
    page = BeautifulSoup(response.content, "html.parser")
    assert page.find("body") is not None
    scripts = page.find_all("script")
    for data in (script for script in scripts if script.get("type") == "application/ld+json"):
        json.loads(data.string)
    if not scripts_allowed:
        assert all(script.get("type") == "application/ld+json" for script in scripts), scripts[:3]
    injected = [
        (tag.name, attribute) for tag in page.find_all(True) for attribute in tag.attrs if attribute.startswith("on")
    ]
    assert not injected, injected[:3]
    return page
