"""List totals are kept in the cache (LIST_COUNT_CACHE_SECONDS), and pages stay exact all the same."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.models import Entry
from tests.factories import make_article, make_author, make_review

pytestmark = pytest.mark.django_db


@pytest.fixture
def count_cache(settings):
    settings.LIST_COUNT_CACHE_SECONDS = 60


@pytest.fixture
def fresh_listings(monkeypatch):
    """Every list page made anew, as when its kept listing was evicted: the paginator alone keeps it exact."""
    from uuid import uuid4

    from core.views import KeptListingMixin

    name = KeptListingMixin.listing_name
    monkeypatch.setattr(KeptListingMixin, "listing_name", lambda view: f"{name(view)}:{uuid4()}")


def get(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    # A list's total is a bare COUNT(*); comment counts and archive months count per group.
    counts = [query["sql"] for query in captured if query["sql"].upper().startswith("SELECT COUNT(*)")]
    return response, len(counts)


@pytest.mark.parametrize("url", ["/", "/articles/", "/tags/sleep/", "author"])
def test_a_list_is_counted_once_then_read_from_the_cache(client, count_cache, url):
    author = make_author()
    for _ in range(3):
        make_article(tags=["sleep"], authors=[author])
    url = author.get_absolute_url() if url == "author" else url
    first, first_counts = get(client, url)
    second, second_counts = get(client, url)
    assert (first_counts, second_counts) == (1, 0)
    assert first.content == second.content


def test_without_the_setting_every_request_counts(client, settings, fresh_listings):
    settings.LIST_COUNT_CACHE_SECONDS = 0
    make_article()
    assert [get(client, "/articles/")[1] for _ in range(2)] == [1, 1]


def test_a_list_that_grew_past_the_cached_total_shows_its_new_page_and_link(client, count_cache):
    for _ in range(20):
        make_article()
    assert client.get("/articles/?page=2").context["paginator"].num_pages == 2  # total cached: 20
    assert client.get("/articles/?page=3").status_code == 404
    make_article()  # 21 now: the page boundary moves, the cache does not know
    page_two = client.get("/articles/?page=2").context["page_obj"]
    assert page_two.has_next() and page_two.paginator.num_pages == 3
    assert client.get("/articles/?page=3").status_code == 200


def test_a_page_past_the_cached_total_is_counted_again_before_a_404(client, count_cache):
    for _ in range(10):
        make_review()
    assert client.get("/").context["paginator"].num_pages == 1
    for _ in range(5):
        make_article()
    response = client.get("/?page=2")  # the cached total says one page; there are two now
    assert response.status_code == 200
    assert len(response.context["page_obj"]) == 5


def test_a_list_that_shrank_gives_404_for_its_lost_page(client, count_cache, fresh_listings):
    articles = [make_article() for _ in range(11)]
    assert client.get("/articles/?page=2").status_code == 200
    type(articles[0]).objects.filter(pk=articles[0].pk).update(status=Entry.Status.DRAFT)
    assert client.get("/articles/?page=2").status_code == 404
    assert not client.get("/articles/").context["page_obj"].has_next()


def test_each_list_keeps_its_own_total_and_its_pages_share_it(client, count_cache):
    make_article(tags=["sleep"])
    for _ in range(11):
        make_review(tags=["diet"])
    totals = {
        url: client.get(url).context["paginator"].count for url in ("/tags/sleep/", "/tags/diet/", "/", "/articles/")
    }
    assert totals == {"/tags/sleep/": 1, "/tags/diet/": 11, "/": 12, "/articles/": 1}
    response, counts = get(client, "/tags/diet/?page=2")
    assert (response.status_code, counts) == (200, 0)


@pytest.mark.parametrize("url", ["/", "/articles/", "/tags/sleep/"])
def test_a_kept_total_is_counted_again_as_soon_as_an_item_joins_or_leaves_the_list(client, url):
    articles = [make_article(tags=["sleep"]) for _ in range(11)]
    assert "Page 1 of 2" in client.get(url).content.decode()
    assert get(client, url)[1] == 0  # kept

    articles[0].status = Entry.Status.DRAFT
    articles[0].save()
    assert "Page 1 of 2" not in client.get(url).content.decode()  # ten now: one page

    make_article(tags=["sleep"])
    assert "Page 1 of 2" in client.get(url).content.decode()


def test_a_kept_total_does_not_outlive_a_scheduled_items_publish_time(client, time_machine):
    from datetime import timedelta

    from django.utils import timezone

    for _ in range(30):
        make_article()
    make_article(published_at=timezone.now() + timedelta(minutes=2))
    assert "Page 1 of 3" in client.get("/articles/").content.decode()

    time_machine.move_to(timezone.now() + timedelta(minutes=3))

    assert "Page 1 of 4" in client.get("/articles/").content.decode()  # no write, and page 1 looks the same


def test_a_kept_listing_is_made_anew_when_one_of_its_items_or_the_list_changes(client, settings):
    settings.PAGE_CACHE_SECONDS = 0  # the listing alone is kept, not the page
    article = make_article(title="Before the edit")
    assert b"Before the edit" in client.get("/articles/").content
    assert get(client, "/articles/")[1] == 0  # kept: not even counted
    article.title = "After the edit"
    article.save()
    assert b"After the edit" in client.get("/articles/").content
    make_article(title="A new arrival")
    assert b"A new arrival" in client.get("/").content
