"""Who may comment where, and which comments wait for a moderator: the rules of our threads.

Registered with django-comments-xtd's moderator (not django-contrib-comments' own, which never sees the
temporary comment class xtd posts: docs/comments.md, trap 1).
"""

import re

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.mail import send_mail
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Lower, Trim
from django.template.loader import render_to_string
from django.utils import timezone
from django_comments_xtd import get_model as get_comment_model
from django_comments_xtd.moderation import XtdCommentModerator, moderator

from comments.banned_words import find_banned_word
from comments.models import MODERATE_COMMENTS, Ban, CommentEdit, ModeratorMailPreference
from comments.policies import closes_at
from comments.queue import queue_url
from comments.threads import REMOVED, VISIBLE, latest_closing

LINK = re.compile(r"https?://|www\.", re.IGNORECASE)


class EntryModerator(XtdCommentModerator):
    """The rules for comments on every section's items."""

    enable_field = "comments_open"
    # The library's auto-close counts one number of days for every model; ours is per section and read from the
    # database (comments.policies), so allow() applies it and the library's own day count stays off.
    auto_close_field = "published_at"  # a DateTimeField, so the cut-off is exact to the second (trap 5)
    close_after = None
    email_notification = True

    def allow(self, comment, content_object, request):
        """Only published items take comments: a draft or scheduled item has no thread yet; nor does an item past
        its section's closing time (comments.policies), nor one a moderator closed.
        """
        if not content_object.is_published():
            return False
        if comment is not None and is_banned(comment.user_email, getattr(comment, "user", None)):
            return False
        closing = closes_at(content_object)
        if closing is not None and timezone.now() >= closing:
            return False
        return super().allow(comment, content_object, request)

    def moderate(self, comment, content_object, request):
        """Hold the comment when it carries too many links or a banned word, when its author is not a returning
        commenter, or is one whose recent comments were mostly removed. Edits go through the same rules.
        """
        user = getattr(comment, "user", None)
        if user is not None and user.has_perm(MODERATE_COMMENTS):
            return False
        if len(LINK.findall(comment.comment)) > settings.COMMENTS_HOLD_MAX_LINKS:
            return True
        if find_banned_word(comment.user_name, comment.comment):
            return True
        if settings.COMMENTS_HOLD_FIRST_TIME and not is_returning_commenter(comment):
            return True
        if mostly_removed(comment):
            return True
        return super().moderate(comment, content_object, request)

    def email(self, comment, content_object, request):
        """Tell the Moderators group (not settings.MANAGERS, trap 8) that a comment waits for them."""
        if comment.is_public:
            return
        recipients = moderator_emails(ModeratorMailPreference.Frequency.EACH)
        if not recipients:
            return
        message = render_to_string(
            "comments/email/held_comment.txt",
            {
                "comment": comment,
                "entry": content_object,
                "comments_url": settings.SITE_URL + content_object.get_comments_url(),
                "queue_url": settings.SITE_URL + queue_url(),
            },
        )
        title = " ".join(str(content_object).split())  # a header is one line; an imported title may hold several
        subject = f"[{settings.SITE_NAME}] A comment on “{title}” awaits moderation"
        send_mail(subject, message, settings.DEFAULT_FROM_EMAIL, recipients, fail_silently=True)


def is_returning_commenter(comment):
    """Whether the comment's author already has a comment readers see.

    A logged-in reader is known by their account. Anyone else must give the same name and e-mail address as
    an earlier anonymous comment (WordPress's rule; case and surrounding spaces aside). An address alone proves
    nothing, since anyone may type it; nor do the name and address of an account, which only its login proves.
    """
    return _same_author(comment).filter(VISIBLE).exists()


def _same_author(comment):
    """The comments of `comment`'s author: by account when logged in, else by name and e-mail address together."""
    comments = get_comment_model().norel_objects
    if getattr(comment, "user", None):
        return comments.filter(user=comment.user)
    name, email = (comment.user_name or "").strip().lower(), (comment.user_email or "").strip().lower()
    if not name or not email:
        return comments.none()
    return (
        comments.filter(user__isnull=True)
        .alias(known_name=Lower(Trim("user_name")), known_email=Lower(Trim("user_email")))
        .filter(known_name=name, known_email=email)
    )


def mostly_removed(comment):
    """Whether moderators removed more than COMMENTS_REJECTION_RATE of the author's last COMMENTS_REJECTION_WINDOW
    decided comments (published or removed; those still waiting are not decided, and comments their author deleted
    were not rejected). The author is known as in `is_returning_commenter`.
    """
    window = settings.COMMENTS_REJECTION_WINDOW
    if window <= 0:
        return False
    decided = _same_author(comment).filter(VISIBLE | REMOVED)
    if comment.pk:  # an edit: the comment being judged is not part of its author's record
        decided = decided.exclude(pk=comment.pk)
    deleted_by_author = CommentEdit.objects.filter(comment=OuterRef("pk"), kind=CommentEdit.Kind.DELETED)
    recent = list(
        decided.exclude(Exists(deleted_by_author))
        .order_by("-submit_date", "-pk")
        .values_list("is_removed", flat=True)[:window]
    )
    return bool(recent) and sum(recent) / len(recent) > settings.COMMENTS_REJECTION_RATE


def is_banned(email="", user=None):
    """Whether this address (whatever its case) or this account may not post."""
    account = user if user is not None and user.is_authenticated else None
    return Ban.objects.active().of(email=email, user=account).exists()


def moderators():
    """Every active user who may approve comments."""
    app_label, codename = MODERATE_COMMENTS.split(".")
    permission = Permission.objects.get(content_type__app_label=app_label, codename=codename)
    return get_user_model().objects.filter(
        Q(groups__permissions=permission) | Q(user_permissions=permission) | Q(is_superuser=True), is_active=True
    )


def moderator_emails(frequency=ModeratorMailPreference.Frequency.EACH):
    """The addresses of the moderators who chose to hear of held comments at `frequency`.

    A moderator who never chose gets a mail for each held comment (ModeratorMailPreference's default).
    """
    chose = Q(mail_preference__frequency=frequency)
    if frequency == ModeratorMailPreference.Frequency.EACH:
        chose |= Q(mail_preference=None)
    return sorted(set(moderators().filter(chose).exclude(email="").values_list("email", flat=True)))


def moderator_for(entry):
    """The moderator rules registered for the entry's model."""
    return moderator._registry[type(entry)]


def thread_is_open(entry):
    """Whether readers may comment on `entry` now: the same rule the server applies to every post."""
    return moderator_for(entry).allow(None, entry, None)


def closed_since(entry):
    """When `entry`'s published thread closed, or None while it is open (or when nobody recorded it).

    A thread closes when its section's days run out (comments.policies) or when a moderator closes it (the
    latest closing recorded); closed both ways, it has been closed since the earlier of the two.
    """
    if not entry.is_published():
        return None
    times = []
    closing = closes_at(entry)
    if closing is not None and closing <= timezone.now():
        times.append(closing)
    if not entry.comments_open:
        closed = latest_closing(entry)
        if closed is not None:
            times.append(closed)
    return min(times, default=None)


def refuse_confirmation_on_closed_thread(sender, comment, request, **kwargs):
    """An e-mail confirmation that arrives after the thread closed must not publish the comment (trap 3)."""
    entry = comment.content_object
    return type(entry) not in moderator._registry or thread_is_open(entry)
