from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
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
