"""Reading an item's discussion: which comments readers see and which wait, one page of threads, counts for lists.

VISIBLE and HELD are the only definitions of either state; every query of the discussion is built on them, so
a comment can never be counted where it is not shown, or be known, approvable or queued by another rule.
"""

from collections import defaultdict

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import CharField, Count, Exists, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Cast, Coalesce
from django_comments_xtd import get_model as get_comment_model
from django_comments_xtd.models import max_thread_level_for_content_type

from comments.models import CommentEdit, Report, ThreadChange

VISIBLE = Q(is_public=True, is_removed=False)  # approved (or never held) and not removed: what readers see
HELD = Q(is_public=False, is_removed=False)  # awaiting a moderator's decision
REMOVED = Q(is_removed=True)  # taken down by a moderator, whether it had been approved or not


def comments_on(entry):
    """Every comment on `entry` on this site, whatever its state."""
    return get_comment_model().norel_objects.for_model(entry).filter(site_id=settings.SITE_ID)


def approved_comments(entry):
    """The comments readers see on `entry`."""
    return comments_on(entry).filter(VISIBLE)


def held_comments(entry):
    """Comments on `entry` waiting for a moderator, oldest first."""
    return comments_on(entry).filter(HELD).order_by("submit_date")


def max_reply_level(entry):
    """The level of the deepest reply `entry` takes (0 is a comment; COMMENTS_XTD_MAX_THREAD_LEVEL)."""
    return max_thread_level_for_content_type(ContentType.objects.get_for_model(entry))


def thread_page(entry, page_number):
    """One page of `entry`'s threads, oldest first, each with its replies in reading order.

    Pages hold whole threads (COMMENTS_PER_PAGE of them, as WordPress pages by top-level comment), so a reply
    is never cut from its parent; three queries whatever the number of comments. A removed or held comment (hidden
    by readers' reports) with a visible reply under it stays in its place as a placeholder, so replies keep their
    parent. `edited_at` is when its author last edited it (comments.CommentEdit), or None.
    """
    thread_ids = approved_comments(entry).order_by("thread_id").values_list("thread_id", flat=True).distinct()
    page = Paginator(thread_ids, settings.COMMENTS_PER_PAGE).get_page(page_number)
    last_edit = CommentEdit.objects.filter(comment=OuterRef("pk"), kind=CommentEdit.Kind.EDITED).order_by("-edited_at")
    candidates = comments_on(entry).filter(thread_id__in=list(page.object_list))
    candidates = candidates.annotate(edited_at=Subquery(last_edit.values("edited_at")[:1]))
    page.comments = _with_placeholders(candidates.order_by("thread_id", "order"), max_reply_level(entry))
    return page


def _with_placeholders(comments, max_level):
    """Visible comments, and the hidden ones (removed, or held) that have a visible comment below them, emptied.

    Comments come in reading order, so every reply follows its parent: walking backwards meets each comment
    after all of its replies.
    """
    shown, needed = [], set()
    for comment in reversed(comments):
        hidden = comment.is_removed or not comment.is_public
        if not hidden or comment.pk in needed:
            comment.takes_replies = not hidden and comment.level < max_level
            if hidden:  # nothing of it may reach the page, whichever template shows it
                comment.user_name = comment.user_email = comment.user_url = comment.comment = ""
            shown.append(comment)
            needed.add(comment.parent_id)
    shown.reverse()
    return shown


def hidden_by_reports(comments=None):
    """Comments readers stopped seeing because COMMENTS_HIDE_AFTER_REPORTS readers reported them.

    They are held (HELD: the Pending queue lists them too) with reports no moderator has decided on yet
    (`Report.objects.open()`); a held comment takes no new report, so its open reports were all made while it
    was published. Approving or removing it decides its reports (comments.services), and it leaves this set.
    """
    if comments is None:
        comments = get_comment_model().norel_objects.all()
    return comments.filter(HELD, Exists(Report.objects.open().filter(comment=OuterRef("pk"))))


def page_of_thread(entry, thread_id):
    """The page number on which a thread appears, to send a poster straight to their comment."""
    earlier = approved_comments(entry).filter(thread_id__lt=thread_id).values("thread_id").distinct().count()
    return earlier // settings.COMMENTS_PER_PAGE + 1


def comment_counts(entries):
    """{(content type id, pk as text): visible comments} for a list of items of any sections, in one query."""
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
        .norel_objects.filter(which, VISIBLE, site_id=settings.SITE_ID)
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


def latest_closing(entry):
    """When a moderator last closed `entry`'s thread, or None."""
    return (
        ThreadChange.objects.filter(
            content_type=ContentType.objects.get_for_model(entry), object_id=entry.pk, action=ThreadChange.Action.CLOSED
        )
        .values_list("changed_at", flat=True)
        .first()
    )


def on_published_items():
    """Comments on items readers can see now, in any section: one condition, for a single query."""
    from core.registry import entry_models

    which = Q(pk__in=[])
    for model, content_type in ContentType.objects.get_for_models(*entry_models()).items():
        published = model.objects.published().order_by().values_list(Cast("pk", CharField()))
        which |= Q(content_type=content_type, object_pk__in=published)
    return which


def with_thread_pages(comments):
    """`comments` annotated with `page_number`: the comments page each one's thread is on (see `page_of_thread`).

    One correlated count in the same query, so a list of comments from any number of items costs one query.
    """
    earlier_threads = (
        get_comment_model()
        .norel_objects.filter(
            VISIBLE, site_id=settings.SITE_ID, content_type=OuterRef("content_type"), object_pk=OuterRef("object_pk"),
            thread_id__lt=OuterRef("thread_id"),
        )
        .order_by()
        .values("content_type")
        .annotate(n=Count("thread_id", distinct=True))
        .values("n")
    )  # fmt: skip
    earlier = Coalesce(Subquery(earlier_threads, output_field=IntegerField()), 0)
    return comments.annotate(earlier_threads=earlier)


def latest_comments(limit, entry=None):
    """The newest comments readers see, on every published item or on `entry`, each with `page_number`.

    Newest first; `entry` is trusted to be one readers may see. Two queries whatever the number of comments when
    `entry` is given, and one more per section present otherwise (loading their items).
    """
    if entry is not None:
        comments = comments_on(entry).filter(VISIBLE)
    else:
        comments = get_comment_model().norel_objects.filter(VISIBLE, on_published_items(), site_id=settings.SITE_ID)
    comments = list(with_thread_pages(comments).order_by("-submit_date", "-pk")[:limit])
    items = {(ContentType.objects.get_for_model(entry).pk, str(entry.pk)): entry} if entry is not None else {}
    by_type = defaultdict(set)
    for comment in comments:
        if (comment.content_type_id, comment.object_pk) not in items:
            by_type[comment.content_type_id].add(comment.object_pk)
    for content_type_id, pks in by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        for item in model.objects.published().only("pk", "slug", "title", "status", "published_at").filter(pk__in=pks):
            items[content_type_id, str(item.pk)] = item
    for comment in comments:
        comment.entry = items.get((comment.content_type_id, comment.object_pk))
        comment.page_number = comment.earlier_threads // settings.COMMENTS_PER_PAGE + 1
    return [comment for comment in comments if comment.entry is not None]
