"""Bans: a banned address (whatever its case) or account cannot post; the reader is told only that it failed."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django_comments_xtd.models import XtdComment

from comments.models import Ban, ModerationEvent
from comments.moderation import is_banned
from tests.factories import comment_form_data, make_article, make_comment
from tests.forms import form_values

pytestmark = pytest.mark.django_db
NEUTRAL = "Your comment could not be posted."


def post_from_page(client, entry, **typed):
    """Fill the comments page's form as a reader does and send it."""
    page = client.get(entry.get_comments_url())
    data = {**form_values(page.content, "form[action*='#comment-form']"), **typed}
    return client.post(entry.get_comments_url(), data)


@pytest.mark.parametrize("typed", ["spam@example.org", "SPAM@Example.ORG", "  Spam@example.org "])
def test_a_banned_address_cannot_post_whatever_its_case_and_nothing_is_stored(client, typed):
    article = make_article()
    Ban.objects.create(email="Spam@Example.org")
    before = XtdComment.objects.count()
    response = post_from_page(client, article, name="Sam", email=typed, comment="Cheap pills here.")
    assert response.status_code == 403
    text = BeautifulSoup(response.content, "html.parser").select_one(".refusal").get_text(" ", strip=True)
    assert NEUTRAL in text and "ban" not in text.lower()  # nothing tells a spammer why
    assert XtdComment.objects.count() == before


def test_a_banned_account_cannot_post_under_any_address(client, reader):
    article = make_article()
    Ban.objects.create(user=reader)
    client.force_login(reader)
    response = post_from_page(client, article, email="other@example.org", comment="Let me back in.")
    assert response.status_code == 403 and NEUTRAL in response.content.decode()
    assert not XtdComment.objects.exists()


def test_a_lifted_ban_lets_the_commenter_post_again(client):
    article = make_article()
    ban = Ban.objects.create(email="sam@example.org")
    from comments import services

    services.ban_lift(Ban.objects.filter(pk=ban.pk), by=None)
    response = client.post(article.get_comments_url(), comment_form_data(article, email="sam@example.org"))
    assert response.status_code == 302
    assert XtdComment.objects.count() == 1


def test_the_moderator_rules_refuse_a_banned_commenter_on_every_path(client):
    """EntryModerator.allow() refuses too, so no other way of posting stores the comment."""
    from comments.moderation import moderator_for

    article = make_article()
    Ban.objects.create(email="sam@example.org")
    comment = XtdComment(user_email="SAM@example.org", comment="x")
    assert not moderator_for(article).allow(comment, article, None)
    assert moderator_for(article).allow(XtdComment(user_email="ann@example.org"), article, None)


def test_banning_from_the_desk_also_removes_what_the_commenter_has_waiting(client, moderator):
    article = make_article()
    first = make_comment(article, "Buy now", is_public=False, user_email="Spam@example.org")
    second = make_comment(article, "Buy again", is_public=False, user_email="spam@EXAMPLE.org")
    other = make_comment(article, "Honest", is_public=False, user_email="ann@example.org")
    client.force_login(moderator)
    page = client.get("/admin/moderation/")
    data = {**form_values(page.content, "form.desk-form"), "do": f"ban:{first.pk}", f"reason-{first.pk}": "spam"}
    client.post("/admin/moderation/", data)
    assert [c.is_removed for c in XtdComment.objects.order_by("pk")] == [True, True, False]
    assert is_banned("SPAM@example.org")
    ban = Ban.objects.get()
    assert (ban.email, ban.reason, ban.created_by) == ("spam@example.org", "Spam", moderator)
    events = ModerationEvent.objects.order_by("pk")
    assert [(e.action, e.reason, e.actor) for e in events] == [("ban", "spam", moderator)] + [
        ("remove", "spam", moderator)
    ] * 2
    assert {e.comment_id for e in events.filter(action="remove")} == {first.pk, second.pk}
    assert other.pk not in {e.comment_id for e in events}


def test_a_commenter_with_an_account_is_banned_by_account(client, moderator, reader):
    held = make_comment(make_article(), is_public=False, user=reader, user_email="rita@example.org")
    client.force_login(moderator)
    client.post("/admin/moderation/", {"do": f"ban:{held.pk}", f"reason-{held.pk}": "abuse"})
    ban = Ban.objects.get()
    assert ban.user == reader and ban.email == ""


# --- In the admin -----------------------------------------------------------------------------------------------


def test_moderators_ban_and_lift_bans_in_the_admin(client, moderator):
    client.force_login(moderator)
    url = reverse("admin:comments_ban_add")
    data = {**form_values(client.get(url).content, "form#ban_form"), "email": "Troll@Example.org", "reason": "Abuse"}
    assert client.post(url, data).status_code == 302
    ban = Ban.objects.get()
    assert (ban.email, ban.created_by) == ("troll@example.org", moderator)
    again = client.post(url, {**data, "email": "TROLL@example.org"})
    assert "already banned" in again.content.decode() and Ban.objects.count() == 1
    empty = client.post(url, {**data, "email": ""})
    assert "Give an e-mail address or an account" in empty.content.decode()

    changelist = reverse("admin:comments_ban_changelist")
    client.post(changelist, {"action": "lift", "_selected_action": [ban.pk]})
    ban.refresh_from_db()
    assert not ban.is_active and ban.lifted_by == moderator
    actions = list(ModerationEvent.objects.order_by("pk").values_list("action", "actor", "commenter"))
    assert actions == [("ban", moderator.pk, "troll@example.org"), ("unban", moderator.pk, "troll@example.org")]


def test_a_ban_cannot_be_edited_only_lifted(client, moderator):
    ban = Ban.objects.create(email="troll@example.org")
    client.force_login(moderator)
    url = reverse("admin:comments_ban_change", args=[ban.pk])
    client.post(url, {"email": "someone-else@example.org", "reason": ""})
    ban.refresh_from_db()
    assert ban.email == "troll@example.org"
