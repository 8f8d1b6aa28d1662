"""`seed_demo --scale N`: many articles with authors and tags, in bulk, topped up rather than doubled."""

import re
from collections import Counter
from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from taggit.models import Tag, TaggedItem

from blog.models import Article
from core.demo import scale
from core.demo.scale import SLUG_PREFIX, seed_scale

pytestmark = pytest.mark.django_db


def scale_articles():
    return Article.objects.filter(slug__startswith=SLUG_PREFIX)


def test_creates_articles_with_authors_tags_and_sources():
    assert seed_scale(50, batch_size=20) == 50
    articles = list(scale_articles().prefetch_related("authors", "tags"))
    assert len(articles) == 50
    assert len({article.slug for article in articles}) == 50
    now = timezone.now()
    for article in articles:
        assert 1 <= len(article.authors.all()) <= 2
        assert 1 <= len(article.tags.all()) <= 4
        assert {tag.name for tag in article.tags.all()} <= set(scale.TAGS)
        assert article.title.lower().startswith(tuple(tag.name for tag in article.tags.all()))
        assert now - timedelta(days=5 * 365 + 1) < article.published_at < now
        assert article.is_published()
        assert (article.source is None) == (article.original_url == "")
    assert 3 <= sum(article.source_id is not None for article in articles) <= 20  # about a fifth
    assert Tag.objects.filter(name__in=["letters"]).count() == 0  # the demo's lonely tag stays lonely


def test_bodies_are_stored_sanitised_as_save_would():
    seed_scale(12, batch_size=5)
    body = Article._meta.get_field("body")
    bodies = set(scale_articles().values_list("body", flat=True))
    assert 1 < len(bodies) <= len(scale.BODY_TEMPLATES)
    assert all(text == body.sanitize(text) and "<p>" in text for text in bodies)


def test_rows_go_in_by_the_batch_not_one_by_one():
    seed_scale(1)  # the authors, sources and tags exist from now on
    authors, tags = Article.authors.through.objects.count(), TaggedItem.objects.count()
    with CaptureQueriesContext(connection) as captured:
        seed_scale(41, batch_size=20)
    new_rows = {
        "blog_article": 40,
        "blog_article_authors": Article.authors.through.objects.count() - authors,
        "taggit_taggeditem": TaggedItem.objects.count() - tags,
    }
    inserts = Counter(re.match(r'INSERT INTO "(\w+)"', query["sql"])[1] for query in captured
                      if query["sql"].startswith("INSERT"))  # fmt: skip
    assert set(inserts) == set(new_rows)
    assert inserts["blog_article"] == 2
    for table, rows in new_rows.items():  # full inserts of 20 rows, and at most one part-filled per batch
        assert inserts[table] <= rows // 20 + 2, table
    assert new_rows["taggit_taggeditem"] >= 40
    assert set(TaggedItem.objects.values_list("content_type", flat=True)) == {
        ContentType.objects.get_for_model(Article).pk
    }


def test_a_second_run_tops_up_instead_of_doubling():
    seed_scale(30, batch_size=8)
    assert seed_scale(30) == 0
    assert seed_scale(45, batch_size=8) == 15
    assert scale_articles().count() == 45
    assert scale_articles().order_by("-slug").first().slug == f"{SLUG_PREFIX}0000045"


def test_fillers_get_every_batch_of_saved_articles(monkeypatch):
    seen = []
    monkeypatch.setattr(scale, "BATCH_FILLERS", [lambda articles, rng: seen.append([a.pk for a in articles])])
    seed_scale(25, batch_size=10)
    assert [len(batch) for batch in seen] == [10, 10, 5]
    assert all(pk is not None for batch in seen for pk in batch)


def test_seed_demo_scale_option_and_the_articles_on_the_site(client, settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    out = StringIO()
    call_command("seed_demo", scale=50, stdout=out)
    assert "Created 50 scale articles (50 in all)" in out.getvalue()
    newest = scale_articles().latest()
    page = client.get(newest.get_absolute_url())
    assert page.status_code == 200 and newest.title in page.content.decode()
    tag = newest.tags.first()
    author = newest.authors.first()
    for url in (f"/tags/{tag.slug}/", author.get_absolute_url()):
        response = client.get(url)
        assert response.status_code == 200, url
        assert newest.get_absolute_url() in response.content.decode(), url
    call_command("seed_demo", scale=50, stdout=out)
    assert scale_articles().count() == 50
