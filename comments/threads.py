"""Reading an item's discussion: approved comments, one page of threads, counts for lists."""

from collections import defaultdict

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django_comments_xtd import get_model as get_comment_model

from comments.models import ThreadChange


def approved_comments(entry):
    """The comments readers see on `entry`: approved by moderation and not removed."""
    return get_comment_model().norel_objects.filter(
        content_type=ContentType.objects.get_for_model(entry),
        object_pk=str(entry.pk),
        site_id=settings.SITE_ID,
        is_public=True,
        is_removed=False,
    )


def held_comments(entry):
    """Comments on `entry` waiting for a moderator, oldest first."""
    return (
        get_comment_model()
        .norel_objects.filter(
            content_type=ContentType.objects.get_for_model(entry),
            object_pk=str(entry.pk),
            site_id=settings.SITE_ID,
            is_public=False,
            is_removed=False,
        )
        .order_by("submit_date")
    )


def thread_page(entry, page_number):
    """One page of `entry`'s threads, oldest first, each with its replies in reading order.

    Pages hold whole threads (COMMENTS_PER_PAGE of them, as WordPress pages by top-level comment), so a reply
    is never cut from its parent; three queries whatever the number of comments.
    """
    comments = approved_comments(entry)
    thread_ids = comments.order_by("thread_id").values_list("thread_id", flat=True).distinct()
    page = Paginator(thread_ids, settings.COMMENTS_PER_PAGE).get_page(page_number)
    page.comments = list(comments.filter(thread_id__in=list(page.object_list)).order_by("thread_id", "order"))
    return page


def page_of_thread(entry, thread_id):
    """The page number on which a thread appears, to send a poster straight to their comment."""
    earlier = approved_comments(entry).filter(thread_id__lt=thread_id).values("thread_id").distinct().count()
    return earlier // settings.COMMENTS_PER_PAGE + 1


def comment_counts(entries):
    """{(content type id, pk as text): approved comments} for a list of items of any sections, in one query."""
    by_type = defaultdict(list)
    for entry in entries:
        by_type[ContentType.objects.get_for_model(entry).pk].append(str(entry.pk))
    if not by_type:
        return {}
    which = Q()
    for content_type_id, pks in by_type.items():
        which |= Q(content_type_id=content_type_id, object_pk__in=pks)
    rows = (
        get_comment_model()
        .norel_objects.filter(which, site_id=settings.SITE_ID, is_public=True, is_removed=False)
        .values_list("content_type_id", "object_pk")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {(content_type_id, object_pk): n for content_type_id, object_pk, n in rows}


def thread_changes(entry, limit=10):
    """The latest closings and reopenings of `entry`'s thread, for moderators."""
    return ThreadChange.objects.filter(
        content_type=ContentType.objects.get_for_model(entry), object_id=entry.pk
    ).select_related("changed_by")[:limit]
