"""Readers fix their own words: edit or delete their comment for a few minutes, from their browser or account."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_comments_xtd.models import XtdComment

from comments.models import BannedWord, CommentEdit
from tests.factories import make_article, make_comment
from tests.forms import form_values

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def article():
    article = make_article()
    make_comment(make_article(), user_name="Ann Reader", user_email="ann@example.org")  # Ann is known: published
    return article


def post_comment(client, article, text="My first take.", **fields):
    """Post from the comments page's own form, as a browser does; the stored comment."""
    form = form_values(client.get(article.get_comments_url()).content.decode(), "#comment-form form")
    form |= {"name": "Ann Reader", "email": "ann@example.org", "comment": text, **fields}
    assert client.post(article.get_comments_url(), form).status_code == 302
    return XtdComment.objects.get(comment=text)


def own_links(client, article):
    """The edit and delete links the comments page offers this reader: {(text, href)}."""
    page = soup(client.get(article.get_comments_url()))
    return {(a.get_text(), a["href"]) for a in page.select("a") if a["href"].endswith(("/edit/", "/delete/"))}


def edit(client, comment, text):
    """Follow the page's Edit link, change the text in the form, send it."""
    url = reverse("comments-edit", args=[comment.pk])
    page = client.get(url)
    assert page.status_code == 200, page.content
    return client.post(url, form_values(page.content.decode(), "form.edit-form") | {"comment": text})


def delete(client, comment):
    url = reverse("comments-delete", args=[comment.pk])
    page = client.get(url)
    assert page.status_code == 200
    return client.post(url, form_values(page.content.decode(), "form.delete-form"))


def test_the_poster_is_offered_edit_and_delete_outside_the_thread(client, article):
    comment = post_comment(client, article)
    page = soup(client.get(article.get_comments_url()))
    notice = page.select_one("#comment-form #your-comments")
    assert "My first take." in notice.get_text()
    assert own_links(client, article) == {("Edit", f"/comments/{comment.pk}/edit/"),
                                          ("Delete", f"/comments/{comment.pk}/delete/")}  # fmt: skip
    assert not page.select("#comments a[href$='/edit/'], #comments a[href$='/delete/']")


def test_editing_changes_the_words_says_so_and_shows_at_once(client, article, settings):
    settings.PAGE_CACHE_SECONDS = 600
    comment = post_comment(client, article, "Teh first take.")
    assert "Teh first take." in Client().get(article.get_comments_url()).content.decode()  # kept for everyone
    response = edit(client, comment, "The first take, spelt right.")
    assert response["Location"] == f"{article.get_comments_url()}?page=1#c{comment.pk}"
    comment.refresh_from_db()
    assert comment.comment == "The first take, spelt right." and comment.is_public
    record = CommentEdit.objects.get()
    assert (record.kind, record.previous_text) == (CommentEdit.Kind.EDITED, "Teh first take.")
    other = soup(Client().get(article.get_comments_url()))  # another reader, through the kept thread
    item = other.select_one(f"li#c{comment.pk}")
    assert "The first take, spelt right." in item.get_text() and "Teh first" not in str(other)
    edited = item.select_one(".comment__edited")
    assert edited.get_text(" ", strip=True).startswith("edited ")
    assert edited.time["datetime"] == record.edited_at.replace(microsecond=0).isoformat()
    assert "Your comment was changed." in soup(client.get(response["Location"])).select_one(".messages").get_text()


def test_edits_are_refused_after_the_window(client, article, settings, time_machine):
    settings.COMMENTS_EDIT_MINUTES = 10
    comment = post_comment(client, article)
    url = reverse("comments-edit", args=[comment.pk])
    form = form_values(client.get(url).content.decode(), "form.edit-form") | {"comment": "Too late."}
    time_machine.move_to(timezone.now() + timedelta(minutes=10, seconds=1))
    for response in (
        client.get(url),
        client.post(url, form),
        client.get(reverse("comments-delete", args=[comment.pk])),
    ):
        assert response.status_code == 403
        assert "can be edited or deleted for 10 minutes" in soup(response).select_one(".refusal").get_text()
    comment.refresh_from_db()
    assert comment.comment == "My first take." and not comment.is_removed
    assert own_links(client, article) == set()  # and no longer offered


