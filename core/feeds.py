"""RSS 2.0 and Atom feeds of the newest items (the whole magazine, one section, or one tag, author or source), and
of the newest corrections and updates."""

import mimetypes
import re

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Enclosure
from django.utils.html import escape
from django.utils.text import capfirst
from taggit.models import Tag

from core.dependencies import CORRECTIONS, author_key, depends_on, list_key, source_key, tag_key
from core.models import Author, Correction, Source
from core.pagekeys import card_keys
from core.pictures import has_recorded_size
from core.registry import CrossSectionList, entry_models
from core.sites import absolute_url

FEED_LENGTH = 20
# What XML 1.0 cannot carry even escaped: control characters but tab and line breaks, surrogates, U+FFFE, U+FFFF.
# Editors and imports can still store them (pasted from a word processor); Django would refuse to write the feed.
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(value):
    """`value` (text, or a list of texts such as categories) without the characters XML cannot carry."""
    if isinstance(value, str):
        return XML_ILLEGAL.sub("", value)
    if isinstance(value, list | tuple):
        return type(value)(xml_text(part) for part in value)
    return value


class FeedItems(CrossSectionList):
    """A cross-section list whose items come with their tags, which feeds list as categories."""

    def load(self, model, pks):
        return super().load(model, pks).prefetch_related("tags")


def shown(items, *list_keys):
    """`items`, once the page cache knows the feed shows them and what they come from (core.dependencies)."""
    depends_on(*list_keys, *(key for item in items for key in card_keys(item, with_comments=False)))
    return items


class MagazineFeed(Feed):
    """A feed as RSS 2.0 or, with `atom=True`, as Atom, its texts cleared of what XML cannot carry."""

    def __init__(self, atom=False):
        super().__init__()
        if atom:
            self.feed_type = Atom1Feed

    def get_feed(self, obj, request):
        """The feed, with every text cleared of what XML cannot carry (`xml_text`).

        Its own title and description may name a tag, author or source as editors typed it: text, like item titles.
        """
        feed = super().get_feed(obj, request)
        feed.feed["title"] = self.as_text(feed.feed["title"])
        feed.feed["description"] = self.as_text(feed.feed["description"])  # Atom writes its subtitle instead
        feed.feed.update({key: xml_text(value) for key, value in feed.feed.items()})
        for item in feed.items:
            item.update({key: xml_text(value) for key, value in item.items()})
        return feed

    # RSS readers take titles and descriptions as HTML, and Atom summaries are marked as HTML, so plain text
    # from editors is escaped for them; Atom titles and subtitles are plain text (Django would escape them all).
    def as_text(self, text):
        return text if self.feed_type is Atom1Feed else escape(text)

    def subtitle(self, obj):  # Atom's name for the description
        return self.description(obj)


class EntryFeed(MagazineFeed):
    """The newest published items of every section, as RSS 2.0 or, with `atom=True`, as Atom."""

    def title(self, obj):
        return settings.SITE_NAME

    def link(self, obj):
        return reverse("core:home")

    def description(self, obj):
        return f"The latest from {settings.SITE_NAME}: commentary, interviews, book reviews and cartoons."

    def items(self, obj):
        return shown(FeedItems()[:FEED_LENGTH], *(list_key(model) for model in entry_models()))

    def get_feed(self, obj, request):
        """The feed, with enclosure URLs made absolute the way Django already makes links absolute."""
        feed = super().get_feed(obj, request)
        for item in feed.items:
            item["enclosures"] = [
                Enclosure(absolute_url(request, e.url), e.length, e.mime_type) for e in item["enclosures"]
            ]
        return feed

    def item_title(self, item):
        return self.as_text(item.title)

    def item_description(self, item):
        return escape(item.summary)

    def item_author_name(self, item):
        return ", ".join(author.name for author in item.authors.all()) or None

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]

    def item_enclosures(self, item):
        """The lead image, for sections whose image is the item itself (cartoons)."""
        if not (item.feed_encloses_lead_image and has_recorded_size(item.lead_image)):
            return []  # none, or a file that could not be read as a picture when it was saved
        length = item.lead_image_bytes  # recorded at upload: the feed asks storage nothing (core.pictures)
        if length is None:  # uploaded before lengths were recorded
            try:
                length = item.lead_image.size
            except OSError:  # a lost upload costs the item its enclosure, not the feed its answer
                return []
        mime_type = mimetypes.guess_type(item.lead_image.name)[0] or "application/octet-stream"
        return [Enclosure(item.lead_image.url, str(length), mime_type)]


