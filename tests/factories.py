"""Plain functions that build test data: published and an hour old unless a test says otherwise."""

import io
from datetime import timedelta
from itertools import count

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw

from blog.models import Article
from cartoons.models import Cartoon
from core.models import Author, Entry, Source
from interviews.models import Interview, Interviewee
from reviews.models import BookReview

_serial = count(1)


def png_file(name="picture.png", size=(800, 500), colour=(40, 90, 160)):
    """A real PNG drawn with Pillow, as an upload."""
    image = Image.new("RGB", size, colour)
    ImageDraw.Draw(image).ellipse((10, 10, size[0] // 2, size[1] // 2), fill=(240, 200, 60))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def _entry(model, tags=(), authors=(), **fields):
    n = next(_serial)
    fields.setdefault("title", f"{model._meta.verbose_name.capitalize()} number {n}")
    fields.setdefault("slug", f"{model._meta.model_name}-{n}")
    fields.setdefault("excerpt", f"Excerpt of item {n}.")
    fields.setdefault("body", f"<p>Body of item {n}.</p>")
    fields.setdefault("status", Entry.Status.PUBLISHED)
    fields.setdefault("published_at", timezone.now() - timedelta(hours=1, minutes=n))
    entry = model.objects.create(**fields)
    if tags:
        entry.tags.add(*tags)
    if authors:
        entry.authors.add(*authors)
    return entry


def make_article(**fields):
    return _entry(Article, **fields)


def make_interview(interviewees=(), **fields):
    interview = _entry(Interview, **fields)
    for position, (name, role) in enumerate(interviewees):
        Interviewee.objects.create(interview=interview, name=name, role=role, position=position)
    return interview


def make_review(**fields):
    fields.setdefault("book_title", "A Book About Hospitals")
    fields.setdefault("book_authors", "R. Writer")
    fields.setdefault("isbn", "978-0-306-40615-7")
    return _entry(BookReview, **fields)


def make_cartoon(**fields):
    fields.setdefault("lead_image", png_file("cartoon.png", size=(900, 700)))
    fields.setdefault("lead_image_alt", "A doctor and a patient looking at a very long bill.")
    return _entry(Cartoon, **fields)


MAKERS = {"blog": make_article, "interviews": make_interview, "reviews": make_review, "cartoons": make_cartoon}


def make_author(name=None, **fields):
    n = next(_serial)
    name = name or f"Author {n}"
    fields.setdefault("slug", f"author-{n}")
    return Author.objects.create(name=name, **fields)


def make_source(name=None, **fields):
    n = next(_serial)
    fields.setdefault("slug", f"source-{n}")
    fields.setdefault("home_url", f"https://partner{n}.example.org/")
    return Source.objects.create(name=name or f"Partner blog {n}", **fields)


def make_comment(entry, text="A thoughtful comment.", parent=None, **fields):
    """An approved comment on `entry` (a reply when `parent` is given)."""
    from django.contrib.contenttypes.models import ContentType
    from django_comments_xtd.models import XtdComment

    fields.setdefault("user_name", "Reader")
    fields.setdefault("user_email", "reader@example.org")
    fields.setdefault("is_public", True)
    fields.setdefault("submit_date", timezone.now())
    return XtdComment.objects.create(
        content_type=ContentType.objects.get_for_model(entry), object_pk=str(entry.pk), site_id=1,
        comment=text, parent_id=parent.pk if parent else 0, **fields,
    )  # fmt: skip


def comment_form_data(entry, **fields):
    """What a reader's browser posts from the comments page: fresh security fields plus the typed fields."""
    from comments.forms import CommentForm

    data = CommentForm(entry).generate_security_data()
    data.update({"name": "Ann Reader", "email": "ann@example.org", "url": "", "comment": "Well argued.",
                 "reply_to": "0", "honeypot": ""})  # fmt: skip
    data.update(fields)
    return data


# The admin's URL name of each section's item model, by app label: "admin:<name>_change" and so on.
ADMIN_NAMES = {
    "blog": "blog_article",
    "interviews": "interviews_interview",
    "reviews": "reviews_bookreview",
    "cartoons": "cartoons_cartoon",
}
