"""Targeted invalidation: a write remakes the pages that show what it changed, and leaves the others cached.

Every test warms the pages, makes one write the way people make it, then fetches: pages showing the change
show it (never stale), pages that do not show it are still served from the cache ("hit").
"""

from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories import (
    comment_form_data,
    make_article,
    make_author,
    make_comment,
    make_interview,
    make_source,
)
from tests.forms import form_values

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True, params=[600, 0], ids=["whole pages kept", "page cache off"])
def page_cache(request, settings):
    """Each test with whole pages kept, then with the page cache off: the fragments kept without it (item
    pages' parts, listings, counts) must never be stale either."""
    settings.PAGE_CACHE_SECONDS = request.param


def fetch(url):
    return Client().get(url)


def warm(*urls):
    for url in urls:
        fetch(url)
    assert all(is_hit(url) for url in urls), "warming failed"


def is_hit(url):
    """Whether the page cache served `url`; with it off, there is nothing to tell (the fetch still runs)."""
    return fetch(url).get("X-Page-Cache") == "hit" or not settings.PAGE_CACHE_SECONDS


@pytest.fixture
def archive():
    """A new article on the front page, an old one far down the list, and an interview with its own tags."""
    old = make_article(title="An old piece", tags=["history"], published_at=timezone.now() - timedelta(days=400))
    for n in range(12):
        make_article(title=f"Recent piece {n}", tags=["news"])
    interview = make_interview(title="A long talk", tags=["talk"])
    recent = make_article(title="Newest piece", tags=["news"], published_at=timezone.now() - timedelta(minutes=1))
    return {"old": old, "interview": interview, "recent": recent}


def test_a_readers_comment_remakes_its_items_pages_and_leaves_the_rest_cached(client, archive):
    old, recent, interview = archive["old"], archive["recent"], archive["interview"]
    make_comment(make_article(), user_name="Ann Reader", user_email="ann@example.org")  # Ann is known
    unrelated = [recent.get_absolute_url(), interview.get_absolute_url(), "/", "/articles/", "/tags/news/", "/feed/"]
    warm(old.get_absolute_url(), "/tags/history/", *unrelated)

    response = client.post(old.get_comments_url(), comment_form_data(old, comment="Still true today."))

    assert response.status_code == 302
    assert "Read comments (1)" in fetch(old.get_absolute_url()).content.decode()
    assert "1 comment" in fetch("/tags/history/").content.decode()  # its card's count, where it is listed
    assert all(is_hit(url) for url in unrelated)


def test_a_held_comment_remakes_nothing(client, archive):
    old = archive["old"]
    warm(old.get_absolute_url(), "/tags/history/")

    assert client.post(old.get_comments_url(), comment_form_data(old)).status_code == 302  # held: a new reader

    assert is_hit(old.get_absolute_url()) and is_hit("/tags/history/")


def test_an_edit_remakes_its_page_lists_and_feeds_and_leaves_other_sections_items_cached(editor, archive):
    recent, interview = archive["recent"], archive["interview"]
    neighbour = make_article(title="Also news", tags=["news"], published_at=timezone.now() - timedelta(days=30))
    showing_it = [
        recent.get_absolute_url(),
        "/",
        "/articles/",
        "/tags/news/",
        "/feed/",
        "/articles/feed/",
        neighbour.get_absolute_url(),
    ]  # fmt: skip  (the neighbour lists it under "You may also like")
    warm(*showing_it, interview.get_absolute_url(), "/interviews/", "/tags/talk/")
    client = Client()
    client.force_login(editor)
    url = reverse("admin:blog_article_change", args=[recent.pk])

    assert client.post(url, form_values(client.get(url).content, "form#article_form") | {"title": "Edited"}).status_code

    for page in showing_it:
        assert "Edited" in fetch(page).content.decode(), page
    assert is_hit(interview.get_absolute_url()) and is_hit("/interviews/") and is_hit("/tags/talk/")


