from datetime import UTC, datetime, timedelta

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.models import Entry
from tests.factories import make_article, make_author, make_review

pytestmark = pytest.mark.django_db

LAST_YEAR = timezone.now().year - 1  # always in the past, never a fixed date
# exists + date list + next + previous + count + items + authors + archive months + sidebar 3
ARCHIVE_QUERIES = {"year": 13, "month": 13}  # + comment counts of the cards + the next scheduled publish time


def on(month, day=15, year=LAST_YEAR):
    return datetime(year, month, day, 12, tzinfo=UTC)


def cards(response):
    return [a["href"] for a in BeautifulSoup(response.content, "html.parser").select("main .card__title a")]


def test_month_archive_lists_the_sections_published_items_of_that_month(client):
    march = [make_article(published_at=on(3, day)) for day in (2, 20)]
    make_article(published_at=on(4))
    make_article(published_at=on(3), status=Entry.Status.DRAFT)
    make_review(published_at=on(3))
    url = reverse("blog:archive_month", kwargs={"year": LAST_YEAR, "month": 3})
    assert url == f"/articles/archive/{LAST_YEAR}/03/"
    response = client.get(url)
    assert response.status_code == 200
    assert cards(response) == [march[1].get_absolute_url(), march[0].get_absolute_url()]
    page = BeautifulSoup(response.content, "html.parser")
    assert page.h1.get_text() == f"Articles from March {LAST_YEAR}"
    assert page.select_one('.archive-nav a[rel="next"]')["href"] == f"/articles/archive/{LAST_YEAR}/04/"


def test_year_archive_lists_every_month_of_the_year_paginated(client):
    items = [make_article(published_at=on(month)) for month in range(1, 13)]
    make_article(published_at=on(6, year=LAST_YEAR - 1))
    first = client.get(f"/articles/archive/{LAST_YEAR}/")
    assert first.status_code == 200
    assert cards(first) == [item.get_absolute_url() for item in reversed(items)][:10]
    second = client.get(f"/articles/archive/{LAST_YEAR}/?page=2")
    assert cards(second) == [items[1].get_absolute_url(), items[0].get_absolute_url()]
    assert BeautifulSoup(first.content, "html.parser").select_one('.archive-nav a[rel="prev"]')["href"] == (
        f"/articles/archive/{LAST_YEAR - 1}/"
    )


@pytest.mark.parametrize(
    "path",
    [
        f"{LAST_YEAR}/04/",  # nothing published that month
        f"{LAST_YEAR}/05/",  # only a draft
        f"{LAST_YEAR + 2}/",  # the future
        f"{timezone.now().year + 1}/01/",
        f"{LAST_YEAR}/13/",
        f"{LAST_YEAR}/3/",  # months have two digits
        f"{LAST_YEAR - 1}/",
    ],
)
def test_empty_future_and_malformed_archives_are_404(client, path):
    make_article(published_at=on(3))
    make_article(published_at=on(5), status=Entry.Status.DRAFT)
    assert client.get(f"/articles/archive/{path}").status_code == 404


def test_scheduled_items_stay_out_of_the_current_months_archive(client):
    now = timezone.now()
    live = make_article(published_at=now - timedelta(minutes=5))
    scheduled = make_article(published_at=now + timedelta(minutes=5))
    response = client.get(f"/articles/archive/{now.year}/{now.month:02d}/")
    assert live.get_absolute_url() in cards(response)
    assert scheduled.get_absolute_url() not in cards(response)


def test_section_list_links_each_month_with_how_many_items_it_has(client):
    for month, count in ((11, 3), (2, 1)):
        for _ in range(count):
            make_article(published_at=on(month))
    make_article(published_at=on(7), status=Entry.Status.DRAFT)
    make_review(published_at=on(8))
    make_article(published_at=on(9, year=LAST_YEAR - 1))
    archives = BeautifulSoup(client.get("/articles/").content, "html.parser").select_one("nav.archives")
    years = [" ".join(li.get_text().split()) for li in archives.select("li")]
    assert years == [f"{LAST_YEAR}: November (3), February (1)", f"{LAST_YEAR - 1}: September (1)"]
    hrefs = [a["href"] for a in archives.select("a")]
    assert hrefs == [
        f"/articles/archive/{LAST_YEAR}/", f"/articles/archive/{LAST_YEAR}/11/", f"/articles/archive/{LAST_YEAR}/02/",
        f"/articles/archive/{LAST_YEAR - 1}/", f"/articles/archive/{LAST_YEAR - 1}/09/",
    ]  # fmt: skip
    for href in hrefs:
        assert client.get(href).status_code == 200, href


def test_archive_queries_are_pinned_and_do_not_grow(client):
    def queries():
        counts = {}
        for name, url in {
            "year": f"/articles/archive/{LAST_YEAR}/",
            "month": f"/articles/archive/{LAST_YEAR}/06/",
        }.items():
            client.get(url)
            cache.clear()  # the cost of a first request: nothing kept
            with CaptureQueriesContext(connection) as captured:
                assert client.get(url).status_code == 200
            counts[name] = len(captured)
        return counts

    def build(n):
        for month in range(1, 13):
            for _ in range(n):
                make_article(published_at=on(month), authors=[make_author(), make_author()])

    build(1)
    make_article(published_at=on(6, year=LAST_YEAR - 1))  # so that every page has a previous and a next
    make_article(published_at=timezone.now() - timedelta(minutes=1))
    small = queries()
    build(4)
    assert small == queries() == ARCHIVE_QUERIES
