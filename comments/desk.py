"""The moderators' desk: what each queue holds, who wrote it, and what waits; read in a fixed number of queries.

The queues (`QUEUES`) are built on threads.VISIBLE, HELD and REMOVED, so a removed comment is in none of them.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Case, CharField, Count, Min, Q, Value, When
from django.db.models.functions import Cast, Concat, Lower, Trim
from django.utils.translation import gettext_lazy as _
from django_comments_xtd import get_model as get_comment_model

from comments.models import Ban, Reason, Report, normalise_email
from comments.threads import HELD, REMOVED, VISIBLE

# Open reports are few: the database starts from them (a semi-join), not from every published comment.
REPORTED = Q(pk__in=Report.objects.open().values("comment_id"))
QUEUES = {
    "pending": (_("Pending"), HELD),
    "reported": (_("Reported"), VISIBLE & REPORTED),
    "recent": (_("Recent"), ~REMOVED),
}


def comments():
    return get_comment_model().norel_objects.filter(site_id=settings.SITE_ID)


def queue(name):
    """The comments of a queue, newest first, with the item each is on."""
    return comments().filter(QUEUES[name][1]).order_by("-submit_date", "-pk").prefetch_related("content_object")


def waiting_counts():
    """{"pending": n, "reported": n}: what waits for a moderator, in one query."""
    waiting = comments().filter(HELD | REPORTED)
    return waiting.aggregate(pending=Count("pk", filter=HELD), reported=Count("pk", filter=VISIBLE & REPORTED))


def commenter_key(comment):
    """A commenter as the desk counts them: their account, else their address whatever its case."""
    return f"u{comment.user_id}" if comment.user_id else f"e{normalise_email(comment.user_email)}"


@dataclass
class History:
    approved: int = 0
    removed: int = 0
    held: int = 0
    reported: int = 0
    first_seen: object = None
    banned: bool = False

    @property
    def trust(self):
        if self.banned:
            return "banned", _("Banned")
        if not self.approved:
            return "new", _("New")
        return ("trusted", _("Trusted")) if not self.removed else ("mixed", _("Has removals"))


def annotate(page):
    """Give each comment on a desk page its parent (`replying_to`), its commenter's `history` and its open
    reports (`with_open_reports`): four queries whatever the number of comments."""
    shown = list(page)
    parent_ids = {c.parent_id for c in shown if c.parent_id and c.parent_id != c.pk}
    parents = comments().in_bulk(parent_ids) if parent_ids else {}
    histories = commenter_histories(shown)
    with_open_reports(shown)
    for comment in shown:
        comment.replying_to = parents.get(comment.parent_id) if comment.parent_id != comment.pk else None
        comment.history = histories[commenter_key(comment)]
    return shown


def with_open_reports(shown):
    """Give each comment its `open_reports` ([(reason label, n)], commonest first) and `report_count`: a query."""
    reports = defaultdict(list)
    rows = Report.objects.open().filter(comment_id__in=[c.pk for c in shown]).values_list("comment_id", "reason")
    for comment_id, reason, n in rows.annotate(n=Count("pk")).order_by("comment_id", "-n", "reason"):
        reports[comment_id].append((Reason(reason).label if reason in Reason.values else reason, n))
    for comment in shown:
        comment.open_reports = reports.get(comment.pk, [])
        comment.report_count = sum(n for _label, n in comment.open_reports)
    return shown


def commenter_histories(shown):
    """{commenter key: History} for the authors of `shown`: one grouped query for the counts, one for bans."""
    user_ids = {c.user_id for c in shown if c.user_id}
    emails = {normalise_email(c.user_email) for c in shown if not c.user_id and c.user_email}
    histories = defaultdict(History)
    if not user_ids and not emails:
        return histories
    key = Case(
        When(user__isnull=False, then=Concat(Value("u"), Cast("user_id", CharField()))),
        default=Concat(Value("e"), Lower(Trim("user_email"))),
        output_field=CharField(),
    )
    rows = (
        comments()
        .alias(address=Lower(Trim("user_email")))
        .filter(Q(user_id__in=user_ids) | Q(user__isnull=True, address__in=emails))
        .annotate(key=key)
        .values("key")
        .annotate(
            approved=Count("pk", filter=VISIBLE, distinct=True),
            removed=Count("pk", filter=REMOVED, distinct=True),
            held=Count("pk", filter=HELD, distinct=True),
            reported=Count("reports__comment_id", distinct=True),
            first_seen=Min("submit_date"),
        )
        .order_by()
    )
    for row in rows:
        key = row.pop("key")
        histories[key] = History(**row)
    for ban in Ban.objects.active().filter(Q(user_id__in=user_ids) | Q(email__in=emails)):
        histories[f"u{ban.user_id}" if ban.user_id else f"e{ban.email}"].banned = True
    return histories
