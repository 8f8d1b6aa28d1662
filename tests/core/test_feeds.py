from datetime import UTC, datetime, timedelta

import feedparser
import pytest
from bs4 import BeautifulSoup
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from taggit.models import Tag

from cartoons.models import Cartoon
from core.models import Entry
from tests.factories import MAKERS, make_article, make_author, make_cartoon, make_interview, make_source

pytestmark = pytest.mark.django_db

SECTION_PREFIXES = {"blog": "articles", "interviews": "interviews", "reviews": "reviews", "cartoons": "cartoons"}
FLAVOURS = {"": ("rss20", "application/rss+xml"), "atom/": ("atom10", "application/atom+xml")}
# Queries per feed, whatever its length (anonymous reader, Site cached after the first request).
PINNED = {
    "site": 13,  # one page of keys + (items + authors + tags) per section
    "section": 3,  # items + authors + tags
    "tag": 14,  # the tag + the site feed's 13
    "author": 14,
    "source": 14,
}


def fetch(client, url):
    """The parsed feed at `url`, after checking it is well-formed and of the type its URL promises."""
    response = client.get(url)
    assert response.status_code == 200, url
    version, content_type = FLAVOURS["atom/" if url.endswith("atom/") else ""]
    assert response["Content-Type"].startswith(content_type)
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == version
    return feed


def links(feed):
    return [entry.link for entry in feed.entries]


def absolute(settings, entry):
    return settings.SITE_URL + entry.get_absolute_url()


@pytest.fixture
def content():
    """Published items in every section sharing a tag, author and source, plus hidden ones that must not show."""
    author, source = make_author("Ama Mensah"), make_source("Ward Notes")
    shared = {"tags": ["triage"], "authors": [author], "source": source}
    now = timezone.now()
    items = [make(published_at=now - timedelta(hours=n + 1), **shared) for n, make in enumerate(MAKERS.values())]
    hidden = [
        make_article(status=Entry.Status.DRAFT, **shared),
        make_cartoon(published_at=now + timedelta(days=1), **shared),
    ]
    return {"items": items, "hidden": hidden, "author": author, "source": source}


def feed_urls(content):
    author, source = content["author"], content["source"]
    urls = {"site": "/feed/", "tag": "/tags/triage/feed/", "author": f"/authors/{author.slug}/feed/",
            "source": f"/sources/{source.slug}/feed/"}  # fmt: skip
    return {name: (url, content["items"]) for name, url in urls.items()}


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_cross_section_feeds_list_published_items_newest_first(client, settings, content, flavour):
    make_interview(tags=["other"], authors=[make_author()])  # in the site feed only
    for name, (url, items) in feed_urls(content).items():
        feed = fetch(client, url + flavour)
        expected = [absolute(settings, item) for item in items]
        got = links(feed)
        if name == "site":
            got = [link for link in got if link in expected]
            assert len(feed.entries) == len(items) + 1
        assert got == expected, name
        for hidden in content["hidden"]:
            assert absolute(settings, hidden) not in links(feed), name


@pytest.mark.parametrize("flavour", FLAVOURS)
@pytest.mark.parametrize("section", MAKERS)
def test_section_feeds_list_only_their_section(client, settings, content, section, flavour):
    feed = fetch(client, f"/{SECTION_PREFIXES[section]}/feed/{flavour}")
    expected = [absolute(settings, item) for item in content["items"] if item._meta.app_label == section]
    assert links(feed) == expected
    assert feed.feed.link == f"{settings.SITE_URL}/{SECTION_PREFIXES[section]}/"


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_feed_items_carry_title_date_authors_summary_and_tags(client, settings, flavour):
    authors = [make_author("Dana Okafor"), make_author("Lee Chan")]
    article = make_article(
        title="Nurses & night shifts", excerpt="Short <b>excerpt</b>.", seo_description="What the night costs.",
        authors=authors, tags=["sleep", "nurses"],
    )  # fmt: skip
    (item,) = fetch(client, "/feed/" + flavour).entries
    assert item.link == absolute(settings, article)
    # RSS titles are HTML by convention, Atom titles plain text; either way a reader shows the real title.
    assert item.title == ("Nurses & night shifts" if flavour else "Nurses &amp; night shifts")
    assert item.summary == "What the night costs."
    assert item.author == "Dana Okafor, Lee Chan"
    assert sorted(tag.term for tag in item.tags) == ["nurses", "sleep"]
    assert datetime(*item.published_parsed[:6], tzinfo=UTC) == article.published_at.replace(microsecond=0)
    assert not item.get("enclosures")


