from django import template
from django.conf import settings

from core.metadata import json_ld
from core.sites import absolute_url

register = template.Library()


@register.inclusion_tag("includes/entry_meta.html", takes_context=True)
def entry_meta(context, entry):
    """An item page's canonical link, Open Graph and Twitter card tags, with absolute URLs."""
    request = context["request"]
    image_url = entry.page_image_url
    return {
        "entry": entry,
        "site_name": settings.SITE_NAME,
        "canonical_url": entry.canonical_url(absolute_url(request, entry.get_absolute_url())),
        "image_url": absolute_url(request, image_url) if image_url else "",
        "image_size": entry.page_image_size,
        "tags": entry.tags.all(),
    }


@register.simple_tag(takes_context=True)
def entry_json_ld(context, entry):
    """An item's schema.org data (`structured_data()`) as a JSON-LD script element."""
    request = context["request"]
    return json_ld(entry.structured_data(lambda path: absolute_url(request, path)))
