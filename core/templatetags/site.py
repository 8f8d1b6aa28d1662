from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def site_url():
    """The public base URL (SITE_URL), for absolute links in e-mails and feeds rendered without a request."""
    return settings.SITE_URL
