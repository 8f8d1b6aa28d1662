"""Reader search: PostgreSQL's ranked full-text search, and a plain word match on other databases (SQLite).

Nothing here imports a model, so that `core.models` can use it in `Entry.Meta` and `EntryQuerySet`.
"""

import re
from functools import reduce
from operator import and_

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connections
from django.db.models import Case, FloatField, Q, Value, When

MAX_QUERY_LENGTH = 200  # characters; longer queries are refused before any search runs
SEARCH_CONFIG = "english"


def search_document():
    """An item's title, excerpt and body as one text-search vector, weighted A > B > C.

    `SearchIndex` indexes this very expression, and `matching()` filters on it, so PostgreSQL can use the index.
    """
    return (
        SearchVector("title", weight="A", config=SEARCH_CONFIG)
        + SearchVector("excerpt", weight="B", config=SEARCH_CONFIG)
        + SearchVector("body", weight="C", config=SEARCH_CONFIG)
    )


class SearchIndex(GinIndex):
    """A GIN index on `search_document()`, created on PostgreSQL only.

    Other databases have neither GIN nor `to_tsvector`, and search them by plain word matching instead, so
    there the migration (and SQLite's table rebuilds) run an SQL comment in place of the index.
    """

    def create_sql(self, model, schema_editor, using="", **kwargs):
        if schema_editor.connection.vendor != "postgresql":
            return f"-- {self.name}: full-text index, PostgreSQL only"
        return super().create_sql(model, schema_editor, using=using, **kwargs)

    def remove_sql(self, model, schema_editor, **kwargs):
        if schema_editor.connection.vendor != "postgresql":
            return f"-- {self.name}: full-text index, PostgreSQL only"
        return super().remove_sql(model, schema_editor, **kwargs)


def matching(queryset, text):
    """The items of `queryset` that match `text`, annotated with `rank` (higher is better)."""
    if connections[queryset.db].vendor == "postgresql":
        return _full_text(queryset, text)
    return _word_match(queryset, text)


def _full_text(queryset, text):
    # websearch syntax: words are ANDed, "quoted phrases", -excluded, or; never a syntax error.
    query = SearchQuery(text, config=SEARCH_CONFIG, search_type="websearch")
    return (
        queryset.alias(document=search_document())
        .filter(document=query)
        .annotate(rank=SearchRank(search_document(), query))
    )


def _word_match(queryset, text):
    """Every word in the title, excerpt or body (case-insensitive); items with every word in the title first."""
    words = re.findall(r"\w+", text)
    if not words:
        return queryset.annotate(rank=Value(0.0)).none()
    anywhere = reduce(and_, (Q(title__icontains=w) | Q(excerpt__icontains=w) | Q(body__icontains=w) for w in words))
    in_title = reduce(and_, (Q(title__icontains=w) for w in words))
    return queryset.filter(anywhere).annotate(
        rank=Case(When(in_title, then=Value(1.0)), default=Value(0.0), output_field=FloatField())
    )