class SectionFeed(EntryFeed):
    """One section's newest published items."""

    def __init__(self, model, atom=False):
        super().__init__(atom=atom)
        self.model = model

    def title(self, obj):
        return f"{capfirst(self.model._meta.verbose_name_plural)} · {settings.SITE_NAME}"

    def link(self, obj):
        return reverse(f"{self.model._meta.app_label}:list")

    def description(self, obj):
        return f"The latest {self.model._meta.verbose_name_plural} from {settings.SITE_NAME}."

    def items(self, obj):
        items = self.model.objects.published().for_listing().prefetch_related("tags")[:FEED_LENGTH]
        return shown(list(items), list_key(self.model))


class OwnerFeed(EntryFeed):
    """The newest published items, of any section, that share one tag, author or source."""

    owner_model = None
    owner_lookup = None  # the Entry field that points at the owner
    owner_url_name = None

    def get_object(self, request, slug):
        return get_object_or_404(self.owner_model, slug=slug)

    def link(self, obj):
        return reverse(self.owner_url_name, kwargs={"slug": obj.slug})

    def items(self, obj):
        return shown(FeedItems(**{self.owner_lookup: obj})[:FEED_LENGTH], self.owner_key(obj.pk))


class TagFeed(OwnerFeed):
    owner_model, owner_lookup, owner_url_name, owner_key = Tag, "tags", "core:tag", staticmethod(tag_key)

    def title(self, obj):
        return f"Tagged “{obj.name}” · {settings.SITE_NAME}"

    def description(self, obj):
        return f"The latest items tagged “{obj.name}” in {settings.SITE_NAME}."


class AuthorFeed(OwnerFeed):
    owner_model, owner_lookup, owner_url_name, owner_key = Author, "authors", "core:author", staticmethod(author_key)

    def title(self, obj):
        return f"{obj.name} · {settings.SITE_NAME}"

    def description(self, obj):
        return f"The latest by {obj.name} in {settings.SITE_NAME}."


class SourceFeed(OwnerFeed):
    owner_model, owner_lookup, owner_url_name, owner_key = Source, "source", "core:source", staticmethod(source_key)

    def title(self, obj):
        return f"Republished from {obj.name} · {settings.SITE_NAME}"

    def description(self, obj):
        return f"Pieces first published at {obj.name}, as republished in {settings.SITE_NAME}."


class CorrectionFeed(EntryFeed):
    """The newest corrections, updates and clarifications on published items: one entry per note."""

    def title(self, obj):
        return f"Corrections and updates · {settings.SITE_NAME}"

    def link(self, obj):
        return reverse("core:corrections")

    def description(self, obj):
        return f"Corrections, updates and clarifications to what {settings.SITE_NAME} has published."

    def items(self, obj):
        depends_on(CORRECTIONS, *(list_key(model) for model in entry_models()))
        return list(Correction.objects.published().with_items()[:FEED_LENGTH])

    def item_title(self, note):
        return self.as_text(f"{note.get_kind_display()}: {note.item.title}")

    def item_description(self, note):
        return escape(note.text)

    def item_link(self, note):
        # Also its guid: one per note, so a feed reader shows a later note on the same item as new.
        return f"{note.item.get_absolute_url()}#note-{note.pk}"

    def item_author_name(self, note):
        return None

    def item_pubdate(self, note):
        return note.created_at

    def item_updateddate(self, note):
        return note.created_at

    def item_categories(self, note):
        return [note.get_kind_display()]

    def item_enclosures(self, note):
        return []
