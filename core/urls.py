from django.contrib.sitemaps.views import sitemap
from django.urls import path, register_converter
from django.views.decorators.cache import cache_page

from core import feeds, views
from core.sitemaps import CACHE_SECONDS, sitemaps
from core.tags import TagSlugConverter

app_name = "core"


class MonthConverter:
    """A month as two digits, 01 to 12: what MonthArchiveView reads with month_format "%m"."""

    regex = "0[1-9]|1[0-2]"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return f"{int(value):02d}"


register_converter(MonthConverter, "month")
register_converter(TagSlugConverter, "tag_slug")

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("tags/<tag_slug:slug>/", views.TagView.as_view(), name="tag"),
    path("authors/<slug:slug>/", views.AuthorView.as_view(), name="author"),
    path("sources/<slug:slug>/", views.SourceView.as_view(), name="source"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("corrections/", views.CorrectionListView.as_view(), name="corrections"),
    path("corrections/feed/", feeds.CorrectionFeed(), name="corrections_feed"),
    path("corrections/feed/atom/", feeds.CorrectionFeed(atom=True), name="corrections_feed_atom"),
    path("feed/", feeds.EntryFeed(), name="feed"),
    path("feed/atom/", feeds.EntryFeed(atom=True), name="feed_atom"),
    path("tags/<tag_slug:slug>/feed/", feeds.TagFeed(), name="tag_feed"),
    path("tags/<tag_slug:slug>/feed/atom/", feeds.TagFeed(atom=True), name="tag_feed_atom"),
    path("authors/<slug:slug>/feed/", feeds.AuthorFeed(), name="author_feed"),
    path("authors/<slug:slug>/feed/atom/", feeds.AuthorFeed(atom=True), name="author_feed_atom"),
    path("sources/<slug:slug>/feed/", feeds.SourceFeed(), name="source_feed"),
    path("sources/<slug:slug>/feed/atom/", feeds.SourceFeed(atom=True), name="source_feed_atom"),
    path("sitemap.xml", cache_page(CACHE_SECONDS)(sitemap), {"sitemaps": sitemaps()}, name="sitemap"),
    path("robots.txt", views.RobotsView.as_view(), name="robots"),
    path("healthz", views.healthz, name="healthz"),
]


def entry_urlpatterns(model):
    """The list, feed, archive and item pages every section has; a section's urls.py adds them under its prefix."""
    return [
        path("", views.EntryListView.as_view(model=model), name="list"),
        path("feed/", feeds.SectionFeed(model), name="feed"),  # before <slug>/, which would take "feed"
        path("feed/atom/", feeds.SectionFeed(model, atom=True), name="feed_atom"),
        path("archive/<int:year>/", views.EntryYearArchiveView.as_view(model=model), name="archive_year"),
        path(
            "archive/<int:year>/<month:month>/", views.EntryMonthArchiveView.as_view(model=model), name="archive_month"
        ),
        path("<slug:slug>/", views.EntryDetailView.as_view(model=model), name="detail"),
    ]
