from django.apps import AppConfig


class BlogConfig(AppConfig):
    """The articles section."""

    name = "blog"
    verbose_name = "Articles"
