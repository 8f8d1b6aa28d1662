from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.test import Client
from django.utils import timezone
from django_comments_xtd.models import XtdComment

from comments.services import comment_approve
from core.models import Entry
from tests.factories import MAKERS, comment_form_data, make_article, make_comment

pytestmark = pytest.mark.django_db


def post(client, entry, **fields):
    return client.post(entry.get_comments_url(), comment_form_data(entry, **fields))


def typed_comment(response):
    """The text in the page's comment box, as a browser shows it (it drops the first newline)."""
    return BeautifulSoup(response.content, "html.parser").select_one("textarea[name=comment]").text.removeprefix("\n")


def text_of(response):
    return BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def test_first_comment_is_held_and_the_poster_is_told(client):
    article = make_article()
    response = post(client, article, comment="My first words here.")
    assert response.status_code == 302
    comment = XtdComment.objects.get()
    assert not comment.is_public
    page = client.get(response["Location"])
    assert "Your comment is awaiting moderation." in page.content.decode()
    assert "My first words here." not in soup(page).select_one("#comments").get_text()  # not in the thread
    assert "My first words here." not in Client().get(response["Location"]).content.decode()  # nor to others


def test_first_time_commenter_lands_on_the_notice_and_sees_it_only_there(client):
    article = make_article()
    response = post(client, article, comment="My first words here.")
    assert response["Location"] == f"{article.get_comments_url()}#comment-status"
    page = soup(client.get(response["Location"]))
    assert "Your comment is awaiting moderation." in page.select_one("#comment-status").get_text()
    assert page.get_text().count("Your comment is awaiting moderation.") == 1  # not repeated at the top
    assert page.select_one("#comment-form #comment-status")  # right where the form was, phone or desktop


def test_other_messages_still_show_at_the_top_of_the_comments_page(client):
    article = make_article()
    # Ann is known: her comment lands on itself
    make_comment(make_article(), user_name="Ann Reader", user_email="ann@example.org")
    page = soup(client.get(post(client, article)["Location"]))
    assert "Thank you: your comment is published." in page.select_one("main > .messages").get_text()
    assert not page.select("#comment-status")


def test_returning_commenter_with_an_approved_comment_is_published_at_once(client):
    article = make_article()
    make_comment(make_article(), user_name="Ann Reader", user_email="ann@example.org")
    response = post(client, article, comment="Back again.")
    comment = XtdComment.objects.get(comment="Back again.")
    assert comment.is_public
    assert response["Location"] == f"{article.get_comments_url()}?page=1#c{comment.pk}"
    page = client.get(response["Location"]).content.decode()
    assert "Thank you: your comment is published." in page
    assert f'id="c{comment.pk}"' in page


def test_comment_with_more_than_two_links_is_held_even_from_a_known_commenter(client):
    article = make_article()
    make_comment(article, user_name="Ann Reader", user_email="ann@example.org")
    post(client, article, comment="See https://a.example and https://b.example and www.c.example")
    assert not XtdComment.objects.get(comment__startswith="See").is_public
    post(client, article, comment="Only https://a.example and https://b.example")
    assert XtdComment.objects.get(comment__startswith="Only").is_public


@pytest.mark.parametrize("section", MAKERS)
def test_post_to_a_closed_thread_stores_nothing_and_says_so_in_every_section(client, section):
    entry = MAKERS[section](comments_open=False)
    response = post(client, entry, comment="Typed with care, and not to be lost.")
    assert response.status_code == 403
    assert not XtdComment.objects.exists()
    page = text_of(response)
    assert "Comments are closed." in page
    assert "Typed with care, and not to be lost." in page  # the reader keeps their text
    assert not BeautifulSoup(response.content, "html.parser").select("form textarea[name=comment]")


@pytest.mark.parametrize("state", ["draft", "scheduled"])
def test_unpublished_items_take_no_comments(client, state):
    fields = (
        {"status": Entry.Status.DRAFT} if state == "draft" else {"published_at": timezone.now() + timedelta(days=1)}
    )
    article = make_article(**fields)
    assert post(client, article).status_code == 404
    assert not XtdComment.objects.exists()


def test_editor_previewing_a_scheduled_item_sees_no_form_and_cannot_post(client, editor):
    article = make_article(published_at=timezone.now() + timedelta(days=1))
    client.force_login(editor)
    page = client.get(article.get_comments_url())
    assert page.status_code == 200 and "Comments are closed." in page.content.decode()
    assert post(client, article).status_code == 403  # and no crash on the future date (trap 4)
    assert not XtdComment.objects.exists()


