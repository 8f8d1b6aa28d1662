"""The admin's front page shows editors what waits: items pending review, the next scheduled, held comments."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from comments.queue import queue_url
from core.models import Entry
from tests.factories import make_article, make_comment, make_interview, make_review

pytestmark = pytest.mark.django_db

INDEX = reverse("admin:index")


def desk(client):
    response = client.get(INDEX)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one("#content-main .app-blog")  # the app list is still there
    return soup.select_one("#waiting-module")


def fill(contributor, n):
    now = timezone.now()
    for i in range(n):
        make_article(status=Entry.Status.PENDING, created_by=contributor, title=f"Pending article {i}")
        make_interview(status=Entry.Status.PENDING, title=f"Pending interview {i}")
        make_review(title=f"Scheduled review {i}", published_at=now + timedelta(days=i + 1))
        make_comment(make_article(), f"Held {i}", is_public=False)


def test_editors_see_what_waits_with_links(client, editor, contributor):
    fill(contributor, 2)
    client.force_login(editor)

    block = desk(client)

    text = block.get_text(" ", strip=True)
    assert "4 items pending review" in text
    links = {a.get_text(strip=True): a["href"] for a in block.select("a")}
    assert links["Articles: 2"] == reverse("admin:blog_article_changelist") + "?publication=pending"
    assert links["Interviews: 2"] == reverse("admin:interviews_interview_changelist") + "?publication=pending"
    pending = type(make_article()).objects.get(title="Pending article 0")
    assert links["Pending article 0"] == reverse("admin:blog_article_change", args=[pending.pk])
    assert "from connie" in text
    assert links["Scheduled review 0"].startswith("/admin/reviews/bookreview/")
    assert text.index("Scheduled review 0") < text.index("Scheduled review 1")  # soonest first
    assert block.select_one("time")["datetime"]
    assert links["Comments held for moderation: 2"] == queue_url()


def test_the_desk_costs_the_same_queries_whatever_waits(client, editor, contributor):
    client.force_login(editor)
    client.get(INDEX)

    def count():
        with CaptureQueriesContext(connection) as queries:
            client.get(INDEX)
        return len(queries)

    fill(contributor, 1)
    few = count()
    fill(contributor, 8)
    assert count() == few


def test_moderators_see_held_comments_only_and_contributors_nothing(client, moderator, contributor):
    fill(contributor, 1)
    client.force_login(moderator)
    block = desk(client)
    assert "Comments held for moderation: 1" in block.get_text(" ", strip=True)
    assert "pending review" not in block.get_text() and "Pending article" not in block.get_text()
    client.force_login(contributor)
    assert desk(client) is None


def test_titles_on_the_desk_are_escaped(client, editor):
    make_article(status=Entry.Status.PENDING, title="<script>alert(1)</script>")
    client.force_login(editor)
    html = client.get(INDEX).content.decode()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