def test_the_window_is_a_setting(client, article, settings, time_machine):
    settings.COMMENTS_EDIT_MINUTES = 30
    comment = post_comment(client, article)
    time_machine.move_to(timezone.now() + timedelta(minutes=25))
    assert edit(client, comment, "Still in time.").status_code == 302


def test_another_browser_cannot_change_the_comment(client, article):
    comment = post_comment(client, article)
    stranger = Client()
    for response in (stranger.get(reverse("comments-edit", args=[comment.pk])),
                     stranger.post(reverse("comments-edit", args=[comment.pk]), {"comment": "Hijacked."}),
                     stranger.post(reverse("comments-delete", args=[comment.pk]))):  # fmt: skip
        assert response.status_code == 403
        assert "Only the author of a comment may change it" in soup(response).select_one(".refusal").get_text()
    comment.refresh_from_db()
    assert comment.comment == "My first take." and not comment.is_removed


def test_a_forged_cookie_gets_nothing(client, article):
    comment = post_comment(Client(), article)
    client.cookies["comments_posted"] = f"[{comment.pk}]"  # not signed by the site
    assert client.post(reverse("comments-delete", args=[comment.pk])).status_code == 403


def test_a_logged_in_reader_changes_their_comment_from_any_browser_but_not_anothers(client, article, reader):
    client.force_login(reader)
    comment = post_comment(client, article, name="Rita Reader", email="rita@example.org")
    other = make_comment(article, "Not Rita's.", submit_date=timezone.now())
    laptop = Client()
    laptop.force_login(reader)
    assert edit(laptop, comment, "Rita, from the laptop.").status_code == 302
    assert laptop.get(reverse("comments-edit", args=[other.pk])).status_code == 403
    assert laptop.post(reverse("comments-delete", args=[other.pk])).status_code == 403
    other.refresh_from_db()
    assert not other.is_removed


def test_deleting_removes_the_comment_and_leaves_a_placeholder_above_replies(client, article):
    comment = post_comment(client, article, "Second thoughts.")
    reply = make_comment(article, "A reply to it.", parent=comment)
    response = delete(client, comment)
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.is_removed
    assert CommentEdit.objects.get().kind == CommentEdit.Kind.DELETED
    page = soup(Client().get(article.get_comments_url()))
    assert page.select_one(f"li#c{comment.pk}").get_text(strip=True) == "This comment was removed."
    assert "A reply to it." in page.select_one(f"li#c{reply.pk}").get_text()
    assert "Second thoughts." not in str(page)
    assert "Your comment was deleted." in soup(client.get(response["Location"])).get_text()
    assert client.get(reverse("comments-edit", args=[comment.pk])).status_code == 404  # gone for its author too


def test_an_edit_goes_through_the_rules_of_a_new_comment(client, article, moderator):
    moderator.email = "mod@example.org"
    moderator.save()
    BannedWord.objects.create(word="quack")
    comment = post_comment(client, article, "Doctors know best.")
    mail.outbox.clear()
    response = edit(client, comment, "Doctors are all Quacks... no: all QUACK.")
    assert response["Location"] == f"{article.get_comments_url()}#comment-status"
    comment.refresh_from_db()
    assert not comment.is_public and not comment.is_removed  # waits in the Pending queue
    assert [m.to for m in mail.outbox] == [["mod@example.org"]]
    assert "Doctors" not in soup(Client().get(article.get_comments_url())).select_one("#comments").get_text()
    assert "awaits moderation" in soup(client.get(response["Location"])).select_one("#comment-status").get_text()
    links = post_comment(client, article, "Links to come.")
    edit(client, links, "See https://a.example https://b.example https://c.example")
    links.refresh_from_db()
    assert not links.is_public


