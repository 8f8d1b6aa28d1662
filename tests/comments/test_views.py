"""Bad input to the moderators' buttons and to comment permalinks: a 4xx or a page with a message, never a 500.

The test client re-raises any exception a view lets through, so a 500 fails these tests; they run on SQLite and
PostgreSQL, which refuses NUL characters in text.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django_comments_xtd.models import XtdComment

from comments.models import ThreadChange
from tests.factories import make_article, make_comment

pytestmark = pytest.mark.django_db


def press(client, url, **data):
    """Post a moderator's button; the text of the comments page it leads back to, with its message."""
    response = client.post(url, data)
    assert response.status_code == 302, response.status_code
    return client.get(response["Location"]).content.decode()


@pytest.mark.parametrize("pk", ["abc", "", "1.5", "-1", "99999999999999999999", "1\x00"])
def test_garbage_comment_id_on_the_moderate_button_changes_nothing_and_says_so(client, moderator, pk):
    article = make_article()
    held = make_comment(article, is_public=False)
    client.force_login(moderator)
    page = press(client, reverse("blog:moderate", args=[article.slug]), comment=pk, action="approve")
    assert "Nothing was changed" in page
    held.refresh_from_db()
    assert not held.is_public


@pytest.mark.parametrize("action", ["publish", "", "approve\x00"])
def test_unknown_action_on_the_moderate_button_changes_nothing(client, moderator, action):
    article = make_article()
    held = make_comment(article, is_public=False)
    client.force_login(moderator)
    page = press(client, reverse("blog:moderate", args=[article.slug]), comment=held.pk, action=action)
    assert "Nothing was changed" in page
    held.refresh_from_db()
    assert not held.is_public and not held.is_removed


@pytest.mark.parametrize("fields", [{"reason": "Heated\x00 debate"}, {"action": "close\x00"}, {"action": "shut"}])
def test_garbage_on_the_close_button_changes_nothing_and_says_so(client, moderator, fields):
    article = make_article()
    client.force_login(moderator)
    page = press(client, reverse("blog:thread", args=[article.slug]), **{"action": "close", **fields})
    assert "Nothing was changed" in page
    article.refresh_from_db()
    assert article.comments_open
    assert not ThreadChange.objects.exists()


def test_a_long_reason_is_cut_to_fit_not_refused(client, moderator):
    article = make_article()
    client.force_login(moderator)
    client.post(reverse("blog:thread", kwargs={"slug": article.slug}), {"action": "close", "reason": "x" * 400})
    assert ThreadChange.objects.get().reason == "x" * 300


def redirect_url(content_type_id, object_pk):
    return f"/comments/cr/{content_type_id}/{object_pk}/"


def test_comment_permalink_with_a_non_numeric_item_id_is_not_found(client):
    article = make_article()
    content_type = ContentType.objects.get_for_model(article)
    assert client.get(redirect_url(content_type.pk, article.pk)).status_code == 302
    for object_pk in ("abc", "1.5", "%00", "99999999999999999999"):
        assert client.get(redirect_url(content_type.pk, object_pk)).status_code == 404, object_pk


def test_comment_permalink_with_an_unknown_content_type_is_not_found(client):
    article = make_article()
    user_type = ContentType.objects.get_for_model(get_user_model())
    stale = ContentType.objects.create(app_label="gone", model="vanished")
    for content_type_id in (999999, 99999999999999999999, user_type.pk, stale.pk):
        assert client.get(redirect_url(content_type_id, article.pk)).status_code == 404, content_type_id


def test_comment_permalink_of_an_existing_comment_still_works(client):
    article = make_article()
    comment = make_comment(article)
    assert client.get(XtdComment.objects.get(pk=comment.pk).get_absolute_url())["Location"] == (
        article.get_comments_url()
    )
