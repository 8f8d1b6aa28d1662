"""Whom to trust: returning commenters whose comments keep being removed, and the banned-words list."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_comments_xtd.models import XtdComment

from comments.banned_words import find_banned_word
from comments.models import BannedWord, CommentEdit
from tests.factories import comment_form_data, make_article, make_comment
from tests.forms import form_values

pytestmark = pytest.mark.django_db

ANN = {"user_name": "Ann Reader", "user_email": "ann@example.org"}


def post(client, entry, **fields):
    return client.post(entry.get_comments_url(), comment_form_data(entry, **fields))


def posted(client, text, **fields):
    """Post `text` as Ann (name and address as comment_form_data types them); the stored comment."""
    article = make_article()
    assert post(client, article, comment=text, **fields).status_code == 302
    return XtdComment.objects.get(comment=text)


def history(*states, **author):
    """Earlier comments by one author, oldest first: "ok" published, "removed" by a moderator, "deleted" by
    the author, "held" still waiting."""
    article = make_article()
    start = timezone.now() - timedelta(days=len(states))
    for n, state in enumerate(states):
        comment = make_comment(
            article, f"Earlier {n}", submit_date=start + timedelta(days=n),
            is_removed=state in ("removed", "deleted"), is_public=state != "held", **(author or ANN),
        )  # fmt: skip
        if state == "deleted":
            CommentEdit.objects.create(comment=comment, kind=CommentEdit.Kind.DELETED)


# The rejection rate


def test_a_returning_commenter_with_an_approved_comment_is_published_at_once(client):
    history("ok")
    assert posted(client, "Hello again.").is_public


def test_a_commenter_whose_recent_comments_were_mostly_removed_goes_back_to_moderation(client):
    history("ok", "removed", "removed")
    assert not posted(client, "Still here.").is_public


def test_half_removed_is_not_mostly_removed(client):
    history("ok", "removed")
    assert posted(client, "Half and half.").is_public


def test_only_the_last_comments_count_and_the_window_is_a_setting(client, settings):
    history("removed", "removed", "removed", "ok", "ok")  # mostly removed long ago, fine lately
    assert not posted(client, "Over the whole record.").is_public  # 3 of 5, with the default window of 10
    settings.COMMENTS_REJECTION_WINDOW = 2
    assert posted(client, "Over the last two.").is_public


def test_the_rate_is_a_setting(client, settings):
    history("ok", "ok", "removed")
    assert posted(client, "One in three.").is_public  # not more than half
    settings.COMMENTS_REJECTION_RATE = 0.2
    assert not posted(client, "One in four.").is_public  # 1 of 4 (the one just published counts) > 0.2


def test_comments_their_author_deleted_or_still_waiting_do_not_count(client):
    history("ok", "deleted", "deleted", "held", "held")
    assert posted(client, "Deleting my own words is no offence.").is_public


def test_a_logged_in_reader_is_judged_by_their_account(client, reader):
    history("ok", "removed", "removed", user=reader, user_name="Rita", user_email="rita@example.org")
    client.force_login(reader)
    assert not posted(client, "Signed in.", name="Rita", email="rita@example.org").is_public


def test_moderators_are_never_held(client, moderator):
    history("removed", "removed", user=moderator, user_name="Molly", user_email="molly@example.org")
    client.force_login(moderator)
    assert posted(client, "A moderator's note.", name="Molly", email="molly@example.org").is_public


# Banned words


@pytest.mark.parametrize(
    ("word", "text", "held"),
    [
        ("medecin", "Ask your Médecin first.", True),
        ("Médecin", "ask your medecin first", True),
        ("MEDECIN", "ask your médecin.", True),
        ("medecin", "Medecins disagree.", False),  # whole words only
        ("ass", "A class act.", False),
        ("ass", "What an ass!", True),
        ("bad doctor", "He is a BAD\n  doctor, truly.", True),  # a phrase, across any spaces
        ("bad doctor", "A bad, doctor.", False),
        ("c++", "I write C++ daily.", True),  # not a regular expression
        ("straße", "Die Strasse ist lang.", True),
    ],
)
def test_banned_words_hold_whole_words_whatever_the_case_and_accents(client, word, text, held):
    history("ok")
    BannedWord.objects.create(word=word)
    assert posted(client, text).is_public is not held


def test_a_banned_word_in_the_name_holds_too(client):
    history("ok", user_name="Nasty Name", user_email="ann@example.org")
    BannedWord.objects.create(word="nasty")
    assert not posted(client, "Hello.", name="Nasty Name").is_public


def test_the_word_list_is_read_from_the_cache_not_a_query_per_word():
    for n in range(20):
        BannedWord.objects.create(word=f"word{n}")
    assert find_banned_word("nothing here") is None  # reads the list once
    with CaptureQueriesContext(connection) as queries:
        assert find_banned_word("so word7 then") == "word7"
        assert find_banned_word("clean") is None
    assert len(queries) == 0


def test_moderators_keep_the_list_in_the_admin_and_it_applies_at_once(client, moderator):
    history("ok")
    staff = type(client)()
    staff.force_login(moderator)
    add_url = reverse("admin:comments_bannedword_add")
    form = form_values(staff.get(add_url).content, "form#bannedword_form") | {"word": "  Hogwash  "}
    assert staff.post(add_url, form).status_code == 302
    word = BannedWord.objects.get()
    assert word.word == "Hogwash"
    assert not posted(client, "Utter hogwash.").is_public

    change_url = reverse("admin:comments_bannedword_change", args=[word.pk])
    form = form_values(staff.get(change_url).content, "form#bannedword_form") | {"word": "balderdash"}
    assert staff.post(change_url, form).status_code == 302
    assert posted(client, "Hogwash again.").is_public
    assert not posted(client, "Balderdash.").is_public

    delete_url = reverse("admin:comments_bannedword_delete", args=[word.pk])
    form = form_values(staff.get(delete_url).content, "form:has(input[name=post])")
    assert staff.post(delete_url, form).status_code == 302
    assert posted(client, "Balderdash, said freely.").is_public


def test_the_admin_refuses_a_word_without_letters_or_a_duplicate(client, moderator):
    client.force_login(moderator)
    add_url = reverse("admin:comments_bannedword_add")
    BannedWord.objects.create(word="hogwash")
    for typed, message in (("  ", "This field is required."), ("--", "at least one letter"),
                           ("hogwash", "already exists")):  # fmt: skip
        form = form_values(client.get(add_url).content, "form#bannedword_form") | {"word": typed}
        response = client.post(add_url, form)
        assert response.status_code == 200
        assert message in BeautifulSoup(response.content, "html.parser").select_one(".errorlist").get_text()
    assert BannedWord.objects.count() == 1
