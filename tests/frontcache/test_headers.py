"""What front caches are told of each page: its keys as tags in their own headers, and how long to keep it."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from core.dependencies import author_key, discussion_key, entry_key, list_key, notes_key, source_key, tag_key
from core.registry import entry_models
from tests.factories import make_article, make_author, make_interview, make_source

pytestmark = pytest.mark.django_db

ALL = ["core.frontcache.Varnish", "core.frontcache.Fastly", "core.frontcache.Cloudflare"]


@pytest.fixture(autouse=True)
def front_caches(settings):
    settings.PAGE_CACHE_SECONDS = 600
    settings.FRONT_CACHE_BACKENDS = ALL
    settings.FRONT_CACHE_SECONDS = 86400


def fetch(url, **headers):
    return Client().get(url, headers=headers)


def tags(response):
    """The page's tags, as Varnish reads them; Fastly and Cloudflare must be told the same."""
    xkey = set(response["xkey"].split(" "))
    assert set(response["Surrogate-Key"].split(" ")) == xkey
    assert set(response["Cache-Tag"].split(",")) == xkey
    return xkey


def s_maxage(response):
    found = re.search(r"s-maxage=(\d+)", response.get("Cache-Control", ""))
    return int(found[1]) if found else None


def test_an_items_page_names_the_item_its_discussion_notes_tags_authors_and_source():
    author, source = make_author(), make_source()
    article = make_article(tags=["health"], source=source)
    article.authors.add(author)
    label = "blog.article"
    response = fetch(article.get_absolute_url())
    assert tags(response) >= {
        entry_key(article), discussion_key(label, article.pk), notes_key(label, article.pk),
        tag_key(article.tags.get().pk), author_key(author.pk), source_key(source.pk), "sidebar", "everything",
    }  # fmt: skip
    assert not any(key.startswith("list:") for key in tags(response))  # a new item elsewhere does not change it


def test_lists_name_their_sections_and_every_item_they_show():
    shown = [make_article(), make_interview()]
    home = tags(fetch("/"))
    assert {list_key(model) for model in entry_models()} <= home
    assert {entry_key(item) for item in shown} <= home
    assert {discussion_key(item._meta.label_lower, item.pk) for item in shown} <= home  # their comment counts
    section = tags(fetch("/articles/"))
    assert list_key(shown[0]) in section and entry_key(shown[0]) in section
    assert entry_key(shown[1]) not in section


def test_tag_author_source_pages_and_feeds_name_what_they_list():
    author, source = make_author(), make_source()
    article = make_article(tags=["health"], source=source)
    article.authors.add(author)
    assert tag_key(article.tags.get().pk) in tags(fetch("/tags/health/"))
    assert author_key(author.pk) in tags(fetch(f"/authors/{author.slug}/"))
    assert source_key(source.pk) in tags(fetch(f"/sources/{source.slug}/"))
    feed = tags(fetch("/feed/"))
    assert entry_key(article) in feed and list_key(article) in feed
    assert "corrections" in tags(fetch("/corrections/"))


def test_keys_are_sent_as_header_safe_tokens():
    make_article(tags=["health"])
    for header in ("xkey", "Surrogate-Key"):
        assert re.fullmatch(r"[A-Za-z0-9._: -]+", fetch("/")[header])
    assert re.fullmatch(r"[A-Za-z0-9._:,-]+", fetch("/")["Cache-Tag"])


def test_front_caches_keep_a_page_a_day_and_browsers_revalidate_each_time():
    article = make_article()
    for response in (fetch(article.get_absolute_url()), fetch(article.get_absolute_url())):  # made, then a hit
        assert 86400 - 5 <= s_maxage(response) <= 86400
        assert "max-age=0" in response["Cache-Control"] and "must-revalidate" in response["Cache-Control"]
        assert "public" in response["Cache-Control"]
    assert response["X-Page-Cache"] == "hit" and tags(response) >= {entry_key(article)}
    not_modified = fetch(article.get_absolute_url(), if_none_match=response["ETag"])
    assert not_modified.status_code == 304 and s_maxage(not_modified) > 0


def test_front_caches_keep_no_page_past_the_next_scheduled_publish_time():
    make_article()
    make_article(published_at=timezone.now() + timedelta(hours=1))  # scheduled
    assert 3600 - 5 <= s_maxage(fetch("/")) <= 3600


def test_the_sitemap_is_kept_no_longer_than_the_hour_its_view_allows():
    make_article()
    assert 0 < s_maxage(fetch("/sitemap.xml")) <= 3600


def test_keys_are_collected_for_front_caches_when_the_page_cache_is_off(settings):
    settings.PAGE_CACHE_SECONDS = 0
    article = make_article()
    response = fetch(article.get_absolute_url())
    assert entry_key(article) in tags(response) and s_maxage(response) > 3600
    assert "X-Page-Cache" not in fetch(article.get_absolute_url())


def test_only_the_configured_front_caches_headers_are_sent(settings):
    settings.FRONT_CACHE_BACKENDS = ["core.frontcache.Varnish"]
    response = fetch("/")
    assert "xkey" in response and "Surrogate-Key" not in response and "Cache-Tag" not in response


def test_without_a_front_cache_pages_carry_no_tags_and_no_s_maxage(settings):
    settings.FRONT_CACHE_BACKENDS = []
    article = make_article()
    for response in (fetch(article.get_absolute_url()), fetch(article.get_absolute_url())):
        assert "xkey" not in response and s_maxage(response) is None


def test_pages_that_are_not_the_same_for_everyone_are_not_given_to_front_caches(client, editor):
    article = make_article()
    comments = fetch(article.get_comments_url())  # a form with the reader's CSRF token
    missing = fetch("/no-such-page/")
    client.force_login(editor)
    logged_in = client.get(article.get_absolute_url())
    for response in (comments, missing, logged_in):
        assert "xkey" not in response and not s_maxage(response)


def test_a_page_made_while_a_write_happens_is_not_kept_by_front_caches(monkeypatch):
    from core import dependencies
    from core.views import EntryDetailView

    article = make_article()
    render = EntryDetailView.get_context_data

    def render_while_someone_writes(view, **kwargs):
        dependencies.changed("something-elsewhere")  # its purge may come before this page reaches a front cache
        return render(view, **kwargs)

    monkeypatch.setattr(EntryDetailView, "get_context_data", render_while_someone_writes)
    response = fetch(article.get_absolute_url())
    assert s_maxage(response) == 0
    monkeypatch.undo()
    assert s_maxage(fetch(article.get_absolute_url())) > 0


def test_a_page_with_more_keys_than_a_front_cache_takes_is_not_given_to_it(settings):
    from core.frontcache import Varnish

    article = make_article()
    settings.FRONT_CACHE_BACKENDS = ["core.frontcache.Varnish"]
    assert len(fetch(article.get_absolute_url())["xkey"]) > 40
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Varnish, "header_bytes", 40)
        response = fetch(article.get_absolute_url())  # a hit in the page cache: tagged as it is served
    assert "xkey" not in response and s_maxage(response) == 0
