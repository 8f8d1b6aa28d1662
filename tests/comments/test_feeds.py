"""Comment feeds: the magazine's newest comments and one item's, as RSS and Atom; only what readers see."""

from datetime import timedelta
from xml.etree import ElementTree

import feedparser
import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.models import Entry
from tests.factories import MAKERS, comment_form_data, make_article, make_comment, make_interview, make_review

pytestmark = pytest.mark.django_db

FLAVOURS = {"": ("rss20", "application/rss+xml"), "atom/": ("atom10", "application/atom+xml")}


def item_feed(entry, flavour=""):
    return f"{entry.get_comments_url()}feed/{flavour}"


def fetch(client, url):
    """The parsed feed at `url`, after checking it is well-formed XML of the type its URL promises."""
    response = client.get(url)
    assert response.status_code == 200, url
    version, content_type = FLAVOURS["atom/" if url.endswith("atom/") else ""]
    assert response["Content-Type"].startswith(content_type)
    ElementTree.fromstring(response.content)  # well-formed, or this raises
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == version
    feed.raw = response.content.decode()
    return feed


def texts(feed):
    return [BeautifulSoup(entry.summary, "html.parser").get_text() for entry in feed.entries]


@pytest.fixture
def discussion():
    """Visible comments on published items, and every kind of comment that must never reach a feed."""
    now = timezone.now()
    article, review = make_article(), make_review()
    shown = [
        make_comment(article, "First on the article.", submit_date=now - timedelta(minutes=30)),
        make_comment(review, "On the review.", submit_date=now - timedelta(minutes=20)),
        make_comment(article, "Newest on the article.", submit_date=now - timedelta(minutes=10)),
    ]
    make_comment(article, "Held for a moderator.", is_public=False)
    make_comment(article, "Removed by a moderator.", is_removed=True)
    draft = make_article(status=Entry.Status.DRAFT)
    make_comment(draft, "On a draft.")
    make_comment(make_article(published_at=now + timedelta(days=1)), "On a scheduled item.")
    return {"article": article, "review": review, "shown": shown, "draft": draft}


HIDDEN = {"Held for a moderator.", "Removed by a moderator.", "On a draft.", "On a scheduled item."}


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_site_feed_lists_visible_comments_on_published_items_newest_first(client, discussion, flavour):
    feed = fetch(client, f"/comments/feed/{flavour}")
    assert texts(feed) == ["Newest on the article.", "On the review.", "First on the article."]
    assert not HIDDEN & set(texts(feed))
    assert not any(hidden in feed.raw for hidden in HIDDEN)


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_item_feed_lists_only_that_items_visible_comments(client, discussion, flavour):
    feed = fetch(client, item_feed(discussion["article"], flavour))
    assert texts(feed) == ["Newest on the article.", "First on the article."]
    assert not any(hidden in feed.raw for hidden in HIDDEN)
    assert fetch(client, item_feed(discussion["review"], flavour)).entries[0].author == "Reader"


def test_no_feed_for_an_item_readers_cannot_see(client, discussion):
    assert client.get(item_feed(discussion["draft"])).status_code == 404
    assert client.get(item_feed(discussion["draft"], "atom/")).status_code == 404


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_feed_entries_name_the_commenter_escape_the_text_and_link_to_the_comment(client, settings, flavour):
    settings.COMMENTS_PER_PAGE = 2
    article = make_interview(title="Nurses & <Night> shifts")
    older = [make_comment(article, f"Thread {n}") for n in range(2)]
    hostile = make_comment(
        article, "<script>alert('x')</script> Fish & chips\n\nSee https://example.org/a",
        user_name="<b>Eve</b>", user_email="eve-secret@example.org",
    )  # fmt: skip
    reply = make_comment(article, "A reply to the first.", parent=older[0])
    for url in (f"/comments/feed/{flavour}", item_feed(article, flavour)):
        feed = fetch(client, url)
        entry = feed.entries[0] if "Eve" in feed.entries[0].author else feed.entries[1]
        assert entry.author == "<b>Eve</b>"  # the name as typed, as text
        assert "eve-secret" not in feed.raw and "reader@example.org" not in feed.raw
        assert "<script" not in entry.summary and "&lt;script&gt;alert" in entry.summary
        assert "Fish &amp; chips" in entry.summary
        assert '<a href="https://example.org/a" rel="nofollow ugc">' in entry.summary
        # The third thread is on the second page (two threads a page); a reply is on its thread's page.
        base = settings.SITE_URL + article.get_comments_url()
        links = {e.link for e in feed.entries}
        assert f"{base}?page=2#c{hostile.pk}" in links
        assert f"{base}#c{reply.pk}" in links


