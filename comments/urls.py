from django.urls import path

from comments.views import EntryCommentsView


def comment_urlpatterns(model):
    """The comments page under every item of a section."""
    return [path("<slug:slug>/comments/", EntryCommentsView.as_view(model=model), name="comments")]
