"""What the server knows of a reader without an account, from signed cookies only it can write.

- `reader`: a random token naming the browser, given on the report page, so that a reader's reports on a
  comment count once (comments.Report.reporter_key holds a keyed hash of it, never the token).
- `comments_posted`: the comments this browser posted in the last COMMENTS_EDIT_MINUTES, set when a comment is
  accepted, so that their author may still edit or delete them from this browser (and only from it).

Only pages the page cache never stores read or set them (the comments page is private; the report, edit and
delete pages are never cached), and the thread fragment every reader shares never depends on them.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from comments.threads import REMOVED, comments_on
from core.clientip import client_ip

READER_COOKIE = "reader"
READER_SALT = "comments.reader"
READER_MAX_AGE = 365 * 24 * 60 * 60
POSTED_COOKIE = "comments_posted"
POSTED_SALT = "comments.posted"
POSTED_KEPT = 20  # the newest ids a browser keeps: more than anyone posts within the edit window


def _set_cookie(response, name, value, max_age):
    response.set_cookie(
        name, value, max_age=max_age, httponly=True, samesite="Lax", secure=settings.SESSION_COOKIE_SECURE
    )


# Reports: who the reader is


def reader_token(request):
    """This browser's token, or None when it has none (first visit, cookies refused, tampered with)."""
    try:
        token = signing.loads(request.COOKIES.get(READER_COOKIE, ""), salt=READER_SALT, max_age=READER_MAX_AGE)
    except signing.BadSignature:
        return None
    return token if isinstance(token, str) and token else None


def give_reader_token(request, response):
    """Give the browser a token if it has none yet (the report page does, before the reader sends a report)."""
    if reader_token(request) is None:
        _set_cookie(response, READER_COOKIE, signing.dumps(secrets.token_urlsafe(24), salt=READER_SALT), READER_MAX_AGE)
    return response


def _hashed(kind, value):
    return salted_hmac(f"comments.reporter.{kind}", value, algorithm="sha256").hexdigest()


def reporter_keys(request):
    """(reporter_key, tally_key) of the reader sending a report.

    reporter_key, unique per comment: the account of a logged-in reader; else a keyed hash of the browser's
    token; else (no token came back: cookies refused) of the reader's address. tally_key, what the report counts
    as towards hiding the comment: the account, else the address, so one person clearing cookies counts once.
    Hashes, not the token or the address, are stored: they name a reader without telling who.
    """
    if request.user.is_authenticated:
        key = f"user:{request.user.pk}"
        return key, key
    address = _hashed("address", client_ip(request))
    token = reader_token(request)
    return (_hashed("browser", token) if token else address), address


# Editing and deleting: which comments are the reader's own


def edit_window():
    return timedelta(minutes=settings.COMMENTS_EDIT_MINUTES)


def posted_ids(request):
    """The ids of the comments this browser posted within the edit window (as far as its cookie tells)."""
    try:
        ids = signing.loads(
            request.COOKIES.get(POSTED_COOKIE, ""), salt=POSTED_SALT, max_age=edit_window().total_seconds()
        )
    except signing.BadSignature:
        return []
    return [pk for pk in ids if isinstance(pk, int)] if isinstance(ids, list) else []


def remember_posted(request, response, comment):
    """After an accepted comment: this browser may change it, for COMMENTS_EDIT_MINUTES."""
    earlier = [pk for pk in posted_ids(request) if pk != comment.pk]
    ids = [*earlier[-(POSTED_KEPT - 1) :], comment.pk]
    value = signing.dumps(ids, salt=POSTED_SALT)
    _set_cookie(response, POSTED_COOKIE, value, max(1, settings.COMMENTS_EDIT_MINUTES * 60))
    return response


def is_own(request, comment):
    """Whether the reader wrote `comment`: their account posted it, or this browser did."""
    user = request.user
    return (user.is_authenticated and comment.user_id == user.pk) or comment.pk in posted_ids(request)


def changeable_until(comment):
    return comment.submit_date + edit_window()


def refusal(request, comment):
    """None when the reader may still edit or delete `comment`; else why not, in words for them."""
    # The window first: once it is over the browser may have dropped its cookie, and the reader deserves the reason.
    if timezone.now() >= changeable_until(comment):
        return _("This comment can no longer be changed: comments can be edited or deleted for %(n)d minutes.") % {
            "n": settings.COMMENTS_EDIT_MINUTES
        }
    if not is_own(request, comment):
        return _(
            "Only the author of a comment may change it: from the browser that posted it, or when logged in to the "
            "account that posted it."
        )
    return None


def changeable_comments(request, entry):
    """The reader's own comments on `entry` they may still change, oldest first; no query for a stranger."""
    ids, user = posted_ids(request), request.user
    if not ids and not user.is_authenticated:
        return []
    mine = Q(pk__in=ids) | (Q(user=user) if user.is_authenticated else Q(pk__in=ids))
    since = timezone.now() - edit_window()
    comments = list(comments_on(entry).filter(mine, submit_date__gt=since).exclude(REMOVED).order_by("submit_date"))
    for comment in comments:
        comment.changeable_until = changeable_until(comment)
    return comments
