from django.urls import path, re_path
from django_comments_xtd import views as xtd_views

from comments import feeds, views

# Only what our pages need of django-comments-xtd: posting goes through our own view (comment_urlpatterns),
# so no route reaches django-contrib-comments' post view, which answers closed threads with a bare 400.
urlpatterns = [
    path("cr/<int:content_type_id>/<str:object_pk>/", views.comment_redirect, name="comments-url-redirect"),
    re_path(r"^mute/(?P<key>[^/]+)/$", xtd_views.mute, name="comments-xtd-mute"),
    path("feed/", feeds.CommentFeed(), name="comments-feed"),
    path("feed/atom/", feeds.CommentFeed(atom=True), name="comments-feed-atom"),
    # A reader's pages about one comment: each carries its own form, so the shared thread fragment only links here.
    path("<int:pk>/report/", views.ReportCommentView.as_view(), name="comments-report"),
    path("<int:pk>/edit/", views.EditCommentView.as_view(), name="comments-edit"),
    path("<int:pk>/delete/", views.DeleteCommentView.as_view(), name="comments-delete"),
]


def comment_urlpatterns(model):
    """The comments page under every item of a section, its feeds, and the moderators' buttons on it."""
    return [
        path("<slug:slug>/comments/", views.EntryCommentsView.as_view(model=model), name="comments"),
        path("<slug:slug>/comments/feed/", feeds.EntryCommentFeed(model), name="comments_feed"),
        path("<slug:slug>/comments/feed/atom/", feeds.EntryCommentFeed(model, atom=True), name="comments_feed_atom"),
        path("<slug:slug>/comments/thread/", views.ThreadModerationView.as_view(model=model), name="thread"),
        path("<slug:slug>/comments/moderate/", views.CommentModerationView.as_view(model=model), name="moderate"),
    ]
