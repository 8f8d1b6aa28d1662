"""Whole-page caching for anonymous readers that never serves stale content, and survives a busy discussion.

Each page is stored with the versions of the dependency keys of what it shows (core.dependencies): the items,
lists, tags, authors and sources it draws from. It is served while every one of those versions is unchanged,
which costs two cache reads and no SQL. A write bumps only the keys of what it changed, so a comment on one
article remakes that article's pages and the lists showing its comment count, and nothing else.

A scheduled item going live is a change nobody writes: pages are never kept past the next scheduled publish
time. Pages with a form, pages for logged-in users and anything that sets a cookie are never stored.

With front caches set up (core.frontcache: Varnish, a CDN), every page this cache would store also carries
its keys as their tags and a long `s-maxage`: they keep it until a write purges it, except a page made while
something was written (`s-maxage=0`), since they cannot check versions as this cache does.
"""

import hashlib
import time
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, transaction
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, get_max_age, patch_cache_control, set_response_etag
from django.utils.http import http_date, parse_http_date_safe

from core import dependencies, frontcache

SKIPPED_PATHS = ("/admin/", "/healthz")
# Query parameters a middleware below this one answers on its own (wordpress.middleware: `/?p=123`, an old
# WordPress link): such a request must reach it, not be served the page filed without the parameter.
PASSED_PARAMETERS = ("p", "page_id")
# The query parameters our pages read (list pages, search). Views ignore every other one (utm_source, fbclid...),
# so a page is filed without them: a link with tracking tags is served from the same entry, and random query
# strings cannot fill the cache. A view that starts reading a new parameter must add it here.
PAGE_QUERY_PARAMETERS = ("page", "q")
NEXT_PUBLISH_KEY = "next-publish-time"
STORED_MARK = ":mark"  # beside a page: the write mark when it was stored


def next_publish_time():
    """When the next scheduled item goes live (a timestamp), or None; kept in the cache until an item changes."""
    found = cache.get(NEXT_PUBLISH_KEY)
    if found is None:
        from core.registry import entry_models

        parts = [
            # From the primary: a replica may not yet have the change that had this key dropped.
            model.objects.db_manager(DEFAULT_DB_ALIAS).scheduled().order_by().values_list("published_at", flat=True)
            for model in entry_models()
        ]
        first = parts[0].union(*parts[1:], all=True).order_by("published_at")[:1]
        found = {"at": first[0].timestamp() if first else None}  # one query, whatever the number of sections
        cache.set(NEXT_PUBLISH_KEY, found, None)
    if found["at"] is not None and found["at"] <= time.time():  # that item is live now: find the next one
        cache.delete(NEXT_PUBLISH_KEY)
        return next_publish_time()
    return found["at"]


def until_next_publish(timeout):
    """`timeout`, cut short at the next scheduled publish time: an item going live changes lists, unwritten."""
    publish_at = next_publish_time()
    return timeout if publish_at is None else max(1, min(timeout, int(publish_at - time.time())))


def schedule_changed():
    """An item's status or publish time changed: look for the next scheduled item again (now and after commit)."""
    cache.delete(NEXT_PUBLISH_KEY)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: cache.delete(NEXT_PUBLISH_KEY))


def content_changed():
    """For writes that send no signals and could touch any page (bulk actions, imports): remake every page."""
    dependencies.everything_changed()
    schedule_changed()


def page_key(request):
    """What tells one cached page from another: scheme, path and the query parameters pages read.

    The scheme counts because feeds, the sitemap and meta tags link absolutely with the request's scheme.
    """
    query = urlencode(sorted((k, v) for k, v in request.GET.lists() if k in PAGE_QUERY_PARAMETERS), doseq=True)
    return "page:" + hashlib.sha256(f"{request.scheme}:{request.path}?{query}".encode()).hexdigest()


class KnownKeys(dict):
    """Per process: the cache names of the dependency keys each page was last seen to depend on.

    Only a hint of what to read with the page: the page's own stored versions decide, and a page now made of
    other keys is checked with a second read. Bounded: emptied when full, and learnt again from the next hits.
    """

    LIMIT = 20_000

    def remember(self, key, names):
        if len(self) >= self.LIMIT:
            self.clear()
        self[key] = names


known_keys = KnownKeys()


