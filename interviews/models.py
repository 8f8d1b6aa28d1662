from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import Entry


class Interview(Entry):
    """A conversation with one or more interviewees, listed in the order the editor sets."""

    revision_follow = ("interviewees",)  # restoring an interview restores who was in it

    class Meta(Entry.Meta):
        verbose_name = _("interview")
        verbose_name_plural = _("interviews")


class Interviewee(models.Model):
    """A person interviewed, with the role or description the interview gives them."""

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="interviewees")
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role or description"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("interviewee")

    def __str__(self):
        return f"{self.name}, {self.role}" if self.role else self.name
