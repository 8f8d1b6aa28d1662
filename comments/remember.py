"""“Save my name, e-mail and website in this browser”: a signed cookie that fills in the next comment form.

Only comments pages read it, and they are never stored by the page cache (they are `Cache-Control: private`),
so one reader's details never reach another reader's page.
"""

from django.conf import settings
from django.core import signing

COOKIE_NAME = "comment_author"
FIELDS = ("name", "email", "url")
MAX_AGE = 365 * 24 * 60 * 60  # a year, as WordPress keeps them
SALT = "comments.remember"


def remembered_details(request):
    """The name, e-mail and website this browser asked us to keep, or {} when none (or expired, or tampered with)."""
    try:
        details = signing.loads(request.COOKIES.get(COOKIE_NAME, ""), salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return {}
    return {field: str(details.get(field, "")) for field in FIELDS} if isinstance(details, dict) else {}


def remember_or_forget(request, response, cleaned_data):
    """After an accepted comment: keep the poster's details if they ticked the box, else forget any kept before."""
    if cleaned_data.get("remember"):
        value = signing.dumps({field: cleaned_data.get(field) or "" for field in FIELDS}, salt=SALT, compress=True)
        response.set_cookie(
            COOKIE_NAME, value, max_age=MAX_AGE, httponly=True, samesite="Lax", secure=settings.SESSION_COOKIE_SECURE
        )
    elif COOKIE_NAME in request.COOKIES:
        response.delete_cookie(COOKIE_NAME, samesite="Lax")
    return response
