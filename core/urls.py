from django.urls import path

from core import views

app_name = "core"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("tags/<slug:slug>/", views.TagView.as_view(), name="tag"),
    path("authors/<slug:slug>/", views.AuthorView.as_view(), name="author"),
    path("sources/<slug:slug>/", views.SourceView.as_view(), name="source"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("healthz", views.healthz, name="healthz"),
]


def entry_urlpatterns(model):
    """The list and item pages every section has; a section's urls.py adds them under its own prefix."""
    return [
        path("", views.EntryListView.as_view(model=model), name="list"),
        path("<slug:slug>/", views.EntryDetailView.as_view(model=model), name="detail"),
    ]
