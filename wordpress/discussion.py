"""A post's WordPress comments as comments here: threads kept, approval mapped, none imported twice."""

import ipaddress
import re
from collections import defaultdict
from html import unescape

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone

from comments.services import comment_import
from comments.threads import comments_on, max_reply_level
from wordpress.dates import wordpress_time
from wordpress.models import ImportedObject

# wp:comment_approved: (is_public, is_removed). Held comments wait for a moderator; spam and trash never show.
STATES = {"1": (True, False), "0": (False, False), "spam": (False, True), "trash": (False, True),
          "post-trashed": (False, True)}  # fmt: skip
NOT_COMMENTS = {"pingback", "trackback"}
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_PARAGRAPH = re.compile(r"</p>\s*<p[^>]*>", re.IGNORECASE)
_LINK = re.compile(r"<a\b[^>]*?href=[\"']([^\"']*)[\"'][^>]*>(.*?)</a>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]*>")


def import_comments(entry, item, site, report):
    """Import the comments of `item` not imported before, parents before their replies."""
    known = ImportedObject.objects.imported(ImportedObject.Kind.COMMENT, [c.id for c in item.comments])
    report.skip("comments", "already imported", len(known))
    # WordPress ID: (our pk, level, our parent's pk), for comments stored before and those stored now.
    placed = {}
    if known:
        rows = comments_on(entry).filter(pk__in=known.values()).values_list("pk", "level", "parent_id")
        by_pk = {row[0]: row for row in rows}
        placed = {wp_id: by_pk[pk] for wp_id, pk in known.items() if pk in by_pk}
    new, seen = [], set(known)
    for comment in item.comments:
        if comment.id in known:
            continue
        if not comment.id.isdigit() or comment.id in seen:
            report.skip("comments", "without a WordPress ID of their own (wp:comment_id)")
        elif comment.type in NOT_COMMENTS:
            report.skip("comments", "pingbacks and trackbacks (notices from other sites, not comments)")
        elif comment.approved not in STATES:
            report.skip("comments", "in a state WordPress plugins add (not approved, held, spam or trash)")
        else:
            new.append(comment)
        seen.add(comment.id)
    max_level, too_deep, rows, comment_type = max_reply_level(entry), 0, [], ContentType.objects.get_for_model
    for comment in _parents_first(new):
        parent = placed.get(comment.parent)
        if comment.parent not in ("", "0") and parent is None:
            report.warn(item, f"comment {comment.id} replies to comment {comment.parent}, which was not imported: "
                              "it starts a thread of its own")  # fmt: skip
        parent_pk = 0
        if parent and max_level:
            pk, level, grandparent_pk = parent
            too_deep += level >= max_level
            parent_pk = grandparent_pk if level >= max_level else pk  # replies go max_level deep here
        stored = comment_import(entry, parent_pk, **_fields(comment))
        placed[comment.id] = (stored.pk, stored.level, stored.parent_id)
        rows.append(ImportedObject(kind=ImportedObject.Kind.COMMENT, wordpress_id=comment.id, site=site,
                                   content_type=comment_type(stored), object_id=stored.pk))  # fmt: skip
    ImportedObject.objects.bulk_create(rows)
    report.add("comments", len(rows))
    if too_deep:
        report.warn(item, f"{too_deep} replies were nested deeper than the {max_level + 1} levels threads have "
                          "here: they hang at the deepest level instead")  # fmt: skip


def _parents_first(comments):
    """Comments in date order, except that a reply never comes before the comment it answers."""
    ids = {comment.id for comment in comments}
    waiting, ordered, done = defaultdict(list), [], set()
    for comment in sorted(comments, key=lambda c: (c.date_gmt or c.date, int(c.id) if c.id.isdigit() else 0)):
        if comment.parent in ids and comment.parent not in done:
            waiting[comment.parent].append(comment)
            continue
        stack = [comment]
        while stack:  # a loop, not recursion: a thread may be a thousand replies deep
            current = stack.pop()
            ordered.append(current)
            done.add(current.id)
            stack.extend(reversed(waiting.pop(current.id, [])))
    for stuck in waiting.values():  # replies in a loop of parents (a broken export): placed at the end
        ordered.extend(stuck)
    return ordered


def _fields(comment):
    is_public, is_removed = STATES[comment.approved]
    return {
        "user_name": " ".join(unescape(comment.author).split())[:50] or "Anonymous",
        "user_email": comment.email if _is_email(comment.email) else "",
        "user_url": comment.url if comment.url.startswith(("http://", "https://")) and len(comment.url) <= 200 else "",
        "ip_address": comment.ip if _is_ip(comment.ip) else None,
        "submit_date": wordpress_time(comment.date_gmt, comment.date) or timezone.now(),
        "comment": comment_text(comment.content),
        "is_public": is_public,
        "is_removed": is_removed,
    }


def comment_text(html):
    """A WordPress comment (a little HTML) as the plain text our comments are: breaks kept, links spelled out."""
    text = _PARAGRAPH.sub("\n\n", _BREAK.sub("\n", html or ""))
    text = _LINK.sub(lambda m: m[2] if _TAG.sub("", m[2]).strip() in (m[1], "") else f"{m[2]} ({m[1]})", text)
    text = unescape(_TAG.sub("", text))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(line.rstrip() for line in text.strip().split("\n")))


def _is_email(value):
    try:
        validate_email(value)
    except ValidationError:
        return False
    return len(value) <= 254


def _is_ip(value):
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True