def test_renaming_an_author_remakes_the_bylines_that_show_the_name():
    author = make_author("Lee Park")
    article = make_article(authors=[author])
    other = make_article()
    warm(article.get_absolute_url(), "/articles/", other.get_absolute_url(), "/authors/" + author.slug + "/")

    author.name = "Lee Park-Ito"
    author.save()

    assert "Lee Park-Ito" in fetch(article.get_absolute_url()).content.decode()
    assert "Lee Park-Ito" in fetch("/articles/").content.decode()
    assert "Lee Park-Ito" in fetch("/authors/" + author.slug + "/").content.decode()
    assert is_hit(other.get_absolute_url())


def test_moving_an_item_to_another_source_remakes_both_source_pages():
    first, second = make_source("First Partner"), make_source("Second Partner")
    article = make_article(title="Travelling piece", source=first)
    warm(first.get_absolute_url(), second.get_absolute_url())

    article.source = second
    article.save()

    assert "Travelling piece" not in fetch(first.get_absolute_url()).content.decode()
    assert "Travelling piece" in fetch(second.get_absolute_url()).content.decode()


def test_tagging_an_item_puts_it_on_the_tag_page_and_untagging_takes_it_off():
    article = make_article(title="Newly tagged")
    make_article(tags=["news"])
    warm("/tags/news/", article.get_absolute_url())

    article.tags.add("news")
    assert "Newly tagged" in fetch("/tags/news/").content.decode()
    assert "/tags/news/" in fetch(article.get_absolute_url()).content.decode()

    article.tags.clear()
    assert "Newly tagged" not in fetch("/tags/news/").content.decode()


def test_an_interviewee_change_remakes_the_interview_page():
    interview = make_interview(interviewees=[("Ada Stone", "midwife")])
    warm(interview.get_absolute_url())

    person = interview.interviewees.get()
    person.role = "head midwife"
    person.save()

    assert "head midwife" in fetch(interview.get_absolute_url()).content.decode()


def test_a_new_interview_shows_in_every_pages_sidebar(archive):
    old = archive["old"]
    warm(old.get_absolute_url(), "/tags/history/")

    make_interview(title="A fresh conversation")

    assert "A fresh conversation" in fetch(old.get_absolute_url()).content.decode()
    assert "A fresh conversation" in fetch("/tags/history/").content.decode()


@pytest.mark.parametrize("page_cache", [600], indirect=True)  # the page cache's own rule
def test_a_page_made_while_a_write_happens_is_not_stored(monkeypatch):
    from core import dependencies
    from core.views import EntryDetailView

    article = make_article(title="Busy page")
    render = EntryDetailView.get_context_data

    def render_while_someone_writes(view, **kwargs):
        dependencies.changed("something-elsewhere")  # the page may have read the data from before this write
        return render(view, **kwargs)

    monkeypatch.setattr(EntryDetailView, "get_context_data", render_while_someone_writes)
    fetch(article.get_absolute_url())
    monkeypatch.undo()

    assert not is_hit(article.get_absolute_url())  # the page was not stored: made again now
    assert is_hit(article.get_absolute_url())


@pytest.mark.parametrize("page_cache", [600], indirect=True)  # the page cache's own rule
@pytest.mark.parametrize("written_since", [False, True], ids=["nothing written", "a write elsewhere since"])
def test_a_hit_is_one_cache_read(monkeypatch, written_since):
    """With nothing written, the write mark vouches for the page. After a write elsewhere (on a busy site,
    nearly always), the versions of the keys this process saw the page depend on are read with it."""
    from django.core.cache import cache

    article = make_article()
    warm(article.get_absolute_url())
    if written_since:
        make_article(title="Elsewhere", published_at=timezone.now() - timedelta(days=3000))
    reads, inside = [], []
    real_get, real_get_many = cache.get, cache.get_many

    def get_many(keys, **kw):
        reads.append("get_many")
        inside.append(True)  # the local-memory cache reads one key at a time inside get_many
        try:
            return real_get_many(keys, **kw)
        finally:
            inside.pop()

    def get(*args, **kw):
        if not inside:
            reads.append("get")
        return real_get(*args, **kw)

    monkeypatch.setattr(cache, "get_many", get_many)
    monkeypatch.setattr(cache, "get", get)

    assert is_hit(article.get_absolute_url())

    assert reads == ["get_many"]  # the page, the mark it was stored under, the current one, its keys' versions
