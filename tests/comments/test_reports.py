"""Readers report comments: one report a reader, hidden after enough readers, refused cleanly when it cannot be."""

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_comments_xtd.models import XtdComment

from comments.models import Report
from comments.services import comment_approve, comment_remove
from comments.threads import HELD, hidden_by_reports
from core.models import Entry
from tests.factories import make_article, make_comment
from tests.forms import form_values

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def report_url(comment):
    return reverse("comments-report", args=[comment.pk])


def report(client, comment, reason="abuse", note=""):
    """Report `comment` as a reader does: follow the link under it, fill in the page's form, send it."""
    page = client.get(comment_page_of(comment))
    link = soup(page).select_one(f"li#c{comment.pk} a.comment__report")["href"]
    form = client.get(link)
    assert form.status_code == 200
    data = form_values(form.content.decode(), "form.report-form") | {"reason": reason, "note": note}
    return client.post(link, data)


def comment_page_of(comment):
    return comment.content_object.get_comments_url()


def reader_at(address):
    """Another reader: their own browser (no cookies yet), from their own address."""
    return Client(REMOTE_ADDR=address)


def test_every_published_comment_links_to_its_report_page_and_the_thread_holds_no_token(client):
    article = make_article()
    top = make_comment(article, "Said and kept.")
    make_comment(article, "An answer.", parent=make_comment(article, "Taken down.", is_removed=True))
    page = soup(client.get(article.get_comments_url()))
    assert page.select_one(f"li#c{top.pk} a.comment__report")["href"] == f"/comments/{top.pk}/report/"
    assert len(page.select("#comments a.comment__report")) == 2  # not under the "removed" placeholder
    # The thread is one fragment for every reader: no form, no CSRF token, nobody's own anything.
    assert not page.select("#comments form, #comments input")


def test_anonymous_reader_reports_a_comment_and_is_thanked_back_on_the_thread(client):
    article = make_article()
    comment = make_comment(article, "Rude words.")
    response = report(client, comment, reason="abuse", note="Insults another reader.")
    assert response.status_code == 302
    assert response["Location"] == f"{article.get_comments_url()}?page=1#c{comment.pk}"
    stored = Report.objects.get()
    assert (stored.comment, stored.reason, stored.note, stored.user) == (
        comment,
        "abuse",
        "Insults another reader.",
        None,
    )
    assert len(stored.reporter_key) == 64 and stored.tally_key  # hashes: neither the token nor the address itself
    assert "127.0.0.1" not in stored.reporter_key + stored.tally_key
    page = client.get(response["Location"])
    assert "Thank you, the moderators will look at it." in soup(page).select_one(".messages").get_text()
    assert "Rude words." in page.content.decode()  # one report hides nothing


def test_logged_in_reader_reports_as_their_account(client, reader):
    comment = make_comment(make_article())
    client.force_login(reader)
    assert report(client, comment, reason="spam").status_code == 302
    stored = Report.objects.get()
    assert stored.user == reader and stored.reporter_key == f"user:{reader.pk}"


def test_reporting_twice_counts_once(client, reader):
    comment = make_comment(make_article())
    assert report(client, comment).status_code == 302
    assert report(client, comment, reason="spam").status_code == 302  # thanked again, no error
    client.force_login(reader)
    assert report(client, comment).status_code == 302
    assert report(client, comment).status_code == 302
    assert Report.objects.count() == 2  # the browser's, and the account's


def test_a_report_already_stored_under_the_same_key_is_no_error(client):
    # As when the same reader's two requests race: the second meets the unique constraint, not a 500.
    comment = make_comment(make_article())
    report(client, comment)
    key = Report.objects.get().reporter_key
    Report.objects.all().delete()
    Report.objects.create(comment=comment, reporter_key=key, tally_key="x")
    data = form_values(client.get(report_url(comment)).content.decode(), "form.report-form") | {"reason": "spam"}
    assert client.post(report_url(comment), data).status_code == 302
    assert Report.objects.count() == 1


