"""The moderation queue in the admin: what waits for a decision, the actions on it and what they report."""

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.urls import reverse
from django_comments_xtd.models import XtdComment

from tests.factories import comment_form_data, make_article, make_comment

pytestmark = pytest.mark.django_db

QUEUE = reverse("admin:django_comments_xtd_xtdcomment_changelist")


def act(client, action, comments, url=QUEUE):
    """Run an admin action on `comments`; the text of the page it leads to."""
    response = client.post(url, {"action": action, "_selected_action": [c.pk for c in comments]}, follow=True)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)


def test_approving_a_removed_comment_publishes_it_again(client, moderator):
    article = make_article()
    removed = make_comment(article, "Removed by mistake", is_removed=True)  # was public before removal
    client.force_login(moderator)
    assert "1 comment approved." in act(client, "approve", [removed])
    removed.refresh_from_db()
    assert removed.is_public and not removed.is_removed
    assert "Removed by mistake" in client.get(article.get_comments_url()).content.decode()


def test_approving_a_removed_held_comment_publishes_it(client, moderator):
    article = make_article()
    removed = make_comment(article, "Spam, or was it?", is_public=False, is_removed=True)
    client.force_login(moderator)
    assert "1 comment approved." in act(client, "approve", [removed])
    removed.refresh_from_db()
    assert removed.is_public and not removed.is_removed


def test_bulk_approve_from_the_filtered_queue_reports_how_many_it_approved(client, moderator):
    article = make_article()
    held = [make_comment(article, f"held {n}", is_public=False) for n in range(3)]
    client.force_login(moderator)
    assert "3 comments approved." in act(client, "approve", held, url=QUEUE + "?is_public__exact=0")
    assert not XtdComment.objects.filter(is_public=False).exists()


def test_actions_report_the_comments_they_changed_not_the_selection(client, moderator):
    article = make_article()
    published, held = make_comment(article, "fine"), make_comment(article, "waiting", is_public=False)
    removed = make_comment(article, "gone", is_removed=True)
    client.force_login(moderator)
    assert "1 comment approved." in act(client, "approve", [published, held])
    assert "2 comments removed." in act(client, "remove", [published, held, removed])
    assert "1 comment flagged." in act(client, "flag", [published])
    assert "1 comment unflagged." in act(client, "unflag", [published, held])


def test_moderation_queue_holds_only_comments_awaiting_a_decision_with_their_count(client, moderator):
    article = make_article()
    make_comment(article, "published one")
    make_comment(article, "held one", is_public=False)
    make_comment(article, "held two", is_public=False)
    make_comment(article, "removed while held", is_public=False, is_removed=True)
    make_comment(article, "removed after publication", is_removed=True)
    client.force_login(moderator)
    page = BeautifulSoup(client.get(QUEUE).content, "html.parser")
    awaiting = page.find("a", string=lambda s: s and s.strip().startswith("Awaiting moderation"))
    assert awaiting.get_text(strip=True) == "Awaiting moderation (2)"
    queue = BeautifulSoup(client.get(QUEUE + awaiting["href"]).content, "html.parser")
    rows = [row.get_text(" ", strip=True) for row in queue.select("#result_list tbody tr")]
    assert len(rows) == 2 and all("held" in row and "removed" not in row for row in rows)


def test_moderation_mail_links_to_the_queue_of_comments_awaiting_a_decision(client, moderator):
    moderator.email = "mod@example.org"
    moderator.save()
    article = make_article()
    make_comment(article, "removed while held", is_public=False, is_removed=True)
    client.post(article.get_comments_url(), comment_form_data(article, comment="New here.", email="new@example.org"))
    [message] = mail.outbox
    link = next(line for line in message.body.splitlines() if line.startswith("Approve or remove it: "))
    url = link.removeprefix("Approve or remove it: http://127.0.0.1:8000")
    client.force_login(moderator)
    rows = [r.get_text() for r in BeautifulSoup(client.get(url).content, "html.parser").select("#result_list tbody tr")]
    assert len(rows) == 1 and "New here." in rows[0]


def test_queue_lists_comments_awaiting_a_decision_before_removed_ones(client, moderator):
    article = make_article()
    make_comment(article, "waiting", is_public=False)
    make_comment(article, "published")
    make_comment(article, "removed while held", is_public=False, is_removed=True)  # the newest
    client.force_login(moderator)
    rows = BeautifulSoup(client.get(QUEUE).content, "html.parser").select("#result_list tbody tr")
    assert "waiting" in rows[0].get_text()


def test_removing_a_comment_in_its_admin_form_keeps_its_replies_published(client, moderator):
    # django-comments-xtd would hide every reply under a comment saved as removed; they would then wait in
    # the queue as if new. The placeholder keeps them in place instead.
    article = make_article()
    parent = make_comment(article, "parent")
    reply = make_comment(article, "reply", parent=parent)
    client.force_login(moderator)
    url = reverse("admin:django_comments_xtd_xtdcomment_change", args=[parent.pk])
    response = client.post(url, {"user_name": "Reader", "user_email": "reader@example.org", "user_url": "",
                                 "comment": "parent", "is_public": "on", "is_removed": "on"})  # fmt: skip
    assert response.status_code == 302
    reply.refresh_from_db()
    assert reply.is_public and not reply.is_removed


def test_moderators_cannot_rewrite_a_readers_name_address_website_or_words(client, moderator):
    from tests.forms import form_values

    comment = make_comment(make_article(), "What I said.", user_name="Ada", user_url="https://ada.example.org/")
    client.force_login(moderator)
    url = reverse("admin:django_comments_xtd_xtdcomment_change", args=[comment.pk])
    form = form_values(client.get(url).content, "form#xtdcomment_form")
    assert not {"user_name", "user_email", "user_url", "comment"} & set(form)  # shown, not editable

    forged = {**form, "user_name": "Someone else", "user_email": "x@example.org", "user_url": "https://spam.example/",
              "comment": "Words put in her mouth.", "is_removed": "on"}  # fmt: skip
    assert client.post(url, forged).status_code == 302

    comment.refresh_from_db()
    assert (comment.user_name, comment.user_email, comment.user_url, comment.comment) == (
        "Ada",
        "reader@example.org",
        "https://ada.example.org/",
        "What I said.",
    )
    assert comment.is_removed  # what moderators may decide, they can
