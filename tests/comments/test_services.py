"""Moderation writes: what they change, what they leave alone, and the number they report."""

import pytest
from django.core import mail
from django_comments.models import CommentFlag
from django_comments_xtd.models import XtdComment

from comments.services import comment_approve, comment_flag, comment_remove, comment_unflag
from tests.factories import make_article, make_comment

pytestmark = pytest.mark.django_db


def test_each_action_returns_the_number_of_comments_it_changed(moderator):
    article = make_article()
    published = make_comment(article)
    held = make_comment(article, is_public=False)
    removed = make_comment(article, is_removed=True)
    every = XtdComment.objects.filter(pk__in=[published.pk, held.pk, removed.pk])
    assert comment_approve(every, by=moderator) == 2
    assert comment_approve(every, by=moderator) == 0
    assert comment_remove(every.filter(pk=held.pk), by=moderator) == 1
    assert comment_remove(every, by=moderator) == 2
    assert comment_flag(every, by=moderator) == 3
    assert comment_flag(every, by=moderator) == 0
    assert comment_unflag(every.filter(pk__in=[published.pk, held.pk])) == 2
    assert CommentFlag.objects.filter(flag=CommentFlag.MODERATOR_APPROVAL).count() == 2


def test_restoring_a_removed_comment_leaves_held_replies_waiting(moderator):
    article = make_article()
    parent = make_comment(article, "parent")
    held_reply = make_comment(article, "first-time reply", parent=parent, is_public=False)
    comment_remove(XtdComment.objects.filter(pk=parent.pk), by=moderator)
    comment_approve(XtdComment.objects.filter(pk=parent.pk), by=moderator)
    parent.refresh_from_db()
    held_reply.refresh_from_db()
    assert parent.is_public and not parent.is_removed
    assert not held_reply.is_public


def test_followers_hear_of_a_held_comment_once_approved_not_of_a_restored_one(moderator):
    article = make_article()
    make_comment(article, user_email="follower@example.org", followup=True)
    held = make_comment(article, "newly approved", is_public=False, user_email="new@example.org")
    restored = make_comment(article, "restored", is_removed=True, user_email="old@example.org")
    mail.outbox.clear()
    comment_approve(XtdComment.objects.filter(pk__in=[held.pk, restored.pk]), by=moderator)
    assert [m.to for m in mail.outbox] == [["follower@example.org"]]
    assert "newly approved" in mail.outbox[0].body
