"""Whole-page caching for anonymous readers that never serves stale content.

Every cached page is filed under the current *content generation*. Any write to the content (an item, a
comment, a tag, a closed thread...) starts a new generation, so every page made before it is simply never
read again and expires on its own. A scheduled item going live is a change nobody writes: a generation
ends by itself when the next scheduled publish time comes. Pages with a form, pages for logged-in users and
anything that sets a cookie are never stored.
"""

import hashlib
import time
import uuid
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db.models import Min
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control, set_response_etag
from django.utils.http import http_date

GENERATION_KEY = "content-generation"
# Writes here are not content: logins, sessions, the admin's own log.
NOT_CONTENT_APPS = {"sessions", "admin", "auth", "contenttypes"}
SKIPPED_PATHS = ("/admin/", "/healthz")
# The query parameters our pages read (list pages, search). Views ignore every other one (utm_source, fbclid...),
# so a page is filed without them: a link with tracking tags is served from the same entry, and random query
# strings cannot fill the cache. A view that starts reading a new parameter must add it here.
PAGE_QUERY_PARAMETERS = ("page", "q")


def _next_publish_time():
    """When the next scheduled item goes live (a timestamp), or None."""
    from core.registry import entry_models

    now = timezone.now()
    times = [
        model.objects.filter(status="published", published_at__gt=now).aggregate(t=Min("published_at"))["t"]
        for model in entry_models()
    ]
    times = [t for t in times if t is not None]
    return min(times).timestamp() if times else None


def _new_generation():
    generation = {"id": uuid.uuid4().hex, "since": time.time(), "until": _next_publish_time()}
    cache.set(GENERATION_KEY, generation, None)
    return generation


def current_generation():
    """The generation pages are filed under now; a new one when the last ended at a scheduled publish time."""
    generation = cache.get(GENERATION_KEY)
    if generation is None or (generation["until"] is not None and time.time() >= generation["until"]):
        generation = _new_generation()
    return generation


def content_changed(**kwargs):
    """Forget every cached page: the next request for each is made afresh. Safe to call often."""
    cache.delete(GENERATION_KEY)


def on_model_write(sender, **kwargs):
    if sender._meta.app_label not in NOT_CONTENT_APPS:
        content_changed()


def connect_invalidation():
    """Any saved, deleted or relinked content model starts a new generation (see `content_changed`).

    Writes through `QuerySet.update()` send no signal; the code that makes them calls `content_changed()`.
    """
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(on_model_write, dispatch_uid=f"page-cache-{signal}")


def page_key(request):
    """What tells one cached page from another: scheme, path and the query parameters pages read.

    The scheme counts because feeds, the sitemap and meta tags link absolutely with the request's scheme.
    """
    query = urlencode(sorted((k, v) for k, v in request.GET.lists() if k in PAGE_QUERY_PARAMETERS), doseq=True)
    return hashlib.sha256(f"{request.scheme}:{request.path}?{query}".encode()).hexdigest()


class AnonymousPageCacheMiddleware:
    """Serve anonymous readers' pages from the cache; store the ones that are the same for everyone."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        timeout = settings.PAGE_CACHE_SECONDS
        if not self.is_cacheable_request(request):
            response = self.get_response(request)
            if settings.SESSION_COOKIE_NAME in request.COOKIES:
                patch_cache_control(response, private=True)  # a logged-in page must never reach a shared cache
            return response
        if not timeout:
            return self.get_response(request)
        generation = current_generation()
        key = f"page:{generation['id']}:{page_key(request)}"
        stored = cache.get(key)
        if stored is not None:
            return self.rebuild(stored, request)
        response = self.get_response(request)
        if self.is_cacheable_response(request, response):
            self.mark_public(response, generation)
            if generation["until"] is not None:
                timeout = max(1, min(timeout, int(generation["until"] - time.time())))
            cache.set(key, (response.status_code, response.content, dict(response.headers)), timeout)
        return response

    @staticmethod
    def is_cacheable_request(request):
        cookies = request.COOKIES
        return (
            request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in cookies  # logged in, or a session with messages in it
            and "messages" not in cookies
            and not request.path.startswith(SKIPPED_PATHS)
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
        )

    @staticmethod
    def mark_public(response, generation):
        # Browsers and CDNs may keep it, but ask again each time: we answer from the cache, or 304.
        patch_cache_control(response, public=True, max_age=settings.PAGE_CACHE_BROWSER_SECONDS, must_revalidate=True)
        response["Last-Modified"] = http_date(generation["since"])
        set_response_etag(response)

    @staticmethod
    def rebuild(stored, request):
        status, content, headers = stored
        response = HttpResponse(content, status=status)
        for name, value in headers.items():
            response[name] = value
        response["X-Page-Cache"] = "hit"
        return response
