"""Digests of held comments for moderators who chose one (ModeratorMailPreference): hourly or daily.

Each moderator's preference records how far their digests have gone (`mailed_until`): a run lists the comments
still awaiting a decision that were submitted after it, then moves it on. A comment is therefore mailed to a
moderator once, and a skipped run only makes the next digest longer.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext
from django_comments_xtd import get_model as get_comment_model

from comments.models import ModeratorMailPreference
from comments.moderation import moderators
from comments.queue import queue_url
from comments.threads import HELD

logger = logging.getLogger(__name__)

# A comment's submit time is set just before it is stored: one submitted in the last moments before a run may
# not be committed yet when the run reads. Such comments are left to the next digest rather than risked.
SETTLING = timedelta(minutes=1)


def subscribers(frequency):
    """The preferences of active moderators with an address who chose this digest."""
    return ModeratorMailPreference.objects.filter(
        frequency=frequency, user__in=moderators().exclude(email="").values("pk")
    ).select_related("user")


def send_digests(frequency):
    """Mail every moderator who chose `frequency` the comments held since their last digest; the mails sent."""
    until = timezone.now() - SETTLING
    sent = 0
    for preference in subscribers(frequency):
        try:
            sent += send_digest(preference.pk, until)
        except Exception:  # one moderator's bad address must not cost the others their digest
            logger.exception("Could not send the moderation digest to %s", preference.user)
    return sent


def send_digest(preference_pk, until):
    """One moderator's digest: 1 when a mail was sent, 0 when nothing waited (or another run got there first)."""
    with transaction.atomic():  # the mail goes before the commit: if it fails, its comments stay for the next run
        preference = ModeratorMailPreference.objects.select_for_update().select_related("user").get(pk=preference_pk)
        since = preference.mailed_until
        if since is None or since >= until:
            return 0
        held = list(
            get_comment_model()
            .norel_objects.filter(HELD, site_id=settings.SITE_ID, submit_date__gt=since, submit_date__lte=until)
            .order_by("submit_date", "pk")
            .prefetch_related("content_object")
        )
        preference.mailed_until = until
        preference.save(update_fields=["mailed_until"])
        if not held:
            return 0
        context = {
            "comments": held,
            "every": "every hour" if preference.frequency == ModeratorMailPreference.Frequency.HOURLY else "every day",
            "queue_url": settings.SITE_URL + queue_url(),
            "preference_url": settings.SITE_URL + reverse("admin:comments_moderatormailpreference_changelist"),
        }
        subject = ngettext(
            "[%(site)s] %(n)d comment awaits moderation", "[%(site)s] %(n)d comments await moderation", len(held)
        ) % {"site": settings.SITE_NAME, "n": len(held)}
        message = render_to_string("comments/email/moderation_digest.txt", context)
        send_mail(subject, message, settings.DEFAULT_FROM_EMAIL, [preference.user.email])
        return 1
