"""Who may do what to the discussion: the role matrix, closing and reopening, the moderation queue."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django_comments.models import CommentFlag
from django_comments_xtd.models import TmpXtdComment, XtdComment
from django_comments_xtd.moderation import moderator as xtd_moderator
from django_comments_xtd.signals import confirmation_received

from comments.models import ThreadChange
from comments.moderation import EntryModerator
from core.registry import entry_models
from tests.factories import MAKERS, comment_form_data, make_article, make_comment

pytestmark = pytest.mark.django_db

ADMIN = {"blog": "blog_article", "interviews": "interviews_interview", "reviews": "reviews_bookreview",
         "cartoons": "cartoons_cartoon"}  # fmt: skip


@pytest.fixture(params=["anonymous", "reader", "moderator", "editor"])
def role(request, client):
    """A client logged in as each kind of user in turn, with the role's name."""
    if request.param != "anonymous":
        client.force_login(request.getfixturevalue(request.param))
    return request.param, client


CAN_MODERATE = {"anonymous": False, "reader": False, "moderator": True, "editor": True}


def test_everyone_may_post_a_comment(role):
    name, client = role
    article = make_article()
    response = client.post(article.get_comments_url(), comment_form_data(article, comment=f"From {name}"))
    assert response.status_code == 302
    comment = XtdComment.objects.get()
    # Staff who may moderate are never held; readers' first comments are.
    assert comment.is_public == CAN_MODERATE[name]


def test_only_moderators_and_editors_approve_comments(role):
    name, client = role
    held = make_comment(make_article(), is_public=False)
    url = reverse("admin:django_comments_xtd_xtdcomment_changelist")
    client.post(url, {"action": "approve", "_selected_action": [held.pk]})
    held.refresh_from_db()
    assert held.is_public == CAN_MODERATE[name]


def test_only_moderators_and_editors_close_and_reopen_from_the_comments_page(role):
    name, client = role
    article = make_article()
    thread_url = reverse("blog:thread", kwargs={"slug": article.slug})
    page = client.get(article.get_comments_url()).content.decode()
    assert ("Close comments" in page) == CAN_MODERATE[name]
    response = client.post(thread_url, {"action": "close", "reason": "Heated."})
    article.refresh_from_db()
    assert article.comments_open is not CAN_MODERATE[name]
    if not CAN_MODERATE[name]:
        assert response.status_code == 403
        assert not ThreadChange.objects.exists()
        return
    assert response.status_code == 302
    page = client.get(article.get_comments_url()).content.decode()
    assert "Comments closed on " in page and "Reopen comments" in page
    assert "Closed by" in page and "Heated." in page  # the record, shown to moderators
    client.post(thread_url, {"action": "reopen"})
    article.refresh_from_db()
    assert article.comments_open
    assert [c.action for c in ThreadChange.objects.all()] == ["reopened", "closed"]


def test_only_editors_edit_content(role):
    name, client = role
    article = make_article(title="Original title")
    change_url = reverse("admin:blog_article_change", args=[article.pk])
    client.post(change_url, {"title": "Changed", "slug": article.slug, "status": "published",
                             "published_at_0": "2025-01-01", "published_at_1": "10:00",
                             "core-correction-content_type-object_id-TOTAL_FORMS": "0",
                             "core-correction-content_type-object_id-INITIAL_FORMS": "0"})  # fmt: skip
    article.refresh_from_db()
    assert (article.title == "Changed") == (name == "editor")


def test_thread_record_is_hidden_from_readers(client):
    article = make_article()
    from comments.services import thread_close

    thread_close(article, by=None, reason="Private note for moderators")
    page = client.get(article.get_comments_url()).content.decode()
    assert "Comments closed on " in page
    assert "Private note for moderators" not in page


def test_thread_moderation_needs_post_and_csrf(client, moderator):
    article = make_article()
    client.force_login(moderator)
    url = reverse("blog:thread", kwargs={"slug": article.slug})
    assert client.get(url).status_code == 405
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(moderator)
    assert strict.post(url, {"action": "close"}).status_code == 403
    article.refresh_from_db()
    assert article.comments_open


