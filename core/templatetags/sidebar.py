from django import template
from django.apps import apps

from core.dependencies import SIDEBAR, depends_on

register = template.Library()


def _latest(app_label, model_name, current):
    """The published items of a section, newest first, less the item being read if it is one of them."""
    model = apps.get_model(app_label, model_name)
    items = model.objects.published()
    return items.exclude(pk=current.pk) if isinstance(current, model) else items


@register.inclusion_tag("includes/sidebar.html")
def sidebar(current=None):
    """The sidebar of every reader page: latest interviews, the latest cartoon, latest book reviews.

    `current` is the item the page shows, if any: it is left out, so the sidebar always offers something else.
    Sections are found by name, so that core imports no section app.
    """
    depends_on(SIDEBAR)  # bumped by any write to these sections' items (core.pagekeys)
    return {
        "interviews": _latest("interviews", "Interview", current).only("title", "slug", "excerpt")[:2],
        "cartoon": _latest("cartoons", "Cartoon", current)
        .only("title", "slug", "lead_image", "lead_image_alt", "lead_image_width", "lead_image_height")
        .first(),
        "reviews": _latest("reviews", "BookReview", current).only("title", "slug", "excerpt")[:3],
    }
