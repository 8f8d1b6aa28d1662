"""Keep the Sites framework's domain in step with the SITE_URL setting."""

from urllib.parse import urlsplit

from django.conf import settings


def sync_site_with_setting(using="default", **kwargs):
    """Point Site 1 at SITE_URL after migrating, so links in feeds and e-mails never say example.com."""
    from django.contrib.sites.models import Site

    domain = urlsplit(settings.SITE_URL).netloc
    Site.objects.using(using).update_or_create(pk=settings.SITE_ID, defaults={"domain": domain, "name": domain})
