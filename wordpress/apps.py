from django.apps import AppConfig


class WordPressConfig(AppConfig):
    """Moving a magazine from WordPress: the import command, and old WordPress links answering 301."""

    name = "wordpress"
    verbose_name = "WordPress import"
