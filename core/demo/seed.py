"""Turn the demo texts in core.demo.content into authors, sources and items of every section.

Section models are looked up through the app registry, so core imports no section app. Every object is
created only when its slug is free, and pictures are drawn only for objects created now, so a second run adds
neither rows nor files.
"""

import random
from datetime import timedelta

from django.apps import apps
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape

from core import revisions
from core.demo import content, images
from core.demo.content import library
from core.models import Author, Correction, Entry, Image, Source

SPREAD_DAYS = 120  # published items are spread over this many days before now
SCHEDULED_IN_DAYS = 7


def body_html(blocks, library=None):
    """HTML for a list of body blocks: "## " a heading, "> " a quotation, "? " a bold question, a list a list,
    {"figure": key} the picture `library[key]` (a core.models.Image) as the editor's figure dialog inserts it."""
    parts = []
    for block in blocks:
        if isinstance(block, dict):
            image = library[block["figure"]]
            parts.append(
                f'<figure><img src="{escape(image.file.url)}" alt="{escape(image.alt)}">'
                f"<figcaption>{escape(image.figcaption)}</figcaption></figure>"
            )
        elif isinstance(block, list):
            parts.append("<ul>" + "".join(f"<li><p>{escape(item)}</p></li>" for item in block) + "</ul>")
        elif block.startswith("## "):
            parts.append(f"<h2>{escape(block[3:])}</h2>")
        elif block.startswith("> "):
            parts.append(f"<blockquote><p>{escape(block[2:])}</p></blockquote>")
        elif block.startswith("? "):
            parts.append(f"<p><strong>{escape(block[2:])}</strong></p>")
        else:
            parts.append(f"<p>{escape(block)}</p>")
    return "".join(parts)


def isbn13(stem):
    """A hyphenated ISBN-13 from its first twelve digits, with the check digit computed."""
    total = sum((3 if i % 2 else 1) * int(digit) for i, digit in enumerate(stem))
    return f"{stem[:3]}-{stem[3]}-{stem[4:9]}-{stem[9:12]}-{(10 - total % 10) % 10}"


def publish_times(sections, now, days=SPREAD_DAYS):
    """{(section, slug): publish time} for every published item, newest first.

    Each section's items are spread evenly along the timeline, so any stretch of it (a home page, a
    month's archive) mixes sections the way a real magazine does.
    """
    ranked = sorted(
        ((index + 0.5) / len(items), section, item["slug"])
        for section, items in sections.items()
        for index, item in enumerate(items)
    )
    step = timedelta(days=days) / len(ranked)
    rng = random.Random(days)  # the same minutes on every run, for reproducible screenshots
    return {
        (section, slug): now - timedelta(hours=2) - step * rank - timedelta(minutes=rng.randint(0, 180))
        for rank, (_position, section, slug) in enumerate(ranked)
    }


def check_tags():
    """Refuse content whose tags would break the demo's promise: one article, and only one, has nothing related."""
    items = [*content.ARTICLES, content.DRAFT_ARTICLE, content.SCHEDULED_ARTICLE, content.ARCHIVE_ARTICLE,
             *content.INTERVIEWS,
             *content.REVIEWS, *content.CARTOONS, library.FIGURE_ARTICLE]  # fmt: skip
    for item in items:
        allowed = [content.LONELY_TAG] if item["slug"] == content.LONELY_ARTICLE_SLUG else content.TAGS
        unknown = set(item["tags"]) - set(allowed)
        if unknown:
            raise ValueError(f"Demo item {item['slug']!r} uses tags outside its vocabulary: {sorted(unknown)}")


