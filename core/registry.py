"""Lists that span every section, found through the app registry so that core imports no section app."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from django.apps import apps
from django.db import connections
from django.db.models import CharField, Count, Value
from django.urls import reverse

from core.models import Entry


def entry_models():
    """Every concrete section model (Article, Interview, BookReview, Cartoon)."""
    return [m for m in apps.get_models() if issubclass(m, Entry)]


def _label(model):
    return model._meta.label_lower


class CrossSectionList:
    """The published items of every section that match `filters`, newest first, loaded one page at a time.

    One UNION query orders and slices the (section, pk) pairs; then each section present on the page is
    loaded with `for_listing()`. A page therefore costs the same few queries whatever the data size, and a
    `Paginator` can page through it like a queryset.
    """

    sort_columns = ("published_at",)  # selected beside (section, pk) so the UNION can be ordered by them
    ordering = ("-published_at", "-pk")

    def __init__(self, leaving_out=None, **filters):
        self.filters = filters
        self.leaving_out = leaving_out  # (section label, pk) of an item shown elsewhere on the page

    def section_items(self, model):
        """One section's part of the list."""
        items = model.objects.published().filter(**self.filters)
        if self.leaving_out and self.leaving_out[0] == _label(model):
            items = items.exclude(pk=self.leaving_out[1])
        return items

    def newest(self):
        """(section label, pk) of the list's first item, or None: one query."""
        first = list(self._keys(stop=1)[:1])
        return (first[0][0], first[0][1]) if first else None

    def load(self, model, pks):
        """The items of one section shown on a page, with everything a card needs."""
        return model.objects.for_listing().filter(pk__in=pks)

    def _keys(self, stop=None):
        parts = [
            self.section_items(model)
            .annotate(section=Value(_label(model), output_field=CharField()))
            .values_list("section", "pk", *self.sort_columns)
            for model in entry_models()
        ]
        if stop and connections[parts[0].db].features.supports_slicing_ordering_in_compound:
            # The list's first `stop` items are among each section's own first `stop`, which PostgreSQL reads
            # from the (status, published_at, id) index; otherwise it sorts every published item of the UNION.
            parts = [part.order_by(*self.ordering)[:stop] for part in parts]
        else:
            parts = [part.order_by() for part in parts]
        return parts[0].union(*parts[1:], all=True).order_by(*self.ordering)

    def count(self):
        return self._keys().count()

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        keys = list(self._keys(stop=index.stop)[index])
        by_section = defaultdict(list)
        for section, pk, *_sort in keys:
            by_section[section].append(pk)
        loaded = {}
        for section, pks in by_section.items():
            for entry in self.load(apps.get_model(section), pks):
                loaded[section, entry.pk] = entry
        return [loaded[section, pk] for section, pk, *_sort in keys if (section, pk) in loaded]


class SearchResults(CrossSectionList):
    """The published items of every section that match a reader's search: best match first, then newest."""

    sort_columns = ("published_at", "rank")
    ordering = ("-rank", "-published_at", "-pk")

    def __init__(self, text):
        super().__init__()
        self.text = text

    def section_items(self, model):
        return super().section_items(model).search(self.text)


@dataclass(frozen=True)
class EntryLink:
    """Just enough of an item to link to it, read straight from a UNION query without loading the model."""

    section: str
    title: str
    slug: str
    published_at: datetime

    @property
    def model(self):
        return apps.get_model(self.section)

    @property
    def section_name(self):
        return self.model._meta.verbose_name

    def get_absolute_url(self):
        return reverse(f"{self.model._meta.app_label}:detail", kwargs={"slug": self.slug})


# Related items are ranked among each section's newest items sharing a tag, not the whole archive: a common
# tag is on a fifth of 100,000 items, and counting shared tags on all of them took ~150 ms a page.
RELATED_CANDIDATES = 300


def related_entries(entry, tag_ids, limit=5):
    """Published items of any section sharing tags with `entry`: most shared tags first, then newest.

    One query, whatever the number of tags or candidates. Only each section's RELATED_CANDIDATES newest items
    sharing a tag are ranked, so an old item sharing every tag may lose to a newer one sharing fewer.
    """
    if not tag_ids:
        return []
    parts = []
    for model in entry_models():
        sharing = model.objects.published().filter(tags__in=tag_ids)
        newest = sharing.order_by("-published_at", "-pk").values("pk").distinct()[:RELATED_CANDIDATES]
        qs = model.objects.published().filter(tags__in=tag_ids, pk__in=newest)
        if isinstance(entry, model):
            qs = qs.exclude(pk=entry.pk)
        parts.append(
            qs.order_by()
            .annotate(section=Value(_label(model), output_field=CharField()), shared=Count("tags", distinct=True))
            .values_list("section", "title", "slug", "published_at", "shared")
        )
    rows = parts[0].union(*parts[1:], all=True).order_by("-shared", "-published_at")[:limit]
    return [EntryLink(*row[:4]) for row in rows]
