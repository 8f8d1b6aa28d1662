"""What an item page tells search engines and social sites: its canonical URL and schema.org data (JSON-LD)."""

import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

# The escapes of Django's json_script: no text in the data can close the <script> element or open a comment.
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld(data):
    """`data` as a `<script type="application/ld+json">` element, escaped the way Django's json_script is."""
    text = json.dumps(data, cls=DjangoJSONEncoder).translate(_SCRIPT_ESCAPES)  # ASCII only: no U+2028 either
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


class EntryMetadata:
    """Mixed into Entry. Sections override `structured_data()` to say what they are (a Review of a Book, ...)."""

    def canonical_url(self, our_url):
        """The address search engines should credit: a syndicated item's original post, unless the
        SYNDICATED_CANONICAL setting is "ours"; otherwise `our_url`, the item's own absolute URL."""
        if self.original_url and settings.SYNDICATED_CANONICAL == "original":
            return self.original_url
        return our_url

    def structured_data(self, absolute):
        """schema.org data about the item, as a dict for `json_ld()`; `absolute(path)` makes an absolute URL.

        Reads authors and tags through `all()`, so a page that prefetched them (`for_detail()`) runs no query;
        its notes through `notes`, which the item page sets. A note dates the item as modified too.
        """
        url = absolute(self.get_absolute_url())
        data = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": self.title,
            "description": self.summary,
            "url": url,
            "mainEntityOfPage": url,
            "datePublished": self.published_at,
            "dateModified": max([self.updated_at, *(note.created_at for note in self.notes)]),
            "author": [
                {"@type": "Person", "name": author.name, "url": absolute(author.get_absolute_url())}
                for author in self.authors.all()
            ],
            "publisher": {"@type": "Organization", "name": settings.SITE_NAME, "url": absolute("/")},
            "keywords": [tag.name for tag in self.tags.all()],
        }
        if image_url := self.page_image_url:
            width, height = self.page_image_size
            data["image"] = {"@type": "ImageObject", "url": absolute(image_url), "width": width, "height": height}
        if self.original_url:
            data["isBasedOn"] = self.original_url
        if self.notes:
            data["correction"] = [
                {"@type": "CorrectionComment", "text": note.text, "datePublished": note.created_at}
                for note in self.notes
            ]
        return data
