from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# The two rights of the discussion, as `user.has_perm()` takes them; the Moderators and Editors groups hold both.
MODERATE_COMMENTS = "django_comments.can_moderate"  # approve, remove and flag comments
CLOSE_THREADS = "comments.close_thread"  # close and reopen threads, without edit rights on the content


class ThreadChange(models.Model):
    """A record of one moderator closing or reopening an item's comment thread: who, when and why.

    Its `close_thread` permission is what lets a user close and reopen threads without edit rights on content.
    """

    class Action(models.TextChoices):
        CLOSED = "closed", _("Closed")
        REOPENED = "reopened", _("Reopened")

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    entry = GenericForeignKey("content_type", "object_id")
    action = models.CharField(_("action"), max_length=10, choices=Action)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, on_delete=models.SET_NULL)
    changed_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["-changed_at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "-changed_at"])]
        permissions = [("close_thread", _("Can close and reopen comment threads"))]
        verbose_name = _("thread closing or reopening")
        verbose_name_plural = _("thread closings and reopenings")

    def __str__(self):
        return f"{self.get_action_display()}: {self.entry}"


class Reason(models.TextChoices):
    """Why a comment is reported by a reader or removed by a moderator: one list for both, so they compare."""

    SPAM = "spam", _("Spam")
    ABUSE = "abuse", _("Abuse or harassment")
    OFF_TOPIC = "off-topic", _("Off-topic")
    PERSONAL_INFORMATION = "personal-information", _("Personal information")
    OTHER = "other", _("Other")


class ReportQuerySet(models.QuerySet):
    def open(self):
        """Reports no moderator has decided on yet: what the Reported queue shows."""
        return self.filter(resolved_at__isnull=True)


class Report(models.Model):
    """A reader telling the moderators that a published comment should not be there.

    One reader counts once per comment: `reporter_key` names the reader (their account, else a hash of the browser's
    signed token or address), and is unique per comment. See comments/reports.py.
    """

    comment = models.ForeignKey(
        "django_comments_xtd.XtdComment", verbose_name=_("comment"), on_delete=models.CASCADE, related_name="reports"
    )
    reason = models.CharField(_("reason"), max_length=30, choices=Reason, default=Reason.OTHER)
    note = models.CharField(_("note"), max_length=500, blank=True)
    reporter_key = models.CharField(max_length=64, editable=False)
    # Who the report counts as towards hiding the comment (COMMENTS_HIDE_AFTER_REPORTS): the account, else a keyed
    # hash of the address, so one person clearing their cookies between reports still counts once.
    tally_key = models.CharField(max_length=64, editable=False, default="")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reported by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    created_at = models.DateTimeField(_("reported"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("decided"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("decided by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["comment", "reporter_key"], name="one_report_per_reader")]
        indexes = [models.Index(fields=["resolved_at", "-created_at"])]
        verbose_name = _("reader report")
        verbose_name_plural = _("reader reports")

    def __str__(self):
        return f"{self.get_reason_display()}: {self.comment_id}"


class BanQuerySet(models.QuerySet):
    def active(self):
        return self.filter(lifted_at__isnull=True)

    def of(self, email="", user=None):
        """Bans naming this e-mail address (whatever its case) or this account."""
        which = Q(pk__in=[])
        if email and email.strip():
            which |= Q(email=normalise_email(email))
        if user is not None and user.pk:
            which |= Q(user=user)
        return self.filter(which)


def normalise_email(email):
    """How bans store and compare addresses: surrounding spaces and case aside, as readers type them."""
    return (email or "").strip().lower()


class Ban(models.Model):
    """A commenter who may no longer post: by e-mail address (any case) or by account. Lifted, not deleted."""

    email = models.EmailField(_("e-mail address"), blank=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("account"), null=True, blank=True, on_delete=models.CASCADE,
        related_name="+",
    )  # fmt: skip
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("banned by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", editable=False,
    )  # fmt: skip
    created_at = models.DateTimeField(_("banned"), auto_now_add=True)
    lifted_at = models.DateTimeField(_("lifted"), null=True, blank=True, editable=False)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("lifted by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", editable=False,
    )  # fmt: skip

    objects = BanQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [models.CheckConstraint(condition=~Q(email="") | Q(user__isnull=False), name="ban_names_someone")]
        verbose_name = _("ban")
        verbose_name_plural = _("bans")

    def __str__(self):
        return self.email or str(self.user)

    def save(self, *args, **kwargs):
        self.email = normalise_email(self.email)
        super().save(*args, **kwargs)

    @property
    def is_active(self):
        return self.lifted_at is None


class ModerationEvent(models.Model):
    """One moderation act, for the log at /admin/moderation/log/: who did what to which comment, item or commenter."""

    class Action(models.TextChoices):
        APPROVE = "approve", _("Approved")
        REMOVE = "remove", _("Removed")
        BAN = "ban", _("Banned")
        UNBAN = "unban", _("Ban lifted")
        CLOSE = "close", _("Thread closed")
        REOPEN = "reopen", _("Thread reopened")
        DISMISS = "dismiss", _("Reports dismissed")

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    action = models.CharField(_("action"), max_length=10, choices=Action)
    comment = models.ForeignKey(
        "django_comments_xtd.XtdComment", verbose_name=_("comment"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    commenter = models.CharField(_("commenter"), max_length=254, blank=True)  # an e-mail address or a user name
    content_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.SET_NULL)
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    entry = GenericForeignKey("content_type", "object_id")
    reason = models.CharField(_("reason"), max_length=30, choices=Reason, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("moderation event")
        verbose_name_plural = _("moderation log")

    def __str__(self):
        return f"{self.get_action_display()} ({self.created_at:%Y-%m-%d %H:%M})"


class SectionPolicy(models.Model):
    """How long one section's threads stay open: “close comments N days after publishing”, editable by editors.

    A section without a row follows COMMENTS_CLOSE_AFTER_DAYS; a row left empty keeps the section's threads open
    for good. Read through `comments.policies`, which keeps every row in the cache until one is saved.
    """

    section = models.OneToOneField(ContentType, verbose_name=_("section"), on_delete=models.CASCADE)
    close_after_days = models.PositiveIntegerField(
        _("close comments after (days)"), null=True, blank=True,
        help_text=_("Days after an item is published. Leave empty to keep this section's threads open for good; "
                    "delete this row to follow the site's default (COMMENTS_CLOSE_AFTER_DAYS)."),
    )  # fmt: skip

    class Meta:
        verbose_name = _("section comment policy")
        verbose_name_plural = _("section comment policies")

    def __str__(self):
        model = self.section.model_class()
        return str(model._meta.verbose_name_plural).capitalize() if model else str(self.section)


class ModeratorMailPreference(models.Model):
    """How a moderator hears of comments held for moderation: one mail each, a digest, or nothing.

    A moderator without a row gets a mail per held comment, as before preferences existed.
    """

    class Frequency(models.TextChoices):
        EACH = "each", _("A mail for each held comment")
        HOURLY = "hourly", _("An hourly digest")
        DAILY = "daily", _("A daily digest")
        NONE = "none", _("No mail")

    DIGESTS = (Frequency.HOURLY, Frequency.DAILY)

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("moderator"), on_delete=models.CASCADE, related_name="mail_preference"
    )
    frequency = models.CharField(_("mail me"), max_length=10, choices=Frequency, default=Frequency.EACH)
    # Held comments submitted up to this time have been mailed to this moderator (or needed no digest): the next
    # digest lists those submitted after it. Set when a digest is chosen, so it never repeats single mails.
    mailed_until = models.DateTimeField(_("digest sent up to"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("moderator mail preference")
        verbose_name_plural = _("moderator mail preferences")

    def __str__(self):
        return f"{self.user}: {self.get_frequency_display()}"

    def save(self, *args, **kwargs):
        if self.frequency not in self.DIGESTS:
            self.mailed_until = None
        elif self.mailed_until is None:  # a digest starts from now: earlier comments were mailed one by one
            self.mailed_until = timezone.now()
        super().save(*args, **kwargs)


class CommentEdit(models.Model):
    """A reader changing their own comment (COMMENTS_EDIT_MINUTES): an edit, with the words it replaced, or a deletion.

    django-comments-xtd's comment model takes no new fields: this record is where “edited” and its time come from,
    and what tells a reader's own deletion from a moderator's removal.
    """

    class Kind(models.TextChoices):
        EDITED = "edited", _("Edited")
        DELETED = "deleted", _("Deleted by its author")

    comment = models.ForeignKey(
        "django_comments_xtd.XtdComment", verbose_name=_("comment"), on_delete=models.CASCADE, related_name="edits"
    )
    kind = models.CharField(_("change"), max_length=10, choices=Kind, default=Kind.EDITED)
    previous_text = models.TextField(_("words before"), blank=True)
    edited_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["-edited_at", "-pk"]
        indexes = [models.Index(fields=["comment", "kind", "-edited_at"])]
        verbose_name = _("comment changed by its author")
        verbose_name_plural = _("comments changed by their authors")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.comment_id}"


class BannedWord(models.Model):
    """A word or phrase that holds a comment for a moderator: whole words, whatever the case and accents."""

    word = models.CharField(
        _("word or phrase"), max_length=100, unique=True,
        help_text=_("Matched as a whole word, whatever the case and accents: “medecin” also holds “Médecin”."),
    )  # fmt: skip
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        ordering = ["word"]
        verbose_name = _("banned word")
        verbose_name_plural = _("banned words")

    def __str__(self):
        return self.word

    def clean(self):
        from comments.banned_words import normalize

        self.word = " ".join(self.word.split())
        if not any(char.isalnum() for char in normalize(self.word)):
            raise ValidationError({"word": _("Type a word or phrase with at least one letter or digit.")})
