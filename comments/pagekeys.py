"""The dependency keys (core.dependencies) comments bump: their item's discussion, when readers see the change.

A comment readers see (or saw before this write) changes its item's page, its comment count on every card
and its comments page; a new comment held for moderation changes nothing readers see, so it bumps nothing.
"""

from django.db.models.signals import pre_save
from django_comments_xtd import get_model as get_comment_model

from comments.threads import VISIBLE
from core.dependencies import changed, discussion_key, track

# Every comment readers see, on any item: what the site's comments feed shows.
LATEST_COMMENTS = "comments-latest"


def discussion_key_of(comment):
    return discussion_key(f"{comment.content_type.app_label}.{comment.content_type.model}", comment.object_pk)


def comment_written(comment, created):
    visible = comment.is_public and not comment.is_removed
    return [discussion_key_of(comment), LATEST_COMMENTS] if visible or getattr(comment, "was_visible", False) else []


def comments_changed(comments):
    """For writes through QuerySet.update(), which send no signal."""
    if comments:
        changed(LATEST_COMMENTS, *(discussion_key_of(comment) for comment in comments))


def remember_visibility(sender, instance, **kwargs):
    """Before a comment is saved again: could readers see it until now? (Its removal must remake its pages.)"""
    if instance.pk:
        instance.was_visible = sender.norel_objects.filter(VISIBLE, pk=instance.pk).exists()


def connect():
    model = get_comment_model()
    track(model, comment_written)
    pre_save.connect(remember_visibility, sender=model, dispatch_uid="comments-remember-visibility")