def test_a_held_comment_stays_held_when_edited(client):
    article = make_article()  # Ann is new here: held
    comment = post_comment(client, article, "New here.")
    assert edit(client, comment, "New here, and polite.").status_code == 302
    comment.refresh_from_db()
    assert comment.comment == "New here, and polite." and not comment.is_public


def test_edits_count_towards_the_rate_limit(client, article, settings, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    settings.COMMENTS_RATE_LIMIT = "2/m"
    comment = post_comment(client, article)
    assert edit(client, comment, "Once more.").status_code == 302
    response = edit(client, comment, "And again.")
    assert response.status_code == 429
    assert "You are posting too quickly" in soup(response).select_one(".refusal").get_text()
    assert soup(response).select_one("textarea[name=comment]").get_text().strip() == "And again."  # kept
    comment.refresh_from_db()
    assert comment.comment == "Once more."


@pytest.mark.parametrize(("text", "message"), [("   ", "This field is required."), ("x" * 3001, "at most 3000")])
def test_a_bad_edit_is_refused_with_a_message(client, article, text, message):
    comment = post_comment(client, article)
    response = edit(client, comment, text)
    assert response.status_code == 400
    assert message in soup(response).select_one(".field__error").get_text()
    comment.refresh_from_db()
    assert comment.comment == "My first take." and not CommentEdit.objects.exists()


def test_on_a_closed_thread_a_comment_may_be_deleted_but_not_edited(client, article):
    comment = post_comment(client, article)
    type(article).objects.filter(pk=article.pk).update(comments_open=False)
    assert own_links(client, article) == {("Delete", f"/comments/{comment.pk}/delete/")}
    response = client.get(reverse("comments-edit", args=[comment.pk]))
    assert response.status_code == 403 and "Comments are closed" in soup(response).get_text()
    assert delete(client, comment).status_code == 302


def test_someone_elses_held_comment_is_not_even_there(client):
    held = make_comment(make_article(), "Waiting.", is_public=False)
    for name in ("comments-edit", "comments-delete"):
        assert client.get(reverse(name, args=[held.pk])).status_code == 404
    assert client.get(reverse("comments-edit", args=[999999])).status_code == 404


def test_edits_and_deletes_need_a_csrf_token(article):
    browser = Client(enforce_csrf_checks=True)
    comment = post_comment(browser, article)  # from the page's form, with its token
    assert browser.post(reverse("comments-edit", args=[comment.pk]), {"comment": "No token."}).status_code == 403
    assert browser.post(reverse("comments-delete", args=[comment.pk])).status_code == 403
    assert edit(browser, comment, "With the page's token.").status_code == 302
    comment.refresh_from_db()
    assert comment.comment == "With the page's token." and not comment.is_removed


def test_edit_controls_never_reach_another_reader_through_the_caches(article, settings):
    settings.PAGE_CACHE_SECONDS = 600
    author = Client()
    comment = post_comment(author, article, "Mine to change.")
    author_page = soup(author.get(article.get_comments_url()))  # made for the author: keeps the thread fragment
    assert author_page.select_one("#your-comments")
    for visitor in (Client(), Client(REMOTE_ADDR="10.9.9.9")):
        page = soup(visitor.get(article.get_comments_url()))
        assert "Mine to change." in page.select_one(f"li#c{comment.pk}").get_text()
        assert not page.select("#your-comments") and "/edit/" not in str(page) and "/delete/" not in str(page)
        assert str(page.select_one("#comments")) == str(author_page.select_one("#comments"))  # the shared fragment
        item_page = visitor.get(article.get_absolute_url()).content.decode()
        assert "/edit/" not in item_page and "/delete/" not in item_page
