"""The moderation queue: the admin's list of comments narrowed to those awaiting a decision, and links to it."""

from urllib.parse import urlencode

from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_comments_xtd import get_model as get_comment_model

from comments.threads import HELD, REMOVED, VISIBLE


class StatusFilter(admin.SimpleListFilter):
    """Awaiting moderation (with how many), published or removed: every comment is in exactly one."""

    title = _("status")
    parameter_name = "status"
    AWAITING = "awaiting"
    STATES = {AWAITING: HELD, "published": VISIBLE, "removed": REMOVED}

    def lookups(self, request, model_admin):
        awaiting = get_comment_model().norel_objects.filter(HELD).count()
        return [
            (self.AWAITING, _("Awaiting moderation (%(n)d)") % {"n": awaiting}),
            ("published", _("Published")),
            ("removed", _("Removed")),
        ]

    def queryset(self, request, queryset):
        state = self.STATES.get(self.value())
        return queryset if state is None else queryset.filter(state)


def queue_url(entry=None):
    """The queue of comments awaiting a decision: all of them, or only those on `entry`."""
    query = {StatusFilter.parameter_name: StatusFilter.AWAITING}
    if entry is not None:
        query |= {"content_type__id__exact": ContentType.objects.get_for_model(entry).pk, "object_pk": entry.pk}
    return f"{reverse('admin:django_comments_xtd_xtdcomment_changelist')}?{urlencode(query)}"
