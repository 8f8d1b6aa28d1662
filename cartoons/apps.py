from django.apps import AppConfig


class CartoonsConfig(AppConfig):
    """The cartoons section."""

    name = "cartoons"
    verbose_name = "Cartoons"