class DemoSeeder:
    """Creates the demo content once; `created` counts what this run added, by model label."""

    def __init__(self, now=None):
        self.now = now or timezone.now()
        self.created = {}
        self.authors = {}
        self.sources = {}
        self.library = {}

    def _count(self, model):
        label = str(model._meta.verbose_name_plural)
        self.created[label] = self.created.get(label, 0) + 1

    @transaction.atomic
    def run(self):
        check_tags()
        for data in content.AUTHORS:
            self.authors[data["slug"]] = self.author(data)
        for data in content.SOURCES:
            defaults = {key: data[key] for key in ("name", "home_url", "description")}
            self.sources[data["slug"]], created = Source.objects.get_or_create(slug=data["slug"], defaults=defaults)
            if created:
                self._count(Source)
        sections = {
            "blog.Article": content.ARTICLES,
            "interviews.Interview": content.INTERVIEWS,
            "reviews.BookReview": content.REVIEWS,
            "cartoons.Cartoon": content.CARTOONS,
        }
        times = publish_times(sections, self.now)
        for label, items in sections.items():
            for data in items:
                self.create(label, data, times[label, data["slug"]])
        self.create("blog.Article", content.DRAFT_ARTICLE, self.now - timedelta(days=1), Entry.Status.DRAFT)
        self.create("blog.Article", content.SCHEDULED_ARTICLE, self.now + timedelta(days=SCHEDULED_IN_DAYS))
        archive = content.ARCHIVE_ARTICLE
        self.create("blog.Article", archive, self.now - timedelta(days=archive["days_ago"]))
        for data in library.LIBRARY:
            self.library[data["key"]] = self.library_image(data)
        figures = library.FIGURE_ARTICLE
        self.create("blog.Article", figures, self.now - timedelta(days=figures["days_ago"]))
        return self.created

    def library_image(self, data):
        """A picture in the image library, drawn only when no picture has its alt text yet."""
        if image := Image.objects.filter(alt=data["alt"]).first():
            return image
        image = Image(alt=data["alt"], caption=data["caption"], credit=data["credit"])
        drawing = getattr(images, data["drawing"])(data["key"])
        image.file.save(drawing.name, drawing, save=False)
        image.full_clean()
        image.save()
        self._count(Image)
        return image

    def author(self, data):
        author, created = Author.objects.get_or_create(
            slug=data["slug"], defaults={"name": data["name"], "bio": data["bio"]}
        )
        if created:
            if data.get("photo"):
                author.photo.save(f"{author.slug}.jpg", images.portrait(author.slug, author.name))
            self._count(Author)
        return author

    def create(self, label, data, published_at, status=Entry.Status.PUBLISHED):
        """Create one item of the section `label` unless its slug is taken; return it, or None if it existed."""
        model = apps.get_model(label)
        if model.objects.filter(slug=data["slug"]).exists():
            return None
        entry = model(
            slug=data["slug"], title=data["title"], excerpt=data.get("excerpt", ""),
            body=body_html(data.get("body", []), self.library), status=status, published_at=published_at,
            featured=data.get("featured", False),
        )  # fmt: skip
        if data.get("source"):
            entry.source = self.sources[data["source"]]
            entry.original_url = f"{entry.source.home_url}{published_at:%Y/%m}/{entry.slug}/"
        if data.get("image"):
            entry.lead_image.save(f"{entry.slug}.jpg", images.lead_image(entry.slug, entry.title), save=False)
            entry.lead_image_alt = (
                f"Illustration: a heartbeat line across soft circles and a medical cross, with the words "
                f"“{entry.title}”."
            )
        getattr(self, f"fill_{model._meta.model_name}", lambda entry, data: None)(entry, data)
        entry.full_clean()  # the demo keeps every rule editors meet in the admin
        with revisions.recording("Demo content (seed_demo)."):  # its first version in the item's history
            entry.save()
            entry.authors.set([self.authors[slug] for slug in data.get("authors", [])])
            entry.tags.set(data["tags"])
            for position, (name, role) in enumerate(data.get("interviewees", [])):
                entry.interviewees.create(name=name, role=role, position=position)
        for kind, days_after, text in data.get("notes", []):
            note = Correction.objects.create(item=entry, kind=kind, text=text)
            # Dated some days after publishing, as a real note would be (a note is dated when added: no field).
            dated = min(published_at + timedelta(days=days_after), self.now - timedelta(hours=1))
            Correction.objects.filter(pk=note.pk).update(created_at=dated)
            self._count(Correction)
        self._count(model)
        return entry

    def fill_bookreview(self, review, data):
        book = data["book"]
        review.book_title, review.book_authors = book["title"], book["authors"]
        review.publisher, review.year, review.rating = book["publisher"], book["year"], book.get("rating")
        review.isbn = isbn13(book["isbn_stem"])
        review.purchase_url = f"https://bookshop.example.com/books/{review.slug}/"
        review.cover.save(f"{review.slug}.jpg", images.book_cover(review.slug, book["title"], book["authors"]),
                          save=False)  # fmt: skip

    def fill_cartoon(self, cartoon, data):
        drawing = images.cartoon(cartoon.slug, data["speech"], data["prop"], figures=data["figures"])
        cartoon.lead_image.save(drawing.name, drawing, save=False)
        cartoon.lead_image_alt = data["alt"]
        cartoon.excerpt = cartoon.caption = data["caption"]
        cartoon.transcript = f"Speech bubble: “{data['speech']}”"
        cartoon.artist = content.ARTIST


def seed_demo_content(now=None):
    """Create the demo content; return {model's plural name: how many were created}."""
    return DemoSeeder(now).run()
