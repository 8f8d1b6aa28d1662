"""The mix scenario's returning reader and stale check (bench/mix.py), against the site's real pages."""

import random

import pytest

from bench import mix
from tests.factories import make_article, make_comment

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def articles(settings):
    """Two articles with the page cache on, and the bench's reader known by an approved comment."""
    settings.PAGE_CACHE_SECONDS = 600
    first, second = make_article(title="Night clinics"), make_article(title="Rural pharmacies")
    make_comment(first, "An earlier comment.", user_name=mix.READER["name"], user_email=mix.READER["email"])
    return [[article.get_absolute_url(), article.get_comments_url()] for article in (first, second)]


def test_returning_reader_posts_through_the_form_and_is_published_at_once(live_server, articles):
    poster = mix.ReturningReader(live_server.url, articles, every=3, rng=random.Random(1))
    posts = [poster.post(*articles[0], number=1), poster.post(*articles[0], number=2), poster.post(*articles[1], 3)]
    assert [post.published for post in posts] == [True, True, True], [(p.status, p.location) for p in posts]
    assert [post.count_before for post in posts] == [1, 2, 0]


def test_stale_check_finds_nothing_when_every_page_shows_the_comments(live_server, articles):
    for item, _comments in articles:
        mix.fetch(live_server.url, item)  # now in the page cache, with the counts from before the posts
    poster = mix.ReturningReader(live_server.url, articles, every=3, rng=random.Random(1))
    posts = [poster.post(*articles[0], number=1), poster.post(*articles[0], number=2), poster.post(*articles[1], 3)]
    assert mix.stale_pages(live_server.url, posts) == []


def test_stale_check_counts_an_item_page_counting_too_few_and_a_comments_page_lacking_the_comment(
    live_server, articles
):
    item, comments = articles[1]
    posted = mix.ReturningReader(live_server.url, articles, every=3, rng=random.Random(1)).post(item, comments, 1)
    never_posted = mix.Post(item, "A comment nobody sent.", posted.count_before, 302, posted.location)
    stale = mix.stale_pages(live_server.url, [posted, never_posted])
    assert len(stale) == 2
    assert stale[0].startswith(f"{item} counts 1 comments, not 2")
    assert "A comment nobody sent." in stale[1]


def test_pool_gives_each_kind_of_page_its_share_of_requests(tmp_path):
    pages = {"articles": [["/a/1/", "/a/1/c/"], ["/a/2/", "/a/2/c/"]], "lists": ["/", "/b/"], "tags": ["/t/x/"]}
    pool = tmp_path / "pool.txt"
    assert mix.write_pool(pages, pool) == ["/", "/a/1/", "/a/2/", "/b/", "/t/x/"]
    lines = pool.read_text().split()
    assert len(lines) == mix.POOL_SIZE
    shares = {url: lines.count(url) * 100 / len(lines) for url in set(lines)}
    assert shares == {"/a/1/": 42.5, "/a/2/": 42.5, "/": 5, "/b/": 5, "/t/x/": 5}
