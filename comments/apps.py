from django.apps import AppConfig


class CommentsConfig(AppConfig):
    """The discussion under every item: the comments page, open and closed threads."""

    name = "comments"
    verbose_name = "Discussion"