@pytest.mark.parametrize("section", MAKERS)
def test_moderator_closes_and_reopens_threads_from_each_section_changelist(client, moderator, section):
    entries = [MAKERS[section]() for _ in range(2)]
    client.force_login(moderator)
    url = reverse(f"admin:{ADMIN[section]}_changelist")
    page = client.get(url).content.decode()
    assert "Close comments on selected items" in page
    response = client.post(url, {"action": "close_comments", "_selected_action": [e.pk for e in entries]}, follow=True)
    assert "Comments closed on 2 items." in response.content.decode()
    assert not any(type(e).objects.get(pk=e.pk).comments_open for e in entries)
    assert ThreadChange.objects.filter(changed_by=moderator, action="closed").count() == 2
    client.post(url, {"action": "reopen_comments", "_selected_action": [entries[0].pk]})
    assert type(entries[0]).objects.get(pk=entries[0].pk).comments_open


def test_editor_unticking_comments_open_in_the_form_is_recorded(client, editor):
    article = make_article()
    client.force_login(editor)
    url = reverse("admin:blog_article_change", args=[article.pk])
    form = BeautifulSoup(client.get(url).content, "html.parser").select_one("#article_form")
    data = {
        i["name"]: i.get("value", "")
        for i in form.select("input[name]")
        if i.get("type") not in ("checkbox", "file", "submit")
    }
    data.update({"title": article.title, "status": "published", "excerpt": "", "body": "<p>x</p>"})
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    article.refresh_from_db()
    assert not article.comments_open
    assert ThreadChange.objects.get().changed_by == editor


def test_moderation_queue_lists_pending_first_and_flags_comments(client, moderator):
    article = make_article()
    approved = make_comment(article, "old and fine", submit_date=timezone.now() - timedelta(days=2))
    pending = make_comment(article, "waiting", is_public=False, submit_date=timezone.now() - timedelta(days=3))
    client.force_login(moderator)
    url = reverse("admin:django_comments_xtd_xtdcomment_changelist")
    rows = BeautifulSoup(client.get(url).content, "html.parser").select("#result_list tbody tr")
    assert "waiting" in rows[0].get_text() and "old and fine" in rows[1].get_text()
    client.post(url, {"action": "flag", "_selected_action": [approved.pk]})
    assert CommentFlag.objects.filter(comment=approved, flag=CommentFlag.SUGGEST_REMOVAL).exists()
    assert "old and fine" in client.get(url + "?flagged=yes").content.decode()
    client.post(url, {"action": "unflag", "_selected_action": [approved.pk]})
    assert not CommentFlag.objects.filter(comment=approved, flag=CommentFlag.SUGGEST_REMOVAL).exists()
    client.post(url, {"action": "remove", "_selected_action": [approved.pk, pending.pk]})
    assert XtdComment.objects.filter(is_removed=True).count() == 2
    assert "old and fine" not in client.get(article.get_comments_url()).content.decode()


def test_rules_are_registered_with_xtds_moderator_for_every_section():
    # django-contrib-comments' own moderator never sees xtd's posts (docs/comments.md, trap 1).
    for model in entry_models():
        assert isinstance(xtd_moderator._registry[model], EntryModerator)


def test_confirmation_after_the_thread_closed_is_refused():
    # docs/comments.md, trap 3: confirmation does not run allow() again; our receiver does.
    article = make_article(comments_open=False)
    tmp = TmpXtdComment(content_object=article, content_type=ContentType.objects.get_for_model(article),
                        comment="late", is_public=True)  # fmt: skip
    responses = confirmation_received.send(sender=TmpXtdComment, comment=tmp, request=None)
    assert any(response is False for _receiver, response in responses)
    open_article = make_article()
    tmp = TmpXtdComment(content_object=open_article, content_type=ContentType.objects.get_for_model(open_article),
                        comment="in time", is_public=True)  # fmt: skip
    responses = confirmation_received.send(sender=TmpXtdComment, comment=tmp, request=None)
    assert not any(response is False for _receiver, response in responses)


def test_comment_permalink_leads_to_the_comments_page(client):
    article = make_article()
    comment = make_comment(article)
    response = client.get(comment.get_absolute_url())
    assert response.status_code == 302
    assert response["Location"] == article.get_comments_url()


def test_moderators_approve_and_remove_held_comments_on_the_comments_page(role):
    name, client = role
    article = make_article()
    held = make_comment(article, "Please let me in", is_public=False, user_email="held@example.org")
    page = client.get(article.get_comments_url()).content.decode()
    assert ("Awaiting moderation (1)" in page) == CAN_MODERATE[name]
    assert ("held@example.org" in page) == CAN_MODERATE[name]  # the address only ever reaches moderators
    url = reverse("blog:moderate", kwargs={"slug": article.slug})
    response = client.post(url, {"comment": held.pk, "action": "approve"})
    held.refresh_from_db()
    assert held.is_public == CAN_MODERATE[name]
    if not CAN_MODERATE[name]:
        assert response.status_code == 403
        return
    assert "Please let me in" in client.get(article.get_comments_url()).content.decode()
    second = make_comment(article, "Spam spam", is_public=False)
    client.post(url, {"comment": second.pk, "action": "remove"})
    second.refresh_from_db()
    assert second.is_removed and not second.is_public


