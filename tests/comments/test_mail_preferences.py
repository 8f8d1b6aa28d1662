"""Moderators choose how they hear of held comments: one mail each, an hourly or daily digest, or nothing."""

from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from comments.models import ModeratorMailPreference
from core.roles import sync_groups
from tests.factories import comment_form_data, make_article, make_comment
from tests.forms import form_values

pytestmark = pytest.mark.django_db

Frequency = ModeratorMailPreference.Frequency
START = datetime(2026, 3, 10, 8, 0, tzinfo=UTC)


@pytest.fixture
def make_moderator(django_user_model):
    moderators = sync_groups()["Moderators"]

    def make(name, frequency=None):
        user = django_user_model.objects.create_user(name, email=f"{name}@example.org", is_staff=True)
        user.groups.add(moderators)
        if frequency is not None:
            ModeratorMailPreference.objects.create(user=user, frequency=frequency)
        return user

    return make


def post_held(client, article, text="A first comment, held."):
    response = client.post(article.get_comments_url(), comment_form_data(article, comment=text))
    assert response.status_code == 302 and "comment-status" in response["Location"]


def held(article, text, at):
    return make_comment(article, text, is_public=False, submit_date=at)


def digest(frequency):
    out = StringIO()
    call_command("send_moderation_digest", frequency=frequency, stdout=out)
    return out.getvalue()


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


def test_a_mail_for_each_held_comment_goes_only_to_those_who_chose_it(client, make_moderator):
    make_moderator("nopref")  # never chose: each held comment, as before preferences existed
    make_moderator("each", Frequency.EACH)
    for frequency in (Frequency.HOURLY, Frequency.DAILY, Frequency.NONE):
        make_moderator(str(frequency), frequency)
    post_held(client, make_article())
    assert len(mail.outbox) == 1
    assert sorted(mail.outbox[0].to) == ["each@example.org", "nopref@example.org"]


def test_nobody_chose_single_mails_none_is_sent(client, make_moderator):
    make_moderator("quiet", Frequency.NONE)
    make_moderator("later", Frequency.DAILY)
    post_held(client, make_article())
    assert mail.outbox == []


def test_the_digest_sends_one_mail_per_subscribed_moderator_listing_what_was_held(make_moderator, time_machine):
    time_machine.move_to(START, tick=False)
    make_moderator("hana", Frequency.HOURLY)
    make_moderator("hugo", Frequency.HOURLY)
    make_moderator("dora", Frequency.DAILY)
    make_moderator("eve", Frequency.EACH)
    make_moderator("nils", Frequency.NONE)
    article = make_article(title="Night shifts")
    held(article, "Held words one.", START + timedelta(minutes=10))
    held(article, "Held words two.", START + timedelta(minutes=20))
    make_comment(article, "Published, nothing to do.", submit_date=START + timedelta(minutes=30))
    time_machine.move_to(START + timedelta(hours=1), tick=False)

    assert "Sent 2 hourly moderation digests." in digest("hourly")
    assert recipients() == ["hana@example.org", "hugo@example.org"]  # one mail each, nobody else
    message = mail.outbox[0]
    assert message.subject.endswith("2 comments await moderation")
    assert "Held words one." in message.body and "Held words two." in message.body
    assert "Night shifts" in message.body and "Published, nothing to do." not in message.body
    assert "/admin/django_comments_xtd/xtdcomment/?status=awaiting" in message.body  # queue_url()


def test_nothing_is_mailed_twice_and_nothing_when_nothing_waits(make_moderator, time_machine):
    time_machine.move_to(START, tick=False)
    make_moderator("hana", Frequency.HOURLY)
    article = make_article()
    time_machine.move_to(START + timedelta(hours=1), tick=False)
    assert "Sent 0" in digest("hourly")  # nothing waits: no mail
    held(article, "First batch.", START + timedelta(hours=1, minutes=5))
    time_machine.move_to(START + timedelta(hours=2), tick=False)
    digest("hourly")
    assert len(mail.outbox) == 1 and "First batch." in mail.outbox[0].body
    time_machine.move_to(START + timedelta(hours=3), tick=False)
    digest("hourly")
    assert len(mail.outbox) == 1  # still held, already mailed: not again
    held(article, "Second batch.", START + timedelta(hours=3, minutes=5))
    time_machine.move_to(START + timedelta(hours=4), tick=False)
    digest("hourly")
    digest("hourly")  # run twice by mistake
    assert len(mail.outbox) == 2
    assert "Second batch." in mail.outbox[1].body and "First batch." not in mail.outbox[1].body


def test_a_skipped_run_misses_nothing(make_moderator, time_machine):
    time_machine.move_to(START, tick=False)
    make_moderator("hana", Frequency.HOURLY)
    article = make_article()
    held(article, "At nine.", START + timedelta(hours=1))
    held(article, "At ten.", START + timedelta(hours=2))
    time_machine.move_to(START + timedelta(hours=3), tick=False)  # the 9:00 and 10:00 runs never happened
    digest("hourly")
    assert len(mail.outbox) == 1 and "At nine." in mail.outbox[0].body and "At ten." in mail.outbox[0].body


def test_a_comment_posted_as_the_digest_runs_goes_in_the_next_one(make_moderator, time_machine):
    time_machine.move_to(START, tick=False)
    make_moderator("hana", Frequency.HOURLY)
    article = make_article()
    held(article, "Just in.", START + timedelta(hours=1) - timedelta(seconds=5))
    time_machine.move_to(START + timedelta(hours=1), tick=False)
    digest("hourly")
    assert mail.outbox == []
    time_machine.move_to(START + timedelta(hours=2), tick=False)
    digest("hourly")
    assert len(mail.outbox) == 1 and "Just in." in mail.outbox[0].body


