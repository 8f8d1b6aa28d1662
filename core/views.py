from dataclasses import dataclass
from urllib.parse import urlencode

from django.apps import apps
from django.conf import settings
from django.db import DatabaseError, connection
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.text import capfirst
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, ListView, MonthArchiveView, TemplateView, YearArchiveView
from taggit.models import Tag

from core import dependencies, workflow
from core.dependencies import (
    CORRECTIONS,
    author_key,
    depends_on,
    entry_key,
    kept,
    kept_as_made,
    list_key,
    notes_key,
    source_key,
    tag_key,
)
from core.models import Author, Correction, Source
from core.pagekeys import card_keys
from core.pagination import CountCachingPaginator
from core.registry import CrossSectionList, SearchResults, entry_models, related_entries
from core.search import MAX_QUERY_LENGTH, reader_query
from core.sites import absolute_url


class CountCachingMixin:
    """A list whose total is kept in the cache (core.pagination) until what it lists changes.

    The total is filed under the versions of the list's dependency keys (core.dependencies): any write that
    adds an item to the list or takes one out bumps one of them, so a kept total is never out of date.
    """

    paginator_class = CountCachingPaginator

    def get_count_key(self):
        """What tells this list from every other: the view, its model, its URL's arguments and query string,
        and the current versions of what it lists.

        A subclass listing something else (an archive's year, a search) thus never shares another's total.
        """
        view = f"{type(self).__module__}.{type(self).__qualname__}"
        model = self.model._meta.label_lower if getattr(self, "model", None) else ""
        query = sorted((key, value) for key, value in self.request.GET.lists() if key != self.page_kwarg)
        versions = sorted(dependencies.versions(self.list_dependencies())[0].items())
        return f"{view}:{model}:{sorted(self.kwargs.items())}:{query}:{versions}"

    def get_paginator(self, *args, **kwargs):
        return super().get_paginator(*args, count_key=self.get_count_key(), **kwargs)


class ListedEntriesMixin:
    """A list page depends on what it draws from (`list_dependencies`) and on each item it shows (core.cache)."""

    def list_dependencies(self):
        return [list_key(model) for model in entry_models()]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        self.depend_on_entries(context.get("object_list"))
        return context

    def depend_on_entries(self, entries):
        depends_on(*self.list_dependencies())
        for entry in entries if entries is not None else ():
            depends_on(*card_keys(entry))


@dataclass(frozen=True)
class KeptListing:
    """One page of a list as its template shows it, made once: its cards with page links, and what templates
    and tests read of a Page and its Paginator (`page_obj.number`, `paginator.count`)."""

    html: str
    number: int
    length: int
    count: int
    num_pages: int

    @property
    def paginator(self):
        return self

    def __len__(self):
        return self.length

    def has_next(self):
        return self.number < self.num_pages

    def has_previous(self):
        return self.number > 1


class KeptListingMixin(ListedEntriesMixin):
    """A list page whose cards and page links are rendered once and kept until the list or one of its items
    changes (core.dependencies.kept_as_made): a page of a list then costs no query for its items at all.

    The items of a page are known only once it is made, so the keys it depends on are stored with it. The
    rest of the page (heading, sidebar, archive months) is made as usual.
    """

    listing_template = "includes/listing.html"
    listing_timeout = 24 * 60 * 60  # seconds at most, unless what it shows changes first

    def get_paginate_by(self, queryset):
        return None  # paged in `make_listing`, only when the kept listing must be made anew

    def get_context_data(self, **kwargs):
        listing = kept_as_made(self.listing_name(), self.make_listing, self.listing_timeout)
        return super().get_context_data(listing=listing, page_obj=listing, paginator=listing, **kwargs)

    def depend_on_entries(self, entries):
        """The keys were named while the listing was made, and handed on by `kept_as_made` since."""

    def listing_name(self):
        """What tells this listing from every other: the view, its model, its URL's arguments and page."""
        view = f"{type(self).__module__}.{type(self).__qualname__}"
        model = self.model._meta.label_lower if getattr(self, "model", None) else ""
        page = self.kwargs.get(self.page_kwarg) or self.request.GET.get(self.page_kwarg) or 1
        return f"listing:{view}:{model}:{sorted(self.kwargs.items())}:{page}"

    def listing_context(self):
        """What else the listing's template shows, beside the page of items."""
        return {}

    def make_listing(self):
        paginator, page, entries, is_paginated = self.paginate_queryset(self.object_list, self.paginate_by)
        ListedEntriesMixin.depend_on_entries(self, entries)
        context = {"object_list": entries, "page_obj": page, "paginator": paginator, "is_paginated": is_paginated}
        html = render_to_string(self.listing_template, context | self.listing_context())
        return KeptListing(html, page.number, len(page), paginator.count, paginator.num_pages)