def test_a_comment_is_hidden_once_enough_different_readers_report_it(settings):
    settings.COMMENTS_HIDE_AFTER_REPORTS = 3
    settings.PAGE_CACHE_SECONDS = 600
    article = make_article()
    comment = make_comment(article, "Nasty and personal.")
    for n in (1, 2):
        report(reader_at(f"10.0.0.{n}"), comment)
    assert "Nasty and personal." in Client().get(article.get_comments_url()).content.decode()
    assert "Read comments (1)" in Client().get(article.get_absolute_url()).content.decode()  # cached, with its count
    report(reader_at("10.0.0.3"), comment)
    comment.refresh_from_db()
    assert not comment.is_public and not comment.is_removed
    assert list(hidden_by_reports()) == [comment]
    assert XtdComment.objects.filter(HELD).get() == comment  # the moderators' Pending queue has it
    page = Client().get(article.get_comments_url()).content.decode()  # the kept thread is remade
    assert "Nasty and personal." not in page and "No comments yet" in page
    assert "Read comments (0)" in Client().get(article.get_absolute_url()).content.decode()
    assert Client().get(report_url(comment)).status_code == 404  # hidden: nothing more to report


def test_one_person_clearing_cookies_between_reports_counts_once(settings):
    settings.COMMENTS_HIDE_AFTER_REPORTS = 2
    comment = make_comment(make_article())
    for _ in range(3):
        report(reader_at("10.0.0.9"), comment)  # a fresh browser each time, from the same address
    assert Report.objects.count() == 3  # every report reaches the moderators
    comment.refresh_from_db()
    assert comment.is_public  # but they are one reader
    report(reader_at("10.0.0.10"), comment)
    comment.refresh_from_db()
    assert not comment.is_public


@pytest.mark.parametrize(("threshold", "hidden"), [(1, True), (2, False), (0, False)])
def test_the_threshold_is_a_setting_and_zero_never_hides(client, settings, threshold, hidden):
    settings.COMMENTS_HIDE_AFTER_REPORTS = threshold
    comment = make_comment(make_article())
    report(client, comment)
    comment.refresh_from_db()
    assert comment.is_public is not hidden


def test_a_hidden_comment_with_replies_leaves_a_placeholder(client, settings):
    settings.COMMENTS_HIDE_AFTER_REPORTS = 1
    article = make_article()
    parent = make_comment(article, "Something unkind.")
    reply = make_comment(article, "Please, be civil.", parent=parent)
    alone = make_comment(article, "Unkind, unanswered.")
    waiting = make_comment(article, "A first reply, held.", parent=make_comment(article), is_public=False)
    report(client, parent)
    report(client, alone)
    page = soup(client.get(article.get_comments_url()))
    assert not page.select(f"li#c{alone.pk}, li#c{waiting.pk}")  # nothing under them: no trace at all
    placeholder = page.select_one(f"li#c{parent.pk}")
    assert placeholder.get_text(" ", strip=True) == "This comment is hidden while the moderators look at it."
    assert "Something unkind." not in str(page)
    assert "Please, be civil." in page.select_one(f"li#c{reply.pk}").get_text()


def test_a_moderators_decision_answers_the_reports(settings, moderator):
    settings.COMMENTS_HIDE_AFTER_REPORTS = 2
    article = make_article()
    kept, removed = make_comment(article, "Sharp but fair."), make_comment(article, "Spam, really.")
    for comment in (kept, removed):
        for n in (1, 2):
            report(reader_at(f"10.0.1.{n}"), comment)
    assert set(hidden_by_reports()) == {kept, removed}
    comment_approve(XtdComment.objects.filter(pk=kept.pk), by=moderator)
    comment_remove(XtdComment.objects.filter(pk=removed.pk), by=moderator)
    assert not hidden_by_reports().exists() and not Report.objects.open().exists()
    assert Report.objects.filter(resolved_by=moderator).count() == 4
    report(reader_at("10.0.1.3"), kept)  # a later report counts afresh: one reader is not enough
    kept.refresh_from_db()
    assert kept.is_public


