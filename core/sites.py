"""The Sites framework: its domain follows the SITE_URL setting, and absolute links are built on it."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.contrib.syndication.views import add_domain


def sync_site_with_setting(using="default", **kwargs):
    """Point Site 1 at SITE_URL after migrating, so links in feeds and e-mails never say example.com."""
    from django.contrib.sites.models import Site

    domain = urlsplit(settings.SITE_URL).netloc
    Site.objects.using(using).update_or_create(pk=settings.SITE_ID, defaults={"domain": domain, "name": domain})


def absolute_url(request, path):
    """`path` on the Sites framework's domain, with the request's scheme: as feeds and the sitemap build links."""
    return add_domain(get_current_site(request).domain, path, request.is_secure())
