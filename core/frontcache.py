"""Front caches (Varnish, a CDN) that keep whole pages for a day and forget exactly the ones a write changes.

Every page the page cache could store names what it shows by its dependency keys (core.dependencies); the
page cache middleware (core.cache) sends those keys as tags in each front cache's own response header, and
a long `s-maxage`. A write that bumps keys purges the pages tagged with them from every front cache once
its transaction has committed: never before, or a front cache asking again at once would be given, and
keep, the page as it was.

A front cache is a `FrontCache`: the header it reads a page's tags from, and `purge(tags)`. The built-in
ones are switched on by their settings (VARNISH_PURGE_URLS, FASTLY_SERVICE_ID, CLOUDFLARE_ZONE_ID); others
are named in FRONT_CACHE_BACKENDS by dotted path. A purge that fails is logged, never raised: the write has
been made, and the page it leaves behind expires with its `s-maxage`.
"""

import functools
import hashlib
import http.client
import json
import logging
import re
import urllib.request
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

# A key is sent as it is when every front cache takes it as one tag: printable, no space or comma (separators),
# short. Others (no key of ours today) are sent as a hash, the same in headers and in purges.
TOKEN = re.compile(r"[A-Za-z0-9._:-]{1,64}")


def tag(key):
    """The tag naming `key` in headers and purges."""
    return key if TOKEN.fullmatch(key) else "h:" + hashlib.sha256(key.encode()).hexdigest()[:32]


class FrontCache:
    """A cache in front of the site that keeps pages under tags and forgets every page carrying a tag it is given.

    A page's tags go in the response header `header`, joined by `separator`; a front cache that takes no more
    than `header_bytes` of it or `max_tags` tags cannot be told of a longer list, so such a page is not left to
    it (core.cache). `purge(tags)` sends, for each batch of at most `batch_size` tags and about `batch_bytes`,
    the HTTP requests `requests(batch)` makes; a front cache purged another way overrides `purge`.
    """

    header = None  # no header: the page's tags reach it some other way, or it needs none
    separator = " "
    header_bytes = 8000
    max_tags = 1000
    batch_size = 100
    batch_bytes = 6000

    def purge(self, tags):
        """Forget the pages tagged with any of `tags`; False when some request failed (it is logged)."""
        sent = [
            send(request)
            for batch in batches(tags, self.batch_size, self.batch_bytes)
            for request in self.requests(batch)
        ]
        return all(sent)  # every request is sent, whatever failed before it

    def requests(self, tags):
        """The HTTP requests (urllib.request.Request) that purge `tags`."""
        raise NotImplementedError

    def __str__(self):
        return type(self).__name__


class Varnish(FrontCache):
    """Varnish with varnish-modules' xkey (deploy/varnish.vcl): `PURGE` with the tags in `xkey-purge`, to each
    address of VARNISH_PURGE_URLS."""

    header = "xkey"
    header_bytes = 8000  # Varnish refuses a response header longer than http_resp_hdr_len (8 KB, name included)
    batch_size = 1000
    batch_bytes = 6000  # and a request header longer than http_req_hdr_len (8 KB)

    def requests(self, tags):
        value = " ".join(tags)
        return [
            urllib.request.Request(url, method="PURGE", headers={"xkey-purge": value})
            for url in settings.VARNISH_PURGE_URLS
        ]


class Fastly(FrontCache):
    """Fastly: a batch purge of surrogate keys with the API token FASTLY_API_TOKEN (scope purge_select)."""

    api = "https://api.fastly.com"
    header = "Surrogate-Key"
    header_bytes = 16384  # Fastly reads no more of it
    batch_size = 256  # keys a batch purge takes

    def requests(self, tags):
        url = f"{self.api}/service/{quote(settings.FASTLY_SERVICE_ID, safe='')}/purge"
        headers = {
            "Fastly-Key": settings.FASTLY_API_TOKEN,
            "Surrogate-Key": " ".join(tags),
            "Accept": "application/json",
        }
        return [urllib.request.Request(url, method="POST", headers=headers)]


