"""Moderators on the comments page: removing a published comment with a reason, readers' reports on it, and none of
it ever reaching the thread kept for readers."""

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse

from comments.models import ModerationEvent, Report
from tests.factories import make_article, make_comment
from tests.forms import form_values

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 600


def anonymous(url):
    return Client().get(url).content.decode()


def remove_from_page(client, entry, comment, reason):
    """Choose a reason in the comment's own form on the comments page, and press Remove."""
    page = client.get(entry.get_comments_url())
    form = BeautifulSoup(page.content, "html.parser").select_one(f"#c{comment.pk} .comment__moderation form")
    data = {**form_values(str(form)), "reason": reason, "action": "remove"}
    return client.post(form["action"], data)


def test_moderators_see_reports_and_a_remove_button_with_reasons_on_each_comment(client, moderator):
    article = make_article()
    comment = make_comment(article, "Contested words")
    Report.objects.create(comment=comment, reporter_key="a", reason="spam")
    Report.objects.create(comment=comment, reporter_key="b", reason="spam")
    Report.objects.create(comment=comment, reporter_key="c", reason="abuse")
    client.force_login(moderator)
    soup = BeautifulSoup(client.get(article.get_comments_url()).content, "html.parser")
    tools = soup.select_one(f"#c{comment.pk} .comment__moderation")
    assert "3 open reports: Spam (2), Abuse or harassment (1)" in tools.get_text(" ", strip=True)
    select = tools.select_one("select[name=reason]")
    assert soup.select_one(f"label[for={select['id']}]").get_text() == "Reason"
    assert [o["value"] for o in select.select("option")] == [
        "spam", "abuse", "off-topic", "personal-information", "other"
    ]  # fmt: skip
    assert tools.select_one("button[name=action][value=remove]").get_text() == "Remove"


def test_removing_with_a_reason_remakes_readers_pages_at_once_and_is_logged(client, moderator):
    article = make_article()
    comment = make_comment(article, "Soon gone")
    make_comment(article, "Stays")
    assert "Soon gone" in anonymous(article.get_comments_url())
    assert "Read comments (2)" in anonymous(article.get_absolute_url())  # both pages now kept
    client.force_login(moderator)
    response = remove_from_page(client, article, comment, "abuse")
    assert response.status_code == 302
    assert "Comment removed." in client.get(response["Location"]).content.decode()
    assert "Soon gone" not in anonymous(article.get_comments_url())
    assert "Read comments (1)" in anonymous(article.get_absolute_url())
    event = ModerationEvent.objects.get()
    assert (event.action, event.reason, event.actor, event.comment_id) == ("remove", "abuse", moderator, comment.pk)


def test_a_removed_comment_with_replies_leaves_a_placeholder_so_the_replies_keep_their_place(client, moderator):
    article = make_article()
    parent = make_comment(article, "The parent's words")
    reply = make_comment(article, "The reply", parent=parent)
    client.force_login(moderator)
    remove_from_page(client, article, parent, "off-topic")
    soup = BeautifulSoup(anonymous(article.get_comments_url()), "html.parser")
    items = soup.select(".comment-list > li")
    assert [li["id"] for li in items] == [f"c{parent.pk}", f"c{reply.pk}"]
    assert items[0].get_text(strip=True) == "This comment was removed."
    assert "The parent's words" not in soup.get_text()
    assert "The reply" in items[1].get_text()


@pytest.mark.parametrize("moderator_first", [True, False])
def test_moderator_controls_never_reach_the_thread_kept_for_readers(client, moderator, moderator_first):
    article = make_article()
    comment = make_comment(article, "Shared words")
    Report.objects.create(comment=comment, reporter_key="a", reason="abuse")
    client.force_login(moderator)
    if moderator_first:
        assert "comment__moderation" in client.get(article.get_comments_url()).content.decode()
    for _ in range(2):  # the second is served from what the first kept
        page = anonymous(article.get_comments_url())
        assert "Shared words" in page
        assert "comment__moderation" not in page and "open report" not in page and 'name="reason"' not in page
    moderators_page = client.get(article.get_comments_url()).content.decode()
    assert "comment__moderation" in moderators_page and "1 open report" in moderators_page


def test_readers_cannot_remove_a_published_comment(client, reader):
    article = make_article()
    comment = make_comment(article)
    for who in (None, reader):
        if who:
            client.force_login(who)
        url = reverse("blog:moderate", args=[article.slug])
        response = client.post(url, {"comment": comment.pk, "action": "remove", "reason": "spam"})
        assert response.status_code == 403
    comment.refresh_from_db()
    assert not comment.is_removed


def test_a_damaged_reason_changes_nothing(client, moderator):
    article = make_article()
    comment = make_comment(article)
    client.force_login(moderator)
    response = client.post(reverse("blog:moderate", args=[article.slug]),
                           {"comment": comment.pk, "action": "remove", "reason": "because"}, follow=True)  # fmt: skip
    assert "Nothing was changed" in response.content.decode()
    comment.refresh_from_db()
    assert not comment.is_removed


def test_a_held_comment_is_removed_from_the_comments_page_with_the_reason_chosen(client, moderator):
    article = make_article()
    held = make_comment(article, "Buy pills", is_public=False)
    client.force_login(moderator)
    page = client.get(article.get_comments_url())
    form = BeautifulSoup(page.content, "html.parser").select_one(f"#held-{held.pk} form")
    client.post(form["action"], {**form_values(str(form)), "reason": "spam", "action": "remove"})
    held.refresh_from_db()
    assert held.is_removed
    assert ModerationEvent.objects.get().reason == "spam"
