"""RSS 2.0 and Atom feeds of readers' comments: the newest on the whole magazine, or on one item.

Only comments readers see on the site (comments.threads.VISIBLE, on published items) are ever in them, so a
held or removed comment cannot reach a feed reader. They go through the page cache like any page: the site's
feed depends on every visible comment and on each section's published set, an item's on its discussion.
"""

from django.conf import settings
from django.shortcuts import get_object_or_404
from django.urls import reverse

from comments.pagekeys import LATEST_COMMENTS
from comments.templatetags.discussion import comment_text
from comments.threads import latest_comments
from core.dependencies import depends_on, discussion_key, entry_key, list_key
from core.feeds import MagazineFeed
from core.registry import entry_models

FEED_LENGTH = 30


def comment_url(comment):
    """Where a comment is read: its anchor on the page of the item's comments its thread is on."""
    page = f"?page={comment.page_number}" if comment.page_number > 1 else ""
    return f"{comment.entry.get_comments_url()}{page}#c{comment.pk}"


class CommentFeed(MagazineFeed):
    """The newest comments readers see, on every published item."""

    def title(self, obj):
        return f"Comments · {settings.SITE_NAME}"

    def link(self, obj):
        return reverse("core:home")

    def description(self, obj):
        return f"The latest readers' comments in {settings.SITE_NAME}."

    def items(self, obj):
        depends_on(LATEST_COMMENTS, *(list_key(model) for model in entry_models()))
        return latest_comments(FEED_LENGTH)

    def item_title(self, comment):
        return self.as_text(f"{comment.user_name} on “{comment.entry.title}”")

    def item_description(self, comment):
        return comment_text(comment.comment)  # the reader's text escaped, with its line breaks and links

    def item_link(self, comment):
        return comment_url(comment)

    def item_author_name(self, comment):
        return comment.user_name  # never the e-mail address

    def item_pubdate(self, comment):
        return comment.submit_date


class EntryCommentFeed(CommentFeed):
    """The newest comments readers see on one published item."""

    def __init__(self, model, atom=False):
        super().__init__(atom=atom)
        self.model = model

    def get_object(self, request, slug):
        return get_object_or_404(self.model.objects.published(), slug=slug)

    def title(self, obj):
        return f"Comments on “{obj.title}” · {settings.SITE_NAME}"

    def link(self, obj):
        return obj.get_comments_url()

    def description(self, obj):
        return f"Readers' comments on “{obj.title}” in {settings.SITE_NAME}."

    def items(self, obj):
        depends_on(entry_key(obj), discussion_key(obj._meta.label_lower, obj.pk))
        return latest_comments(FEED_LENGTH, entry=obj)

    def item_title(self, comment):
        return self.as_text(f"Comment by {comment.user_name}")
