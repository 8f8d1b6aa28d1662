"""Reader search: PostgreSQL's ranked full-text search, and a plain word match on other databases (SQLite).

On PostgreSQL every section table keeps its items' weighted text-search vector in a stored generated column,
`search_document`, with a GIN index on it. A stored column rather than an index on the expression: ranking
reads the vector of every match, and re-parsing each body to rank a common word took seconds at 20,000 items.
Nothing here imports a model, so that `core.models` can use it for `Entry`.
"""

import re
from functools import reduce
from operator import and_

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connections
from django.db.models import Case, F, FloatField, Func, Q, Value, When

MAX_QUERY_LENGTH = 200  # characters; longer queries are refused before any search runs
SEARCH_CONFIG = "english"
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def reader_query(text):
    """A search as a reader typed it, with control characters read as spaces.

    Nobody types them on purpose, and PostgreSQL refuses a NUL byte in any text it is given.
    """
    return CONTROL_CHARACTERS.sub(" ", text).strip()


def search_vector():
    """An item's title, excerpt and body as one text-search vector, weighted A > B > C."""
    return (
        SearchVector("title", weight="A", config=SEARCH_CONFIG)
        + SearchVector("excerpt", weight="B", config=SEARCH_CONFIG)
        + SearchVector("body", weight="C", config=SEARCH_CONFIG)
    )


class PostgreSQLOnly(Func):
    """`expression` on PostgreSQL, an empty string elsewhere: for a generated column only PostgreSQL computes."""

    template = "%(expressions)s"

    def as_sql(self, compiler, connection, **extra_context):
        if connection.vendor != "postgresql":
            return "''", []
        return super().as_sql(compiler, connection, **extra_context)


class SearchIndex(GinIndex):
    """A GIN index, created on PostgreSQL only.

    Other databases have no GIN, and are searched by plain word matching instead, so there the migration (and
    SQLite's table rebuilds) run an SQL comment in place of the index.
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
    return queryset.filter(search_document=query).annotate(rank=SearchRank(F("search_document"), query))


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