def test_page_moderation_only_touches_this_items_held_comments(client, moderator):
    article, other = make_article(), make_article()
    elsewhere = make_comment(other, is_public=False)
    client.force_login(moderator)
    response = client.post(
        reverse("blog:moderate", kwargs={"slug": article.slug}), {"comment": elsewhere.pk, "action": "approve"},
        follow=True,
    )  # fmt: skip
    elsewhere.refresh_from_db()
    assert not elsewhere.is_public
    assert "no longer waiting for moderation" in response.content.decode()


def post_as(client, entry, name, email, **fields):
    client.post(entry.get_comments_url(), comment_form_data(entry, name=name, email=email, **fields))
    return XtdComment.objects.latest("pk")


def test_a_known_address_under_another_name_is_held_and_subscribes_nobody(client):
    article = make_article()
    make_comment(article, "Ann's approved words", user_name="Ann Reader", user_email="ann@example.org")
    impostor = post_as(client, article, "Mallory", "ann@example.org", comment="Pretending.", followup="on")
    assert not impostor.is_public
    mail.outbox.clear()
    make_comment(article, user_name="Bob", user_email="bob@example.org", followup=True)
    post_as(client, article, "Bob", "bob@example.org", comment="Bob is known.")
    assert not [m for m in mail.outbox if "ann@example.org" in m.to]


def test_a_returning_commenter_matches_name_and_address_whatever_the_case_and_spaces(client):
    article = make_article()
    make_comment(article, user_name="  Ann Reader ", user_email="Ann@Example.org")
    assert post_as(client, article, "ann READER", "ann@example.ORG").is_public


def test_a_commenter_whose_approved_comment_was_removed_is_held_again(client):
    article = make_article()
    make_comment(article, user_name="Ann Reader", user_email="ann@example.org", is_removed=True)
    assert not post_as(client, article, "Ann Reader", "ann@example.org").is_public


def test_a_commenter_whose_comment_still_waits_is_held_again(client):
    article = make_article()
    make_comment(article, user_name="Ann Reader", user_email="ann@example.org", is_public=False)
    assert not post_as(client, article, "Ann Reader", "ann@example.org").is_public


def test_a_logged_in_reader_is_known_by_account_not_by_name_or_address(client, reader):
    article = make_article()
    make_comment(article, user=reader, user_name="Rita Reader", user_email="rita@example.org")
    assert not post_as(client, article, "Rita Reader", "rita@example.org", comment="Anonymous Rita?").is_public
    client.force_login(reader)
    assert post_as(client, article, "Rita R.", "rita@example.org", comment="Logged-in Rita").is_public


def test_an_account_without_approved_comments_is_held_even_with_a_known_address(client, reader):
    article = make_article()
    make_comment(article, user_name="Rita Reader", user_email="rita@example.org")  # posted before signing up
    client.force_login(reader)
    assert not post_as(client, article, "Rita Reader", "rita@example.org").is_public


@pytest.mark.parametrize("how", ["comments page", "section changelist"])
def test_a_readers_comments_page_follows_a_thread_closed_and_reopened(client, moderator, how):
    """A reader's comments page reads the item as it was last loaded (kept): closing or reopening its thread,
    from the page or the admin's action, must show on the reader's next request."""
    from django.test import Client

    article = make_article(title="A thread to close")
    reader = Client()
    assert "Leave a comment" in reader.get(article.get_comments_url()).content.decode()
    assert "Leave a comment" in reader.get(article.get_comments_url()).content.decode()  # now kept
    client.force_login(moderator)

    def act(action):
        if how == "comments page":
            client.post(reverse("blog:thread", kwargs={"slug": article.slug}), {"action": action, "reason": "Heated."})
        else:
            changelist = reverse("admin:blog_article_changelist")
            client.post(changelist, {"action": f"{action}_comments", "_selected_action": [article.pk]})

    act("close")
    page = reader.get(article.get_comments_url()).content.decode()
    assert "Leave a comment" not in page and "Comments closed on " in page
    act("reopen")
    assert "Leave a comment" in reader.get(article.get_comments_url()).content.decode()

    article.title = "A thread renamed"
    article.save()
    assert "A thread renamed" in reader.get(article.get_comments_url()).content.decode()