class SectionMixin(ListedEntriesMixin):
    """What every list page of one section shows: its title, feeds and archive months (one query)."""

    def list_dependencies(self):
        return [list_key(self.model)]

    def get_context_data(self, **kwargs):
        opts = self.model._meta
        # Kept as HTML: a link per month of a long archive costs more to render than to read.
        archive_links = kept(f"archive-links:{opts.label_lower}", [list_key(self.model)], self.archive_links)
        return super().get_context_data(
            section_title=capfirst(opts.verbose_name_plural), section_namespace=opts.app_label,
            archive_links=archive_links, **kwargs,
        )  # fmt: skip

    def archive_links(self):
        months = list(self.model.objects.published().months())
        context = {"archive_months": months, "section_namespace": self.model._meta.app_label}
        return render_to_string("includes/archive_links.html", context)


class EntryListView(SectionMixin, KeptListingMixin, CountCachingMixin, ListView):
    """A section's list page: its published items, newest first."""

    paginate_by = settings.ENTRIES_PER_PAGE

    def get_queryset(self):
        return self.model.objects.published().for_listing()

    def get_template_names(self):
        return [*super().get_template_names(), "core/entry_list.html"]  # section's own, then the shared one


class EntryArchiveMixin(SectionMixin):
    """A section's published items of one year or month, paginated; 404 for a month with none or a future date."""

    date_field = "published_at"
    allow_empty = False
    allow_future = False
    paginate_by = settings.ENTRIES_PER_PAGE

    def get_queryset(self):
        return self.model.objects.published()

    def paginate_queryset(self, queryset, page_size):
        # Only the page's items need what a card shows, not the view's other look-ups (the next month, ...).
        return super().paginate_queryset(queryset.for_listing(), page_size)

    def get_template_names(self):
        return [*super().get_template_names(), "core/entry_archive.html"]


class EntryYearArchiveView(EntryArchiveMixin, YearArchiveView):
    make_object_list = True


class EntryMonthArchiveView(EntryArchiveMixin, MonthArchiveView):
    month_format = "%m"


@dataclass(frozen=True)
class EntryPage:
    """What an item page shows that is the same for every reader, made once (`entry_page`).

    `entry` stands in for the item where the rest of the page names it (the sidebar leaves it out, the comment
    count and link are its discussion's): its section, key, address and state, no more.
    """

    entry: object
    title: str
    description: str
    og_tags: str
    head_extra: str
    article: str


def entry_page(request, entry, tags, related):
    """The item page's shared parts as HTML, from the section's article template (`<app>/<model>_article.html`,
    else core's). The admin's preview makes them from an unsaved item."""
    opts = entry._meta
    context = {"object": entry, "request": request}
    article = render_to_string(
        [f"{opts.app_label}/{opts.model_name}_article.html", "core/entry_article.html"],
        {**context, "tags": tags, "related": related},
    )
    stand_in = type(entry)(
        pk=entry.pk, slug=entry.slug, title=entry.title, status=entry.status, published_at=entry.published_at
    )
    return EntryPage(
        entry=stand_in,
        title=entry.title,
        description=entry.summary or entry.title,
        og_tags=render_to_string("core/entry_og_tags.html", context),
        head_extra=render_to_string("core/entry_head_extra.html", context),
        article=article,
    )