def test_rss_titles_are_escaped_once(client):
    article = make_article(title="Tea & <biscuits>")
    make_comment(article, "Yes.", user_name="Ann & Bob")
    raw = client.get("/comments/feed/").content.decode()
    assert "<title>Ann &amp;amp; Bob on “Tea &amp;amp; &amp;lt;biscuits&amp;gt;”</title>" in raw
    atom = fetch(client, "/comments/feed/atom/")
    assert atom.entries[0].title == "Ann & Bob on “Tea & <biscuits>”"


def test_pages_link_their_comment_feeds(client, discussion):
    article = discussion["article"]
    item_links = {item_feed(article), item_feed(article, "atom/")}
    site_links = {"/comments/feed/", "/comments/feed/atom/"}
    for url, expected in [
        (article.get_absolute_url(), item_links),
        (article.get_comments_url(), item_links | site_links),
    ]:
        page = BeautifulSoup(client.get(url).content, "html.parser")
        alternates = {link["href"] for link in page.select('head link[rel="alternate"]')}
        assert expected <= alternates, url
        for href in expected:
            assert client.get(href).status_code == 200


@pytest.mark.parametrize("url_of", [lambda article: "/comments/feed/", lambda article: item_feed(article)])
def test_a_new_comment_shows_in_the_cached_feeds_at_once(client, settings, url_of):
    settings.PAGE_CACHE_SECONDS = 600
    settings.COMMENTS_HOLD_FIRST_TIME = False
    article = make_article()
    make_comment(article, "Already here.")
    url = url_of(article)
    assert len(fetch(Client(), url).entries) == 1
    assert Client().get(url)["X-Page-Cache"] == "hit"
    links = "Held for its links: http://a.example http://b.example http://c.example"
    assert client.post(article.get_comments_url(), comment_form_data(article, comment=links)).status_code == 302
    assert Client().get(url)["X-Page-Cache"] == "hit"  # a held comment changes nothing readers see
    response = client.post(article.get_comments_url(), comment_form_data(article, comment="Fresh words."))
    assert response.status_code == 302
    feed = fetch(Client(), url)
    assert texts(feed) == ["Fresh words.", "Already here."]


def test_unpublishing_an_item_takes_its_comments_out_of_the_cached_site_feed(client, settings, editor):
    settings.PAGE_CACHE_SECONDS = 600
    article = make_article()
    make_comment(article, "Soon gone.")
    assert texts(fetch(Client(), "/comments/feed/")) == ["Soon gone."]
    article.status = Entry.Status.DRAFT
    article.save()
    assert texts(fetch(Client(), "/comments/feed/")) == []


def feed_queries(url):
    client = Client()
    client.get(url)  # content types and the Site are looked up once per process
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_feed_queries_do_not_grow_with_comments():
    items = [make() for make in MAKERS.values()]
    for item in items:
        make_comment(item)
    article = items[0]
    few = {url: feed_queries(url) for url in ("/comments/feed/", item_feed(article), "/comments/feed/atom/")}
    for n in range(15):
        for item in items:
            parent = make_comment(item, f"c{n}")
            make_comment(item, f"r{n}", parent=parent)
    many = {url: feed_queries(url) for url in few}
    assert few == many
    # The comments with their pages in one query, then each section's items; an item's feed: item + comments.
    assert many["/comments/feed/"] == 1 + len(items)
    assert many[item_feed(article)] == 2


def test_feed_urls_are_named(discussion):
    assert reverse("comments-feed") == "/comments/feed/"
    assert reverse("blog:comments_feed_atom", kwargs={"slug": discussion["article"].slug}).endswith(
        "/comments/feed/atom/"
    )


def test_comments_on_hidden_items_do_not_crowd_the_site_feed(client, monkeypatch):
    monkeypatch.setattr("comments.feeds.FEED_LENGTH", 3)
    now = timezone.now()
    article, draft = make_article(), make_article(status=Entry.Status.DRAFT)
    for n in range(3):
        make_comment(article, f"Shown {n}", submit_date=now - timedelta(hours=2, minutes=n))
        make_comment(draft, f"Hidden {n}", submit_date=now - timedelta(minutes=n))
    assert texts(fetch(client, "/comments/feed/")) == ["Shown 0", "Shown 1", "Shown 2"]
