import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.models import Entry
from tests.factories import MAKERS, make_article, make_author, make_cartoon, make_review, make_source

pytestmark = pytest.mark.django_db

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
BASE = "http://127.0.0.1:8000"  # settings.SITE_URL, which the Sites framework's domain follows
SITEMAP_QUERIES = 14  # count + one page, for each of the 4 sections, tags, authors and sources


def sitemap(client):
    """{location: lastmod} of /sitemap.xml, after checking it is well-formed XML of the sitemap schema."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset"
    urls = {}
    for url in root.findall("sm:url", NS):
        lastmod = url.find("sm:lastmod", NS)
        urls[url.find("sm:loc", NS).text] = lastmod.text if lastmod is not None else None
    return urls


def test_sitemap_lists_pages_and_every_published_item_with_its_last_change(client):
    items = [make() for make in MAKERS.values()]
    urls = sitemap(client)
    for item in items:
        assert urls[BASE + item.get_absolute_url()] == item.updated_at.date().isoformat()
    for path in ("/", "/articles/", "/interviews/", "/reviews/", "/cartoons/"):
        assert BASE + path in urls


def test_sitemap_leaves_out_drafts_scheduled_items_and_empty_owners(client):
    author, source = make_author(), make_source()
    hidden = {"authors": [author], "source": source, "tags": ["secret"]}
    draft = make_article(status=Entry.Status.DRAFT, **hidden)
    scheduled = make_review(published_at=timezone.now() + timedelta(days=1), **hidden)
    make_author()  # has nothing at all
    urls = sitemap(client)
    for url in (draft.get_absolute_url(), scheduled.get_absolute_url(), "/tags/secret/", author.get_absolute_url(),
                source.get_absolute_url()):  # fmt: skip
        assert BASE + url not in urls
    assert not [url for url in urls if "/authors/" in url or "/tags/" in url or "/sources/" in url]


def test_tags_authors_and_sources_are_listed_with_their_newest_items_change(client):
    author, source = make_author(), make_source()
    old = make_article(authors=[author], source=source, tags=["care"])
    new = make_cartoon(authors=[author], tags=["care"])
    make_review(authors=[author], tags=["care"], status=Entry.Status.DRAFT)
    type(old).objects.filter(pk=old.pk).update(updated_at=timezone.now() - timedelta(days=40))
    type(new).objects.filter(pk=new.pk).update(updated_at=timezone.now() - timedelta(days=3))
    urls = sitemap(client)
    three_days_ago = (timezone.now() - timedelta(days=3)).date().isoformat()
    assert urls[BASE + "/tags/care/"] == three_days_ago
    assert urls[BASE + author.get_absolute_url()] == three_days_ago
    assert urls[BASE + source.get_absolute_url()] == (timezone.now() - timedelta(days=40)).date().isoformat()


def test_sitemap_queries_are_pinned_and_do_not_grow_with_content(client):
    def queries():
        client.get("/sitemap.xml")
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            sitemap(client)
        return len(captured)

    def build(n):
        for make in MAKERS.values():
            for _ in range(n):
                make(authors=[make_author()], source=make_source(), tags=[f"tag-{make_author().pk}"])

    build(1)
    small = queries()
    build(4)
    assert small == queries() == SITEMAP_QUERIES


def test_sitemap_is_cached_for_an_hour(client):
    article = make_article()
    first = client.get("/sitemap.xml")
    assert "max-age=3600" in first["Cache-Control"]
    make_review()
    with CaptureQueriesContext(connection) as captured:
        second = client.get("/sitemap.xml")
    assert len(captured) == 0 and second.content == first.content
    assert BASE + article.get_absolute_url() in sitemap(client)


def test_robots_txt_points_at_the_absolute_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://127.0.0.1:8000/sitemap.xml" in lines
    assert "Disallow: /admin/" in lines
    assert client.get("/sitemap.xml").status_code == 200
