from django import template
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils.html import linebreaks, urlize
from django.utils.safestring import mark_safe

from comments import threads
from core.dependencies import discussion_key, kept

register = template.Library()


@register.simple_tag
def comment_counts(entries):
    """Approved-comment counts for a whole list of items, in one query: `{% comment_counts page as counts %}`."""
    return threads.comment_counts(entries)


@register.filter
def count_for(counts, entry):
    """`{{ counts|count_for:entry }}`: the entry's count from `comment_counts`, 0 when it has none."""
    return counts.get((ContentType.objects.get_for_model(entry).pk, str(entry.pk)), 0)


@register.simple_tag
def approved_comment_count(entry):
    """How many comments readers see on `entry`, kept until its discussion changes (core.dependencies)."""
    key = discussion_key(entry._meta.label_lower, entry.pk)
    # A lambda: building the query costs more than reading the kept count, and is needed only to make it.
    return kept(f"count:{key}", [key], lambda: threads.approved_comments(entry).count())


@register.filter(is_safe=True)
def comment_text(text):
    """A reader's plain text as HTML: everything escaped, line breaks kept, links marked as user content.

    urlize escapes the text around the links it makes; linebreaks then only adds <p> and <br>.
    """
    linked = urlize(text, trim_url_limit=60, nofollow=True, autoescape=True)
    linked = linked.replace('rel="nofollow"', 'rel="nofollow ugc"')
    return mark_safe(linebreaks(linked, autoescape=False))


@register.inclusion_tag("includes/feed_links.html")
def comment_feed_links(entry=None):
    """`<link rel="alternate">` to the comments feeds of `entry`, or of the whole magazine."""
    if entry is None:
        rss, atom, title = reverse("comments-feed"), reverse("comments-feed-atom"), f"Comments · {settings.SITE_NAME}"
    else:
        namespace, kwargs = entry._meta.app_label, {"slug": entry.slug}
        rss = reverse(f"{namespace}:comments_feed", kwargs=kwargs)
        atom = reverse(f"{namespace}:comments_feed_atom", kwargs=kwargs)
        title = f"Comments on “{entry.title}”"
    return {"rss": rss, "atom": atom, "title": title}
