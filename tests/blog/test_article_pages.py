import pytest
from django.urls import reverse

from core.models import Entry
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def test_articles_live_under_the_articles_prefix(client):
    article = make_article(slug="on-night-shifts", title="On night shifts")

    assert article.get_absolute_url() == "/articles/on-night-shifts/"
    assert reverse("blog:list") == "/articles/"
    assert "On night shifts" in client.get("/articles/").content.decode()
    assert "On night shifts" in client.get("/articles/feed/").content.decode()
    assert client.get("/articles/on-night-shifts/comments/").status_code == 200


def test_a_draft_article_is_nowhere_for_readers(client):
    make_article(slug="not-yet", title="Not yet ready", status=Entry.Status.DRAFT)

    assert client.get("/articles/not-yet/").status_code == 404
    assert client.get("/articles/not-yet/comments/").status_code == 404
    for url in ("/articles/", "/articles/feed/", "/"):
        assert "Not yet ready" not in client.get(url).content.decode()
