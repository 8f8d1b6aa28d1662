"""The sitemap: the front page and section lists, every published item, and the tag, author and source pages
that list at least one."""

from datetime import UTC, datetime

from django.contrib.sitemaps import Sitemap
from django.db.models import DateTimeField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce, Greatest
from django.urls import reverse
from taggit.models import Tag

from core.models import Author, Source
from core.registry import entry_models

NEVER = datetime(1970, 1, 1, tzinfo=UTC)
# Rendering 25,000 URLs takes Django's sitemap view seconds, so the answer is cached; crawlers can wait an hour.
CACHE_SECONDS = 60 * 60


class PagesSitemap(Sitemap):
    """The front page and each section's list."""

    def items(self):
        return ["core:home", *(f"{model._meta.app_label}:list" for model in entry_models())]

    def location(self, item):
        return reverse(item)


class EntrySitemap(Sitemap):
    """The published items of one section."""

    def __init__(self, model):
        self.model = model

    def items(self):
        return self.model.objects.published().only("slug", "updated_at")

    def lastmod(self, item):
        return item.updated_at


def latest_update(lookup):
    """The newest `updated_at` of the published items, in any section, whose `lookup` is the outer row.

    NEVER when there are none, so that the owners with nothing to list can be left out in the same query.
    """
    newest = [
        Coalesce(
            Subquery(
                model.objects.published()
                .filter(**{lookup: OuterRef("pk")})
                .order_by("-updated_at")
                .values("updated_at")[:1]
            ),
            Value(NEVER),
            output_field=DateTimeField(),
        )
        for model in entry_models()
    ]
    return Greatest(*newest) if len(newest) > 1 else newest[0]


class OwnerSitemap(Sitemap):
    """The pages of tags, authors or sources that list at least one published item."""

    model = None
    lookup = None  # the Entry field that points at the owner
    url_name = None

    def items(self):
        latest = latest_update(self.lookup)
        return self.model.objects.annotate(latest=latest).filter(latest__gt=NEVER).only("slug").order_by("slug")

    def location(self, item):
        return reverse(self.url_name, kwargs={"slug": item.slug})

    def lastmod(self, item):
        return item.latest


class TagSitemap(OwnerSitemap):
    model, lookup, url_name = Tag, "tags", "core:tag"


class AuthorSitemap(OwnerSitemap):
    model, lookup, url_name = Author, "authors", "core:author"


class SourceSitemap(OwnerSitemap):
    model, lookup, url_name = Source, "source", "core:source"


def sitemaps():
    """Every part of the sitemap by name, for `django.contrib.sitemaps.views.sitemap`."""
    return {
        "pages": PagesSitemap(),
        **{model._meta.app_label: EntrySitemap(model) for model in entry_models()},
        "tags": TagSitemap(),
        "authors": AuthorSitemap(),
        "sources": SourceSitemap(),
    }
