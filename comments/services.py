"""Writes that span models: posting a comment, moderating it, closing and reopening threads, importing one."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.sites.shortcuts import get_current_site
from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Lower, Trim
from django.utils import timezone
from django_comments import signals
from django_comments.models import CommentFlag
from django_comments_xtd import get_model as get_comment_model
from django_comments_xtd.views import notify_comment_followers

from comments import browser
from comments.models import Ban, CommentEdit, ModerationEvent, Reason, Report, ThreadChange, normalise_email
from comments.moderation import moderator_for
from comments.pagekeys import comments_changed
from comments.threads import HELD, REMOVED, VISIBLE
from core.clientip import client_ip
from core.dependencies import changed, discussion_key


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
    comment.ip_address = client_ip(request)
    if request.user.is_authenticated:
        comment.user = request.user
    responses = signals.comment_will_be_posted.send(sender=comment.__class__, comment=comment, request=request)
    if any(response is False for _receiver, response in responses):
        return PostResult()
    with transaction.atomic():
        if comment.parent_id:
            _lock_thread(comment.parent_id)
        comment.save()
        signals.comment_was_posted.send(sender=comment.__class__, comment=comment, request=request)
    return PostResult(comment.xtd_comment)


def comment_import(entry, parent_pk=0, **fields):
    """Store a comment written elsewhere (another site's export): no moderation, no mail to anyone.

    `parent_pk` is the comment it replies to, stored first: django-comments-xtd places a reply in its thread
    (thread, level, order) from its parent, as for a reply posted here. `fields` are the comment model's.
    """
    comment = get_comment_model()(
        content_type=ContentType.objects.get_for_model(entry), object_pk=str(entry.pk), site_id=settings.SITE_ID,
        parent_id=parent_pk, **fields,
    )  # fmt: skip
    comment.save()
    return comment


def _lock_thread(parent_id):
    """Hold the thread's first comment until this transaction ends, so replies to it are numbered one at a time.

    django-comments-xtd places a reply by reading the thread's order numbers and shifting them: two replies
    placed at once would take the same place. (SQLite's IMMEDIATE transactions already write one at a time.)
    """
    comments = get_comment_model().norel_objects
    thread_id = comments.filter(pk=parent_id).values_list("thread_id", flat=True).first()
    if thread_id:
        list(comments.select_for_update().filter(pk=thread_id).values_list("pk", flat=True))


def comment_approve(comments, by, note=""):
    """Publish held or removed comments; the number published.

    Followers hear of a comment once, when it first goes public (xtd tells them only of comments public at
    once); a removed comment put back was public before, so they heard of it then.
    """
    approved = list(comments.exclude(VISIBLE))
    _record(approved, by, CommentFlag.MODERATOR_APPROVAL)
    _update(approved, is_public=True, is_removed=False)
    _resolve_reports(approved, by)
    _log(ModerationEvent.Action.APPROVE, by, approved, note=note)
    for comment in approved:
        if not comment.is_public:
            comment.is_public = True
            notify_comment_followers(comment)
    return len(approved)


def comment_remove(comments, by, reason="", note=""):
    """Hide comments from readers; the number removed. They stay in the admin, and can be approved again.

    Readers' open reports on them are decided by the removal, so the comments leave the Reported queue.
    """
    removed = list(comments.exclude(REMOVED))
    _record(removed, by, CommentFlag.MODERATOR_DELETION)
    _update(removed, is_removed=True)
    _resolve_reports(removed, by)
    _log(ModerationEvent.Action.REMOVE, by, removed, reason=reason, note=note)
    return len(removed)


def reports_dismiss(comments, by, note=""):
    """Keep reported comments up: decide their open reports without removing them; the number of comments."""
    comments = list(comments)
    reported = _open_report_ids(comments)
    kept_up = [comment for comment in comments if comment.pk in reported]
    _resolve_reports(kept_up, by)
    _log(ModerationEvent.Action.DISMISS, by, kept_up, note=note)
    return len(kept_up)


def _open_report_ids(comments):
    ids = [comment.pk for comment in comments]
    return set(Report.objects.open().filter(comment_id__in=ids).values_list("comment_id", flat=True))


def _resolve_reports(comments, by):
    ids = [comment.pk for comment in comments]
    Report.objects.open().filter(comment_id__in=ids).update(resolved_at=timezone.now(), resolved_by=by)


def commenter_of(comment):
    """Who wrote a comment, as bans and the log name them: their account, else their address (any case)."""
    return comment.user if comment.user_id else None, normalise_email(comment.user_email)


def commenter_ban(comments, by, reason="", note=""):
    """Ban the authors of `comments` and remove these comments with whatever they still have awaiting
    moderation; the number of commenters newly banned.

    An account is banned by account, anyone else by address: a reader's typed name proves nothing.
    """
    banned = 0
    with transaction.atomic():
        for comment in comments:
            user, email = commenter_of(comment)
            if not Ban.objects.active().of(email=email if user is None else "", user=user).exists():
                ban_create(email="" if user else email, user=user, by=by, reason=reason, note=note, comment=comment)
                banned += 1
            theirs = get_comment_model().norel_objects.filter(HELD, user=user) if user else (
                get_comment_model().norel_objects.filter(HELD, user__isnull=True).alias(
                    address=Lower(Trim("user_email"))).filter(address=email)
            )  # fmt: skip
            comment_remove(
                get_comment_model().norel_objects.filter(Q(pk=comment.pk) | Q(pk__in=theirs.values("pk"))),
                by, reason=reason, note=note,
            )  # fmt: skip
    return banned


def ban_create(email="", user=None, by=None, reason="", note="", comment=None):
    """Stop an address or an account from posting; logged. `reason` is a Reason code or a moderator's words."""
    label = Reason(reason).label if reason in Reason.values else reason
    ban = Ban.objects.create(email=email, user=user, reason=str(label)[:300], created_by=by)
    return ban_record(ban, by, reason=reason, note=note, comment=comment)


def ban_record(ban, by, reason="", note="", comment=None):
    """Log a ban made here or in its admin form."""
    coded = reason in Reason.values  # else the moderator's own words, kept as the note
    ModerationEvent.objects.create(
        actor=by, action=ModerationEvent.Action.BAN, comment=comment, commenter=str(ban)[:254],
        reason=reason if coded else "", note=(note or ("" if coded else ban.reason))[:500], **_entry_fields(comment),
    )  # fmt: skip
    return ban


def comment_log_change(comment, by):
    """Log an approval or removal made in a comment's admin form (a save, so the page cache hears of it)."""
    visible = comment.is_public and not comment.is_removed
    _log(ModerationEvent.Action.APPROVE if visible else ModerationEvent.Action.REMOVE, by, [comment])
    if comment.is_removed:
        _resolve_reports([comment], by)


def ban_lift(bans, by, note=""):
    """Let banned commenters post again; the number of bans lifted. The bans stay, as a record."""
    lifted = list(bans.filter(lifted_at__isnull=True))
    Ban.objects.filter(pk__in=[ban.pk for ban in lifted]).update(lifted_at=timezone.now(), lifted_by=by)
    ModerationEvent.objects.bulk_create(
        ModerationEvent(actor=by, action=ModerationEvent.Action.UNBAN, commenter=str(ban)[:254], note=note[:500])
        for ban in lifted
    )
    return len(lifted)


def _entry_fields(comment):
    if comment is None:
        return {}
    object_pk = str(comment.object_pk)
    return {"content_type_id": comment.content_type_id, "object_id": int(object_pk) if object_pk.isdigit() else None}


def _log(action, by, comments, reason="", note=""):
    """One log line per comment acted on."""
    ModerationEvent.objects.bulk_create([_event(action, by, comment, reason, note) for comment in comments])


def _event(action, by, comment, reason, note):
    return ModerationEvent(
        actor=by, action=action, comment_id=comment.pk, reason=reason, note=note[:500],
        commenter=(normalise_email(comment.user_email) or comment.user_name)[:254], **_entry_fields(comment),
    )  # fmt: skip


def comment_flag(comments, by):
    """Mark comments for a second look by the moderators; the number newly flagged by `by`."""
    return _record(comments, by, CommentFlag.SUGGEST_REMOVAL)


def comment_unflag(comments):
    """Clear every “suggest removal” flag on these comments; the number of comments that had one."""
    flags = CommentFlag.objects.filter(comment__in=comments, flag=CommentFlag.SUGGEST_REMOVAL)
    unflagged = flags.values("comment").distinct().count()
    flags.delete()
    return unflagged


def _record(comments, by, flag):
    """Who decided what: django-contrib-comments' flags, one per comment, moderator and decision."""
    return sum(CommentFlag.objects.get_or_create(comment=comment, user=by, flag=flag)[1] for comment in comments)


def comment_report(comment, request, reason, note=""):
    """Record a reader's report on a published comment; whether it is new (a reader counts once per comment).

    When COMMENTS_HIDE_AFTER_REPORTS readers have reported it (and no moderator decided yet), the comment is held:
    readers stop seeing it until a moderator approves or removes it (comments.threads.hidden_by_reports).
    """
    reporter_key, tally_key = browser.reporter_keys(request)
    comments = get_comment_model().norel_objects
    with transaction.atomic():
        # One report on a comment at a time, so two readers' reports cannot both miss the threshold.
        list(comments.select_for_update().filter(pk=comment.pk).values_list("pk", flat=True))
        _report, created = Report.objects.get_or_create(
            comment=comment, reporter_key=reporter_key,
            defaults={"reason": reason, "note": note, "tally_key": tally_key,
                      "user": request.user if request.user.is_authenticated else None},
        )  # fmt: skip
        threshold = settings.COMMENTS_HIDE_AFTER_REPORTS
        if created and threshold > 0:
            readers = Report.objects.open().filter(comment=comment).values("tally_key").distinct().count()
            if readers >= threshold and comments.filter(VISIBLE, pk=comment.pk).update(is_public=False):
                comments_changed([comment])  # an UPDATE sends no signal: the thread is remade here
    return created


def comment_edit(comment, text, request):
    """Replace a reader's words with new ones, through the rules a new comment meets; whether it is now held.

    A held comment stays held; a published one is held when its new words would hold a new comment (banned
    words, links), and the moderators hear of it. The words it replaced are kept (comments.CommentEdit).
    """
    entry = comment.content_object
    previous, comment.comment = comment.comment, text
    rules = moderator_for(entry)
    newly_held = comment.is_public and rules.moderate(comment, entry, request)
    with transaction.atomic():
        CommentEdit.objects.create(comment=comment, kind=CommentEdit.Kind.EDITED, previous_text=previous)
        get_comment_model().norel_objects.filter(pk=comment.pk).update(
            comment=text, is_public=comment.is_public and not newly_held
        )
        comments_changed([comment])
    if newly_held:
        comment.is_public = False
        rules.email(comment, entry, request)
    return not comment.is_public


def comment_delete_by_author(comment):
    """A reader deletes their own comment: removed as a moderator would (a placeholder stays above its replies),
    and recorded as theirs, so it never counts against them (comments.moderation.mostly_removed)."""
    with transaction.atomic():
        CommentEdit.objects.create(comment=comment, kind=CommentEdit.Kind.DELETED)
        _update([comment], is_removed=True)


def _update(comments, **state):
    # One UPDATE, not save(): saving would also run django-comments-xtd's hook that hides or publishes every
    # reply below, held ones included. An UPDATE sends no signal, so the page cache is told here.
    get_comment_model().norel_objects.filter(pk__in=[c.pk for c in comments]).update(**state)
    comments_changed(comments)


def _thread_set_open(entry, is_open, by, reason):
    with transaction.atomic():
        # updated_at moves too: whatever shows the item must know it changed.
        type(entry).objects.filter(pk=entry.pk).update(comments_open=is_open, updated_at=timezone.now())
        changed(discussion_key(entry._meta.label_lower, entry.pk))
        entry.comments_open = is_open
        return thread_record_change(entry, by, reason)


def thread_close(entry, by, reason=""):
    """Close an item's comment thread: its comments stay visible, no new ones are taken."""
    return _thread_set_open(entry, False, by, reason)


def thread_reopen(entry, by, reason=""):
    """Reopen a closed thread. One past its section's closing date (comments.policies) stays closed all the same."""
    return _thread_set_open(entry, True, by, reason)


def thread_record_change(entry, by, reason=""):
    """Record a change of `comments_open` made elsewhere (the item's admin form)."""
    content_type = ContentType.objects.get_for_model(type(entry))
    ModerationEvent.objects.create(
        actor=by, action=ModerationEvent.Action.REOPEN if entry.comments_open else ModerationEvent.Action.CLOSE,
        content_type=content_type, object_id=entry.pk, note=reason[:500],
    )  # fmt: skip
    return ThreadChange.objects.create(
        content_type=content_type,
        object_id=entry.pk,
        action=ThreadChange.Action.REOPENED if entry.comments_open else ThreadChange.Action.CLOSED,
        reason=reason[:300],
        changed_by=by,
    )
