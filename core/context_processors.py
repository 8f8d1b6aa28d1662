from functools import cache

from django.conf import settings
from django.urls import reverse
from django.utils.text import capfirst

from core.registry import entry_models
from core.search import MAX_QUERY_LENGTH


def site(request):
    """The magazine's name and its sections, for the header and navigation of every page."""
    return {"SITE_NAME": settings.SITE_NAME, "SEARCH_MAX_LENGTH": MAX_QUERY_LENGTH, "sections": sections()}


@cache
def sections():
    """Found once per process: the sections and their addresses are the code's, and change only with a release."""
    return tuple(
        {
            "name": capfirst(model._meta.verbose_name_plural),
            "namespace": model._meta.app_label,
            "url": reverse(f"{model._meta.app_label}:list"),
        }
        for model in entry_models()
    )