class AnonymousPageCacheMiddleware:
    """Serve anonymous readers' pages from the cache; store the ones that are the same for everyone.

    It is the first middleware: a page is stored with every header the others gave it (security headers, the
    Content-Security-Policy, Permissions-Policy), so a hit runs none of them. It answers conditional requests
    (304) itself, and leaves static files, the admin and parameters other middleware answer to the rest.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.skipped_paths = (*SKIPPED_PATHS, settings.STATIC_URL, settings.MEDIA_URL)

    def __call__(self, request):
        if not self.is_cacheable_request(request):
            response = self.get_response(request)
            if settings.SESSION_COOKIE_NAME in request.COOKIES:
                patch_cache_control(response, private=True)  # a logged-in page must never reach a shared cache
            return response
        if not settings.PAGE_CACHE_SECONDS and not frontcache.backends():
            return self.get_response(request)
        key, mark = page_key(request), None
        if settings.PAGE_CACHE_SECONDS:
            # The versions of the keys this process saw the page depend on last time are read with it: after a
            # write anywhere, a hit is still one round trip to the cache.
            known = known_keys.get(key, ())
            found = cache.get_many([key, key + STORED_MARK, dependencies.WRITES, *known])
            stored, mark = found.get(key), found.get(dependencies.WRITES)
            if stored is not None and self.still_valid(stored, found, key, mark):
                return self.conditional(request, self.rebuild(stored))
        mark_before = mark or dependencies.write_mark()
        with dependencies.collecting() as keys:
            response = self.get_response(request)
        if self.is_cacheable_response(request, response):
            self.store(key, response, keys, mark_before)
            return self.conditional(request, response)
        return response

    @staticmethod
    def still_valid(stored, found, key, mark):
        """Whether a stored page shows what is there now: its keys' versions are those it was made under.

        While nothing at all has been written since it was stored, the write mark says so. After a write
        anywhere, its keys' versions say so: read with the page when this process knows them (`known_keys`),
        else in a second read.
        """
        versions = stored["versions"]
        names = [dependencies.PREFIX + name for name in versions]
        known_keys.remember(key, names)
        if mark is not None and found.get(key + STORED_MARK) == mark:
            return True
        if all(name in found for name in names):
            return all(found[dependencies.PREFIX + name] == version for name, version in versions.items())
        return dependencies.versions(versions)[0] == versions

    @classmethod
    def store(cls, key, response, keys, mark_before):
        """Keep the page, and let front caches keep it, unless something was written while it was made."""
        view_max_age = get_max_age(response)  # before mark_public replaces it: the sitemap is an hour old at most
        if settings.PAGE_CACHE_SECONDS:
            versions, mark_after = dependencies.versions(sorted(keys))
        else:
            versions, mark_after = None, dependencies.write_mark()  # only front caches keep it
        if mark_after != mark_before:
            # It may show the old state under new versions. We do not keep it, and front caches, which cannot
            # check versions, must not either: its write's purge may have come and gone already.
            if frontcache.backends():
                patch_cache_control(response, s_maxage=0)
            return
        cls.mark_public(response)
        shared_until = cls.shared_until(view_max_age) if frontcache.backends() else None
        if settings.PAGE_CACHE_SECONDS:
            timeout = until_next_publish(settings.PAGE_CACHE_SECONDS)
            content = {"status": response.status_code, "content": response.content, "headers": dict(response.headers)}
            content |= {"versions": versions, "shared_until": shared_until}
            cache.set_many({key: content, key + STORED_MARK: mark_after}, timeout)
        cls.share(response, keys, shared_until)

    @staticmethod
    def shared_until(view_max_age):
        """Until when front caches may keep a page made now (a timestamp): FRONT_CACHE_SECONDS, or less when
        the view says so, and never past the next scheduled publish time (an item going live is unwritten)."""
        seconds = (
            settings.FRONT_CACHE_SECONDS if view_max_age is None else min(view_max_age, settings.FRONT_CACHE_SECONDS)
        )
        return time.time() + until_next_publish(seconds) if seconds > 0 else None

    @staticmethod
    def share(response, keys, until):
        """Tag the page with its keys for the front caches, and let them keep it until `until` (None: not at all)."""
        if not frontcache.backends():
            return
        headers = frontcache.tag_headers(keys)
        if headers is None:
            until = None  # a front cache could not be told every key: it could not be purged of it
        for name, value in (headers or {}).items():
            response[name] = value
        patch_cache_control(response, s_maxage=max(0, int(until - time.time())) if until else 0)

    def is_cacheable_request(self, request):
        cookies = request.COOKIES
        return (
            request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in cookies  # logged in, or a session with messages in it
            and "messages" not in cookies
            and not request.path.startswith(self.skipped_paths)
            and not any(name in request.GET for name in PASSED_PARAMETERS)
            and bool(request.get_host())  # a Host not in ALLOWED_HOSTS is refused (400) before any page is served
        )

    @staticmethod
    def is_cacheable_response(request, response):
        cache_control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies  # a CSRF token, a session: this page is someone's own
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")  # the page holds a form's token
            and not any(word in cache_control for word in ("private", "no-cache", "no-store"))
            # A nonce is good for one response only: a page whose policy carries one is never served twice.
            and "'nonce-" not in response.get("Content-Security-Policy", "")
        )

    @staticmethod
    def mark_public(response):
        # Browsers and CDNs may keep it, but ask again each time: we answer from the cache, or 304.
        patch_cache_control(response, public=True, max_age=settings.PAGE_CACHE_BROWSER_SECONDS, must_revalidate=True)
        response["Last-Modified"] = http_date(time.time())
        set_response_etag(response)

    @classmethod
    def rebuild(cls, stored):
        response = HttpResponse(stored["content"], status=stored["status"])
        for name, value in stored["headers"].items():
            response[name] = value
        response["X-Page-Cache"] = "hit"
        # Tagged as it is served: s-maxage counts from now. (A page stored before a front cache was set up: 0.)
        cls.share(response, stored["versions"], stored.get("shared_until"))
        return response

    @staticmethod
    def conditional(request, response):
        """304 Not Modified when the reader's copy is this one, as ConditionalGetMiddleware answers a miss."""
        last_modified = parse_http_date_safe(response.get("Last-Modified", ""))
        return get_conditional_response(
            request, etag=response.get("ETag"), last_modified=last_modified, response=response
        )