class EntryViewMixin:
    """Who sees an item's pages: readers its published items; editors preview drafts, items pending review and
    scheduled items, and a contributor their own (core.workflow); nobody else sees them."""

    def can_preview(self):
        opts = self.model._meta
        return self.request.user.has_perm(f"{opts.app_label}.change_{opts.model_name}")

    def get_queryset(self):
        queryset = self.model.objects.all()
        return queryset if self.can_preview() else queryset.published()

    def get_object(self, queryset=None):
        entry = super().get_object(queryset)
        if not entry.is_published() and not workflow.may_preview(self.request.user, entry):
            raise Http404("Not published")
        return entry

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        if not self.object.is_published():
            add_never_cache_headers(response)  # a preview must never reach a shared cache
        return response


class EntryDetailView(EntryViewMixin, DetailView):
    """An item page. A reader's is made from its kept parts (`EntryPage`): no query once they are made, and a
    comment changes only the count beside them. An editor's is made afresh, so a preview is never kept."""

    template_name = "core/entry_detail.html"

    def get_queryset(self):
        return super().get_queryset().for_detail()

    def get_object(self, queryset=None):
        load = super().get_object  # raises Http404 for an item this reader may not see: nothing is kept then
        if self.can_preview():
            self.entry_page = self.make_entry_page(load(queryset))
        else:
            self.entry_page = kept_as_made(self.entry_page_name(), lambda: self.make_entry_page(load(queryset)))
        return self.entry_page.entry

    def entry_page_name(self):
        """What tells this page's parts from every other's: the item's address, and the scheme its links use."""
        scheme = "https" if self.request.is_secure() else "http"
        return f"entry-page:{self.model._meta.label_lower}:{self.kwargs[self.slug_url_kwarg]}:{scheme}"

    def make_entry_page(self, entry):
        """Loads what the page shows of `entry` and renders it; what it depended on is named as it goes."""
        tags = list(entry.tags.all())
        # Its tags' keys cover the related items too: any item sharing a tag bumps that tag when it changes.
        depends_on(*card_keys(entry, with_comments=False), *(tag_key(tag.pk) for tag in tags))
        related = self.related_items(entry, tags)
        entry.notes = self.notes(entry)  # the byline, the notes above the body and the JSON-LD read them
        return entry_page(self.request, entry, tags, related)

    def get_context_data(self, **kwargs):
        return super().get_context_data(entry_page=self.entry_page, **kwargs)

    def notes(self, entry):
        """Its corrections and updates, kept until one of them is added, edited or deleted."""
        key = notes_key(entry._meta.label_lower, entry.pk)
        return kept(key, [key], lambda: list(entry.corrections.all()))

    def related_items(self, entry, tags):
        """Kept until an item sharing one of its tags changes (core.dependencies), which bumps that tag."""
        tag_ids = sorted(tag.pk for tag in tags)
        name = f"related:{entry_key(entry)}:{tag_ids}"
        return kept(name, [tag_key(pk) for pk in tag_ids], lambda: related_entries(entry, tag_ids))


class HomeView(KeptListingMixin, CountCachingMixin, ListView):
    """The front page: the newest featured item as its lead story, then the latest published items of every
    section, the lead left out of them (on every page, so paging neither repeats nor skips an item)."""

    template_name = "core/home.html"
    paginate_by = settings.ENTRIES_PER_PAGE

    def get_queryset(self):
        # Which item leads changes only with a write to a section's published set (featuring bumps it too).
        self.lead_key = kept("home:lead", self.list_dependencies(), CrossSectionList(featured=True).newest)
        return CrossSectionList(leaving_out=self.lead_key)

    def listing_name(self):
        return f"{super().listing_name()}:leaving out {self.lead_key}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if context["page_obj"].number == 1 and self.lead_key is not None:
            context["lead"] = kept_as_made(f"home:lead:{self.lead_key}", self.lead_story)
        return context

    def lead_story(self):
        """The lead item with its byline, as the front page shows it: two queries, like a list's items."""
        label, pk = self.lead_key
        lead = apps.get_model(label).objects.published().for_listing().filter(pk=pk).first()
        if lead is None:
            return ""
        depends_on(*card_keys(lead, with_comments=False))
        return render_to_string("includes/lead_story.html", {"entry": lead})


