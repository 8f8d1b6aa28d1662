"""What waits for the editors, on the admin's front page (templates/admin/includes/waiting.html).

Items pending review (how many in each section, and the longest-waiting few), the next scheduled items, and
what other apps add through an app config's `waiting(request)`, a list of `Waiting` lines (the comments app:
comments held for moderation). A fixed number of queries whatever the amount of content: one UNION across
the sections for each of the first two, and what each app's line costs.
"""

from dataclasses import dataclass
from datetime import datetime

from django.apps import apps
from django.db.models import CharField, Count, Value
from django.urls import reverse
from django.utils.text import capfirst

from core.models import Entry
from core.registry import entry_models
from core.workflow import may_publish

SHOWN = 5  # items listed in each block; the counts link to the rest


@dataclass(frozen=True)
class Waiting:
    """One line of the desk: what waits, how many, and the admin page that lists them."""

    label: str
    count: int
    url: str


@dataclass(frozen=True)
class WaitingItem:
    section: str
    pk: int
    title: str
    when: datetime
    who: str = ""

    @property
    def model(self):
        return apps.get_model(self.section)

    @property
    def section_name(self):
        return capfirst(self.model._meta.verbose_name)

    @property
    def admin_url(self):
        opts = self.model._meta
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[self.pk])


def _union(parts):
    return parts[0].union(*parts[1:], all=True)


def _labelled(queryset, model):
    return queryset.order_by().annotate(section=Value(model._meta.label_lower, output_field=CharField()))


def pending_review(models):
    """([Waiting per section with items pending review], [the SHOWN items waiting longest]): two queries."""
    pending = {model: model.objects.filter(status=Entry.Status.PENDING) for model in models}
    counts = _union(
        [
            _labelled(items.values("status"), model).annotate(n=Count("pk")).values_list("section", "n")
            for model, items in pending.items()
        ]
    )
    sections = []
    for label, count in counts:
        opts = apps.get_model(label)._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist") + "?publication=pending"
        sections.append(Waiting(capfirst(opts.verbose_name_plural), count, url))
    oldest = _union(
        [
            _labelled(items, model).values_list("section", "pk", "title", "updated_at", "created_by__username")
            for model, items in pending.items()
        ]
    ).order_by("updated_at", "pk")[:SHOWN]
    return sections, [WaitingItem(*row[:4], who=row[4] or "") for row in oldest]


def next_scheduled(models):
    """The SHOWN items going live next, soonest first: one query."""
    columns = ("section", "pk", "title", "published_at")
    rows = _union([_labelled(model.objects.scheduled(), model).values_list(*columns) for model in models]).order_by(
        "published_at", "pk"
    )[:SHOWN]
    return [WaitingItem(*row) for row in rows]


def what_waits(request):
    """Everything the desk shows this user: items only to those who may publish them, each app's lines to whom
    that app decides. None when there is nothing the user may act on."""
    models = [model for model in entry_models() if may_publish(request.user, model)]
    desk = {"pending_sections": [], "pending_items": [], "scheduled": [], "lines": [], "editor": bool(models)}
    if models:
        desk["pending_sections"], desk["pending_items"] = pending_review(models)
        desk["pending_count"] = sum(section.count for section in desk["pending_sections"])
        desk["scheduled"] = next_scheduled(models)
    for config in apps.get_app_configs():
        if hasattr(config, "waiting"):
            desk["lines"] += config.waiting(request)
    return desk if models or desk["lines"] else None