class Cloudflare(FrontCache):
    """Cloudflare: a purge by cache tags with the API token CLOUDFLARE_API_TOKEN (permission Cache Purge)."""

    api = "https://api.cloudflare.com/client/v4"
    header = "Cache-Tag"
    separator = ","
    header_bytes = 16 * 1024  # Cloudflare ignores tags past 16 KB or 1,000 tags
    max_tags = 1000
    batch_size = 100  # tags one purge request may name
    batch_bytes = 100_000

    def requests(self, tags):
        url = f"{self.api}/zones/{quote(settings.CLOUDFLARE_ZONE_ID, safe='')}/purge_cache"
        headers = {"Authorization": f"Bearer {settings.CLOUDFLARE_API_TOKEN}", "Content-Type": "application/json"}
        body = json.dumps({"tags": list(tags)}).encode()
        return [urllib.request.Request(url, data=body, method="POST", headers=headers)]


def backends():
    """The configured front caches (FRONT_CACHE_BACKENDS)."""
    return _loaded(tuple(settings.FRONT_CACHE_BACKENDS))


@functools.cache
def _loaded(paths):
    try:
        return tuple(import_string(path)() for path in paths)
    except ImportError as error:
        raise ImproperlyConfigured(f"FRONT_CACHE_BACKENDS: {error}") from error


def tag_headers(keys):
    """{header: tags} naming `keys` for each front cache, or None when one of them could not take them all."""
    tags = sorted({tag(key) for key in keys})
    headers = {}
    for backend in backends():
        if backend.header:
            value = backend.separator.join(tags)
            if len(value) > backend.header_bytes or len(tags) > backend.max_tags:
                logger.warning(
                    "%d keys are too many for %s to tag one page with: it will not keep it", len(tags), backend
                )
                return None
            headers[backend.header] = value
    return headers


def batches(tags, size, max_bytes):
    """`tags` in lists of at most `size` tags and about `max_bytes` once joined."""
    batch, length = [], 0
    for name in tags:
        if batch and (len(batch) >= size or length + len(name) > max_bytes):
            yield batch
            batch, length = [], 0
        batch.append(name)
        length += len(name) + 1
    if batch:
        yield batch


def send(request):
    """Send one purge request; whether it was answered with success (a failure is logged)."""
    try:
        with urllib.request.urlopen(request, timeout=settings.FRONT_CACHE_PURGE_TIMEOUT) as answer:
            answer.read()
    except (OSError, http.client.HTTPException) as error:  # refused, timed out, or answered 4xx/5xx (HTTPError)
        logger.error("Front cache purge failed: %s %s: %s", request.get_method(), request.full_url, error)
        return False
    return True


def purge(keys):
    """Have every front cache forget the pages tagged with any of `keys`, now; whether all of them did."""
    tags = sorted({tag(key) for key in keys})
    done = True
    for backend in backends():
        try:
            done = backend.purge(tags) is not False and done
        except Exception:
            logger.exception("Front cache %s could not purge %d keys", backend, len(tags))
            done = False
    return done


class _Purge:
    """The keys a transaction bumped, purged in one go once it commits."""

    def __init__(self, keys):
        self.keys = set(keys)

    def __call__(self):
        from core.dependencies import _bump

        # A later write of this transaction bumps its keys again after commit in its own callback, which may
        # come after this one; a front cache asking for a page between the purge and that bump could be given a
        # page our cache filed, under the new versions, while the write was not yet visible. So all of them now.
        _bump(self.keys)
        purge(self.keys)


def purge_after_commit(keys):
    """Purge `keys` from every front cache once the current transaction commits (now, outside of one).

    The keys of one transaction go in one purge: its first write registers it, later writes add to it. A
    rolled-back transaction, or savepoint that registered it, sends nothing.
    """
    if not settings.FRONT_CACHE_BACKENDS:
        return
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        pending = next((func for _, func, _ in connection.run_on_commit if isinstance(func, _Purge)), None)
        if pending is not None:
            pending.keys.update(keys)
            return
    transaction.on_commit(_Purge(keys), robust=True)