class CrossSectionListView(KeptListingMixin, CountCachingMixin, ListView):
    """The published items of every section that share one tag, author or source."""

    owner_model = None
    owner_lookup = None  # the Entry field that points at the owner
    paginate_by = settings.ENTRIES_PER_PAGE

    def get_queryset(self):
        self.owner = get_object_or_404(self.owner_model, slug=self.kwargs["slug"])
        return CrossSectionList(**{self.owner_lookup: self.owner})

    def list_dependencies(self):
        return [self.owner_key(self.owner.pk)]  # an item joining or leaving it bumps its key (core.pagekeys)

    def get_context_data(self, **kwargs):
        return super().get_context_data(owner=self.owner, **kwargs)


class TagView(CrossSectionListView):
    owner_model = Tag
    owner_lookup = "tags"
    owner_key = staticmethod(tag_key)
    template_name = "core/tag.html"


class AuthorView(CrossSectionListView):
    owner_model = Author
    owner_lookup = "authors"
    owner_key = staticmethod(author_key)
    template_name = "core/author.html"


class SourceView(CrossSectionListView):
    owner_model = Source
    owner_lookup = "source"
    owner_key = staticmethod(source_key)
    template_name = "core/source.html"


class SearchView(KeptListingMixin, ListView):
    """Search across every section. An empty or over-long query shows the form again and searches nothing.

    A page of results is kept like a section's (KeptListingMixin), under its query, until a section's published
    items change: a search many readers make is ranked once. For an hour at most, since anyone can make up a
    search, and Redis need not hold a stranger's for a day (it evicts the least recently used first anyway).
    """

    template_name = "core/search.html"
    paginate_by = settings.ENTRIES_PER_PAGE
    listing_template = "includes/search_results.html"
    listing_timeout = 60 * 60

    def listing_name(self):
        return f"{super().listing_name()}:{self.query}"

    def listing_context(self):
        return {"page_query": urlencode({"q": self.query})}

    def get_queryset(self):
        self.query = reader_query(self.request.GET.get("q", ""))
        self.too_long = len(self.query) > MAX_QUERY_LENGTH
        return SearchResults(self.query) if self.query and not self.too_long else []

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            search_query=self.query, too_long=self.too_long, max_query_length=MAX_QUERY_LENGTH,
            page_query=urlencode({"q": self.query}), **kwargs,
        )  # fmt: skip


class CorrectionListView(CountCachingMixin, ListView):
    """/corrections/: every correction, update and clarification on a published item, newest first."""

    model = Correction
    template_name = "core/corrections.html"
    paginate_by = 20

    def get_queryset(self):
        return Correction.objects.published().with_items()

    def list_dependencies(self):
        # Any note written, and any item published, unpublished or renamed (its section's list key).
        return [CORRECTIONS, *(list_key(model) for model in entry_models())]

    def get_context_data(self, **kwargs):
        depends_on(*self.list_dependencies())
        return super().get_context_data(**kwargs)


class RobotsView(TemplateView):
    """robots.txt: where the sitemap is, and what crawlers should leave alone."""

    template_name = "robots.txt"
    content_type = "text/plain; charset=utf-8"

    def get_context_data(self, **kwargs):
        sitemap_url = absolute_url(self.request, reverse("core:sitemap"))
        return super().get_context_data(sitemap_url=sitemap_url, **kwargs)


@never_cache
def healthz(request):
    """For load balancers: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")
