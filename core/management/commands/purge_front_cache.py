from django.core.management.base import BaseCommand, CommandError

from core import frontcache
from core.dependencies import EVERYTHING


class Command(BaseCommand):
    help = (
        "Purge pages from the front caches (Varnish, Fastly, Cloudflare) by dependency key, e.g. entry:blog.article:12 "
        "or tag:5; with no key, every page. For after a failed purge, or a change made outside the site."
    )

    def add_arguments(self, parser):
        parser.add_argument("keys", nargs="*", metavar="key")

    def handle(self, keys, **options):
        backends = frontcache.backends()
        if not backends:
            raise CommandError("No front cache is set up (VARNISH_PURGE_URLS, FASTLY_SERVICE_ID, CLOUDFLARE_ZONE_ID).")
        keys = keys or [EVERYTHING]
        if not frontcache.purge(keys):
            raise CommandError("Some purges failed: see the log above.")
        self.stdout.write(f"Purged {len(keys)} key(s) from {', '.join(map(str, backends))}.")
