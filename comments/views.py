from core.views import EntryDetailView


class EntryCommentsView(EntryDetailView):
    """The comments page of an item: the item's title and excerpt, then its discussion."""

    template_name = "comments/entry_comments.html"
    show_related = False
