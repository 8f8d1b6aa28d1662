"""The moderators' desk at /admin/moderation/: who may use it, what each queue holds, one-click and bulk actions."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_comments_xtd.models import XtdComment

from comments.models import Ban, ModerationEvent, Reason, Report
from tests.factories import make_article, make_comment, make_review
from tests.forms import form_values

pytestmark = pytest.mark.django_db

DESK = "/admin/moderation/"


def report(comment, reason=Reason.SPAM, key=None):
    return Report.objects.create(comment=comment, reason=reason, reporter_key=key or f"k{Report.objects.count()}")


def shown(client, queue):
    """The ids of the comments a queue shows, in order."""
    page = client.get(f"{DESK}?queue={queue}")
    assert page.status_code == 200
    soup = BeautifulSoup(page.content, "html.parser")
    return [int(li["id"][1:]) for li in soup.select("li.desk-comment")]


def press(client, queue, do, **fields):
    """Post the desk's form back as a browser does: every field as rendered, plus the button pressed."""
    page = client.get(f"{DESK}?queue={queue}")
    data = {**form_values(page.content, "form.desk-form"), "do": do, **fields}
    response = client.post(f"{DESK}?queue={queue}", data)
    assert response.status_code == 302, response.status_code
    return client.get(response["Location"]).content.decode()


# --- Who may use it ---------------------------------------------------------------------------------------------