def test_reports_are_rate_limited_per_address_and_duplicates_do_not_count(client, settings, time_machine):
    time_machine.move_to(timezone.now(), tick=False)  # the limit's window does not end halfway through
    settings.COMMENTS_REPORT_RATE_LIMIT = "2/m"
    article = make_article()
    first, second, third = (make_comment(article, f"Comment {n}") for n in range(3))
    assert report(client, first).status_code == 302
    assert report(client, first).status_code == 302  # the same report again: not a new one
    assert report(client, second).status_code == 302
    response = report(client, third)
    assert response.status_code == 429
    assert "You have sent many reports in a short time" in soup(response).select_one(".refusal").get_text()
    assert Report.objects.filter(comment=third).count() == 0
    assert report(reader_at("10.0.2.1"), third).status_code == 302  # another address is not held back


@pytest.mark.parametrize(
    "state", [{"is_public": False}, {"is_removed": True}, {"is_public": False, "is_removed": True}, "missing", "draft"]
)
def test_reporting_a_comment_readers_cannot_see_is_a_404(client, state):
    if state == "draft":
        comment = make_comment(make_article(status=Entry.Status.DRAFT))
    elif state == "missing":
        comment = XtdComment(pk=999999)
    else:
        comment = make_comment(make_article(), **state)
    url = report_url(comment)
    assert client.get(url).status_code == 404
    assert client.post(url, {"reason": "spam"}).status_code == 404
    assert not Report.objects.exists()


def test_a_report_without_a_reason_is_refused_with_a_message(client):
    comment = make_comment(make_article())
    data = form_values(client.get(report_url(comment)).content.decode(), "form.report-form")
    assert "reason" not in data  # the reader chooses; nothing is picked for them
    response = client.post(report_url(comment), data | {"note": "Kept for the next try."})
    assert response.status_code == 400
    assert "This field is required." in soup(response).select_one("form.report-form").get_text()
    assert soup(response).select_one("textarea[name=note]").get_text().strip() == "Kept for the next try."
    assert client.post(report_url(comment), data | {"reason": "nonsense"}).status_code == 400
    assert not Report.objects.exists()


def test_reports_need_the_csrf_token_of_the_readers_own_report_page(settings):
    settings.PAGE_CACHE_SECONDS = 600
    article = make_article()
    comment = make_comment(article)
    Client().get(article.get_comments_url())  # another reader's visit keeps the thread fragment
    browser = Client(enforce_csrf_checks=True)
    assert browser.post(report_url(comment), {"reason": "spam"}).status_code == 403
    assert not Report.objects.exists()
    page = browser.get(article.get_comments_url())
    link = soup(page).select_one(f"li#c{comment.pk} a.comment__report")["href"]
    data = form_values(browser.get(link).content.decode(), "form.report-form") | {"reason": "spam"}
    assert browser.post(link, data).status_code == 302
    assert Report.objects.count() == 1


def test_report_page_escapes_the_comment_and_is_never_cached(client, settings):
    settings.PAGE_CACHE_SECONDS = 600
    comment = make_comment(make_article(), "<script>alert(1)</script>", user_name="<b>Eve</b>")
    response = client.get(report_url(comment))
    html = response.content.decode()
    assert "<script>alert" not in html and "&lt;script&gt;" in html and "<b>Eve" not in html
    assert "private" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    assert "X-Page-Cache" not in Client().get(report_url(comment))
    assert '<meta name="robots" content="noindex">' in html


def test_each_reason_on_the_report_page_has_a_label_readers_can_see_and_click(client):
    comment = make_comment(make_article(), "A comment someone dislikes.")
    page = BeautifulSoup(client.get(reverse("comments-report", args=[comment.pk])).content, "html.parser")
    radios = page.select("input[name=reason]")
    labels = {radio["value"]: page.select_one(f"label[for={radio['id']}]") for radio in radios}
    assert {value: label.get_text(strip=True) if label else None for value, label in labels.items()} == {
        "spam": "Spam",
        "abuse": "Abuse or harassment",
        "off-topic": "Off-topic",
        "personal-information": "Personal information",
        "other": "Other",
    }
