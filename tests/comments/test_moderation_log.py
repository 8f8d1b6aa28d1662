"""The moderation log: every act, wherever it was done, with who, when, what and why; filtered; exported as CSV."""

import csv
import io
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from comments.models import ModerationEvent, Report
from tests.factories import make_article, make_comment

pytestmark = pytest.mark.django_db
LOG = "/admin/moderation/log/"


def actions():
    return list(ModerationEvent.objects.order_by("pk").values_list("action", "reason"))


def test_acts_on_the_desk_are_logged_with_actor_comment_item_and_reason(client, moderator):
    article = make_article()
    held = make_comment(article, is_public=False, user_email="Ann@example.org")
    client.force_login(moderator)
    client.post("/admin/moderation/", {"do": f"remove:{held.pk}", f"reason-{held.pk}": "personal-information"})
    event = ModerationEvent.objects.get()
    assert (event.actor, event.action, event.reason, event.comment_id) == (
        moderator, "remove", "personal-information", held.pk
    )  # fmt: skip
    assert event.entry == article and event.commenter == "ann@example.org"


def test_the_admin_changelist_actions_and_change_form_are_logged(client, moderator):
    article = make_article()
    held, other = make_comment(article, is_public=False), make_comment(article)
    client.force_login(moderator)
    url = reverse("admin:django_comments_xtd_xtdcomment_changelist")
    client.post(url, {"action": "approve", "_selected_action": [held.pk]})
    client.post(url, {"action": "remove", "_selected_action": [held.pk]})
    change = reverse("admin:django_comments_xtd_xtdcomment_change", args=[other.pk])
    client.post(change, {"is_public": "on", "is_removed": "on"})
    assert [(e.action, e.comment_id, e.actor) for e in ModerationEvent.objects.order_by("pk")] == [
        ("approve", held.pk, moderator), ("remove", held.pk, moderator), ("remove", other.pk, moderator),
    ]  # fmt: skip


def test_closing_and_reopening_threads_are_logged_wherever_done(client, moderator):
    article, other = make_article(), make_article()
    client.force_login(moderator)
    client.post(reverse("blog:thread", args=[article.slug]), {"action": "close", "reason": "Too heated"})
    client.post(reverse("blog:thread", args=[article.slug]), {"action": "reopen", "reason": ""})
    client.post(reverse("admin:blog_article_changelist"), {"action": "close_comments", "_selected_action": [other.pk]})
    events = list(ModerationEvent.objects.order_by("pk"))
    assert [(e.action, e.entry, e.actor) for e in events] == [
        ("close", article, moderator), ("reopen", article, moderator), ("close", other, moderator),
    ]  # fmt: skip
    assert events[0].note == "Too heated"


def test_removing_on_the_comments_page_is_logged_with_its_reason(client, moderator):
    article = make_article()
    comment = make_comment(article)
    client.force_login(moderator)
    client.post(reverse("blog:moderate", args=[article.slug]), {"comment": comment.pk, "action": "remove",
                                                                 "reason": "off-topic"})  # fmt: skip
    assert actions() == [("remove", "off-topic")]


def test_the_log_page_lists_filters_and_paginates(client, moderator, editor):
    article = make_article(title="Logged item")
    comments = [make_comment(article, f"Words {n}", is_public=False) for n in range(3)]
    from comments import services
    from comments.threads import comments_on

    services.comment_approve(comments_on(article).filter(pk=comments[0].pk), by=moderator)
    services.comment_remove(comments_on(article).filter(pk=comments[1].pk), by=editor, reason="spam")
    old = ModerationEvent.objects.create(actor=editor, action="ban", commenter="old@example.org")
    ModerationEvent.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=40))
    client.force_login(moderator)

    def rows(query=""):
        soup = BeautifulSoup(client.get(f"{LOG}{query}").content, "html.parser")
        return [[td.get_text(" ", strip=True) for td in tr.select("td")] for tr in soup.select(".desk-log tbody tr")]

    everything = rows()
    assert [row[2] for row in everything] == ["Removed", "Approved", "Banned"]
    assert everything[0][1] == "eddie" and everything[0][5] == "Logged item" and everything[0][6] == "Spam"
    assert [row[2] for row in rows("?action=approve")] == ["Approved"]
    assert [row[2] for row in rows(f"?actor={editor.pk}")] == ["Removed", "Banned"]
    since = (timezone.now() - timedelta(days=1)).date().isoformat()
    assert [row[2] for row in rows(f"?since={since}")] == ["Removed", "Approved"]
    until = (timezone.now() - timedelta(days=30)).date().isoformat()
    assert [row[2] for row in rows(f"?until={until}")] == ["Banned"]
    bad = client.get(f"{LOG}?since=yesterday&actor=abc&action=explode")
    assert bad.status_code == 200 and "not understood" in bad.content.decode()


def test_the_log_exports_as_csv_with_the_filters_and_formula_cells_escaped(client, moderator):
    article = make_article()
    hostile = make_comment(article, "=HYPERLINK(\"http://evil.example\",\"click\")", is_public=False,
                           user_name="@admin", user_email="+1@example.org")  # fmt: skip
    from comments import services
    from comments.threads import comments_on

    services.comment_remove(comments_on(article), by=moderator, reason="spam", note="-2+3")
    services.comment_approve(comments_on(article), by=moderator)
    client.force_login(moderator)
    page = BeautifulSoup(client.get(f"{LOG}?action=remove").content, "html.parser")
    link = page.find("a", string="Download as CSV")["href"]
    response = client.get(f"{LOG}{link}")
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["when", "by", "action", "comment", "commenter", "item", "reason", "note", "text"]
    assert len(rows) == 2  # the filter applies to the export too
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["action"] == "remove" and row["by"] == "molly" and row["comment"] == str(hostile.pk)
    assert row["text"] == '\'=HYPERLINK("http://evil.example","click")'
    assert row["commenter"] == "'+1@example.org"
    assert row["note"] == "'-2+3"


def test_the_cell_escape_covers_every_formula_lead(client):
    from comments.desk_views import cell

    assert [cell(v) for v in ["=1", "+1", "-1", "@x", "\tx", "\rx", "ok", 5, ""]] == [
        "'=1", "'+1", "'-1", "'@x", "'\tx", "'\rx", "ok", "5", "",
    ]  # fmt: skip


def test_dismissed_reports_are_logged(client, moderator):
    comment = make_comment(make_article())
    Report.objects.create(comment=comment, reporter_key="a")
    client.force_login(moderator)
    client.post("/admin/moderation/?queue=reported", {"do": f"keep:{comment.pk}"})
    assert actions() == [("dismiss", "")]