def test_feed_summary_falls_back_to_the_excerpt_and_is_escaped_for_readers(client):
    make_article(excerpt="Fees < costs & <script>alert(1)</script>")
    (item,) = fetch(client, "/feed/").entries
    assert item.summary == "Fees &lt; costs &amp; &lt;script&gt;alert(1)&lt;/script&gt;"


def shown(detail):
    """What a feed reader shows of a text construct: the text itself, or the text of its HTML."""
    if detail.type == "text/html":
        html = BeautifulSoup(detail.value, "html.parser")
        assert not html.find(), f"markup in {detail.value!r}"
        return html.get_text()
    return detail.value


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_tag_author_and_source_names_are_text_in_feed_titles_and_descriptions(client, settings, flavour):
    name = "<img src=x onerror=alert(1)> & <b>co</b>"
    author = make_author(name, slug="img")
    source = make_source(name, slug="img")
    make_article(tags=[name], authors=[author], source=source)
    tag_slug = Tag.objects.get(name=name).slug
    for url in (f"/tags/{tag_slug}/feed/", "/authors/img/feed/", "/sources/img/feed/"):
        feed = fetch(client, url + flavour).feed
        assert name in shown(feed.title_detail), url
        assert name in shown(feed.subtitle_detail), url


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_feeds_leave_out_characters_xml_cannot_carry_instead_of_failing(client, flavour):
    # Control characters (but tab and newlines), U+FFFE and U+FFFF cannot appear in XML 1.0 even escaped; an
    # editor or an import can still store them, pasted from a word processor. Django refuses to write them: a 500.
    author = make_author("Ama\x0b Mensah", slug="ama")
    source = make_source("Ward\x1f Notes", slug="ward")
    make_article(title="Night\x0c shifts\ufffe", excerpt="Sleep\x08 debt\uffff", tags=["sleep\x1b"], authors=[author],
                 source=source)  # fmt: skip
    tag_slug = Tag.objects.get().slug
    for url in ("/feed/", "/articles/feed/", f"/tags/{tag_slug}/feed/", "/authors/ama/feed/", "/sources/ward/feed/"):
        feed = fetch(client, url + flavour)
        (item,) = feed.entries
        assert (item.title, item.summary, item.author) == ("Night shifts", "Sleep debt", "Ama Mensah"), url
        assert [tag.term for tag in item.tags] == ["sleep"]
    assert fetch(client, "/authors/ama/feed/" + flavour).feed.title.startswith("Ama Mensah")
    assert fetch(client, "/sources/ward/feed/" + flavour).feed.title.startswith("Republished from Ward Notes")


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_cartoons_enclose_their_image_with_absolute_url_size_and_type(client, settings, flavour):
    cartoon = make_cartoon()
    for url in ("/feed/", "/cartoons/feed/"):
        (item,) = fetch(client, url + flavour).entries
        (enclosure,) = item.enclosures
        assert enclosure.href == settings.SITE_URL + cartoon.lead_image.url
        assert enclosure.href.startswith("http://127.0.0.1:8000/media/cartoons/")
        assert int(enclosure.length) == cartoon.lead_image.size > 0
        assert enclosure.type == "image/png"


