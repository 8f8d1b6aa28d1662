"""Per-section lifecycles: each section's threads close their own number of days after publishing."""

from datetime import UTC, datetime, timedelta

import pytest
from bs4 import BeautifulSoup
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_comments_xtd.models import XtdComment

from blog.models import Article
from cartoons.models import Cartoon
from comments.models import SectionPolicy
from comments.moderation import thread_is_open
from comments.services import thread_close
from reviews.models import BookReview
from tests.factories import comment_form_data, make_article, make_cartoon, make_comment, make_interview, make_review
from tests.forms import form_values

pytestmark = pytest.mark.django_db


def policy(model, days):
    return SectionPolicy.objects.update_or_create(
        section=ContentType.objects.get_for_model(model), defaults={"close_after_days": days}
    )[0]


def aged(make, days, hours=0):
    return make(published_at=timezone.now() - timedelta(days=days, hours=hours))


def page_text(client, entry):
    return BeautifulSoup(client.get(entry.get_comments_url()).content, "html.parser").get_text(" ", strip=True)


def post(client, entry):
    return client.post(entry.get_comments_url(), comment_form_data(entry))


@pytest.fixture
def magazine_policies(settings):
    """Reviews close after 30 days, cartoons after 7, articles never: whatever the site's default says."""
    settings.COMMENTS_CLOSE_AFTER_DAYS = 14
    policy(BookReview, 30)
    policy(Cartoon, 7)
    policy(Article, None)


def test_each_section_closes_after_its_own_days(magazine_policies):
    assert thread_is_open(aged(make_review, 29, 23))
    assert not thread_is_open(aged(make_review, 30))
    assert thread_is_open(aged(make_cartoon, 6, 23))
    assert not thread_is_open(aged(make_cartoon, 7))
    assert thread_is_open(aged(make_article, 3000))  # an empty row: never, whatever the default
    # Interviews have no row: the site's default, 14 days.
    assert thread_is_open(aged(make_interview, 13, 23))
    assert not thread_is_open(aged(make_interview, 14))


def test_the_setting_is_the_default_for_every_section_without_a_row(settings):
    old = [aged(make, 20) for make in (make_article, make_interview, make_review, make_cartoon)]
    assert all(thread_is_open(entry) for entry in old)  # no default: nothing closes alone
    settings.COMMENTS_CLOSE_AFTER_DAYS = 10
    assert not any(thread_is_open(entry) for entry in old)
    policy(Cartoon, 30)
    assert [thread_is_open(entry) for entry in old] == [False, False, False, True]


def test_posting_to_an_auto_closed_thread_is_refused_on_the_server(client, magazine_policies):
    closed, still_open = aged(make_review, 31), aged(make_review, 29)
    response = post(client, closed)
    assert response.status_code == 403
    assert "Comments are closed." in BeautifulSoup(response.content, "html.parser").get_text()
    assert not XtdComment.objects.exists()
    assert post(client, still_open).status_code == 302
    assert XtdComment.objects.count() == 1


def test_an_auto_closed_page_says_when_it_closed(client, magazine_policies, time_machine):
    time_machine.move_to(datetime(2026, 3, 20, 12, 0, tzinfo=UTC))
    cartoon = make_cartoon(published_at=datetime(2026, 3, 5, 9, 30, tzinfo=UTC))
    text = page_text(client, cartoon)
    assert "Comments closed on 12 March 2026." in text
    assert "Leave a comment" not in text


def test_a_page_closed_by_a_moderator_says_when(client, moderator, time_machine):
    time_machine.move_to(datetime(2026, 2, 1, 10, 0, tzinfo=UTC), tick=False)
    article = make_article(published_at=datetime(2026, 1, 20, tzinfo=UTC))
    time_machine.move_to(datetime(2026, 2, 3, 10, 0, tzinfo=UTC), tick=False)
    thread_close(article, by=moderator, reason="Run its course.")
    time_machine.move_to(datetime(2026, 2, 9, 10, 0, tzinfo=UTC), tick=False)
    assert "Comments closed on 3 February 2026." in page_text(client, article)


def test_closed_both_ways_it_is_the_earlier_date(client, settings, moderator, time_machine):
    settings.COMMENTS_CLOSE_AFTER_DAYS = 10
    time_machine.move_to(datetime(2026, 4, 1, 10, 0, tzinfo=UTC), tick=False)
    article = make_article(published_at=datetime(2026, 3, 1, 8, 0, tzinfo=UTC))  # closed alone on 11 March
    thread_close(article, by=moderator)
    assert "Comments closed on 11 March 2026." in page_text(client, article)