def test_threads_close_by_themselves_after_the_configured_days(client, settings, time_machine):
    settings.COMMENTS_CLOSE_AFTER_DAYS = 14
    article = make_article(published_at=timezone.now() - timedelta(days=13, hours=23))
    assert "Leave a comment" in client.get(article.get_comments_url()).content.decode()
    time_machine.move_to(timezone.now() + timedelta(hours=2))
    response = client.get(article.get_comments_url())
    assert "Comments closed on " in response.content.decode()
    assert "Leave a comment" not in response.content.decode()
    assert post(client, article).status_code == 403
    assert not XtdComment.objects.exists()


def test_auto_close_is_off_by_default(client, settings):
    assert settings.COMMENTS_CLOSE_AFTER_DAYS is None
    article = make_article(published_at=timezone.now() - timedelta(days=3000))
    assert post(client, article).status_code == 302


def test_posting_too_fast_is_refused_with_a_message(client, settings):
    settings.COMMENTS_RATE_LIMIT = "2/m"
    article = make_article()
    assert post(client, article, comment="one").status_code == 302
    assert post(client, article, comment="two").status_code == 302
    response = post(client, article, comment="three, kept")
    assert response.status_code == 429
    assert "You are posting too quickly" in text_of(response)
    assert XtdComment.objects.count() == 2
    assert typed_comment(response) == "three, kept"


def test_refused_posts_do_not_use_up_the_rate_limit(client, settings):
    settings.COMMENTS_RATE_LIMIT = "2/m"
    article = make_article()
    for _ in range(5):
        assert post(client, article, email="ann@example,org").status_code == 400  # a typo, refused
    assert post(client, article, comment="one").status_code == 302
    assert post(client, article, comment="two").status_code == 302
    assert post(client, article, comment="three").status_code == 429  # the accepted ones count, all of them


def test_honeypot_catches_bots(client):
    article = make_article()
    response = post(client, article, honeypot="I am a robot")
    assert response.status_code == 400
    assert not XtdComment.objects.exists()


def test_expired_form_keeps_the_text_and_offers_a_fresh_form(client, time_machine):
    article = make_article()
    data = comment_form_data(article, comment="Written slowly over lunch.")
    time_machine.move_to(timezone.now() + timedelta(hours=3))
    response = client.post(article.get_comments_url(), data)
    assert response.status_code == 400
    assert "This form had expired" in text_of(response)
    form = BeautifulSoup(response.content, "html.parser").select_one("#comment-form form")
    assert typed_comment(response) == "Written slowly over lunch."
    fresh = {i["name"]: i.get("value", "") for i in form.select("input[type=hidden]")}
    fresh.update({"name": "Ann", "email": "ann@example.org", "comment": "Written slowly over lunch."})
    assert client.post(article.get_comments_url(), fresh).status_code == 302


def test_comment_form_sends_the_browser_back_to_itself(client, settings):
    settings.COMMENTS_PER_PAGE = 1
    article = make_article()
    make_comment(article)
    make_comment(article)
    for query, action in (("", ""), ("?page=2", "?page=2")):
        form = soup(client.get(article.get_comments_url() + query)).select_one("#comment-form form")
        # A refused post is answered with a page, not a redirect: the fragment is what lands the reader on the form.
        assert form["action"] == f"{article.get_comments_url()}{action}#comment-form"


@pytest.mark.parametrize(
    ("fields", "status", "message"),
    [
        ({"email": "ann@example,org"}, 400, "Your comment was not posted: please correct the errors below."),
        ({"comments_open": False}, 403, "Comments are closed."),
        ({"rate": "0/m"}, 429, "You are posting too quickly."),
    ],
    ids=["invalid", "closed", "too-fast"],
)
def test_refusal_is_shown_at_the_top_of_the_comment_form(client, settings, fields, status, message):
    settings.COMMENTS_RATE_LIMIT = fields.pop("rate", "5/m")
    article = make_article(comments_open=fields.pop("comments_open", True))
    response = post(client, article, comment="Keep me in view.", **fields)
    assert response.status_code == status
    section = soup(response).select_one("#comment-form")
    first = section.find(True)
    assert "refusal" in first["class"] and message in first.get_text()  # first thing in view, before any field
    assert "Keep me in view." in section.get_text() + "".join(t.get_text() for t in section.select("textarea"))


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"name": ""}, "This field is required"),
        ({"email": "not-an-address"}, "Enter a valid email address"),
        ({"comment": ""}, "This field is required"),
        ({"comment": "x" * 3001}, "at most 3000 characters"),
        ({"url": "javascript:alert(1)"}, "Enter a valid URL"),
    ],
)
def test_bad_input_gets_a_clear_message_and_loses_nothing(client, fields, message):
    article = make_article()
    response = post(client, article, **{"comment": "Keep me.", **fields})
    assert response.status_code == 400
    assert message in text_of(response)
    assert not XtdComment.objects.exists()
    if fields.get("comment", "Keep me.") == "Keep me.":
        assert typed_comment(response) == "Keep me."


