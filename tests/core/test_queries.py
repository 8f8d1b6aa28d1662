"""Every page's query count is pinned, and shown not to grow with the amount of content behind it."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import MAKERS, make_article, make_author, make_interview, make_review, make_source

pytestmark = pytest.mark.django_db

# The counts a reader's request costs today (anonymous, no page cache). Raise them only with a reason.
# What a reader's request costs (anonymous, no page cache). Raise them only with a reason.
# With nothing kept in the cache: the first request after the cache was emptied, which also looks up the next
# scheduled publish time (one query, made again after a write to an item).
PINNED = {
    # count + one page of keys + (items + authors) per section + comment counts + sidebar 3 + schedule
    # + the lead story: which item leads (one UNION), then that item and its authors
    "home": 18,
    "section list": 9,  # count + items + authors + comment counts + archive months + sidebar 3 + schedule
    "article page": 10,  # item + authors + tags + related + corrections + comment count + sidebar 3 + schedule
    "interview page": 11,  # the article's + interviewees
    # item + thread count (no comments: no page) + sidebar 3 + schedule + section closing policies
    "comments page": 7,
    "tag page": 16,  # the home page's + the tag
    "author page": 16,
    "source page": 16,
}
# With the fragments many pages share kept (core.dependencies.kept): list totals, the sidebar, archive months,
# related items and comment counts; until a write bumps what they show.
KEPT = {
    # The cards and page links are kept whole (core.views.KeptListingMixin), and so is the lead story.
    "home": 0,
    "section list": 0,
    # A reader's item page is made of kept parts (core.views.EntryPage), the comment count kept apart.
    "article page": 0,
    "interview page": 0,
    "comments page": 0,  # the item (for its thread's rules and its form) and the thread are kept
    "tag page": 1,  # the tag
    "author page": 1,
    "source page": 1,
}


def queries(client, url, kept=False):
    """How many queries a request for `url` runs, once per-process caches (content types) are warm.

    `kept`: with what the first request left in the cache; else with the cache emptied, as after a write.
    """
    client.get(url)
    if not kept:
        cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def build(n, author, source):
    """n items in every section, each with n tags and n authors, all related to each other; one of each featured."""
    authors = [author] + [make_author() for _ in range(n - 1)]
    tags = ["common"] + [f"tag-{i}" for i in range(n - 1)]
    for make in MAKERS.values():
        for i in range(n):
            make(tags=tags, authors=authors, source=source, featured=i == 0)
    return make_interview(tags=tags, authors=authors, source=source, interviewees=[("A", "a")] * n)


def urls(interview, author, source):
    article = make_article(tags=["common"], authors=[author], source=source)
    return {
        "home": "/",
        "section list": "/articles/",
        "article page": article.get_absolute_url(),
        "interview page": interview.get_absolute_url(),
        "comments page": article.get_comments_url(),
        "tag page": "/tags/common/",
        "author page": author.get_absolute_url(),
        "source page": source.get_absolute_url(),
    }


def test_page_queries_are_pinned_and_do_not_grow_with_content(client):
    author, source = make_author(), make_source()
    interview = build(2, author, source)
    pages = urls(interview, author, source)
    small = {name: queries(client, url) for name, url in pages.items()}
    small_kept = {name: queries(client, url, kept=True) for name, url in pages.items()}
    interview = build(6, author, source)  # three times the tags, authors, related items and list entries
    pages = urls(interview, author, source)
    large = {name: queries(client, url) for name, url in pages.items()}
    large_kept = {name: queries(client, url, kept=True) for name, url in pages.items()}
    assert small == large == PINNED
    assert small_kept == large_kept == KEPT


def test_review_and_cartoon_pages_cost_no_more_than_an_article(client):
    review = make_review(tags=["a", "b"], authors=[make_author(), make_author()])
    cartoon = MAKERS["cartoons"](tags=["a"], authors=[make_author()])
    assert queries(client, review.get_absolute_url()) <= PINNED["article page"]
    assert queries(client, cartoon.get_absolute_url()) <= PINNED["article page"]