def test_a_thread_closed_without_a_record_just_says_closed(client):
    article = make_article(comments_open=False)  # e.g. imported closed from WordPress
    assert "Comments are closed." in page_text(client, article)


def test_editors_set_a_policy_in_the_admin_and_it_takes_effect_at_once(client, editor, settings):
    settings.PAGE_CACHE_SECONDS = 600
    review = aged(make_review, 40)
    comment = make_comment(review, "Kept in a fragment.")
    reader = Client()
    assert "Reply to Reader" in reader.get(review.get_comments_url()).content.decode()  # open: reply links

    client.force_login(editor)
    add_url = reverse("admin:comments_sectionpolicy_add")
    form = BeautifulSoup(client.get(add_url).content, "html.parser")
    choices = {o.get_text(): o["value"] for o in form.select("select[name=section] option") if o["value"]}
    assert set(choices) == {"Articles", "Interviews", "Book reviews", "Cartoons"}  # only sections
    data = form_values(str(form), "#sectionpolicy_form") | {
        "section": choices["Book reviews"],
        "close_after_days": "30",
    }
    assert client.post(add_url, data).status_code == 302
    listing = client.get(reverse("admin:comments_sectionpolicy_changelist")).content.decode()
    assert "Book reviews" in listing and "30 days after publishing" in listing

    page = reader.get(review.get_comments_url()).content.decode()
    assert "Reply to Reader" not in page and "Leave a comment" not in page
    assert f"Comments closed on {(review.published_at + timedelta(days=30)):%-d %B %Y}." in page
    assert post(reader, review).status_code == 403

    change_url = reverse("admin:comments_sectionpolicy_change", args=[SectionPolicy.objects.get().pk])
    data = form_values(client.get(change_url).content.decode(), "#sectionpolicy_form") | {"close_after_days": "60"}
    assert client.post(change_url, data).status_code == 302
    page = reader.get(review.get_comments_url()).content.decode()
    assert "Reply to Reader" in page and "Leave a comment" in page
    assert comment.pk  # still there, shown on the reopened page
    assert "Kept in a fragment." in page


def test_deleting_a_policy_falls_back_to_the_default(settings):
    settings.COMMENTS_CLOSE_AFTER_DAYS = 5
    review = aged(make_review, 10)
    row = policy(BookReview, 30)
    assert thread_is_open(review)
    row.delete()
    assert not thread_is_open(review)


def test_a_section_has_one_policy(client, editor):
    policy(BookReview, 30)
    client.force_login(editor)
    add_url = reverse("admin:comments_sectionpolicy_add")
    form = BeautifulSoup(client.get(add_url).content, "html.parser")
    value = next(o["value"] for o in form.select("select[name=section] option") if o.get_text() == "Book reviews")
    data = form_values(str(form), "#sectionpolicy_form") | {"section": value, "close_after_days": "3"}
    response = client.post(add_url, data)
    assert response.status_code == 200 and "already exists" in response.content.decode()
    assert SectionPolicy.objects.get().close_after_days == 30


def test_moderators_cannot_change_policies(client, moderator):
    client.force_login(moderator)
    assert client.get(reverse("admin:comments_sectionpolicy_add")).status_code == 403


def test_demo_policies_are_set_once_and_an_editors_change_is_kept():
    from io import StringIO

    from comments.demo import seed_policies

    assert seed_policies(StringIO()) == 2
    assert dict(SectionPolicy.objects.values_list("section__model", "close_after_days")) == {
        "bookreview": 30, "cartoon": 7
    }  # fmt: skip
    policy(Cartoon, 10)
    assert seed_policies(StringIO()) == 0
    assert SectionPolicy.objects.get(section__model="cartoon").close_after_days == 10


def test_an_auto_close_shows_on_time_with_the_page_cache_on(settings, magazine_policies, time_machine):
    """The comments page is never stored whole, and its kept thread is named by whether the thread is open, so
    nothing cached outlives the moment a section's days run out."""
    settings.PAGE_CACHE_SECONDS = 600
    cartoon = aged(make_cartoon, 6, 23)
    make_comment(cartoon, "Before the close.")
    reader = Client()
    assert "Reply to Reader" in reader.get(cartoon.get_comments_url()).content.decode()
    time_machine.move_to(timezone.now() + timedelta(hours=1, minutes=1))
    page = reader.get(cartoon.get_comments_url()).content.decode()
    assert "Before the close." in page and "Reply to Reader" not in page and "Comments closed on" in page