def test_the_enclosure_length_is_recorded_at_upload_so_feeds_never_ask_storage(client, monkeypatch):
    cartoon = make_cartoon()
    assert cartoon.lead_image_bytes == cartoon.lead_image.size > 0
    monkeypatch.setattr(FileSystemStorage, "size", lambda *a, **k: pytest.fail("the feed asked storage"))
    (item,) = fetch(client, "/feed/").entries
    assert int(item.enclosures[0].length) == cartoon.lead_image_bytes


def test_a_cartoon_whose_file_could_not_be_read_is_listed_without_enclosure(client):
    make_cartoon(lead_image=ContentFile(b"not a picture", name="broken.png"))
    (item,) = fetch(client, "/feed/").entries
    assert not item.get("enclosures")


def test_a_cartoon_uploaded_before_lengths_were_recorded_asks_storage_once_and_survives_a_lost_file(client):
    cartoon = make_cartoon()
    Cartoon.objects.filter(pk=cartoon.pk).update(lead_image_bytes=None)
    (item,) = fetch(client, "/feed/").entries
    assert int(item.enclosures[0].length) == cartoon.lead_image.size
    cartoon.lead_image.storage.delete(cartoon.lead_image.name)
    (item,) = fetch(client, "/feed/").entries
    assert not item.get("enclosures")


def test_feeds_stop_at_twenty_items(client):
    articles = [make_article() for _ in range(23)]
    newest = sorted(articles, key=lambda a: a.published_at, reverse=True)[:20]
    for url in ("/feed/", "/articles/feed/atom/"):
        feed = fetch(client, url)
        assert [entry.link.removeprefix("http://127.0.0.1:8000") for entry in feed.entries] == [
            a.get_absolute_url() for a in newest
        ]


def test_feeds_of_unknown_tags_authors_and_sources_are_404(client):
    for url in ("/tags/nope/feed/", "/authors/nope/feed/atom/", "/sources/nope/feed/"):
        assert client.get(url).status_code == 404


def test_pages_link_their_feeds_in_the_head(client, content):
    author, source = content["author"], content["source"]
    article = content["items"][0]
    site = ["/feed/", "/feed/atom/"]
    comments_feed = f"{article.get_comments_url()}feed/"
    pages = {
        "/": site, "/search/?q=x": site,
        # An item's page links its comments feeds too (tests/comments/test_feeds.py).
        article.get_absolute_url(): [*site, comments_feed, f"{comments_feed}atom/"],
        "/articles/": [*site, "/articles/feed/", "/articles/feed/atom/"],
        "/reviews/": [*site, "/reviews/feed/", "/reviews/feed/atom/"],
        "/tags/triage/": [*site, "/tags/triage/feed/", "/tags/triage/feed/atom/"],
        author.get_absolute_url(): [*site, f"/authors/{author.slug}/feed/", f"/authors/{author.slug}/feed/atom/"],
        source.get_absolute_url(): [*site, f"/sources/{source.slug}/feed/", f"/sources/{source.slug}/feed/atom/"],
    }  # fmt: skip
    for url, expected in pages.items():
        head = BeautifulSoup(client.get(url).content, "html.parser").head
        alternates = head.select('link[rel="alternate"]')
        assert [link["href"] for link in alternates] == expected, url
        assert {link["type"] for link in alternates} == {"application/rss+xml", "application/atom+xml"}
        for feed_url in expected:
            assert client.get(feed_url).status_code == 200, feed_url


def test_feed_queries_are_pinned_and_do_not_grow_with_items(client, content):
    def queries(url):
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    urls = {name: url for name, (url, _items) in feed_urls(content).items()} | {"section": "/cartoons/feed/atom/"}
    small = {name: queries(url) for name, url in urls.items()}
    shared = {"tags": ["triage", "more", "tags"], "source": content["source"]}
    for make in MAKERS.values():
        for _ in range(5):
            make(authors=[content["author"], make_author()], **shared)
    assert small == {name: queries(url) for name, url in urls.items()} == PINNED