def test_reply_must_answer_a_comment_on_the_same_item(client):
    article, other = make_article(), make_article()
    foreign = make_comment(other)
    response = post(client, article, reply_to=str(foreign.pk))
    assert response.status_code == 400
    assert "not on this page any more" in text_of(response)
    assert XtdComment.objects.count() == 1


@pytest.mark.parametrize("state", [{"is_public": False}, {"is_removed": True}], ids=["held", "removed"])
def test_reply_to_a_comment_readers_cannot_see_is_refused(client, state):
    article = make_article()
    # Ann is known: she would be published at once
    make_comment(make_article(), user_name="Ann Reader", user_email="ann@example.org")
    hidden = make_comment(article, "Not for readers' eyes.", **state)
    response = post(client, article, reply_to=str(hidden.pk), comment="Answering the unseen.")
    assert response.status_code == 400
    assert "not on this page any more" in text_of(response)
    assert not XtdComment.objects.filter(comment="Answering the unseen.").exists()


def test_replies_stop_at_the_third_level(client):
    article = make_article()
    make_comment(article, user_email="ann@example.org")
    top = make_comment(article)
    reply = make_comment(article, parent=top)
    deepest = make_comment(article, parent=reply)
    assert (top.level, reply.level, deepest.level) == (0, 1, 2)
    assert post(client, article, reply_to=str(reply.pk), comment="Level three").status_code == 302
    response = post(client, article, reply_to=str(deepest.pk), comment="Level four")
    assert response.status_code == 400
    assert "as deep as it goes" in text_of(response)


def test_logged_in_reader_gets_their_name_filled_and_is_linked_to_the_comment(client, reader):
    article = make_article()
    client.force_login(reader)
    form = BeautifulSoup(client.get(article.get_comments_url()).content, "html.parser")
    assert form.select_one("input[name=name]")["value"] == "Rita Reader"
    assert form.select_one("input[name=email]")["value"] == "rita@example.org"
    post(client, article, name="Rita Reader", email="rita@example.org")
    assert XtdComment.objects.get().user == reader


def test_follow_up_notifications_reach_subscribers_when_a_comment_is_published(client, moderator):
    article = make_article()
    make_comment(article, user_email="follower@example.org", user_name="Fay", followup=True)
    make_comment(make_article(), user_name="Ann Reader", user_email="ann@example.org")  # known: published at once
    mail.outbox.clear()
    post(client, article, comment="A reply worth reading.")
    sent = [m for m in mail.outbox if "follower@example.org" in m.to]
    assert len(sent) == 1
    assert "A reply worth reading." in sent[0].body
    assert f"{article.get_comments_url()}#c" in sent[0].body
    assert "http://127.0.0.1:8000/comments/mute/" in sent[0].body


def test_held_comment_notifies_moderators_then_followers_once_approved(client, moderator):
    moderator.email = "mod@example.org"
    moderator.save()
    article = make_article()
    make_comment(article, user_email="follower@example.org", followup=True)
    mail.outbox.clear()
    post(client, article, comment="New here.", email="newbie@example.org")
    assert [m.to for m in mail.outbox] == [["mod@example.org"]]
    assert "awaits moderation" in mail.outbox[0].subject
    mail.outbox.clear()
    comment_approve(XtdComment.objects.filter(comment="New here."), by=moderator)
    assert [m.to for m in mail.outbox] == [["follower@example.org"]]


def test_a_held_comment_on_an_item_whose_title_has_a_line_break_is_taken_and_notified(client, moderator, settings):
    # An imported or hand-made title may hold line breaks, which no mail header may: the subject is one line.
    moderator.email = "mod@example.org"
    moderator.save()
    article = make_article(title="Night\nshifts\r\nand sleep")
    assert post(client, article, comment="New here.").status_code == 302
    assert XtdComment.objects.get().comment == "New here."
    (notice,) = mail.outbox
    assert notice.subject == f"[{settings.SITE_NAME}] A comment on “Night shifts and sleep” awaits moderation"


def test_comment_post_without_csrf_token_is_refused():
    from django.test import Client

    article = make_article()
    response = Client(enforce_csrf_checks=True).post(article.get_comments_url(), comment_form_data(article))
    assert response.status_code == 403
    assert not XtdComment.objects.exists()
