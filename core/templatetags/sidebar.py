from django import template
from django.apps import apps
from django.template.loader import render_to_string

from core.dependencies import SIDEBAR, entry_key, kept
from core.pagekeys import SIDEBAR_SECTIONS

register = template.Library()


def _latest(app_label, model_name, current):
    """The published items of a section, newest first, less the item being read if it is one of them."""
    model = apps.get_model(app_label, model_name)
    items = model.objects.published()
    return items.exclude(pk=current.pk) if isinstance(current, model) else items


@register.simple_tag
def sidebar(current=None):
    """The sidebar of every reader page: latest interviews, the latest cartoon, latest book reviews.

    `current` is the item the page shows, if any: it is left out, so the sidebar always offers something else.
    Every page but those of the sidebar's own items shows the same one, kept in the cache until one of its
    sections changes (core.dependencies). Sections are found by name, so that core imports no section app.
    """
    listed = getattr(current, "_meta", None) and current._meta.label_lower in SIDEBAR_SECTIONS
    name = f"sidebar:{entry_key(current) if listed else ''}"
    return kept(name, [SIDEBAR], lambda: render_to_string("includes/sidebar.html", _latest_items(current)))


def _latest_items(current):
    return {
        "interviews": _latest("interviews", "Interview", current).only("title", "slug", "excerpt")[:2],
        "cartoon": _latest("cartoons", "Cartoon", current)
        .only("title", "slug", "lead_image", "lead_image_alt", "lead_image_width", "lead_image_height")
        .first(),
        "reviews": _latest("reviews", "BookReview", current).only("title", "slug", "excerpt")[:3],
    }