def test_anonymous_is_sent_to_the_login_page_and_changes_nothing(client):
    held = make_comment(make_article(), is_public=False)
    for url in (DESK, f"{DESK}log/", f"{DESK}log/?format=csv"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/admin/login/"), url
    response = client.post(DESK, {"do": f"approve:{held.pk}"})
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    held.refresh_from_db()
    assert not held.is_public and not ModerationEvent.objects.exists()


def test_a_reader_is_sent_to_the_login_page(client, reader):
    client.force_login(reader)
    assert client.get(DESK)["Location"].startswith("/admin/login/")


def test_staff_without_the_moderation_right_are_refused_on_the_server(client, django_user_model):
    held = make_comment(make_article(), is_public=False)
    clerk = django_user_model.objects.create_user("clerk", password="pw-clerk-12345", is_staff=True)
    client.force_login(clerk)
    assert client.get(DESK).status_code == 403
    assert client.get(f"{DESK}log/").status_code == 403
    assert client.post(DESK, {"do": f"approve:{held.pk}"}).status_code == 403
    held.refresh_from_db()
    assert not held.is_public


@pytest.mark.parametrize("who", ["moderator", "editor"])
def test_moderators_and_editors_approve_remove_and_ban(client, request, who):
    client.force_login(request.getfixturevalue(who))
    article = make_article()
    first = make_comment(article, "Let me in", is_public=False, user_email="first@example.org")
    second = make_comment(article, "Buy pills", is_public=False, user_email="second@example.org")
    third = make_comment(article, "Cheap watches", is_public=False, user_email="Spammer@Example.org")
    assert "1 comment approved." in press(client, "pending", f"approve:{first.pk}")
    assert "1 comment removed." in press(client, "pending", f"remove:{second.pk}", **{f"reason-{second.pk}": "spam"})
    assert "1 commenter banned." in press(client, "pending", f"ban:{third.pk}")
    first.refresh_from_db(), second.refresh_from_db(), third.refresh_from_db()
    assert first.is_public and second.is_removed and third.is_removed
    assert Ban.objects.active().get().email == "spammer@example.org"


def test_a_moderator_cannot_change_content(client, moderator):
    article = make_article(title="Untouched")
    client.force_login(moderator)
    url = reverse("admin:blog_article_change", args=[article.pk])
    assert client.post(url, {"title": "Changed", "slug": article.slug}).status_code == 403
    article.refresh_from_db()
    assert article.title == "Untouched"


def test_the_desk_is_in_the_admins_look_with_counts_on_the_front_page_and_in_the_navigation(client, moderator):
    article = make_article()
    make_comment(article, is_public=False)
    make_comment(article, is_public=False)
    report(make_comment(article))
    client.force_login(moderator)
    index = BeautifulSoup(client.get("/admin/").content, "html.parser")
    assert "Pending comments: 2" in index.select_one(".desk-index").get_text(" ", strip=True)
    assert "Reported: 1" in index.select_one(".desk-index").get_text(" ", strip=True)
    for url in (DESK, reverse("admin:blog_article_changelist")):
        nav = BeautifulSoup(client.get(url).content, "html.parser").select_one("nav.desk-nav")
        assert "Pending comments: 2" in nav.get_text(" ", strip=True), url
    desk = BeautifulSoup(client.get(DESK).content, "html.parser")
    assert desk.select_one("#site-name")  # the admin's header
    assert desk.select_one(".desk-queues [aria-current=page]").get_text(strip=True) == "Pending (2)"


def test_readers_and_other_staff_see_no_counts(client, django_user_model):
    make_comment(make_article(), is_public=False)
    clerk = django_user_model.objects.create_user("clerk", password="pw-clerk-12345", is_staff=True)
    clerk.user_permissions.add(Permission.objects.get(codename="view_article"))
    client.force_login(clerk)
    assert "Pending comments" not in client.get("/admin/").content.decode()


# --- The queues -------------------------------------------------------------------------------------------------


@pytest.fixture
def discussion():
    """One comment of every kind, on two sections, a minute apart (newest last)."""
    article, review = make_article(title="On sleep"), make_review(title="A hospital memoir")
    start = timezone.now() - timedelta(hours=1)

    def at(minutes, entry, text, **fields):
        return make_comment(entry, text, submit_date=start + timedelta(minutes=minutes), **fields)

    comments = {
        "published": at(1, article, "Plain published"),
        "held": at(2, review, "Awaiting a moderator", is_public=False),
        "reported": at(3, review, "Reported words"),
        "removed": at(4, article, "Taken down", is_removed=True),
        "dismissed": at(5, article, "Reported then kept"),
        "held_newer": at(6, article, "Second one waiting", is_public=False),
        "removed_reported": at(7, article, "Reported and removed", is_removed=True),
    }
    report(comments["reported"]), report(comments["reported"], Reason.ABUSE)
    report(comments["removed_reported"])
    Report.objects.create(comment=comments["dismissed"], reporter_key="x", resolved_at=timezone.now())
    return comments


def test_each_queue_holds_what_it_says_newest_first(client, moderator, discussion):
    client.force_login(moderator)
    pk = {name: comment.pk for name, comment in discussion.items()}
    assert shown(client, "pending") == [pk["held_newer"], pk["held"]]
    assert shown(client, "reported") == [pk["reported"]]
    assert shown(client, "recent") == [pk["held_newer"], pk["dismissed"], pk["reported"], pk["held"], pk["published"]]
    assert shown(client, "nonsense") == shown(client, "pending")


def test_each_comment_shows_its_item_the_comment_it_answers_its_reports_and_its_authors_history(client, moderator):
    article = make_article(title="Night shifts")
    long_ago = timezone.now() - timedelta(days=9)
    make_comment(article, "Old approved one", user_email="ann@example.org", submit_date=long_ago)
    make_comment(article, "Old removed one", user_email="ANN@example.org", is_removed=True)
    parent = make_comment(article, "What the reply answers, and this is the parent's text", user_name="Bea")
    reply = make_comment(article, "A reply", parent=parent, user_email="ann@example.org", is_public=False)
    report(parent)
    client.force_login(moderator)
    soup = BeautifulSoup(client.get(DESK).content, "html.parser")
    item = soup.select_one(f"#c{reply.pk}")
    link = item.select_one(".desk-comment__on a")
    assert link.get_text() == "Night shifts" and link["href"] == f"{article.get_comments_url()}#c{reply.pk}"
    assert "(article)" in item.select_one(".desk-comment__on").get_text()
    assert "Replying to Bea: “What the reply answers" in item.select_one(".desk-comment__parent").get_text()
    history = item.select_one(".desk-history").get_text(" ", strip=True)
    assert "approved 1 · removed 1 · pending 1 · reported 0" in history  # the address counts whatever its case
    assert "Has removals" in history
    soup = BeautifulSoup(client.get(f"{DESK}?queue=reported").content, "html.parser")
    assert "1 open report: Spam (1)" in soup.select_one(f"#c{parent.pk} .desk-comment__reports").get_text()
    assert "Trusted" in soup.select_one(f"#c{parent.pk} .desk-history").get_text()


def test_a_new_and_a_banned_commenter_are_shown_as_such(client, moderator):
    article = make_article()
    new = make_comment(article, is_public=False, user_email="new@example.org")
    banned = make_comment(article, is_public=False, user_email="Banned@example.org")
    Ban.objects.create(email="banned@EXAMPLE.org")
    client.force_login(moderator)
    soup = BeautifulSoup(client.get(DESK).content, "html.parser")
    assert soup.select_one(f"#c{new.pk} .trust").get_text() == "New"
    assert soup.select_one(f"#c{banned.pk} .trust").get_text() == "Banned"
    assert not soup.select(f"#c{banned.pk} button[value^=ban]")  # nobody to ban twice


def test_a_removed_comment_leaves_every_queue(client, moderator, discussion):
    client.force_login(moderator)
    reported = discussion["reported"]
    press(client, "reported", f"remove:{reported.pk}", **{f"reason-{reported.pk}": "abuse"})
    held = discussion["held"]
    press(client, "pending", f"remove:{held.pk}")
    for queue in ("pending", "reported", "recent"):
        assert not {reported.pk, held.pk} & set(shown(client, queue)), queue
    assert not Report.objects.open().filter(comment=reported).exists()  # decided by the removal


def test_keep_it_dismisses_the_reports_and_leaves_the_comment_published(client, moderator, discussion):
    client.force_login(moderator)
    reported = discussion["reported"]
    assert "Reports dismissed on 1 comment." in press(client, "reported", f"keep:{reported.pk}")
    reported.refresh_from_db()
    assert reported.is_public and not reported.is_removed
    assert shown(client, "reported") == []
    assert {r.resolved_by for r in Report.objects.filter(comment=reported)} == {moderator}
    event = ModerationEvent.objects.get(action="dismiss")
    assert (event.actor, event.comment_id) == (moderator, reported.pk)


def test_the_queues_are_paginated(client, moderator, settings):
    article = make_article()
    for n in range(27):
        make_comment(article, f"Held {n}", is_public=False)
    client.force_login(moderator)
    assert len(shown(client, "pending")) == 25
    page_two = BeautifulSoup(client.get(f"{DESK}?queue=pending&page=2").content, "html.parser")
    assert len(page_two.select("li.desk-comment")) == 2
    assert client.get(f"{DESK}?queue=pending&page=99").status_code == 404


# --- Bulk actions and bad input ---------------------------------------------------------------------------------


def test_bulk_approve_remove_and_ban_act_on_the_ticked_comments_only(client, moderator):
    article = make_article()
    held = [make_comment(article, f"Held {n}", is_public=False, user_email=f"r{n}@example.org") for n in range(5)]
    client.force_login(moderator)
    assert "2 comments approved." in press(client, "pending", "approve", selected=[held[0].pk, held[1].pk])
    assert "2 comments removed." in press(client, "pending", "remove", selected=[held[2].pk, held[3].pk],
                                          reason="off-topic")  # fmt: skip
    states = {c.pk: (c.is_public, c.is_removed) for c in XtdComment.objects.all()}
    assert [states[c.pk] for c in held] == [(True, False)] * 2 + [(False, True)] * 2 + [(False, False)]
    assert set(ModerationEvent.objects.filter(action="remove").values_list("reason", flat=True)) == {"off-topic"}
    assert "1 commenter banned." in press(client, "pending", "ban", selected=[held[4].pk], reason="spam")
    assert Ban.objects.get().email == "r4@example.org"


def test_bulk_actions_with_nothing_ticked_or_damaged_values_change_nothing_and_say_so(client, moderator):
    held = make_comment(make_article(), is_public=False)
    client.force_login(moderator)
    assert "Nothing was changed" in press(client, "pending", "approve")
    damaged = [
        ("publish", {"selected": held.pk}),
        (f"approve:{held.pk}x", {}),
        ("approve:\x00", {}),
        (f"remove:{held.pk}", {f"reason-{held.pk}": "rude"}),
        ("approve", {"selected": "99999999999"}),
    ]
    for do, extra in damaged:
        assert "Nothing was changed" in press(client, "pending", do, **extra), do
    held.refresh_from_db()
    assert not held.is_public and not held.is_removed


def test_the_desk_form_needs_its_csrf_token(moderator):
    from django.test import Client

    held = make_comment(make_article(), is_public=False)
    client = Client(enforce_csrf_checks=True)
    client.force_login(moderator)
    assert client.post(DESK, {"do": f"approve:{held.pk}"}).status_code == 403
    held.refresh_from_db()
    assert not held.is_public


def test_every_button_is_a_real_labelled_button_in_one_form(client, moderator):
    held = make_comment(make_article(), is_public=False)
    report(make_comment(make_article()))
    client.force_login(moderator)
    for queue in ("pending", "reported"):
        soup = BeautifulSoup(client.get(f"{DESK}?queue={queue}").content, "html.parser")
        form = soup.select_one("form.desk-form")
        assert form["method"] == "post" and form.select_one("input[name=csrfmiddlewaretoken]")
        for control in form.select("select, input[type=checkbox]"):
            assert soup.select_one(f"label[for={control['id']}]"), control
        assert all(button.get("type") == "submit" and button.get_text(strip=True) for button in form.select("button"))
    assert soup.select_one(f"button[value='approve:{held.pk}']") is None  # published: nothing to approve


# --- Query count ------------------------------------------------------------------------------------------------


def build_queue(n):
    """n held comments from n different commenters (half of them with accounts), each answering another comment,
    on items of two sections, each author with other comments and reports behind them."""
    from django.contrib.auth import get_user_model

    entries = [make_article(), make_review()]
    for i in range(n):
        entry = entries[i % 2]
        user = get_user_model().objects.create_user(f"u{n}-{i}") if i % 2 else None
        email = f"c{n}-{i}@example.org"
        earlier = make_comment(entry, "earlier", user_email=email, user=user)
        report(earlier, key=f"{n}-{i}")
        make_comment(entry, "held", parent=earlier, is_public=False, user_email=email.upper(), user=user)


@pytest.mark.parametrize("queue", ["pending", "reported", "recent"])
def test_the_desk_runs_a_fixed_number_of_queries_whatever_the_number_of_comments(client, moderator, queue):
    client.force_login(moderator)
    counts = []
    for n in (3, 30):
        XtdComment.objects.all().delete()
        build_queue(n)
        client.get(f"{DESK}?queue={queue}")
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"{DESK}?queue={queue}").status_code == 200
        counts.append(len(captured))
    assert counts == [PINNED_DESK[queue]] * 2


# session + user + user's and groups' permissions + waiting counts + page count + page + items (one per section)
# + parents (none on the reported queue, whose comments answer nobody here) + commenters' history + bans + reports
PINNED_DESK = {"pending": 13, "reported": 12, "recent": 13}
