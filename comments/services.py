"""Writes that span models: posting a comment, moderating it, closing and reopening threads."""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.contrib.sites.shortcuts import get_current_site
from django.db import transaction
from django.utils import timezone
from django_comments import signals
from django_comments.models import CommentFlag
from django_comments_xtd.views import notify_comment_followers

from comments.models import ThreadChange
from core.cache import content_changed


@dataclass
class PostResult:
    """What became of a reader's comment: `comment` is None when the thread refused it."""

    comment: object = None

    @property
    def refused(self):
        return self.comment is None

    @property
    def held(self):
        return self.comment is not None and not self.comment.is_public


def comment_post(form, request):
    """Store a valid comment form's comment, through the same signals django-contrib-comments' view sends.

    The moderator (comments.moderation.EntryModerator) refuses closed threads and holds comments; xtd's
    receivers create the XtdComment and mail follow-up subscribers.
    """
    comment = form.get_comment_object(site_id=get_current_site(request).id)
    comment.ip_address = request.META.get("REMOTE_ADDR") or None
    if request.user.is_authenticated:
        comment.user = request.user
    responses = signals.comment_will_be_posted.send(sender=comment.__class__, comment=comment, request=request)
    if any(response is False for _receiver, response in responses):
        return PostResult()
    with transaction.atomic():
        comment.save()
        signals.comment_was_posted.send(sender=comment.__class__, comment=comment, request=request)
    return PostResult(comment.xtd_comment)


def comment_approve(comments, by):
    """Publish held comments and tell the thread's followers, which xtd does only for comments public at once."""
    for comment in comments.filter(is_public=False):
        comment.is_public = True
        comment.is_removed = False
        comment.save(update_fields=["is_public", "is_removed"])
        CommentFlag.objects.get_or_create(comment=comment, user=by, flag=CommentFlag.MODERATOR_APPROVAL)
        notify_comment_followers(comment)


def comment_remove(comments, by):
    """Hide comments from readers; they stay in the admin, and a moderator can approve them again."""
    for comment in comments:
        CommentFlag.objects.get_or_create(comment=comment, user=by, flag=CommentFlag.MODERATOR_DELETION)
    removed = comments.update(is_removed=True)
    content_changed()
    return removed


def comment_flag(comments, by):
    """Mark comments for a second look by the moderators."""
    for comment in comments:
        CommentFlag.objects.get_or_create(comment=comment, user=by, flag=CommentFlag.SUGGEST_REMOVAL)


def comment_unflag(comments):
    """Clear every “suggest removal” flag on these comments."""
    return CommentFlag.objects.filter(comment__in=comments, flag=CommentFlag.SUGGEST_REMOVAL).delete()[0]


def _thread_set_open(entry, is_open, by, reason):
    with transaction.atomic():
        # updated_at moves too: whatever shows the item must know it changed.
        type(entry).objects.filter(pk=entry.pk).update(comments_open=is_open, updated_at=timezone.now())
        content_changed()
        entry.comments_open = is_open
        return thread_record_change(entry, by, reason)


def thread_close(entry, by, reason=""):
    """Close an item's comment thread: its comments stay visible, no new ones are taken."""
    return _thread_set_open(entry, False, by, reason)


def thread_reopen(entry, by, reason=""):
    """Reopen a closed thread. A thread past COMMENTS_CLOSE_AFTER_DAYS stays closed all the same."""
    return _thread_set_open(entry, True, by, reason)


def thread_record_change(entry, by, reason=""):
    """Record a change of `comments_open` made elsewhere (the item's admin form)."""
    return ThreadChange.objects.create(
        content_type=ContentType.objects.get_for_model(type(entry)),
        object_id=entry.pk,
        action=ThreadChange.Action.REOPENED if entry.comments_open else ThreadChange.Action.CLOSED,
        reason=reason[:300],
        changed_by=by,
    )
