from django.apps import AppConfig


class InterviewsConfig(AppConfig):
    """The interviews section."""

    name = "interviews"
    verbose_name = "Interviews"
