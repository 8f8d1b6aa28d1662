"""Old WordPress addresses kept alive: each post's permalink becomes a django.contrib.redirects redirect.

A redirect is made only for an item readers can see, so none ever leads to a draft. That loses nothing: a
WordPress draft, pending, private or scheduled post had no public address anyone could have kept. `/?p=ID`
links, which the redirects app cannot match (`/` is our home page), are answered by `middleware.py`.
"""

import re
from urllib.parse import unquote, urlsplit

from django.contrib.redirects.models import Redirect
from django.contrib.sites.models import Site
from django.utils.encoding import escape_uri_path

MAX_PATH = Redirect._meta.get_field("old_path").max_length


def old_path(link):
    """A permalink's path as Django's request.get_full_path() spells it (percent-encoded, upper case), or ""
    for a link the redirects app cannot hold: `/?p=ID` and the site's home."""
    parts = urlsplit(link or "")
    if parts.query or parts.path in ("", "/"):
        return ""
    return escape_uri_path(re.sub("/{2,}", "/", unquote(parts.path)))  # "//greek/" is a slip exports do make


def keep_old_link(entry, item, report):
    """Make `item.link` answer 301 to `entry`, when readers can see it."""
    path = old_path(item.link)
    if not path or not entry.is_published():
        return
    new_path = entry.get_absolute_url()
    if path == new_path:
        return
    if len(path) > MAX_PATH:
        report.skip("redirects", f"old address longer than {MAX_PATH} characters (its /?p= link still works)")
        report.warn(item, f"no redirect from {path}: longer than the redirects table holds")
        return
    redirect, created = Redirect.objects.get_or_create(
        site=Site.objects.get_current(), old_path=path, defaults={"new_path": new_path}
    )
    if created:
        report.add("redirects")
    elif redirect.new_path == new_path:
        report.skip("redirects", "already there")
    else:
        report.skip("redirects", "old address already redirected elsewhere")
        report.warn(item, f"{path} already redirects to {redirect.new_path}; left as it is")