def test_each_frequency_gets_its_own_digest(make_moderator, time_machine):
    time_machine.move_to(START, tick=False)
    make_moderator("hana", Frequency.HOURLY)
    make_moderator("dora", Frequency.DAILY)
    held(make_article(), "Waiting.", START + timedelta(minutes=5))
    time_machine.move_to(START + timedelta(hours=1), tick=False)
    digest("hourly")
    assert recipients() == ["hana@example.org"]
    time_machine.move_to(START + timedelta(days=1), tick=False)
    digest("daily")
    assert recipients() == ["dora@example.org", "hana@example.org"]
    assert "Waiting." in mail.outbox[1].body and mail.outbox[1].subject.endswith("1 comment awaits moderation")


def test_choosing_a_digest_does_not_repeat_what_single_mails_told(client, make_moderator, time_machine):
    time_machine.move_to(START, tick=False)
    user = make_moderator("hana")
    held(make_article(), "Mailed on its own.", START - timedelta(minutes=5))
    ModeratorMailPreference.objects.create(user=user, frequency=Frequency.HOURLY)
    time_machine.move_to(START + timedelta(hours=1), tick=False)
    digest("hourly")
    assert mail.outbox == []


def test_inactive_or_former_moderators_get_no_digest(make_moderator, time_machine, django_user_model):
    time_machine.move_to(START, tick=False)
    gone = make_moderator("gone", Frequency.HOURLY)
    gone.is_active = False
    gone.save()
    reader = django_user_model.objects.create_user("rita", email="rita@example.org")
    ModeratorMailPreference.objects.create(user=reader, frequency=Frequency.HOURLY)
    held(make_article(), "Waiting.", START + timedelta(minutes=5))
    time_machine.move_to(START + timedelta(hours=1), tick=False)
    digest("hourly")
    assert mail.outbox == []


# The admin: each moderator sets their own preference, and only a superuser anyone else's.

CHANGELIST = "admin:comments_moderatormailpreference_changelist"


def test_a_moderator_chooses_their_own_preference_in_the_admin(client, make_moderator):
    user = make_moderator("hana")
    client.force_login(user)
    response = client.get(reverse(CHANGELIST))
    assert response.status_code == 302  # straight to their own form
    form_page = client.get(response["Location"]).content.decode()
    data = form_values(form_page, "#moderatormailpreference_form") | {"frequency": "daily"}
    assert "user" not in data
    assert client.post(response["Location"], data).status_code == 302
    assert ModeratorMailPreference.objects.get(user=user).frequency == Frequency.DAILY
    # Then the list leads to that row's form, and changing it works the same way.
    change_url = client.get(reverse(CHANGELIST))["Location"]
    data = form_values(client.get(change_url).content.decode(), "#moderatormailpreference_form") | {"frequency": "none"}
    assert client.post(change_url, data).status_code == 302
    assert ModeratorMailPreference.objects.get(user=user).frequency == Frequency.NONE


def test_a_moderator_cannot_change_anothers_preference(client, make_moderator):
    hana, hugo = make_moderator("hana"), make_moderator("hugo", Frequency.DAILY)
    theirs = hugo.mail_preference
    client.force_login(hana)
    change_url = reverse("admin:comments_moderatormailpreference_change", args=[theirs.pk])
    assert client.get(change_url).status_code in (302, 403, 404)
    response = client.post(change_url, {"frequency": "none", "user": hana.pk})
    assert response.status_code in (302, 403, 404)
    theirs.refresh_from_db()
    assert theirs.frequency == Frequency.DAILY and theirs.user == hugo
    # Nor make one for them: a posted user is ignored, the new preference is their own.
    add_url = reverse("admin:comments_moderatormailpreference_add")
    data = form_values(client.get(add_url).content.decode(), "#moderatormailpreference_form")
    client.post(add_url, data | {"frequency": "none", "user": hugo.pk})
    assert ModeratorMailPreference.objects.get(user=hana).frequency == Frequency.NONE
    assert ModeratorMailPreference.objects.get(user=hugo).frequency == Frequency.DAILY
    # The list shows only their own.
    listing = client.get(reverse(CHANGELIST), follow=True).content.decode()
    assert "hugo" not in listing
    assert client.get(reverse("admin:comments_moderatormailpreference_delete", args=[theirs.pk])).status_code in (
        302, 403,
    )  # fmt: skip


def test_a_superuser_sets_anyones_preference(client, make_moderator, django_user_model):
    hugo = make_moderator("hugo", Frequency.DAILY)
    admin = django_user_model.objects.create_superuser("root", "root@example.org", "pw-root-123")
    client.force_login(admin)
    change_url = reverse("admin:comments_moderatormailpreference_change", args=[hugo.mail_preference.pk])
    data = form_values(client.get(change_url).content.decode(), "#moderatormailpreference_form")
    assert data["user"] == str(hugo.pk)
    assert client.post(change_url, data | {"frequency": "hourly"}).status_code == 302
    hugo.mail_preference.refresh_from_db()
    assert hugo.mail_preference.frequency == Frequency.HOURLY
    assert "hugo" in client.get(reverse(CHANGELIST)).content.decode()
