from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    """The book reviews section."""

    name = "reviews"
    verbose_name = "Book reviews"
